import { EXECUTION_RPC_PORTS, port } from "./ports";
import { ExecutionClient, RunContext, EL_METRICS_PORT } from "./clientTypes";
import { MAINNET_EL_GROWTH, testnetDisk } from "./disk";
import { GETH_HISTORY } from "./executionHistory";
import { RPC_REQUEST_BODY_MIB } from "./rpcLimits";
import { VOLUME_TYPES } from "./ebs";
import { NAMED_POINTS } from "./history";
import { GETH_LOG_QUERY, gethIndexArgs, gethIndexDisk } from "./logIndexes";
import { GETH_RELEASES } from "./releases/geth";
import {
    EL_EGRESS_PER_PEER,
    IOPS_AT_HEAD,
    metricsLiveness,
    rpcServerArgs,
} from "./executionCommon";

/** The one published geth sync time, scaled to EBS. */
const GETH_POST_PRAGUE_SYNC =
    "eth-docker ResourceUsage.md (geth 1.17.2, Apr 2026): post-Prague snap sync ~3 h on a Netcup RS G11 (20 vCPU, 400 µs average latency), × 4 for EBS's higher latency (assumed; eth-docker: gp2/gp3 with provisioned IOPS 'sub-par')";

/** What a gp3 volume delivers without paying for more (catalog/ebs.ts). */
const GP3_INCLUDED_IOPS = VOLUME_TYPES.gp3.iops.included;

/** geth, pinned; each figure carries its source beside it. */
export const GETH = {
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
        // eth-docker's measurement is of the post-Prague node; the post-merge one downloads more.
        full: {
            hours: 17,
            source: `minimal's 12 h × 830/580 GiB for the history from the merge (assumed: the download grows with the history kept); ${GETH_POST_PRAGUE_SYNC}`,
        },
        minimal: { hours: 12, source: GETH_POST_PRAGUE_SYNC },
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
        { full: "postmerge", minimal: "postprague", archive: "all", postprague: "postprague" }[
            ctx.nodeMode
        ],
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
} satisfies ExecutionClient;
