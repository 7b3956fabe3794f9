import { EXECUTION_RPC_PORTS, port, ENGINE_API_PORT, RPC_HTTP_PORT, RPC_WS_PORT } from "./ports";
import { ExecutionClient, RunContext, EL_METRICS_PORT, EgressPerPeer } from "./clientTypes";
import { MAINNET_EL_GROWTH, testnetDisk } from "./disk";
import { GETH_HISTORY, RETH_HISTORY } from "./executionHistory";
import { RPC_GAS_CAP, RPC_REQUEST_BODY_MIB } from "./rpcLimits";
import { VOLUME_TYPES } from "./ebs";
import { NAMED_POINTS } from "./history";
import { GETH_LOG_QUERY, gethIndexArgs, gethIndexDisk, RETH_LOG_QUERY } from "./logIndexes";
import { GETH_RELEASES } from "./releases/geth";
import { RETH_RELEASES } from "./releases/reth";

/** Execution clients, pinned; each figure carries its source beside it. */

/**
 * Liveness for both clients: the process answers on its metrics port, bound to 127.0.0.1 only. Not
 * the RPC port: a flood of consumer calls there must not read as a dead node and restart the task
 * (a syncing node is alive, too).
 */
const metricsLiveness = (path: string) =>
    `curl -sf -m 5 -o /dev/null http://127.0.0.1:${EL_METRICS_PORT}${path} || exit 1`;

/**
 * HTTP and WebSocket RPC on the host for consumers, the engine API on 127.0.0.1 with the shared JWT:
 * reth and geth spell these flags the same way.
 */
function rpcServerArgs(ctx: RunContext, extraHttp: string[] = []): string[] {
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
const EL_EGRESS_PER_PEER: EgressPerPeer = {
    lowGiB: 0.24,
    highGiB: 12.2,
    source: "go-ethereum#30517: ~5 kB/s (12 GiB/month) and ~250 kB/s (612 GiB/month) of ETH egress at 50 peers",
};

/**
 * The one public measurement at head on gp3: 3000 IOPS was saturated, 6000 kept up (reth). Its
 * author calls 6000 an interim mitigation before local NVMe, so it is a floor that worked, not a
 * measured need; it is also what an xlarge instance sustains (the pre-flight checks the baseline).
 */
const IOPS_AT_HEAD = {
    value: 6000,
    source: "rswanson/swannynode README (measured on AWS): at 3000 IOPS gp3 writes ran at 2,600–2,968 IOPS, 92–100 % util, and blocks validated late; 6000 IOPS kept up (the author's interim mitigation before local NVMe; no better public measurement was found)",
};

/** What a gp3 volume delivers without paying for more (catalog/ebs.ts). */
const GP3_INCLUDED_IOPS = VOLUME_TYPES.gp3.iops.included;

export const EXECUTION_CLIENTS = {
    reth: {
        displayName: "Reth",
        // Dockerfile.depot: FROM ubuntu:24.04.
        image: { repository: "ghcr.io/paradigmxyz/reth", tag: RETH_RELEASES.pin, family: "ubuntu" },
        launch: {
            binary: "reth",
            externalIpFlag: "--nat=extip:{ip}",
            nodeKeyFlag: "--p2p-secret-key",
        },
        releases: RETH_RELEASES,
        minMemoryMiB: 10 * 1024,
        memoryAtHeadMiB: {
            value: 14 * 1024,
            source: "eth-docker ResourceUsage.md (reth 2.1.0, Apr 2026): ~14 GiB after sync",
        },
        peerArgs: (count: number) => ["--max-peers", String(count)],
        defaultPeers: { value: 50, source: "geth's default (reth's own is 100 out + 30 in)" },
        egressPerPeer: EL_EGRESS_PER_PEER,
        iopsAtHead: IOPS_AT_HEAD,
        stopTimeoutSeconds: 300,
        mainnetSyncHours: {
            full: {
                hours: 72,
                source: "estimate: eth-docker measured ~17 days from genesis on a mini PC and ~2 h from a reth download snapshot; a 16-vCPU instance with gp3 lands in between",
            },
            minimal: {
                hours: 48,
                source: "estimate: full's figure less the history minimal mode prunes",
            },
            archive: {
                hours: 120,
                source: "estimate: full's figure plus the history archive mode keeps",
            },
        },
        rpcNamespaces: ["eth", "net", "web3", "txpool", "debug", "trace", "rpc", "reth", "ots"],
        history: RETH_HISTORY,
        logQuery: RETH_LOG_QUERY,
        modes: {
            full: {
                mainnet: {
                    measuredGiB: 1024,
                    measuredOn: "2026-04",
                    source: "eth-docker ResourceUsage.md (reth 2.1.0): post-merge history ~1 TiB; reth storage docs: full 1.02 TB at block 24,396,823",
                    ...MAINNET_EL_GROWTH,
                },
                ...testnetDisk(500, 150),
            },
            minimal: {
                mainnet: {
                    measuredGiB: 209,
                    measuredOn: "2026-02",
                    source: "reth storage docs: minimal 224 GB at block 24,396,823",
                    ...MAINNET_EL_GROWTH,
                },
                ...testnetDisk(150, 60),
            },
            archive: {
                mainnet: {
                    measuredGiB: 2151,
                    measuredOn: "2026-02",
                    source: "reth storage docs: archive 2.31 TB at block 24,396,823",
                    growthGiBPerMonth: 93,
                    growthSource: "AWS Node Runners v2 README: archive grows ~100 GB/month",
                },
                ...testnetDisk(900, 300),
            },
        },
        ports: [
            ...EXECUTION_RPC_PORTS,
            port("el-p2p-tcp", 30303, "tcp", "devp2p RLPx", "public"),
            port("el-p2p-udp", 30303, "udp", "devp2p discovery v4", "public"),
            port("el-discv5", 9200, "udp", "reth discovery v5", "public"),
            port("el-metrics", EL_METRICS_PORT, "tcp", "execution client Prometheus metrics"),
        ],
        // Any path but the profiling ones renders the metrics (crates/node/metrics/src/server.rs:352 at v2.5.1).
        livenessCommand: metricsLiveness("/"),
        args: (ctx: RunContext) => [
            "node",
            "--chain",
            ctx.network,
            "--datadir",
            ctx.dataDir,
            // reth also writes up to 5 log files under $HOME/.cache/reth/logs by default
            // (crates/node/core/src/args/log.rs, dirs.rs at v2.5.1): its stdout already reaches
            // CloudWatch, and the client's user may write only its own directory.
            "--log.file.max-files",
            "0",
            "--rpc.max-request-size",
            String(RPC_REQUEST_BODY_MIB.value),
            ...{ full: ["--full"], minimal: ["--minimal"], archive: [] }[ctx.nodeMode],
            ...rpcServerArgs(ctx),
            "--metrics",
            `127.0.0.1:${EL_METRICS_PORT}`,
            "--port",
            "30303",
            "--discovery.port",
            "30303",
            "--discovery.v5.port",
            "9200",
        ],
    },
    geth: {
        displayName: "Geth",
        // go-ethereum Dockerfile: FROM alpine.
        image: { repository: "ethereum/client-go", tag: GETH_RELEASES.pin, family: "alpine" },
        launch: { binary: "geth", externalIpFlag: "--nat=extip:{ip}", nodeKeyFlag: "--nodekey" },
        releases: GETH_RELEASES,
        unsupported: [
            {
                // full = --history.chain postmerge; hoodi began after the merge, so geth has no cutoff for it.
                network: "hoodi",
                nodeMode: "full",
                reason: "geth exits at start: postmerge history pruning not available for network 0xbbe3…",
                source: "geth v1.17.10 run by npm run test:clients; go-ethereum core/history/historymode.go",
            },
        ],
        minMemoryMiB: 8 * 1024,
        memoryAtHeadMiB: {
            value: 8 * 1024,
            source: "eth-docker ResourceUsage.md (geth 1.17.2, Apr 2026): ~8 GiB after sync",
        },
        peerArgs: (count: number) => ["--maxpeers", String(count)],
        defaultPeers: { value: 50, source: "geth's own default (geth v1.17.10 --help)" },
        egressPerPeer: EL_EGRESS_PER_PEER,
        // reth's measurement is of reth's MDBX; geth writes pebble, so it does not carry over.
        iopsAtHead: {
            value: GP3_INCLUDED_IOPS,
            assumed: true,
            source: `assumed: no measurement of geth at head on EBS was found, so gp3's included ${GP3_INCLUDED_IOPS}; reth saturated ${GP3_INCLUDED_IOPS} in its one measurement (${IOPS_AT_HEAD.source})`,
        },
        // go-ethereum#32557: a container killed 10 s after SIGTERM corrupted pathdb.
        stopTimeoutSeconds: 600,
        mainnetSyncHours: {
            full: {
                hours: 12,
                source: "eth-docker ResourceUsage (geth 1.17.2): snap sync ~3 h on 20 vCPU / 400 µs latency; ×4 for EBS latency (eth-docker: gp3 is sub-par)",
            },
            minimal: {
                hours: 10,
                source: "estimate: geth full's 12 h (eth-docker: snap sync ~3 h on 20 vCPU, ×4 for EBS latency) with post-Prague history only (~580 of ~830 GiB)",
            },
        },
        rpcNamespaces: ["eth", "net", "web3", "txpool", "debug"],
        refusedNamespaces: {
            debug: {
                value: "it writes files wherever the caller names as the node's user (debug_startCPUProfile, debug_writeMemProfile, debug_goTrace), rewinds the chain (debug_setHead), and geth cannot serve only its tracing methods (--http.api selects whole namespaces)",
                source: "go-ethereum v1.17.10 internal/debug/api.go:95-190; internal/ethapi/api.go:2170",
            },
        },
        history: GETH_HISTORY,
        logQuery: GETH_LOG_QUERY,
        indexDisk: {
            full: gethIndexDisk(NAMED_POINTS.merge),
            minimal: gethIndexDisk(NAMED_POINTS.prague),
        },
        modes: {
            full: {
                mainnet: {
                    measuredGiB: 830,
                    measuredOn: "2026-04",
                    source: "eth-docker ResourceUsage.md (geth 1.17.2): post-merge history ~830 GiB",
                    ...MAINNET_EL_GROWTH,
                },
                ...testnetDisk(450, 150),
            },
            minimal: {
                mainnet: {
                    measuredGiB: 580,
                    measuredOn: "2026-04",
                    source: "eth-docker ResourceUsage.md (geth 1.17.2): post-Prague history ~580 GiB",
                    ...MAINNET_EL_GROWTH,
                },
                ...testnetDisk(300, 100),
            },
        },
        ports: [
            ...EXECUTION_RPC_PORTS,
            port("el-p2p-tcp", 30303, "tcp", "devp2p RLPx", "public"),
            port("el-p2p-udp", 30303, "udp", "devp2p discovery", "public"),
            port("el-metrics", EL_METRICS_PORT, "tcp", "execution client Prometheus metrics"),
        ],
        // geth serves its metrics at /debug/metrics/prometheus (metrics/exp/exp.go:62).
        livenessCommand: metricsLiveness("/debug/metrics/prometheus"),
        args: (ctx: RunContext) => [
            `--${ctx.network}`,
            "--datadir",
            ctx.dataDir,
            "--syncmode",
            "snap",
            "--history.chain",
            { full: "postmerge", minimal: "postprague", archive: "all" }[ctx.nodeMode],
            ...gethIndexArgs(ctx.logsFrom),
            // Consumers call the node by its DNS name, which the default vhost list (localhost)
            // rejects; naming only it keeps geth's DNS-rebinding check (IP hosts always pass,
            // node/rpcstack.go virtualHostHandler).
            ...rpcServerArgs(ctx, ["--http.vhosts", `${ctx.dnsName},localhost`]),
            "--rpc.http-body-limit",
            String(RPC_REQUEST_BODY_MIB.value),
            "--metrics",
            "--metrics.addr",
            "127.0.0.1",
            "--metrics.port",
            String(EL_METRICS_PORT),
            "--port",
            "30303",
            "--discovery.port",
            "30303",
        ],
    },
} satisfies Record<string, ExecutionClient>;
