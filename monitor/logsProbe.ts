import { rpc } from "./probes";
import { blockToProbe, HistoryPromise } from "./history";
import { LOGS_PROBE_BLOCKS, LOGS_PROBE_DEADLINE_MS } from "../catalog/logIndexes";

/**
 * What consumers call, probed: `eth_getLogs` over a window that starts at the oldest promised block,
 * with a deadline. The receipts probe (history.ts) shows the data is there; this one shows a log
 * query over it comes back in time, which needs the client's log index to reach that far (geth
 * without it reads every block of the range).
 */

/** The zero address emits no logs: the answer is empty, so only the search decides the time. */
const NO_EMITTER = `0x${"0".repeat(40)}`;

export interface LogsState {
    from: number;
    to: number;
    served: boolean;
    /** How long the answer took (or the deadline, when none came). */
    milliseconds: number;
    reason?: string;
}

/**
 * The range to probe: from the oldest promised block, at most LOGS_PROBE_BLOCKS and at most what
 * one filter may span (`maxBlockRange` is `to − from`; 0: no cap), never past the head.
 */
export function logsProbeRange(
    promise: HistoryPromise,
    head: number,
    maxBlockRange: number,
): { from: number; to: number } {
    const from = blockToProbe(promise, head);
    const span =
        maxBlockRange > 0 ? Math.min(LOGS_PROBE_BLOCKS, maxBlockRange + 1) : LOGS_PROBE_BLOCKS;
    return { from, to: Math.min(head, from + span - 1) };
}

export async function probeLogs(
    url: string,
    promise: HistoryPromise,
    head: number,
    maxBlockRange: number,
    deadlineMs: number = LOGS_PROBE_DEADLINE_MS,
    now: () => number = Date.now,
): Promise<LogsState> {
    const { from, to } = logsProbeRange(promise, head, maxBlockRange);
    if (to < from) {
        return {
            from,
            to,
            served: false,
            milliseconds: 0,
            reason: `the oldest promised block ${from} is past the head ${head}`,
        };
    }
    const hex = (n: number) => `0x${n.toString(16)}`;
    const started = now();
    try {
        const logs = await rpc(
            url,
            "eth_getLogs",
            [{ address: NO_EMITTER, fromBlock: hex(from), toBlock: hex(to) }],
            deadlineMs,
        );
        const milliseconds = now() - started;
        return Array.isArray(logs)
            ? { from, to, served: true, milliseconds }
            : {
                  from,
                  to,
                  served: false,
                  milliseconds,
                  reason: `eth_getLogs over blocks ${from}–${to} answered ${JSON.stringify(logs)}`,
              };
    } catch (e) {
        return {
            from,
            to,
            served: false,
            milliseconds: now() - started,
            reason: `eth_getLogs over blocks ${from}–${to}: ${(e as Error).message}`,
        };
    }
}
