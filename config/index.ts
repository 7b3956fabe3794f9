import * as pulumi from "@pulumi/pulumi";
import { StackConfig, ConfigProblem, ConfigValidationError, ConfigContext } from "./types";
import { CONFIG_KEYS, RuleValues } from "./keys";
import {
    show,
    parseRpcApis,
    parseRpcCidrs,
    parseLogRetention,
    parseDnsName,
    parseAvailabilityZone,
    parseList,
    zoneProblem,
    parseUrlList,
    parsePeers,
} from "./fields";
import { parseProfileOverrides } from "./profiles";
import { Reader, reader, readRuleKeys } from "./reader";
import { readNode } from "./node";
import { awsProviderSettings } from "./awsProvider";

export * from "./types";
export { CONFIG_KEYS, MAX_NODES } from "./keys";

const SNAPSHOT_ID = /^snap-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface ConfigReading {
    /** Every field parsed; a bad value is replaced by its default so later checks can still run. */
    config: StackConfig;
    problems: ConfigProblem[];
}

/** Reads the program's namespace from the Pulumi config; the caller reports the problems. */
export function loadConfig(): ConfigReading {
    const project = pulumi.getProject();
    const all = pulumi.runtime.allConfig();
    const reading = readConfig(namespaceConfig(all, project), {
        project,
        stack: pulumi.getStack(),
        region: all["aws:region"],
    });
    return { ...reading, config: { ...reading.config, awsProvider: awsProviderSettings(all) } };
}

/** Validation of the raw config that throws ConfigValidationError listing every problem. */
export function parseConfig(raw: Record<string, string>, ctx: ConfigContext): StackConfig {
    const { config, problems } = readConfig(raw, ctx);
    if (problems.length > 0) {
        throw new ConfigValidationError(problems, ctx.project);
    }
    return config;
}

/** The keys of one namespace (`project:key`), without the prefix. */
export function namespaceConfig(
    all: Record<string, string>,
    project: string,
): Record<string, string> {
    const prefix = `${project}:`;
    return Object.fromEntries(
        Object.entries(all)
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, value]) => [key.slice(prefix.length), value]),
    );
}

/** Where the nodes run: the VPC and subnet (together or not at all), the zones and the count. */
function readPlacement(r: Reader, region: string, nodeCount: number) {
    const { raw, problem, isSet } = r;
    const vpcId = r.matching("vpcId", VPC_ID, "vpc- followed by 8 or 17 hex digits");
    const subnetId = r.matching("subnetId", SUBNET_ID, "subnet- followed by 8 or 17 hex digits");
    for (const [given, missing] of [
        ["vpcId", "subnetId"],
        ["subnetId", "vpcId"],
    ] as const) {
        if (isSet(given) && !isSet(missing)) {
            problem(
                missing,
                `must be set together with ${given} ${show(raw[given])}; set both, or neither to use the default VPC`,
            );
        }
    }
    const availabilityZone = parseAvailabilityZone(raw.availabilityZone, region, problem);
    const availabilityZones = parseList(
        "availabilityZones",
        raw.availabilityZones,
        "zones",
        `${region}b`,
        problem,
        (zone) => zoneProblem(zone, region),
    );
    if (new Set(availabilityZones).size < availabilityZones.length) {
        problem(
            "availabilityZones",
            `${show(availabilityZones)} repeats a zone; each node needs its own`,
        );
    }
    if (nodeCount > 1 && isSet("availabilityZone")) {
        problem(
            "availabilityZone",
            `applies to a single node; with nodeCount ${nodeCount} list the zones in availabilityZones (or leave both unset)`,
        );
    }
    if (nodeCount > 1 && isSet("vpcId")) {
        problem(
            "nodeCount",
            `${nodeCount} nodes run in the default VPC's default subnets, one per zone; with vpcId ${show(raw.vpcId)} run one node`,
        );
    }
    if (nodeCount > 1 && availabilityZones.length > 0 && availabilityZones.length < nodeCount) {
        problem(
            "availabilityZones",
            `lists ${availabilityZones.length} zone(s) for nodeCount ${nodeCount}; list at least ${nodeCount}`,
        );
    }
    return { vpcId, subnetId, availabilityZone, availabilityZones };
}

/** What the node serves and to whom: RPC, the stable name, checkpoint sources, peers. */
function readService(r: Reader, node: ReturnType<typeof readNode>, rules: RuleValues) {
    const { raw, problem } = r;
    const checkpointUrls = parseUrlList(
        "checkpointSyncUrls",
        raw.checkpointSyncUrls,
        problem,
        true,
    );
    const checkpointSyncUrls =
        checkpointUrls.length > 0
            ? checkpointUrls
            : node.client.consensus.checkpointSyncUrls[node.network];
    // A provider's checkpoint counts only when enough of the others confirm it (the entrypoint).
    if (rules.checkpointConfirmations > checkpointSyncUrls.length - 1) {
        problem(
            "checkpointConfirmations",
            `${rules.checkpointConfirmations} other provider(s) must confirm a checkpoint, but checkpointSyncUrls lists ${checkpointSyncUrls.length}; list at least ${rules.checkpointConfirmations + 1} URLs, or set checkpointConfirmations to at most ${checkpointSyncUrls.length - 1} (0 trusts the first that answers)`,
        );
    }
    return {
        rpcApis: parseRpcApis(raw.rpcApis, node.client, problem),
        rpcAllowedCidrs: parseRpcCidrs(raw.rpcAllowedCidrs, problem),
        checkpointSyncUrls,
        dnsName: parseDnsName(raw.dnsName, rules.privateZone, problem),
        peers: parsePeers(raw, node.client, rules.minPeers, problem),
    };
}

/** How the node is watched and its data kept: alerts, references, logs, snapshots, restores. */
function readOperations(r: Reader) {
    const { raw, problem } = r;
    return {
        chainSnapshotId: r.matching(
            "chainSnapshotId",
            SNAPSHOT_ID,
            "empty or snap- followed by 8 or 17 hex digits",
        ),
        alertEmail: r.matching("alertEmail", EMAIL, "an e-mail address such as ops@example.com"),
        referenceRpcUrls: parseUrlList("referenceRpcUrls", raw.referenceRpcUrls, problem),
        acceptImageDigests: parseList(
            "acceptImageDigests",
            raw.acceptImageDigests,
            "image digests",
            `sha256:${"0".repeat(64)}`,
            problem,
            (d) =>
                IMAGE_DIGEST.test(d) ? undefined : "is not a digest such as sha256:<64 hex digits>",
        ),
        logRetentionDays: parseLogRetention(raw.logRetentionDays, problem),
    };
}

/** Pure parsing of the raw (string-valued) config: every field, and every problem found. */
export function readConfig(raw: Record<string, string>, ctx: ConfigContext): ConfigReading {
    const problems: ConfigProblem[] = [];
    const r = reader(raw, problems);
    for (const key of Object.keys(raw)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
            r.problem(key, `unknown key; known keys: ${CONFIG_KEYS.join(", ")}`);
        }
    }
    const region = ctx.region ?? "";
    if (!REGION.test(region)) {
        r.problem(
            "aws:region",
            `${show(ctx.region ?? "")} is not an AWS region; set it with \`pulumi config set aws:region us-east-1\``,
        );
    }
    const node = readNode(r);
    // The keys one rule reads (config/keys.ts); the sections below read the rest.
    const rules = readRuleKeys(r);
    const placement = readPlacement(r, region, rules.nodeCount);
    const operations = readOperations(r);
    const service = readService(r, node, rules);
    const config: StackConfig = {
        project: ctx.project,
        stack: ctx.stack,
        region,
        ...node,
        ...rules,
        profiles: parseProfileOverrides(raw.profiles, r.problem),
        ...placement,
        ...operations,
        ...service,
        awsProvider: { region },
    };
    return { config, problems };
}
