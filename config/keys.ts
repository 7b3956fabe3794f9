import { NETWORKS } from "../catalog/networks";
import {
    CLIENT_PAIRS,
    CONSENSUS_CLIENTS,
    DEFAULT_CLIENT,
    EXECUTION_CLIENTS,
    followsNetwork,
} from "../catalog/clients";
import { PROFILE_NAMES, DEFAULT_PROFILE } from "../catalog/profiles";
import { DLM_INTERVAL_HOURS } from "../catalog/awsLimits";
import { PointName } from "../catalog/history";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";
import { BooleanRule, IntegerRule, KeySpec, code } from "./keyRules";
import { SERVING_KEY_SPECS } from "./servingKeys";

export type { BooleanRule, ChoiceRule, IntegerRule, KeySpec } from "./keyRules";
export { integersAllowed } from "./keyRules";

/**
 * The configuration keys, one entry each: how a simple key reads (its type, default and range,
 * which the parser uses), and what the README's configuration table says of it. Keys with their own
 * parser (lists, names, the history need, the profile overrides) carry their documentation here and
 * their rules in config/fields.ts, config/node.ts and config/profiles.ts.
 */

/** What `logsFrom` asks for when unset: logs and receipts since the Prague fork. */
export const DEFAULT_LOGS_FROM: PointName = "prague";

const peerDefaults = (clients: Record<string, { defaultPeers: { value: number } }>) =>
    Object.entries(clients)
        .map(([name, c]) => `${name} ${c.defaultPeers.value}`)
        .join(", ");

/** Nodes one stack may run; a region rarely has more zones than this. */
export const MAX_NODES = 6;

/** The networks some pair's pinned releases follow (the pre-flight refuses the others, with the reason). */
const FOLLOWED_NETWORKS = NETWORKS.filter((network) =>
    Object.values(CLIENT_PAIRS).some((pair) => followsNetwork(pair, network)),
);

/** Each client's pin, for a version key's default. */
const pins = (clients: Record<string, { releases: { pin: string } }>) =>
    Object.entries(clients)
        .map(([name, c]) => `${name} ${c.releases.pin}`)
        .join(", ");

export const KEY_SPECS = {
    network: {
        key: "network",
        rule: { type: "choice", default: "mainnet", values: NETWORKS },
        allowedDoc: `${NETWORKS.map(code).join(", ")}, where both clients' releases schedule every fork of the network (\`catalog/forks.ts\`; a deployed stack gets a warning instead); with today's pins ${FOLLOWED_NETWORKS.map(code).join(" and ")}`,
        readBy: "config/node.ts",
        shapes: "client flags (`catalog/*Clients.ts`), volume size",
    },
    client: {
        key: "client",
        rule: { type: "choice", default: DEFAULT_CLIENT, values: Object.keys(CLIENT_PAIRS) },
        allowedDoc: `${Object.keys(CLIENT_PAIRS).map(code).join(", ")} (every execution × consensus entry in the catalog)`,
        readBy: "config/node.ts",
        shapes: "images, containers, ports",
    },
    executionVersion: {
        key: "executionVersion",
        defaultDoc: `the pin (${pins(EXECUTION_CLIENTS)})`,
        allowedDoc:
            "a release tag of the pair's execution client (`v1.17.10`); a release the catalog does not know is accepted with a warning that its flags and forks are unverified",
        readBy: "config/versions.ts",
        shapes: "the execution image; the fork and security check (`domain/releaseReadiness.ts`)",
    },
    consensusVersion: {
        key: "consensusVersion",
        defaultDoc: `the pin (${pins(CONSENSUS_CLIENTS)})`,
        allowedDoc:
            "a release tag of the pair's consensus client (`v8.3.3`, teku `26.10.2`); an unknown one is accepted with a warning",
        readBy: "config/versions.ts",
        shapes: "the consensus image; the fork and security check (`domain/releaseReadiness.ts`)",
    },
    logsFrom: {
        key: "logsFrom",
        defaultDoc: code(DEFAULT_LOGS_FROM),
        allowedDoc:
            '`genesis`, `merge`, `prague`, a block number, or `head-N` (the newest N blocks): how far back receipts and logs must reach ("What the node serves")',
        readBy: "config/node.ts",
        shapes: "the mode chosen or checked, the monitor's history probe",
    },
    nodeMode: {
        key: "nodeMode",
        defaultDoc:
            "unset: the pair's mode that keeps `logsFrom` on the least disk (`minimal` for geth, `postprague` for reth with the default `logsFrom`)",
        allowedDoc:
            "`full`, `minimal`, `archive` and `postprague` (both reth only; geth's post-Prague mode is its `minimal`), and only one that keeps `logsFrom`; geth cannot run `full` on hoodi",
        readBy: "config/node.ts",
        shapes: "client flags, volume size",
    },
    profile: {
        key: "profile",
        rule: { type: "choice", default: DEFAULT_PROFILE, values: PROFILE_NAMES },
        readBy: "domain/preflight.ts",
        shapes: "instance type, volume performance",
    },
    profiles: {
        key: "profiles",
        defaultDoc: "none",
        allowedDoc: "per-profile overrides, the `profiles.<profile>.*` rows below",
        readBy: "config/profiles.ts",
        shapes: "`domain/profile.ts`",
    },
    chainSnapshotId: {
        key: "chainSnapshotId",
        defaultDoc: "unset: a fresh volume",
        allowedDoc: "`snap-` + 8 or 17 hex digits",
        readBy: "components/chainVolume.ts",
        shapes: "a new volume from that snapshot, pinned copy",
    },
    allowFreshChainVolume: {
        key: "allowFreshChainVolume",
        rule: { type: "boolean", default: false },
        allowedDoc: "`true` accepts replacing a restored volume with an empty one (a full re-sync)",
        readBy: "domain/liveVolume.ts, domain/deployment.ts",
        shapes: "the restore guard, a new empty volume",
    },
    dnsName: {
        key: "dnsName",
        defaultDoc: "(required)",
        allowedDoc:
            "a DNS name you own (not example.com, .test, .local, …); `.internal` only with `privateZone`",
        readBy: "components/privateEndpointDns.ts",
        shapes: "hosted zone, record",
    },
    // PrivateEndpointDns is private by default: nothing about the node is published.
    privateZone: {
        key: "privateZone",
        rule: { type: "boolean", default: true },
        allowedDoc:
            "`false`: a public hosted zone (delegated from your domain) instead of a private one in the VPC",
        readBy: "components/privateEndpointDns.ts",
        shapes: "zone",
    },
    vpcId: {
        key: "vpcId",
        defaultDoc: "the default VPC",
        allowedDoc: "`vpc-…`, together with `subnetId`",
        readBy: "components/network.ts",
        shapes: "security groups, zone",
    },
    subnetId: {
        key: "subnetId",
        defaultDoc: "the default subnet of `availabilityZone`",
        allowedDoc: "`subnet-…` in `availabilityZone`, together with `vpcId`",
        readBy: "components/network.ts",
        shapes: "the instance's subnet",
    },
    availabilityZone: {
        key: "availabilityZone",
        defaultDoc: "the deployed node's zone, or `<region>a` for a new stack",
        allowedDoc: "a zone of `aws:region` that offers both profiles' instance types",
        readBy: "domain/deployment.ts",
        shapes: "volume and instance zone",
    },
    nodeCount: {
        key: "nodeCount",
        rule: { type: "integer", default: 1, range: [1, MAX_NODES] },
        allowedDoc: `1–${MAX_NODES}: one node and an A record, or 2+ nodes in separate zones behind an internal load balancer`,
        readBy: "domain/deployment.ts",
        shapes: "one ChainVolume, group and service per node; the load balancer",
    },
    availabilityZones: {
        key: "availabilityZones",
        defaultDoc: "the region's first zones offering both instance types",
        allowedDoc: "with `nodeCount` ≥ 2: at least that many distinct zones of `aws:region`",
        readBy: "domain/deployment.ts",
        shapes: "each node's zone",
    },
    alertEmail: {
        key: "alertEmail",
        defaultDoc: "none",
        allowedDoc: "an e-mail address",
        readBy: "components/monitoring/alertTopic.ts",
        shapes: "SNS subscription",
    },
    referenceRpcUrls: {
        key: "referenceRpcUrls",
        defaultDoc: "none",
        allowedDoc: "list of http(s) URLs",
        readBy: "domain/containers.ts",
        shapes: "the monitor's lag reference",
    },
    acceptImageDigests: {
        key: "acceptImageDigests",
        defaultDoc: "none",
        allowedDoc:
            "list of `sha256:…` digests you have reviewed: a re-pushed upstream tag that now serves one of them is accepted",
        readBy: "domain/preflight.ts",
        shapes: "the upstream digest check (`domain/upstreamDigests.ts`): what each image is built on",
    },
    maxHeadAgeSeconds: {
        key: "maxHeadAgeSeconds",
        rule: { type: "integer", default: 60, range: [12, 3600], note: "one slot to one hour" },
        readBy: "domain/containers.ts",
        shapes: "readiness threshold, alarm",
    },
    minPeers: {
        key: "minPeers",
        rule: { type: "integer", default: 3, range: [0, 200] },
        readBy: "domain/containers.ts",
        shapes: "readiness threshold, alarm",
    },
    executionMaxPeers: {
        key: "executionMaxPeers",
        defaultDoc: `the client's own (${peerDefaults(EXECUTION_CLIENTS)})`,
        allowedDoc: "1–500, at least `minPeers`",
        readBy: "domain/containers.ts",
        shapes: "`--maxpeers` (geth) / `--max-peers` (reth); the plan's egress range",
    },
    consensusTargetPeers: {
        key: "consensusTargetPeers",
        defaultDoc: `the client's own (${peerDefaults(CONSENSUS_CLIENTS)})`,
        allowedDoc: `${GOSSIP_MESH_LOW.value}–500 (${GOSSIP_MESH_LOW.name})`,
        readBy: "domain/containers.ts",
        shapes: "lighthouse `--target-peers` / teku `--p2p-peer-upper-bound`; the plan's egress range",
    },
    ...SERVING_KEY_SPECS,
    logRetentionDays: {
        key: "logRetentionDays",
        defaultDoc: "30",
        allowedDoc: "a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, …)",
        readBy: "components/parityService.ts",
        shapes: "log groups",
    },
    // 4 h keeps a restore in another zone within 80 minutes at the catch-up rate measured on EBS
    // (12 h needed 95); the plan's recovery rows show it.
    snapshotIntervalHours: {
        key: "snapshotIntervalHours",
        rule: { type: "integer", default: 4, values: DLM_INTERVAL_HOURS },
        readBy: "components/program.ts",
        shapes: "the chain volumes' DLM schedule (`components/chainVolume.ts`)",
    },
    snapshotRetainCount: {
        key: "snapshotRetainCount",
        rule: { type: "integer", default: 42, range: [1, 1000] },
        defaultDoc: "42 (a week at the default interval)",
        readBy: "components/program.ts",
        shapes: "the chain volumes' DLM retention (`components/chainVolume.ts`)",
    },
} satisfies Record<string, KeySpec>;

/** Keys this program reads from its config namespace; anything else is reported as unknown. */
export const CONFIG_KEYS = Object.keys(KEY_SPECS) as (keyof typeof KEY_SPECS)[];

type Specs = typeof KEY_SPECS;

/** The keys one integer or boolean rule reads completely. */
export type RuleKey = {
    [K in keyof Specs]: Specs[K] extends { rule: IntegerRule | BooleanRule } ? K : never;
}[keyof Specs];

/** Their values, typed from the table: StackConfig holds them as they are. */
export type RuleValues = {
    [K in RuleKey]: Specs[K] extends { rule: IntegerRule } ? number : boolean;
};

export const RULE_KEYS = (Object.keys(KEY_SPECS) as (keyof Specs)[]).filter(
    (key): key is RuleKey => {
        const rule = (KEY_SPECS[key] as KeySpec).rule;
        return rule?.type === "integer" || rule?.type === "boolean";
    },
);
