import { NETWORKS, NODE_MODES, Network, NodeMode } from "../catalog/networks";
import {
    CLIENT_PAIRS,
    ClientPair,
    clientPair,
    diskNeed,
    followsNetwork,
    servedHistory,
    supportedModes,
    unsupportedReason,
} from "../catalog/clients";
import { PROFILE_NAMES, ProfileName } from "../catalog/profiles";
import { DEFAULT_LOGS_FROM, KEY_SPECS } from "./keys";
import {
    HistoryNeed,
    NAMED_POINTS,
    PointName,
    describeNeed,
    describeReach,
    serves,
} from "../catalog/history";
import { Reader } from "./reader";
import { show } from "./fields";
import { readVersions } from "./versions";

const HEAD_WINDOW = /^head-(\d{1,9})$/;
const BLOCK_NUMBER = /^\d{1,10}$/;

/** `logsFrom`: a named fork, a block number, or `head-N` (the newest N blocks). */
export function parseLogsFrom(r: Reader, network: Network): HistoryNeed {
    const value = r.isSet("logsFrom") ? (r.raw.logsFrom ?? DEFAULT_LOGS_FROM) : DEFAULT_LOGS_FROM;
    const named = (NAMED_POINTS as Record<string, (typeof NAMED_POINTS)[PointName]>)[value];
    const window = HEAD_WINDOW.exec(value);
    if (named !== undefined) {
        return { kind: "from", block: named.blocks[network], label: named.label };
    }
    if (BLOCK_NUMBER.test(value)) {
        return { kind: "from", block: Number(value), label: `block ${value}` };
    }
    if (window && Number(window[1]) >= 1) {
        return { kind: "window", blocks: Number(window[1]) };
    }
    r.problem(
        "logsFrom",
        `${show(value)} is not allowed; allowed: ${Object.keys(NAMED_POINTS).join(", ")}, a block number, or head-N (the newest N blocks, N ≥ 1)`,
    );
    const fallback = NAMED_POINTS[DEFAULT_LOGS_FROM];
    return { kind: "from", block: fallback.blocks[network], label: fallback.label };
}

const receiptsServe = (pair: ClientPair, network: Network, mode: NodeMode, need: HistoryNeed) =>
    serves(servedHistory(pair, mode).receipts.reach, need, network);

/** The modes the pair can run on the network that keep logs as far back as the need. */
export const modesServing = (pair: ClientPair, network: Network, need: HistoryNeed) =>
    supportedModes(pair, network).filter((mode) => receiptsServe(pair, network, mode, need));

/** Every pair and mode that keeps logs as far back as the need, for the refusal's advice. */
function pairsServing(network: Network, need: HistoryNeed): string {
    const able = Object.values(CLIENT_PAIRS)
        .filter((pair) => followsNetwork(pair, network))
        .flatMap((pair) => modesServing(pair, network, need).map((mode) => `${pair.name} ${mode}`));
    return able.length > 0 ? able.join(", ") : "none";
}

/** The mode that keeps logs back to the need on the least disk; undefined when none of the pair's does. */
function cheapestServing(pair: ClientPair, network: Network, need: HistoryNeed) {
    return modesServing(pair, network, need).sort(
        (a, b) =>
            diskNeed(pair, network, a).recommendedGiB - diskNeed(pair, network, b).recommendedGiB,
    )[0];
}

/** A mode set by the user that the pair cannot run on the network: reported, and the first it can run. */
function checkSupported(r: Reader, client: ClientPair, network: Network, mode: NodeMode) {
    const allowedModes = supportedModes(client, network);
    if (allowedModes.includes(mode)) {
        return mode;
    }
    const known = unsupportedReason(client, network, mode);
    const why = known ? ` on network ${network} (${known.reason})` : "";
    r.problem(
        "nodeMode",
        `${show(mode)} is not supported by client ${client.name}${why}; allowed with network ${network}: ${allowedModes.join(", ")}`,
    );
    return allowedModes[0] ?? "full";
}

/**
 * The mode: as set, when it keeps logs back to `logsFrom`; unset, the one of the pair's modes that does
 * on the least disk. It never serves less than asked: a shortfall is refused with the pairs that can.
 */
function chooseMode(r: Reader, client: ClientPair, network: Network, need: HistoryNeed): NodeMode {
    const advice = `pairs and modes that keep it on ${network}: ${pairsServing(network, need)}`;
    if (r.isSet("nodeMode")) {
        const mode = checkSupported(r, client, network, r.oneOf("nodeMode", NODE_MODES, "full"));
        if (!receiptsServe(client, network, mode, need)) {
            const reach = servedHistory(client, mode).receipts.reach;
            const kept = `${reach.kind === "window" ? "for " : ""}${describeReach(reach, network)}`;
            r.problem(
                "nodeMode",
                `${show(mode)} with client ${client.name} keeps receipts and logs ${kept}, which does not reach logsFrom ${describeNeed(need)}; ${advice}`,
            );
        }
        return mode;
    }
    const cheapest = cheapestServing(client, network, need);
    if (cheapest === undefined) {
        r.problem(
            "logsFrom",
            `${describeNeed(need)} is further back than client ${client.name} keeps logs in any mode on ${network}; ${advice}`,
        );
    }
    return cheapest ?? supportedModes(client, network)[0] ?? "full";
}

/** What the node runs: network, client pair and releases, the history it keeps (logsFrom → mode), profile. */
export function readNode(r: Reader) {
    const spec = KEY_SPECS;
    const network = r.oneOf("network", NETWORKS, spec.network.rule.default as Network);
    const clientName = r.oneOf("client", spec.client.rule.values, spec.client.rule.default);
    const { client, releases } = readVersions(r, clientPair(clientName));
    const logsFrom = parseLogsFrom(r, network);
    const nodeMode = chooseMode(r, client, network, logsFrom);
    const profile = r.oneOf("profile", PROFILE_NAMES, spec.profile.rule.default as ProfileName);
    return {
        network,
        client,
        releases,
        logsFrom,
        nodeMode,
        nodeModeSet: r.isSet("nodeMode"),
        profile,
    };
}
