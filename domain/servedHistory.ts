import {
    ClientPair,
    CLIENT_PAIRS,
    diskNeed,
    servedHistory,
    supportedModes,
} from "../catalog/clients";
import { Network, NodeMode } from "../catalog/networks";
import {
    CAPABILITIES,
    Capability,
    Reach,
    describeReach,
    reachDays,
    windowDays,
} from "../catalog/history";

/** What a stack answers for at old blocks: the plan's history rows and the README's pair × mode table. */

export interface HistoryRow {
    capability: string;
    reaches: string;
    /** How many days back that is today; undefined when the network has no such point. */
    days?: number;
    source: string;
}

/** "~13 minutes", "~1.4 days", "~572 days". */
export function showSpan(days: number | undefined): string {
    if (days === undefined) {
        return "?";
    }
    if (days < 1 / 24) {
        return `~${Math.round(days * 24 * 60)} minutes`;
    }
    if (days < 1) {
        return `~${Math.round(days * 24)} hours`;
    }
    return `~${days < 10 ? days.toFixed(1) : Math.round(days)} days`;
}

export function historyRows(
    pair: ClientPair,
    mode: NodeMode,
    network: Network,
    today: Date,
): HistoryRow[] {
    const history = servedHistory(pair, mode);
    return (Object.keys(CAPABILITIES) as Capability[]).map((capability) => {
        const { reach, source } = history[capability];
        const none = reach.kind === "window" && reach.blocks === 0;
        return {
            capability: CAPABILITIES[capability],
            reaches: describeReach(reach, network),
            days: none ? 0 : reachDays(reach, network, today),
            source,
        };
    });
}

/** A table cell: "since Prague", "newest 10,064 blocks (~1.4 days)", "none". */
function shortReach(reach: Reach): string {
    if (reach.kind === "from") {
        return `since ${reach.point.label}`;
    }
    return reach.blocks === 0
        ? "none"
        : `newest ${reach.blocks.toLocaleString("en-US")} blocks (${showSpan(windowDays(reach.blocks))})`;
}

/**
 * The README's table: every pair and mode on mainnet, what it serves, its disk and its steady cost
 * (`steadyUsd`, the plan's total for that pair and mode, egress included at the high end).
 */
export function servingTable(steadyUsd: (pair: ClientPair, mode: NodeMode) => number): string[] {
    const rows = Object.values(CLIENT_PAIRS).flatMap((pair) =>
        supportedModes(pair, "mainnet").map((mode) => {
            const h = servedHistory(pair, mode);
            const [receipts, bodies, txLookup, state, traces] = (
                ["receipts", "bodies", "txLookup", "state", "traces"] as const
            ).map((c) => shortReach(h[c].reach));
            const cells = [
                `${pair.name} ${mode}`,
                receipts,
                bodies,
                txLookup,
                state === traces ? state : `${state}; traces ${traces}`,
                `${diskNeed(pair, "mainnet", mode).recommendedGiB} GiB`,
                `$${Math.round(steadyUsd(pair, mode))}`,
            ];
            return `| ${cells.join(" | ")} |`;
        }),
    );
    return [
        "| pair and mode | receipts and logs | bodies | transaction by hash | state and traces | volume | steady, all in, $/month |",
        "|---|---|---|---|---|---|---|",
        ...rows,
    ];
}
