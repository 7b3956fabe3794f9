import { EXECUTION_RPC_PORTS, port } from "./ports";
import { ExecutionClient, RunContext, EL_METRICS_PORT } from "./clientTypes";
import { MAINNET_EL_GROWTH, testnetDisk } from "./disk";
import { RETH_HISTORY } from "./executionHistory";
import { RPC_REQUEST_BODY_MIB } from "./rpcLimits";
import { NAMED_POINTS } from "./history";
import { RETH_LOG_QUERY, rethLookupDisk } from "./logIndexes";
import { RETH_RELEASES } from "./releases/reth";
import {
    EL_EGRESS_PER_PEER,
    IOPS_AT_HEAD,
    metricsLiveness,
    rpcServerArgs,
} from "./executionCommon";

/**
 * reth's mode flags. postprague is `--full` with bodies, receipts and the transaction lookup kept
 * from Prague on: the segments eth-docker's pre-Prague-expiry mode measures, lookup included.
 */
function rethModeArgs(ctx: RunContext): string[] {
    const prague = NAMED_POINTS.prague.blocks[ctx.network];
    const before = (segment: string) => [`--prune.${segment}.before`, String(prague)];
    return {
        full: ["--full"],
        minimal: ["--minimal"],
        archive: [],
        postprague: [
            "--full",
            ...before("bodies"),
            ...before("receipts"),
            ...before("transaction-lookup"),
        ],
    }[ctx.nodeMode];
}

const RETH_ARCHIVE_TESTNETS = testnetDisk(900, 300);

/** No testnet measurement of postprague: archive's estimate bounds it, as archive keeps every segment. */
const RETH_POSTPRAGUE_TESTNETS = Object.fromEntries(
    Object.entries(RETH_ARCHIVE_TESTNETS).map(([network, figure]) => [
        network,
        { ...figure, source: `upper bound: reth archive's ${figure.source}` },
    ]),
) as typeof RETH_ARCHIVE_TESTNETS;

/** reth, pinned; each figure carries its source beside it. */
export const RETH = {
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
        postprague: {
            hours: 72,
            source: "estimate: full's figure; every mode executes from genesis, and this one keeps more receipts than full",
        },
        archive: {
            hours: 120,
            source: "estimate: full's figure plus the history archive mode keeps",
        },
    },
    rpcNamespaces: ["eth", "net", "web3", "txpool", "debug", "trace", "rpc", "reth", "ots"],
    history: RETH_HISTORY,
    indexDisk: { postprague: rethLookupDisk(NAMED_POINTS.prague) },
    logQuery: RETH_LOG_QUERY,
    modes: {
        full: {
            mainnet: {
                measuredGiB: 950,
                measuredOn: "2026-02",
                source: "reth v2.5.1 docs/vocs/docs/pages/run/storage.mdx: Full 1.02 TB (storage V2) at block 24,396,823. Not eth-docker's: its ~1 TiB (reth 2.1.0) keeps receipts from the merge, which --full prunes, and its ~761 GiB (reth 2.0.0, eth-docker-docs 272adb4) prunes the transaction lookup, which --full keeps",
                ...MAINNET_EL_GROWTH,
            },
            ...testnetDisk(500, 150),
        },
        postprague: {
            mainnet: {
                measuredGiB: 475,
                measuredOn: "2026-04",
                source: "eth-docker ResourceUsage.md (reth 2.1.0, Apr 2026, eth-docker-docs 9375be8): post-Prague ~475 GiB with receipts, the transaction lookup kept for 10,064 blocks (eth-docker reth/docker-entrypoint.sh, pre-prague-expiry)",
                ...MAINNET_EL_GROWTH,
            },
            ...RETH_POSTPRAGUE_TESTNETS,
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
            ...RETH_ARCHIVE_TESTNETS,
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
        ...rethModeArgs(ctx),
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
} satisfies ExecutionClient;
