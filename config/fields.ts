import { ClientPair, DEFAULT_RPC_APIS, FORBIDDEN_RPC_NAMESPACES } from "../catalog/clients";
import { LOG_RETENTION_DAYS } from "../catalog/awsLimits";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";
import { isPrivateCidr, parseCidr } from "./cidr";
import { PRIVATE_ONLY_SUFFIXES, RESERVED_SUFFIXES, UNUSABLE_SUFFIXES, under } from "../catalog/dns";

/** Parsers for single config keys: each reports problems by key and returns a usable fallback. */

export type Report = (key: string, message: string) => void;

export const show = (value: unknown): string => JSON.stringify(value);

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function parseBoolean(
    key: string,
    value: string | undefined,
    problem: Report,
    fallback = false,
): boolean {
    if (value === undefined || value === "") {
        return fallback;
    }
    if (value !== "true" && value !== "false") {
        problem(key, `${show(value)} is not allowed; allowed: true, false`);
        return fallback;
    }
    return value === "true";
}

/** A whole number with a default, checked by `rangeProblem` (undefined when allowed). */
export function parseInteger(
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

export function parseRpcApis(
    value: string | undefined,
    client: ClientPair,
    problem: Report,
): string[] {
    if (value === undefined || value === "") {
        return DEFAULT_RPC_APIS;
    }
    const apis = value
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== "");
    const refused = client.execution.refusedNamespaces ?? {};
    const allowed = client.execution.rpcNamespaces.filter((n) => refused[n] === undefined);
    for (const api of apis) {
        if (refused[api] !== undefined) {
            problem(
                "rpcApis",
                `${show(api)} is refused on ${client.executionName}: ${refused[api].value} (${refused[api].source}); allowed for ${client.name}: ${allowed.join(", ")}`,
            );
        } else if (FORBIDDEN_RPC_NAMESPACES.includes(api)) {
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

export function parseRpcCidrs(value: string | undefined, problem: Report): string[] {
    return parseList("rpcAllowedCidrs", value, "CIDRs", "10.0.0.0/16", problem, (cidr) => {
        if (parseCidr(cidr) === undefined) {
            return "is not a CIDR such as 10.0.0.0/16";
        }
        return isPrivateCidr(cidr)
            ? undefined
            : "is not private; RPC may only be opened to RFC 1918 or RFC 4193 ranges inside the VPC";
    });
}

export function parseLogRetention(value: string | undefined, problem: Report): number {
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

export function parseDnsName(
    value: string | undefined,
    privateZone: boolean,
    problem: Report,
): string {
    if (value === undefined || value === "") {
        problem(
            "dnsName",
            "is required: the name clients use for the node, e.g. `pulumi config set dnsName rpc.eth.yourcompany.com` (a domain you own), or a private name such as rpc.eth.internal with privateZone true",
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
    const reserved = [...RESERVED_SUFFIXES, ...UNUSABLE_SUFFIXES].find((s) => under(name, s));
    if (reserved !== undefined) {
        problem(
            "dnsName",
            `${show(value)} is under ${reserved}, which is reserved (RFC 2606/6761/6762) and Route 53 will not host it; use a domain you own, or a private name such as rpc.eth.internal with privateZone true`,
        );
    }
    const privateOnly = PRIVATE_ONLY_SUFFIXES.find((s) => under(name, s));
    if (privateOnly !== undefined && !privateZone) {
        problem(
            "dnsName",
            `${show(value)} is under ${privateOnly}, which no public zone can serve; set privateZone true, or use a domain you own`,
        );
    }
    return name;
}

/** A zone name: the region followed by one letter. */
export function zoneProblem(zone: string, region: string): string | undefined {
    return zone.startsWith(region) && /^[a-z]$/.test(zone.slice(region.length))
        ? undefined
        : `is not a zone of region ${region}; expected ${region} followed by one letter, e.g. ${region}a`;
}

/** Unset stays unset: the deployment plan keeps a deployed node's zone, or takes `<region>a`. */
export function parseAvailabilityZone(
    value: string | undefined,
    region: string,
    problem: Report,
): string | undefined {
    if (value === undefined || value === "") {
        return undefined;
    }
    const message = zoneProblem(value, region);
    if (message !== undefined) {
        problem("availabilityZone", `${show(value)} ${message}`);
    }
    return value;
}

export function parseUrlList(
    key: string,
    value: string | undefined,
    problem: Report,
    httpsOnly = false,
): string[] {
    // The containers get the list space-separated: a URL with white space would split in two.
    return parseList(key, value, "URLs", "https://…", problem, (url) => {
        if (!/^https?:\/\/[^\s/]+\S*$/.test(url)) {
            return "is not an http(s) URL without spaces";
        }
        return httpsOnly && !url.startsWith("https://")
            ? "is not https: the chain the node starts from must not travel in the clear"
            : undefined;
    });
}

/** A list-valued key: a JSON array of strings, each checked by `itemProblem`; returns the valid items. */
export function parseList(
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

export function parseJson(key: string, value: string, problem: Report): unknown {
    try {
        return JSON.parse(value);
    } catch {
        problem(key, `${show(value)} is not valid structured config`);
        return undefined;
    }
}

/**
 * Each client's peer limit (default: the client's own): at least minPeers for the execution client,
 * and at least gossipsub's D_low for the consensus client.
 */
export function parsePeers(
    raw: Record<string, string>,
    client: ClientPair,
    minPeers: number,
    problem: Report,
): { execution: number; consensus: number } {
    const peerCount = (
        key: string,
        value: string | undefined,
        fallback: number,
        fewest = 1,
        why = "",
    ) =>
        parseInteger(key, value, fallback, problem, (n) =>
            n >= fewest && n <= 500 ? undefined : `allowed: ${fewest}–500${why}`,
        );
    const peers = {
        execution: peerCount(
            "executionMaxPeers",
            raw.executionMaxPeers,
            client.execution.defaultPeers.value,
        ),
        consensus: peerCount(
            "consensusTargetPeers",
            raw.consensusTargetPeers,
            client.consensus.defaultPeers.value,
            GOSSIP_MESH_LOW.value,
            ` (below ${GOSSIP_MESH_LOW.value}, ${GOSSIP_MESH_LOW.name}, no gossip topic's mesh fills)`,
        ),
    };
    if (peers.execution < minPeers) {
        // Readiness needs minPeers execution peers; a lower limit keeps the node unready for ever.
        problem(
            "executionMaxPeers",
            `${peers.execution} is below minPeers (${minPeers}); allowed: ${minPeers}–500`,
        );
    }
    return peers;
}
