import { ENGINE_API_PORT, RPC_HTTP_PORT, RPC_WS_PORT } from "./ports";
import { RunContext, EL_METRICS_PORT, EgressPerPeer } from "./clientTypes";
import { RPC_GAS_CAP } from "./rpcLimits";

/** What both execution clients share, each figure with its source. */

/**
 * Liveness for both clients: the process answers on its metrics port, bound to 127.0.0.1 only. Not
 * the RPC port: a flood of consumer calls there must not read as a dead node and restart the task
 * (a syncing node is alive, too).
 */
export const metricsLiveness = (path: string) =>
    `curl -sf -m 5 -o /dev/null http://127.0.0.1:${EL_METRICS_PORT}${path} || exit 1`;

/**
 * HTTP and WebSocket RPC on the host for consumers, the engine API on 127.0.0.1 with the shared JWT:
 * reth and geth spell these flags the same way.
 */
export function rpcServerArgs(ctx: RunContext, extraHttp: string[] = []): string[] {
    const apis = ctx.rpcApis.join(",");
    // A browser page elsewhere must not drive the node: WebSocket origins are the name and localhost.
    const origins = [`https://${ctx.dnsName}`, `http://${ctx.dnsName}`, "http://localhost"];
    return [
        ...["--http", "--http.addr", "0.0.0.0", "--http.port", String(RPC_HTTP_PORT)],
        ...["--http.api", apis, ...extraHttp],
        ...["--ws", "--ws.addr", "0.0.0.0", "--ws.port", String(RPC_WS_PORT), "--ws.api", apis],
        ...["--ws.origins", origins.join(",")],
        ...["--authrpc.addr", "127.0.0.1", "--authrpc.port", String(ENGINE_API_PORT)],
        ...["--authrpc.jwtsecret", ctx.jwtPath],
        // The IPC socket serves every namespace, admin included, to whoever can open the file.
        "--ipcdisable",
        ...["--rpc.gascap", String(RPC_GAS_CAP.value)],
    ];
}

/**
 * geth#30517 (2024-09): ETH-protocol egress of ~5 kB/s on one geth node and ~250 kB/s on another
 * that served a transaction-leeching peer, both taken to run at geth's default of 50 peers.
 */
export const EL_EGRESS_PER_PEER: EgressPerPeer = {
    lowGiB: 0.24,
    highGiB: 12.2,
    source: "go-ethereum#30517: ~5 kB/s (12 GiB/month) and ~250 kB/s (612 GiB/month) of ETH egress at 50 peers",
};

/**
 * The one public measurement at head on gp3: 3000 IOPS was saturated, 6000 kept up (reth). Its
 * author calls 6000 an interim mitigation before local NVMe, so it is a floor that worked, not a
 * measured need; it is also what an xlarge instance sustains (the pre-flight checks the baseline).
 */
export const IOPS_AT_HEAD = {
    value: 6000,
    source: "rswanson/swannynode README (measured on AWS): at 3000 IOPS gp3 writes ran at 2,600–2,968 IOPS, 92–100 % util, and blocks validated late; 6000 IOPS kept up (the author's interim mitigation before local NVMe; no better public measurement was found)",
};
