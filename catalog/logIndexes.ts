import { SECONDS_PER_SLOT } from "./chain";
import { CATALOG_MONTH, DAYS_PER_MONTH, DiskFigure, testnetDisk } from "./disk";
import { ChainPoint, HistoryNeed } from "./history";
import { LogQueryLimits } from "./clientTypes";
import { Network } from "./networks";

/**
 * What makes `eth_getLogs` and `eth_getTransactionByHash` answer over everything a node promises,
 * and the same on every pair: the execution clients' index settings and query bounds, with sources.
 */

const GETH = "go-ethereum v1.17.10";

/**
 * geth indexes logs and transactions for the newest 2,350,000 blocks unless told; 0 means the whole
 * chain it keeps (its index starts at the history cutoff). A log query outside the index falls back
 * to reading every block, which a broad query cannot finish within the HTTP write timeout.
 */
export const GETH_INDEX_SOURCE = `${GETH} cmd/utils/flags.go:326-343 (--history.transactions, --history.logs: "0 = entire chain"); eth/ethconfig/config.go:58-59 (TransactionHistory, LogHistory 2350000); core/filtermaps/filtermaps.go:413-427 (the log index starts at the history cutoff); eth/filters/filter.go:300 (unindexed search outside the index)`;

export const GETH_DEFAULT_INDEX_BLOCKS = 2_350_000;

/**
 * geth's index flags for a promise: logs over the promised window, or over everything kept when the
 * promise starts at a fixed block (the mode keeps it from there on); transactions over every body kept.
 */
export function gethIndexArgs(logsFrom: HistoryNeed): string[] {
    const logBlocks = logsFrom.kind === "window" ? logsFrom.blocks : 0;
    return ["--history.logs", String(logBlocks), "--history.transactions", "0"];
}

/** geth's log index on mainnet: one year by default, the entire chain with --history.logs 0. */
const LOG_INDEX_GIB = {
    oneYear: 10,
    wholeChain: 61,
    source: "Geth 1.15.6 release notes (2025-03): the default one-year log index is ~10 GB on mainnet, the entire chain (--history.logs=0) ~61 GB",
};

/** One transaction-index entry (hash → block number) as geth stores it. */
const TX_INDEX_BYTES_PER_TX = {
    value: 36,
    source: "geth db inspect (CortexFoundation/CortexTheseus#773, a geth fork with geth's schema): Transaction index 41.36 MiB for 1,204,867 entries",
};

/** Assumed: mainnet carried about 1.5 million transactions a day in 2025, about 200 per block. */
const ASSUMED_TX_PER_BLOCK = 200;

const BLOCKS_PER_MONTH = (DAYS_PER_MONTH * 86_400) / SECONDS_PER_SLOT;
const GIB = 1024 ** 3;

/** Blocks from a point's date to the first day of CATALOG_MONTH, at one block per slot. */
function blocksSince(point: ChainPoint, network: Network): number {
    const days =
        (Date.parse(`${CATALOG_MONTH}-01`) - Date.parse(point.dates[network]!)) / 86_400_000;
    return (days * 86_400) / SECONDS_PER_SLOT;
}

/**
 * Disk geth's whole-history indexes add on mainnet beyond the measured database (which holds the
 * one-year defaults): the log index up to its whole-chain size (an upper bound: the chain before the
 * point is not indexed), and the transaction index for the blocks past the default window.
 */
export function gethIndexDisk(point: ChainPoint): Record<Network, DiskFigure> {
    const txBytes = ASSUMED_TX_PER_BLOCK * TX_INDEX_BYTES_PER_TX.value;
    const extraTxBlocks = Math.max(0, blocksSince(point, "mainnet") - GETH_DEFAULT_INDEX_BLOCKS);
    const logsGiB = LOG_INDEX_GIB.wholeChain - LOG_INDEX_GIB.oneYear;
    const txGiB = (extraTxBlocks * txBytes) / GIB;
    const growth = (BLOCKS_PER_MONTH * txBytes) / GIB + LOG_INDEX_GIB.oneYear / 12;
    return {
        mainnet: {
            measuredGiB: Math.ceil(logsGiB + txGiB),
            measuredOn: CATALOG_MONTH,
            source: `whole-history indexes from ${point.label}: log index ${logsGiB} GiB beyond the default (${LOG_INDEX_GIB.source}) + transaction index for ${Math.round(extraTxBlocks).toLocaleString("en-US")} blocks past the default ${GETH_DEFAULT_INDEX_BLOCKS.toLocaleString("en-US")} × ${ASSUMED_TX_PER_BLOCK} transactions (assumed) × ${TX_INDEX_BYTES_PER_TX.value} B (${TX_INDEX_BYTES_PER_TX.source})`,
            growthGiBPerMonth: Math.round(growth * 10) / 10,
            growthSource: `the indexes' new blocks no longer age out: ${Math.round(BLOCKS_PER_MONTH).toLocaleString("en-US")} blocks a month × ${ASSUMED_TX_PER_BLOCK} × ${TX_INDEX_BYTES_PER_TX.value} B, plus a twelfth of the one-year log index`,
        },
        ...testnetDisk(10, 5),
    };
}

/** One transaction-lookup entry (hash → transaction number) as reth stores it. */
const RETH_LOOKUP_BYTES_PER_TX = {
    value: 76,
    source: "reth db stats (paradigmxyz/reth#1543, MDBX): TxHashNumber 504,708 entries in 36.6 MiB; storage V2 keeps the table in RocksDB, not measured",
};

/**
 * Disk reth's transaction lookup from a point adds on mainnet to a measurement that kept it for the
 * newest 10,064 blocks only (eth-docker's pre-Prague-expiry mode prunes it by distance).
 */
export function rethLookupDisk(point: ChainPoint): Record<Network, DiskFigure> {
    const txBytes = ASSUMED_TX_PER_BLOCK * RETH_LOOKUP_BYTES_PER_TX.value;
    const figure = (network: Network): DiskFigure => {
        const blocks = blocksSince(point, network);
        return {
            measuredGiB: Math.ceil((blocks * txBytes) / GIB),
            measuredOn: CATALOG_MONTH,
            source: `transaction lookup from ${point.label}: ${Math.round(blocks).toLocaleString("en-US")} blocks × ${ASSUMED_TX_PER_BLOCK} transactions (mainnet's, assumed; a testnet carries fewer) × ${RETH_LOOKUP_BYTES_PER_TX.value} B (${RETH_LOOKUP_BYTES_PER_TX.source})`,
            growthGiBPerMonth: Math.round(((BLOCKS_PER_MONTH * txBytes) / GIB) * 10) / 10,
            growthSource: `${Math.round(BLOCKS_PER_MONTH).toLocaleString("en-US")} blocks a month × ${ASSUMED_TX_PER_BLOCK} × ${RETH_LOOKUP_BYTES_PER_TX.value} B`,
        };
    };
    return { mainnet: figure("mainnet"), sepolia: figure("sepolia"), hoodi: figure("hoodi") };
}

/**
 * The query contract every pair serves: one filter spans at most this many blocks (`end − begin`),
 * and no client caps the logs in a response. reth's own range cap; geth, which has none, is given it.
 */
export const DEFAULT_LOGS_MAX_BLOCK_RANGE = {
    value: 100_000,
    source: "reth v2.5.1 crates/rpc/rpc-server-types/src/constants.rs:13 DEFAULT_MAX_BLOCKS_PER_FILTER (geth's own is none)",
};

export const GETH_LOG_QUERY: LogQueryLimits = {
    rangeArgs: (blocks) => ["--rpc.rangelimit", String(blocks)],
    defaultRange: {
        value: 0,
        source: `${GETH} eth/ethconfig/config.go:82 RangeLimit 0; cmd/utils/flags.go:689-694 --rpc.rangelimit ("0 = unlimited"); eth/filters/filter.go:148 refuses end − begin > limit`,
    },
    resultsCap: { value: 0, source: `${GETH} eth/filters/filter.go: no cap on logs per response` },
    uncappedResultsArgs: [],
};

const RETH = "reth v2.5.1";

export const RETH_LOG_QUERY: LogQueryLimits = {
    rangeArgs: (blocks) => ["--rpc.max-blocks-per-filter", String(blocks)],
    defaultRange: {
        value: 100_000,
        source: `${RETH} crates/rpc/rpc-server-types/src/constants.rs:13 DEFAULT_MAX_BLOCKS_PER_FILTER; crates/rpc/rpc/src/eth/filter.rs:655-658 refuses to − from > limit; 0 is none (ZeroAsNoneU64, crates/node/core/src/args/rpc_server.rs:572)`,
    },
    resultsCap: {
        value: 20_000,
        source: `${RETH} crates/rpc/rpc-server-types/src/constants.rs:16 DEFAULT_MAX_LOGS_PER_RESPONSE; crates/rpc/rpc/src/eth/filter.rs:753 (ranges of more than one block)`,
    },
    uncappedResultsArgs: ["--rpc.max-logs-per-response", "0"],
};

/** Blocks the monitor's eth_getLogs probe spans at most: enough that a missing index shows. */
export const LOGS_PROBE_BLOCKS = 10_000;

/**
 * The probe's deadline. Assumed: an indexed search of 10,000 blocks for an address that emits
 * nothing answers in well under a second; an unindexed one reads every block's receipts, tens of
 * seconds on EBS.
 */
export const LOGS_PROBE_DEADLINE_MS = 5_000;
