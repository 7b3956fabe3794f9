import { Network } from "./networks";
import { SECONDS_PER_SLOT } from "./chain";

/**
 * What history a node answers for: per capability, the oldest block it keeps (a fixed point such as
 * the merge) or a window of the newest blocks. Each client × mode entry carries its source.
 */

/** A fork block by network, with the day it activated (for "how many days back"). */
export interface ChainPoint {
    label: string;
    blocks: Partial<Record<Network, number>>;
    dates: Partial<Record<Network, string>>;
    source: string;
}

/** The named points a user can ask for in `logsFrom`, each the first block of its era. */
export const NAMED_POINTS = {
    genesis: {
        label: "genesis",
        blocks: { mainnet: 0, sepolia: 0, hoodi: 0 },
        dates: { mainnet: "2015-07-30", sepolia: "2021-10-11", hoodi: "2025-03-17" },
        source: "block 0 of each network",
    },
    merge: {
        label: "the merge",
        blocks: { mainnet: 15_537_394, sepolia: 1_450_409, hoodi: 0 },
        dates: { mainnet: "2022-09-15", sepolia: "2022-07-06", hoodi: "2025-03-17" },
        source: "reth v2.5.1 crates/chainspec/src/spec.rs: MAINNET_PARIS_BLOCK (etherscan 15537394), SEPOLIA_PARIS_BLOCK (1450409); hoodi starts after the merge",
    },
    prague: {
        label: "Prague",
        blocks: { mainnet: 22_431_084, sepolia: 7_836_331, hoodi: 60_412 },
        dates: { mainnet: "2025-05-07", sepolia: "2025-03-05", hoodi: "2025-03-26" },
        source: "go-ethereum v1.17.10 core/history/historymode.go:174-187 (KeepPostPrague prune points)",
    },
} satisfies Record<string, ChainPoint>;

export type PointName = keyof typeof NAMED_POINTS;

/** How far back one kind of data reaches: from a fixed block, or the newest `blocks` blocks (0: none). */
export type Reach = { kind: "from"; point: ChainPoint } | { kind: "window"; blocks: number };

/** What an RPC caller can ask for at an old block, in the order the plan lists them. */
export const CAPABILITIES = {
    bodies: "block bodies and transactions",
    receipts: "receipts and logs (eth_getLogs)",
    txLookup: "transaction lookup by hash",
    state: "state at an old block (eth_call, eth_getBalance)",
    traces: "traces (debug_trace*, trace_*)",
} as const;

export type Capability = keyof typeof CAPABILITIES;

/** One capability's reach with the source line it comes from. */
export interface SourcedReach {
    reach: Reach;
    source: string;
}

export type ServedHistory = Record<Capability, SourcedReach>;

/** What `logsFrom` asks for: receipts and logs from a block on, or over the newest blocks. */
export type HistoryNeed =
    { kind: "from"; block: number; label: string } | { kind: "window"; blocks: number };

/**
 * Whether a reach serves a need. A fixed point serves any need at or after it, and every window (the
 * chain is long past each point). A window serves only a smaller window: it slides past any block.
 */
export function serves(reach: Reach, need: HistoryNeed, network: Network): boolean {
    if (reach.kind === "from") {
        const from = reach.point.blocks[network];
        return from !== undefined && (need.kind === "window" || from <= need.block);
    }
    return need.kind === "window" && reach.blocks >= need.blocks;
}

const SECONDS_PER_DAY = 86_400;

/** A window in days, at one block per slot. */
export const windowDays = (blocks: number) => (blocks * SECONDS_PER_SLOT) / SECONDS_PER_DAY;

/** Plain words for a reach: "from Prague (block 22,431,084, 2025-05-07)" or "the newest 10,064 blocks". */
export function describeReach(reach: Reach, network: Network): string {
    if (reach.kind === "from") {
        const block = reach.point.blocks[network];
        const date = reach.point.dates[network];
        return `from ${reach.point.label} (block ${block?.toLocaleString("en-US") ?? "?"}${date ? `, ${date}` : ""})`;
    }
    return reach.blocks === 0
        ? "none"
        : `the newest ${reach.blocks.toLocaleString("en-US")} blocks`;
}

/** Plain words for a need, as `logsFrom` gave it. */
export function describeNeed(need: HistoryNeed): string {
    return need.kind === "from"
        ? `${need.label} (block ${need.block.toLocaleString("en-US")})`
        : `the newest ${need.blocks.toLocaleString("en-US")} blocks`;
}

/** How many days back a reach goes on a given day: since its point's date, or the window's length. */
export function reachDays(reach: Reach, network: Network, today: Date): number | undefined {
    if (reach.kind === "window") {
        return windowDays(reach.blocks);
    }
    const date = reach.point.dates[network];
    return date === undefined
        ? undefined
        : (today.getTime() - Date.parse(`${date}T00:00:00Z`)) / (SECONDS_PER_DAY * 1000);
}
