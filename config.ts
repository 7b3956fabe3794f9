import * as pulumi from "@pulumi/pulumi";
import { NETWORKS, NODE_MODES, Network, NodeMode } from "./catalog/networks";
import {
    CLIENT_PAIRS,
    clientPair,
    ClientPair,
    DEFAULT_CLIENT,
    supportedModes,
    DEFAULT_RPC_APIS,
    FORBIDDEN_RPC_NAMESPACES,
} from "./catalog/clients";
import { isPrivateCidr, parseCidr } from "./lib/cidr";
import { DLM_INTERVAL_HOURS } from "./components/chainVolume";
import { PROFILE_NAMES, ProfileName, DEFAULT_PROFILE } from "./catalog/profiles";
import {
    resolveProfile,
    ProfileOverrides,
    OVERRIDE_KEYS,
    ResolvedProfile,
} from "./components/syncBoostProfile";

/**
 * The stack's configuration: read once, validated as a whole, and passed down as plain data.
 * Every problem is collected first and reported together, before any resource is registered.
 */
export interface StackConfig {
    project: string;
    stack: string;
    region: string;
    network: Network;
    client: ClientPair;
    nodeMode: NodeMode;
    profile: ProfileName;
    /** Per-profile overrides as given; `resolved` holds the outcome for every profile. */
    profiles: Record<ProfileName, ProfileOverrides>;
    resolved: Record<ProfileName, ResolvedProfile>;
    chainSnapshotId?: string;
    dnsName: string;
    vpcId?: string;
    subnetId?: string;
    availabilityZone: string;
    alertEmail?: string;
    referenceRpcUrls: string[];
    /** JSON-RPC namespaces served on 8545/8546. */
    rpcApis: string[];
    /** CIDRs inside the VPC that may call RPC besides the access security group. */
    rpcAllowedCidrs: string[];
    /** Consensus checkpoint-sync endpoints, tried in order on a first start. */
    checkpointSyncUrls: string[];
    logRetentionDays: number;
    /** A private hosted zone (VPC only) instead of the default public one. */
    privateZone: boolean;
    snapshotIntervalHours: number;
    snapshotRetainCount: number;
    /** Readiness: the newest block may be at most this old. */
    maxHeadAgeSeconds: number;
    /** Readiness: at least this many execution peers. */
    minPeers: number;
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

/** Keys this program reads from its config namespace; anything else is reported as unknown. */
export const CONFIG_KEYS = [
    "network",
    "client",
    "nodeMode",
    "profile",
    "profiles",
    "chainSnapshotId",
    "dnsName",
    "vpcId",
    "subnetId",
    "availabilityZone",
    "alertEmail",
    "referenceRpcUrls",
    "rpcApis",
    "rpcAllowedCidrs",
    "checkpointSyncUrls",
    "logRetentionDays",
    "privateZone",
    "snapshotIntervalHours",
    "snapshotRetainCount",
    "maxHeadAgeSeconds",
    "minPeers",
] as const;

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

export interface ConfigContext {
    project: string;
    stack: string;
    /** `aws:region` from the stack config. */
    region?: string;
}

const SNAPSHOT_ID = /^snap-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const show = (value: unknown): string => JSON.stringify(value);

/** Reads the program's namespace from the Pulumi config and validates it. */
export function loadConfig(): StackConfig {
    const project = pulumi.getProject();
    const all = pulumi.runtime.allConfig();
    return parseConfig(namespaceConfig(all, project), {
        project,
        stack: pulumi.getStack(),
        region: all["aws:region"],
    });
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

/** Pure validation of the raw (string-valued) config; throws ConfigValidationError listing every problem. */
export function parseConfig(raw: Record<string, string>, ctx: ConfigContext): StackConfig {
    const problems: ConfigProblem[] = [];
    const problem = (key: string, message: string) => problems.push({ key, message });

    for (const key of Object.keys(raw)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
            problem(key, `unknown key; known keys: ${CONFIG_KEYS.join(", ")}`);
        }
    }

    const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
        const value = raw[key];
        if (value === undefined || value === "") {
            return fallback;
        }
        if (!(allowed as readonly string[]).includes(value)) {
            problem(key, `${show(value)} is not allowed; allowed: ${allowed.join(", ")}`);
            return fallback;
        }
        return value as T;
    };
    const matching = (key: string, pattern: RegExp, expected: string): string | undefined => {
        const value = raw[key];
        if (value === undefined || value === "") {
            return undefined;
        }
        if (!pattern.test(value)) {
            problem(key, `${show(value)} is malformed; expected ${expected}`);
            return undefined;
        }
        return value;
    };

    const region = ctx.region ?? "";
    if (!REGION.test(region)) {
        problems.push({
            key: "aws:region",
            message: `${show(ctx.region ?? "")} is not an AWS region; set it with \`pulumi config set aws:region us-east-1\``,
        });
    }

    const network = oneOf("network", NETWORKS, "mainnet");
    const clientName = oneOf("client", Object.keys(CLIENT_PAIRS), DEFAULT_CLIENT);
    const client = clientPair(clientName);
    let nodeMode = oneOf("nodeMode", NODE_MODES, "full");
    if (!supportedModes(client).includes(nodeMode)) {
        problem(
            "nodeMode",
            `${show(nodeMode)} is not supported by client ${clientName}; allowed: ${supportedModes(client).join(", ")}`,
        );
        nodeMode = "full";
    }
    const profile = oneOf("profile", PROFILE_NAMES, DEFAULT_PROFILE);

    const chainSnapshotId = matching(
        "chainSnapshotId",
        SNAPSHOT_ID,
        "empty or snap- followed by 8 or 17 hex digits",
    );
    const vpcId = matching("vpcId", VPC_ID, "vpc- followed by 8 or 17 hex digits");
    const subnetId = matching("subnetId", SUBNET_ID, "subnet- followed by 8 or 17 hex digits");
    if ((raw.vpcId ?? "") !== "" && (raw.subnetId ?? "") === "") {
        problem(
            "subnetId",
            `must be set together with vpcId ${show(raw.vpcId)}; set both, or neither to use the default VPC`,
        );
    }
    if ((raw.subnetId ?? "") !== "" && (raw.vpcId ?? "") === "") {
        problem(
            "vpcId",
            `must be set together with subnetId ${show(raw.subnetId)}; set both, or neither to use the default VPC`,
        );
    }

    const dnsName = parseDnsName(raw.dnsName, problem);
    const availabilityZone = parseAvailabilityZone(raw.availabilityZone, region, problem);
    const alertEmail = matching("alertEmail", EMAIL, "an e-mail address such as ops@example.com");
    const referenceRpcUrls = parseUrlList("referenceRpcUrls", raw.referenceRpcUrls, problem);
    const rpcApis = parseRpcApis(raw.rpcApis, client, problem);
    const rpcAllowedCidrs = parseRpcCidrs(raw.rpcAllowedCidrs, problem);
    const checkpointUrls = parseUrlList("checkpointSyncUrls", raw.checkpointSyncUrls, problem);
    const checkpointSyncUrls =
        checkpointUrls.length > 0 ? checkpointUrls : client.consensus.checkpointSyncUrls[network];
    const logRetentionDays = parseLogRetention(raw.logRetentionDays, problem);
    const privateZone = parseBoolean("privateZone", raw.privateZone, problem);
    const snapshotIntervalHours = parseInteger(
        "snapshotIntervalHours",
        raw.snapshotIntervalHours,
        24,
        problem,
        (n) =>
            DLM_INTERVAL_HOURS.includes(n)
                ? undefined
                : `allowed: ${DLM_INTERVAL_HOURS.join(", ")}`,
    );
    const maxHeadAgeSeconds = parseInteger(
        "maxHeadAgeSeconds",
        raw.maxHeadAgeSeconds,
        60,
        problem,
        (n) => (n >= 12 && n <= 3600 ? undefined : "allowed: 12–3600 (one slot to one hour)"),
    );
    const minPeers = parseInteger("minPeers", raw.minPeers, 3, problem, (n) =>
        n >= 0 && n <= 200 ? undefined : "allowed: 0–200",
    );
    const snapshotRetainCount = parseInteger(
        "snapshotRetainCount",
        raw.snapshotRetainCount,
        7,
        problem,
        (n) => (n >= 1 && n <= 1000 ? undefined : "allowed: 1–1000"),
    );

    const profiles = parseProfileOverrides(raw.profiles, problem);
    const resolved = {} as Record<ProfileName, ResolvedProfile>;
    for (const name of PROFILE_NAMES) {
        const result = resolveProfile({
            profile: name,
            client,
            network,
            nodeMode,
            overrides: profiles[name],
            hasSnapshot: chainSnapshotId !== undefined,
        });
        result.problems.forEach((p) => problem(`profiles.${name}.${p.field}`, p.message));
        resolved[name] = result.resolved;
    }

    if (problems.length > 0) {
        throw new ConfigValidationError(problems, ctx.project);
    }
    return {
        project: ctx.project,
        stack: ctx.stack,
        region,
        network,
        client,
        nodeMode,
        profile,
        profiles,
        resolved,
        chainSnapshotId,
        dnsName,
        vpcId,
        subnetId,
        availabilityZone,
        alertEmail,
        referenceRpcUrls,
        rpcApis,
        rpcAllowedCidrs,
        checkpointSyncUrls,
        logRetentionDays,
        privateZone,
        snapshotIntervalHours,
        snapshotRetainCount,
        maxHeadAgeSeconds,
        minPeers,
    };
}

function parseBoolean(key: string, value: string | undefined, problem: Report): boolean {
    if (value === undefined || value === "" || value === "false") {
        return false;
    }
    if (value !== "true") {
        problem(key, `${show(value)} is not allowed; allowed: true, false`);
    }
    return value === "true";
}

/** A whole number with a default, checked by `rangeProblem` (undefined when allowed). */
function parseInteger(
    key: string,
    value: string | undefined,
    fallback: number,
    problem: Report,
    rangeProblem: (n: number) => string | undefined,
): number {
    if (value === undefined || value === "") {
        return fallback;
    }
    const n = Number(value);
    const message = Number.isInteger(n) ? rangeProblem(n) : "expected a whole number";
    if (message !== undefined) {
        problem(key, `${show(value)} is not allowed; ${message}`);
        return fallback;
    }
    return n;
}

function parseRpcApis(value: string | undefined, client: ClientPair, problem: Report): string[] {
    if (value === undefined || value === "") {
        return DEFAULT_RPC_APIS;
    }
    const apis = value
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== "");
    const allowed = client.execution.rpcNamespaces;
    for (const api of apis) {
        if (FORBIDDEN_RPC_NAMESPACES.includes(api)) {
            problem(
                "rpcApis",
                `${show(api)} is never exposed (it can move funds or reconfigure the node); allowed for ${client.name}: ${allowed.join(", ")}`,
            );
        } else if (!allowed.includes(api)) {
            problem(
                "rpcApis",
                `${show(api)} is not a namespace ${client.name} serves; allowed: ${allowed.join(", ")}`,
            );
        }
    }
    return [...new Set([...DEFAULT_RPC_APIS, ...apis])];
}

function parseRpcCidrs(value: string | undefined, problem: Report): string[] {
    return parseList("rpcAllowedCidrs", value, "CIDRs", "10.0.0.0/16", problem, (cidr) => {
        if (parseCidr(cidr) === undefined) {
            return "is not a CIDR such as 10.0.0.0/16";
        }
        return isPrivateCidr(cidr)
            ? undefined
            : "is not private; RPC may only be opened to RFC 1918 or RFC 4193 ranges inside the VPC";
    });
}

function parseLogRetention(value: string | undefined, problem: Report): number {
    if (value === undefined || value === "") {
        return 30;
    }
    const days = Number(value);
    if (!LOG_RETENTION_DAYS.includes(days)) {
        problem(
            "logRetentionDays",
            `${show(value)} is not a CloudWatch Logs retention; allowed: ${LOG_RETENTION_DAYS.join(", ")}`,
        );
        return 30;
    }
    return days;
}

type Report = (key: string, message: string) => void;

function parseDnsName(value: string | undefined, problem: Report): string {
    if (value === undefined || value === "") {
        problem(
            "dnsName",
            "is required: the name clients use for the node, e.g. `pulumi config set dnsName rpc.eth.example.com`",
        );
        return "";
    }
    const name = value.toLowerCase().replace(/\.$/, "");
    const labels = name.split(".");
    if (name.length > 253 || labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) {
        problem(
            "dnsName",
            `${show(value)} is not a valid DNS name; expected at least two dot-separated labels of a-z, 0-9 and inner hyphens, each at most 63 characters`,
        );
    }
    return name;
}

function parseAvailabilityZone(value: string | undefined, region: string, problem: Report): string {
    if (value === undefined || value === "") {
        return `${region}a`;
    }
    if (!value.startsWith(region) || !/^[a-z]$/.test(value.slice(region.length))) {
        problem(
            "availabilityZone",
            `${show(value)} is not a zone of region ${region}; expected ${region} followed by one letter, e.g. ${region}a`,
        );
    }
    return value;
}

function parseUrlList(key: string, value: string | undefined, problem: Report): string[] {
    return parseList(key, value, "URLs", "https://…", problem, (url) =>
        /^https?:\/\/[^\s/]+/.test(url) ? undefined : "is not an http(s) URL",
    );
}

/** A list-valued key: a JSON array of strings, each checked by `itemProblem`; returns the valid items. */
function parseList(
    key: string,
    value: string | undefined,
    what: string,
    example: string,
    problem: Report,
    itemProblem: (item: string) => string | undefined,
): string[] {
    if (value === undefined || value === "") {
        return [];
    }
    const list = parseJson(key, value, problem);
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
        problem(
            key,
            `${value} is not a list of ${what}; set it with \`pulumi config set --path '${key}[0]' ${example}\``,
        );
        return [];
    }
    const valid: string[] = [];
    list.forEach((item: string, i) => {
        const message = itemProblem(item);
        if (message === undefined) {
            valid.push(item);
        } else {
            problem(`${key}[${i}]`, `${show(item)} ${message}`);
        }
    });
    return valid;
}

function parseJson(key: string, value: string, problem: Report): unknown {
    try {
        return JSON.parse(value);
    } catch {
        problem(key, `${show(value)} is not valid structured config`);
        return undefined;
    }
}

function parseProfileOverrides(
    value: string | undefined,
    problem: Report,
): Record<ProfileName, ProfileOverrides> {
    const result: Record<ProfileName, ProfileOverrides> = { "fast-sync": {}, steady: {} };
    if (value === undefined || value === "") {
        return result;
    }
    const parsed = parseJson("profiles", value, problem);
    if (parsed === undefined) {
        return result;
    }
    if (!isPlainObject(parsed)) {
        problem(
            "profiles",
            `${value} must be an object keyed by profile name (${PROFILE_NAMES.join(", ")})`,
        );
        return result;
    }
    for (const [name, overrides] of Object.entries(parsed)) {
        if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
            problem(`profiles.${name}`, `unknown profile; allowed: ${PROFILE_NAMES.join(", ")}`);
            continue;
        }
        if (!isPlainObject(overrides)) {
            problem(
                `profiles.${name}`,
                `${show(overrides)} must be an object of overrides (${OVERRIDE_KEYS.join(", ")})`,
            );
            continue;
        }
        result[name as ProfileName] = parseOverrideFields(`profiles.${name}`, overrides, problem);
    }
    return result;
}

function parseOverrideFields(
    path: string,
    fields: Record<string, unknown>,
    problem: Report,
): ProfileOverrides {
    const overrides: ProfileOverrides = {};
    for (const [field, value] of Object.entries(fields)) {
        const key = `${path}.${field}`;
        switch (field) {
            case "instanceType":
            case "volumeType":
                if (typeof value !== "string" || value === "") {
                    problem(key, `${show(value)} must be a non-empty string`);
                } else {
                    overrides[field] = value;
                }
                break;
            case "volumeSizeGiB":
            case "iops":
            case "throughputMiBps":
            case "volumeInitializationRateMiBps": {
                const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
                if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) {
                    problem(key, `${show(value)} must be a positive whole number`);
                } else {
                    overrides[field] = n;
                }
                break;
            }
            case "allowUndersized":
                if (value === true || value === "true") {
                    overrides.allowUndersized = true;
                } else if (value !== false && value !== "false") {
                    problem(key, `${show(value)} must be true or false`);
                }
                break;
            default:
                problem(key, `unknown field; allowed: ${OVERRIDE_KEYS.join(", ")}`);
        }
    }
    return overrides;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
