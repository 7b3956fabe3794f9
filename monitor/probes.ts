/**
 * Reads the node's state from its real interfaces: the execution client's JSON-RPC, the beacon node's
 * REST API, and public reference endpoints. Every call has a timeout; a failed call is data, not a crash.
 */

export interface ExecutionState {
    reachable: boolean;
    /** eth_syncing: false, or the sync progress object. */
    syncing?: boolean;
    headBlock?: number;
    headTimestamp?: number;
    peers?: number;
    /** Why the peer count is missing, when the node answered everything else. */
    peersError?: string;
    error?: string;
}

export interface BeaconState {
    reachable: boolean;
    isSyncing?: boolean;
    isOptimistic?: boolean;
    elOffline?: boolean;
    syncDistance?: number;
    peers?: number;
    error?: string;
}

const hex = (value: unknown): number => parseInt(String(value), 16);

/** Why a request failed, in words an operator can act on: refused, timed out, or the HTTP status. */
export function whyFailed(e: unknown, timeoutMs: number): string {
    const error = e as Error & { cause?: { code?: string; message?: string } };
    if (error.name === "TimeoutError" || error.name === "AbortError") {
        return `timed out after ${timeoutMs} ms`;
    }
    switch (error.cause?.code) {
        case "ECONNREFUSED":
            return "connection refused";
        case "ECONNRESET":
        case "UND_ERR_SOCKET":
            return "connection reset";
        case "ENOTFOUND":
        case "EAI_AGAIN":
            return "host name not found";
        case "UND_ERR_HEADERS_TIMEOUT":
        case "UND_ERR_CONNECT_TIMEOUT":
            return `timed out after ${timeoutMs} ms`;
    }
    return error.cause?.message ?? error.message;
}

/** fetch with a timeout; a failure carries the reason, never a bare "fetch failed". */
async function request(
    url: string,
    init: RequestInit,
    what: string,
    timeoutMs: number,
): Promise<Response> {
    let response: Response;
    try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
        throw new Error(`${what}: ${whyFailed(e, timeoutMs)}`);
    }
    if (!response.ok) {
        throw new Error(`${what}: HTTP ${response.status}`);
    }
    return response;
}

export async function rpc(
    url: string,
    method: string,
    params: unknown[],
    timeoutMs: number,
): Promise<unknown> {
    const response = await request(
        url,
        {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        },
        method,
        timeoutMs,
    );
    const body = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) {
        throw new Error(`${method}: ${body.error.message}`);
    }
    return body.result;
}

export async function probeExecution(url: string, timeoutMs: number): Promise<ExecutionState> {
    const [syncing, block, peers] = await Promise.allSettled([
        rpc(url, "eth_syncing", [], timeoutMs),
        rpc(url, "eth_getBlockByNumber", ["latest", false], timeoutMs) as Promise<{
            number: string;
            timestamp: string;
        }>,
        rpc(url, "net_peerCount", [], timeoutMs),
    ]);
    if (syncing.status === "rejected" || block.status === "rejected") {
        const reason =
            syncing.status === "rejected"
                ? syncing.reason
                : (block as PromiseRejectedResult).reason;
        return { reachable: false, error: (reason as Error).message };
    }
    const state: ExecutionState = {
        reachable: true,
        syncing: syncing.value !== false,
        headBlock: hex(block.value.number),
        headTimestamp: hex(block.value.timestamp),
    };
    if (peers.status === "fulfilled") {
        state.peers = hex(peers.value);
    } else {
        state.peersError = (peers.reason as Error).message;
    }
    return state;
}

async function getJson(url: string, timeoutMs: number): Promise<{ data: Record<string, unknown> }> {
    const response = await request(url, {}, `GET ${new URL(url).pathname}`, timeoutMs);
    return (await response.json()) as { data: Record<string, unknown> };
}

/** Beacon API: /eth/v1/node/syncing and /eth/v1/node/peer_count. */
export async function probeBeacon(baseUrl: string, timeoutMs: number): Promise<BeaconState> {
    try {
        const [syncing, peers] = await Promise.all([
            getJson(`${baseUrl}/eth/v1/node/syncing`, timeoutMs),
            getJson(`${baseUrl}/eth/v1/node/peer_count`, timeoutMs),
        ]);
        const s = syncing.data;
        return {
            reachable: true,
            isSyncing: s.is_syncing === true,
            isOptimistic: s.is_optimistic === true,
            elOffline: s.el_offline === true,
            syncDistance: Number(s.sync_distance),
            peers: Number(peers.data.connected),
        };
    } catch (e) {
        return { reachable: false, error: (e as Error).message };
    }
}

/** The median head of the reference endpoints that answered; undefined when none did. */
export async function referenceHead(
    urls: string[],
    timeoutMs: number,
): Promise<{ head?: number; answered: number; failed: string[] }> {
    const results = await Promise.all(
        urls.map(async (url) => {
            try {
                return hex(await rpc(url, "eth_blockNumber", [], timeoutMs));
            } catch {
                return undefined;
            }
        }),
    );
    const heads = results
        .filter((h): h is number => h !== undefined && Number.isFinite(h))
        .sort((a, b) => a - b);
    const failed = urls.filter((_, i) => results[i] === undefined);
    if (heads.length === 0) {
        return { answered: 0, failed };
    }
    const mid = Math.floor(heads.length / 2);
    const upper = heads[mid] ?? 0;
    const head =
        heads.length % 2 === 1 ? upper : Math.round(((heads[mid - 1] ?? upper) + upper) / 2);
    return { head, answered: heads.length, failed };
}
