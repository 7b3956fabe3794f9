import { NodeMode } from "./networks";
import { ChainPoint, NAMED_POINTS, Reach, ServedHistory } from "./history";
import { GETH_INDEX_SOURCE } from "./logIndexes";

/**
 * The history each execution client keeps per mode, at its pinned version, each cell with the source
 * line it comes from. The client records in catalog/executionClients.ts point here.
 */

const from = (point: ChainPoint): Reach => ({ kind: "from", point });
const newest = (blocks: number): Reach => ({ kind: "window", blocks });

const GENESIS = from(NAMED_POINTS.genesis);

/** reth's distances: MINIMUM_UNWIND_SAFE_DISTANCE = 32 * 2 + 10_000 and MINIMUM_DISTANCE = 64. */
const RETH_UNWIND_SAFE = 10_064;
const RETH_MINIMUM = 64;
const RETH_TARGET = "reth v2.5.1 crates/prune/types/src/target.rs:12,17";
const RETH_PRUNING = "reth v2.5.1 crates/node/core/src/args/pruning.rs";
/** A `--prune.*.before` flag over `--full`: each flag set replaces its segment of `--full`'s modes. */
const rethPruneBefore = (line: number, flag: string) =>
    `${NAMED_POINTS.prague.source}; ${RETH_PRUNING}:${line} ${flag}, over --full (266-312: each --prune.* flag overrides its segment)`;
const RETH_RPC_TABLE = "reth v2.5.1 docs/vocs/docs/pages/run/storage/pruning.mdx, RPC support";

export const RETH_HISTORY: Partial<Record<NodeMode, ServedHistory>> = {
    full: {
        bodies: {
            reach: from(NAMED_POINTS.merge),
            source: `${RETH_PRUNING}:80 (full_bodies_history_use_pre_merge: bodies before the Paris block pruned)`,
        },
        receipts: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_PRUNING}:73 receipts Distance(MINIMUM_UNWIND_SAFE_DISTANCE); ${RETH_TARGET}; ${RETH_RPC_TABLE}: eth_getLogs "Only for the last 10064 blocks"`,
        },
        txLookup: {
            reach: from(NAMED_POINTS.merge),
            source: `${RETH_PRUNING}:72 transaction_lookup None (kept), over the bodies kept from the merge`,
        },
        state: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_PRUNING}:74-75 account and storage history Distance(MINIMUM_UNWIND_SAFE_DISTANCE); ${RETH_RPC_TABLE}: eth_call "Only for the last 10064 blocks"`,
        },
        traces: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_RPC_TABLE}: debug_traceTransaction "Only for the last 10064 blocks"`,
        },
    },
    minimal: {
        bodies: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_PRUNING}:87 bodies_history Distance(MINIMUM_UNWIND_SAFE_DISTANCE); ${RETH_TARGET}`,
        },
        receipts: {
            reach: newest(RETH_MINIMUM),
            source: `${RETH_PRUNING}:84 receipts Distance(MINIMUM_DISTANCE); ${RETH_TARGET}`,
        },
        txLookup: {
            reach: newest(0),
            source: `${RETH_PRUNING}:83 transaction_lookup Full (pruned entirely)`,
        },
        state: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_PRUNING}:85-86 account and storage history Distance(MINIMUM_UNWIND_SAFE_DISTANCE)`,
        },
        traces: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_PRUNING}:85-87: state and bodies for the newest 10,064 blocks only`,
        },
    },
    postprague: {
        bodies: {
            reach: from(NAMED_POINTS.prague),
            source: rethPruneBefore(245, "--prune.bodies.before"),
        },
        receipts: {
            reach: from(NAMED_POINTS.prague),
            source: rethPruneBefore(201, "--prune.receipts.before"),
        },
        txLookup: {
            reach: from(NAMED_POINTS.prague),
            source: rethPruneBefore(187, "--prune.transaction-lookup.before"),
        },
        state: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_PRUNING}:74-75 (--full's account and storage history, not overridden); ${RETH_RPC_TABLE}: eth_call "Only for the last 10064 blocks"`,
        },
        traces: {
            reach: newest(RETH_UNWIND_SAFE),
            source: `${RETH_RPC_TABLE}: debug_traceTransaction "Only for the last 10064 blocks" (--full's state window)`,
        },
    },
    archive: Object.fromEntries(
        ["bodies", "receipts", "txLookup", "state", "traces"].map((capability) => [
            capability,
            {
                reach: GENESIS,
                source: "reth v2.5.1 docs/vocs/docs/pages/run/storage/pruning.mdx: archive mode is the default, reth node without a pruning profile",
            },
        ]),
    ) as ServedHistory,
};

/** geth's prune points: truncation is "up to but excluding the given block". */
const GETH_HISTORYMODE = "go-ethereum v1.17.10 core/history/historymode.go";
const GETH_POST_MERGE: ChainPoint = {
    ...NAMED_POINTS.merge,
    blocks: { mainnet: 15_537_393, sepolia: 1_450_409 },
    source: `${GETH_HISTORYMODE}:164-173 (KeepPostMerge prune points)`,
};
const GETH_POST_PRAGUE: ChainPoint = NAMED_POINTS.prague;

/** Path-scheme state: 128 in-memory layers; the historical-state index is built only in archive mode. */
const GETH_RECENT_STATE = {
    reach: newest(128),
    source: "go-ethereum v1.17.10 core/state/statedb.go:46 TriesInMemory = 128; core/blockchain.go:294 EnableStateIndexing only with ArchiveMode",
};

/** geth's debug tracers re-execute on the state they find, so they reach as far back as state. */
const GETH_RECENT_TRACES = {
    reach: newest(128),
    source: 'go-ethereum v1.17.10 eth/state_accessor.go:195 "historical state is not available" beyond the state kept (128 layers)',
};

/** What geth keeps with a history cutoff; the program indexes logs and transactions over all of it. */
function gethHistory(point: ChainPoint, flag: string): ServedHistory {
    const kept = `${GETH_HISTORYMODE}; geth --history.chain ${flag}`;
    const indexed = `${kept}; indexed over all of it by --history.logs and --history.transactions (${GETH_INDEX_SOURCE})`;
    return {
        bodies: { reach: from(point), source: `${point.source}; ${kept}` },
        receipts: { reach: from(point), source: `${point.source}; ${indexed}` },
        txLookup: { reach: from(point), source: `${point.source}; ${indexed}` },
        state: GETH_RECENT_STATE,
        traces: GETH_RECENT_TRACES,
    };
}

export const GETH_HISTORY: Partial<Record<NodeMode, ServedHistory>> = {
    full: gethHistory(GETH_POST_MERGE, "postmerge"),
    minimal: gethHistory(GETH_POST_PRAGUE, "postprague"),
};
