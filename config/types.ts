import * as pulumi from "@pulumi/pulumi";
import { Network, NodeMode } from "../catalog/networks";
import { ProfileName } from "../catalog/profiles";
import { AwsProviderSettings } from "./awsProvider";
import { HistoryNeed } from "../catalog/history";
import { RuleValues } from "./keys";
import { ClientBase, ClientPair } from "../catalog/clients";
import { ClientRelease } from "../catalog/releases/types";

/**
 * The stack's configuration: read once, validated as a whole, and passed down as plain data.
 * Every problem is collected first and reported together, before any resource is registered. The
 * keys one rule reads (allowFreshChainVolume, privateZone, nodeCount, the readiness thresholds, the
 * snapshot schedule) come typed from the key table (config/keys.ts).
 */
export interface StackConfig extends RuleValues {
    project: string;
    stack: string;
    region: string;
    network: Network;
    /** The pair at the chosen releases (each client's image tag is its release). */
    client: ClientPair;
    /** Each client's release: the pin or the version key's, with the catalog's record when known. */
    releases: Record<Role, ChosenRelease>;
    /** How far back receipts and logs must reach; the mode is chosen (or checked) to keep them. */
    logsFrom: HistoryNeed;
    nodeMode: NodeMode;
    /** Set by the stack; an unset one keeps a deployed mode that still serves (domain/deployedMode.ts). */
    nodeModeSet: boolean;
    profile: ProfileName;
    /** Per-profile overrides as given; domain/preflight.ts resolves them against the catalog. */
    profiles: Record<ProfileName, ProfileOverrides>;
    chainSnapshotId?: string;
    dnsName: string;
    vpcId?: string;
    subnetId?: string;
    /** The single node's zone as set; unset: the deployed node's zone, or `<region>a` for a new stack. */
    availabilityZone?: string;
    /** The zones of the nodes when nodeCount ≥ 2, in order; empty: the region's first zones that fit. */
    availabilityZones: string[];
    alertEmail?: string;
    referenceRpcUrls: string[];
    /** Upstream image digests the operator reviewed after their tag was pushed again. */
    acceptImageDigests: string[];
    /** JSON-RPC namespaces served on 8545/8546. */
    rpcApis: string[];
    /** CIDRs inside the VPC that may call RPC besides the access security group. */
    rpcAllowedCidrs: string[];
    /** Consensus checkpoint-sync endpoints, tried in order on a first start. */
    checkpointSyncUrls: string[];
    logRetentionDays: number;
    /** Peer limits passed to the clients; they bound the P2P egress. */
    peers: { execution: number; consensus: number };
    /** The stack's AWS provider settings (`aws:*`), for the code that calls AWS outside the provider. */
    awsProvider: AwsProviderSettings;
}

export const ROLES = ["execution", "consensus"] as const;
export type Role = (typeof ROLES)[number];

/** A client's release as the stack chose it (config/versions.ts reads the keys). */
export interface ChosenRelease {
    role: Role;
    /** The client as the stack runs it: its image tag is the chosen version. */
    client: ClientBase;
    version: string;
    /** Set by the stack's version key rather than taken from the pin. */
    explicit: boolean;
    /** The catalog's record of it; undefined for a release the catalog does not know. */
    known?: ClientRelease;
}

export interface ConfigProblem {
    key: string;
    message: string;
}

/** Thrown for bad stack config; a RunError so Pulumi prints the message without a stack trace. */
export class ConfigValidationError extends pulumi.RunError {
    constructor(
        public readonly problems: ConfigProblem[],
        namespace: string,
    ) {
        super(
            `Invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${namespace}:${p.key}: ${p.message}`).join("\n"),
        );
    }
}

export interface ConfigContext {
    project: string;
    stack: string;
    /** `aws:region` from the stack config. */
    region?: string;
}

/** Per-profile overrides of the catalog's defaults, as the user set them. */
export interface ProfileOverrides {
    instanceType?: string;
    volumeType?: string;
    volumeSizeGiB?: number;
    iops?: number;
    throughputMiBps?: number;
    volumeInitializationRateMiBps?: number;
    /** Accept a size or instance below the client's minimum, with a warning instead of an error. */
    allowUndersized?: boolean;
}

export const OVERRIDE_KEYS: (keyof ProfileOverrides)[] = [
    "instanceType",
    "volumeType",
    "volumeSizeGiB",
    "iops",
    "throughputMiBps",
    "volumeInitializationRateMiBps",
    "allowUndersized",
];
