import { rpc } from "./probes";

/**
 * Heights say a node keeps up; hashes say it follows the same chain. The node's block hash a little
 * below the head is compared with the references' at the same height: a node started from a forged
 * checkpoint, or split off at a fork, reports heights like any other but not these hashes.
 */

/** How far below the lower head the hashes are compared: beyond any reorg seen on mainnet since the merge (assumed). */
export const CHAIN_CHECK_DEPTH = 64;

export interface ChainCheck {
    block: number;
    node: string;
    /** The hash the references that answered agree on; undefined when none answered or they disagree. */
    reference?: string;
    /** The node's hash differs from the one the references agree on. */
    mismatch: boolean;
}

async function hashAt(url: string, block: number, timeoutMs: number): Promise<string | undefined> {
    try {
        const answer = (await rpc(
            url,
            "eth_getBlockByNumber",
            [`0x${block.toString(16)}`, false],
            timeoutMs,
        )) as { hash?: string } | null;
        return answer?.hash ?? undefined;
    } catch {
        return undefined;
    }
}

/** The node's hash against the references' at CHAIN_CHECK_DEPTH below the lower of the two heads. */
export async function checkChain(
    nodeUrl: string,
    referenceUrls: string[],
    nodeHead: number,
    referenceHead: number,
    timeoutMs: number,
): Promise<ChainCheck | undefined> {
    const block = Math.min(nodeHead, referenceHead) - CHAIN_CHECK_DEPTH;
    if (block < 0 || referenceUrls.length === 0) {
        return undefined;
    }
    const [node, ...theirs] = await Promise.all(
        [nodeUrl, ...referenceUrls].map((url) => hashAt(url, block, timeoutMs)),
    );
    if (node === undefined) {
        return undefined;
    }
    const answered = [...new Set(theirs.filter((h): h is string => h !== undefined))];
    const reference = answered.length === 1 ? answered[0] : undefined;
    return { block, node, reference, mismatch: reference !== undefined && reference !== node };
}
