import { rpc } from "./probes";

/**
 * The history promise, probed: the node must answer `eth_getBlockReceipts` at the oldest block whose
 * receipts and logs its mode keeps (what `npm run plan` states). A pruned or missing block answers
 * null (no such block) or an error (geth: "pruned history unavailable", code 4444).
 */

/** From a fixed block on, or over the newest blocks; the container gets it as `from:N` or `newest:N`. */
export type HistoryPromise = { kind: "from"; block: number } | { kind: "newest"; blocks: number };

/**
 * A window's edge moves with every block and the client prunes in batches; probing this many blocks
 * inside it keeps a race with the pruner from reading as a broken promise.
 */
export const WINDOW_MARGIN_BLOCKS = 32;

export function parsePromise(value: string): HistoryPromise {
    const match = /^(from|newest):(\d+)$/.exec(value);
    if (!match) {
        throw new Error(
            `RECEIPTS_KEPT ${JSON.stringify(value)} is not from:<block> or newest:<blocks>`,
        );
    }
    const n = Number(match[2]);
    return match[1] === "from" ? { kind: "from", block: n } : { kind: "newest", blocks: n };
}

/** The block to probe at a head: the promise's own block, or just inside the window's oldest edge. */
export function blockToProbe(p: HistoryPromise, head: number): number {
    if (p.kind === "from") {
        return p.block;
    }
    return Math.max(0, head - p.blocks + 1 + Math.min(WINDOW_MARGIN_BLOCKS, p.blocks - 1));
}

export interface HistoryState {
    block: number;
    served: boolean;
    /** Why not: the block is unknown, or the node's error. */
    reason?: string;
}

export async function probeHistory(
    url: string,
    promise: HistoryPromise,
    head: number,
    timeoutMs: number,
): Promise<HistoryState> {
    const block = blockToProbe(promise, head);
    try {
        const receipts = await rpc(
            url,
            "eth_getBlockReceipts",
            [`0x${block.toString(16)}`],
            timeoutMs,
        );
        return Array.isArray(receipts)
            ? { block, served: true }
            : {
                  block,
                  served: false,
                  reason: `no receipts for block ${block} (answered ${JSON.stringify(receipts)})`,
              };
    } catch (e) {
        return {
            block,
            served: false,
            reason: `receipts of block ${block}: ${(e as Error).message}`,
        };
    }
}
