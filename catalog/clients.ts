import {
    EXECUTION_RPC_PORTS,
    PortSpec,
    port,
    ENGINE_API_PORT,
    RPC_HTTP_PORT,
    RPC_WS_PORT,
} from "./ports";
import { Network, NodeMode } from "./networks";
import { ImageFamily } from "./images";
import { CliReference, LIGHTHOUSE_CLI, RETH_CLI } from "./cliReference";

/**
 * Client catalog. A stack's `client` is `<execution>-<consensus>`, so adding a client is one entry
 * in EXECUTION_CLIENTS or CONSENSUS_CLIENTS. Versions are pinned; re-check the release pages before
 * bumping (sources: shared research node-facts.md §1–2).
 */

export interface ImageRef {
    repository: string;
    tag: string;
    /** The base the upstream image is built on; the Dockerfile installs what it lacks. */
    family?: ImageFamily;
}

export interface DiskNeed {
    /** Below this the node cannot hold the chain today. */
    minGiB: number;
    /** Default size: today's chain plus about a year of growth. */
    recommendedGiB: number;
}

/** What the wrapper entrypoint needs to know to start a client (see docker/node/node-entrypoint.sh). */
export interface LaunchSpec {
    binary: string;
    /** Flag template for the external address; `{ip}` is replaced by the public IPv4 from IMDSv2. */
    externalIpFlag: string;
    /** Flag that points the client at the node key file the entrypoint keeps; undefined: the client keeps its own key in its datadir. */
    nodeKeyFlag?: string;
    /** Flag template for the checkpoint-sync URL the entrypoint picks; consensus clients only. */
    checkpointSyncFlag?: string;
}

export interface RunContext {
    network: Network;
    nodeMode: NodeMode;
    dataDir: string;
    jwtPath: string;
    rpcApis: string[];
}

/** A network × mode the client itself refuses to run, with the evidence. */
export interface Unsupported {
    network: Network;
    nodeMode: NodeMode;
    reason: string;
    source: string;
}

interface ClientBase {
    displayName: string;
    image: ImageRef;
    /** The client's CLI reference at the pinned version; absent when the real binary is the test. */
    cli?: CliReference;
    /** Combinations the client exits on at start; config rejects them. */
    unsupported?: Unsupported[];
    launch: LaunchSpec;
    /** Memory the client needs to run, in MiB; the instance must hold the pair plus the host's share. */
    minMemoryMiB: number;
    /** Seconds ECS waits after SIGTERM before SIGKILL; long enough to flush the database. */
    stopTimeoutSeconds: number;
    ports: PortSpec[];
    /** Liveness probe run inside the container: the process answers at all (never "is synced"). */
    livenessCommand: string;
    /** Flags for this network, mode and data layout (the entrypoint adds the runtime ones). */
    args(ctx: RunContext): string[];
}

export interface ExecutionClient extends ClientBase {
    modes: Partial<Record<NodeMode, Record<Network, DiskNeed>>>;
    /** JSON-RPC namespaces the client can serve; `admin` and `personal` are never allowed. */
    rpcNamespaces: string[];
    /** Typical hours from an empty volume to head on the fast-sync profile, for the recovery plan. */
    typicalFreshSyncHours: number;
}

export interface ConsensusClient extends ClientBase {
    diskGiB: Record<Network, DiskNeed>;
    /** Known public checkpoint-sync endpoints, tried in order by the entrypoint. */
    checkpointSyncUrls: Record<Network, string[]>;
    /** Host port of the beacon API, used by the readiness monitor. */
    beaconApiPort: number;
}

export const EL_METRICS_PORT = 6060;
export const BEACON_API_PORT = 5052;
export const CL_METRICS_PORT = 5054;

// Testnet sizes are estimates from the clients' docs and community reports, rounded up;
// mainnet figures come from measured sources (reth storage docs, eth-docker resource usage).
const testnetDisk = (sepolia: number, hoodi: number) => ({
    sepolia: { minGiB: sepolia, recommendedGiB: Math.ceil(sepolia * 1.5) },
    hoodi: { minGiB: hoodi, recommendedGiB: Math.ceil(hoodi * 1.5) },
});

const livenessOf = (url: string) =>
    `curl -sf -m 5 -o /dev/null -X POST -H 'content-type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"web3_clientVersion","params":[]}' ${url} || exit 1`;

export const EXECUTION_CLIENTS = {
    reth: {
        displayName: "Reth",
        // The newest tag verifiable in the upstream repository (v2.10.1 is reported elsewhere, unverified).
        // Dockerfile.depot: FROM ubuntu:24.04.
        image: { repository: "ghcr.io/paradigmxyz/reth", tag: "v2.5.1", family: "ubuntu" },
        cli: RETH_CLI,
        launch: {
            binary: "reth",
            externalIpFlag: "--nat=extip:{ip}",
            nodeKeyFlag: "--p2p-secret-key",
        },
        minMemoryMiB: 10 * 1024,
        stopTimeoutSeconds: 300,
        typicalFreshSyncHours: 72,
        rpcNamespaces: ["eth", "net", "web3", "txpool", "debug", "trace", "rpc", "reth", "ots"],
        modes: {
            // reth storage docs (block 24,396,823): full 1.02 TB, minimal 224 GB, archive 2.31 TB.
            full: { mainnet: { minGiB: 1000, recommendedGiB: 1700 }, ...testnetDisk(500, 150) },
            minimal: { mainnet: { minGiB: 250, recommendedGiB: 500 }, ...testnetDisk(150, 60) },
            archive: { mainnet: { minGiB: 2200, recommendedGiB: 3300 }, ...testnetDisk(900, 300) },
        },
        ports: [
            ...EXECUTION_RPC_PORTS,
            port("el-p2p-tcp", 30303, "tcp", "devp2p RLPx", "public"),
            port("el-p2p-udp", 30303, "udp", "devp2p discovery v4", "public"),
            port("el-discv5", 9200, "udp", "reth discovery v5", "public"),
            port("el-metrics", EL_METRICS_PORT, "tcp", "execution client Prometheus metrics"),
        ],
        livenessCommand: livenessOf(`http://127.0.0.1:${RPC_HTTP_PORT}`),
        args: (ctx: RunContext) => [
            "node",
            "--chain",
            ctx.network,
            "--datadir",
            ctx.dataDir,
            ...{ full: ["--full"], minimal: ["--minimal"], archive: [] }[ctx.nodeMode],
            "--http",
            "--http.addr",
            "0.0.0.0",
            "--http.port",
            String(RPC_HTTP_PORT),
            "--http.api",
            ctx.rpcApis.join(","),
            "--ws",
            "--ws.addr",
            "0.0.0.0",
            "--ws.port",
            String(RPC_WS_PORT),
            "--ws.api",
            ctx.rpcApis.join(","),
            "--authrpc.addr",
            "127.0.0.1",
            "--authrpc.port",
            String(ENGINE_API_PORT),
            "--authrpc.jwtsecret",
            ctx.jwtPath,
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
        image: { repository: "ethereum/client-go", tag: "v1.17.5", family: "alpine" },
        launch: { binary: "geth", externalIpFlag: "--nat=extip:{ip}", nodeKeyFlag: "--nodekey" },
        unsupported: [
            {
                // full = --history.chain postmerge; hoodi began after the merge, so geth has no cutoff for it.
                network: "hoodi",
                nodeMode: "full",
                reason: "geth exits at start: postmerge history pruning not available for network 0xbbe3…",
                source: "geth v1.17.5 run by npm run test:clients; go-ethereum core/history/historymode.go",
            },
        ],
        minMemoryMiB: 8 * 1024,
        // go-ethereum#32557: a container killed 10 s after SIGTERM corrupted pathdb.
        stopTimeoutSeconds: 600,
        typicalFreshSyncHours: 12,
        rpcNamespaces: ["eth", "net", "web3", "txpool", "debug"],
        modes: {
            // eth-docker resource usage (geth 1.17.2): post-merge ~830 GiB, post-Prague ~580 GiB.
            full: { mainnet: { minGiB: 900, recommendedGiB: 1500 }, ...testnetDisk(450, 150) },
            minimal: { mainnet: { minGiB: 650, recommendedGiB: 1100 }, ...testnetDisk(300, 100) },
        },
        ports: [
            ...EXECUTION_RPC_PORTS,
            port("el-p2p-tcp", 30303, "tcp", "devp2p RLPx", "public"),
            port("el-p2p-udp", 30303, "udp", "devp2p discovery", "public"),
            port("el-metrics", EL_METRICS_PORT, "tcp", "execution client Prometheus metrics"),
        ],
        livenessCommand: livenessOf(`http://127.0.0.1:${RPC_HTTP_PORT}`),
        args: (ctx: RunContext) => [
            `--${ctx.network}`,
            "--datadir",
            ctx.dataDir,
            "--syncmode",
            "snap",
            "--history.chain",
            { full: "postmerge", minimal: "postprague", archive: "all" }[ctx.nodeMode],
            // Clients call the node by its DNS name, which the default vhost list (localhost) rejects.
            "--http",
            "--http.addr",
            "0.0.0.0",
            "--http.port",
            String(RPC_HTTP_PORT),
            "--http.api",
            ctx.rpcApis.join(","),
            "--http.vhosts",
            "*",
            "--ws",
            "--ws.addr",
            "0.0.0.0",
            "--ws.port",
            String(RPC_WS_PORT),
            "--ws.api",
            ctx.rpcApis.join(","),
            "--authrpc.addr",
            "127.0.0.1",
            "--authrpc.port",
            String(ENGINE_API_PORT),
            "--authrpc.jwtsecret",
            ctx.jwtPath,
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

export const CONSENSUS_CLIENTS = {
    lighthouse: {
        displayName: "Lighthouse",
        // lighthouse Dockerfile: FROM ubuntu:22.04.
        image: { repository: "sigp/lighthouse", tag: "v8.2.2", family: "ubuntu" },
        cli: LIGHTHOUSE_CLI,
        launch: {
            binary: "lighthouse",
            externalIpFlag: "--enr-address={ip}",
            checkpointSyncFlag: "--checkpoint-sync-url={url}",
        },
        minMemoryMiB: 4 * 1024,
        stopTimeoutSeconds: 120,
        beaconApiPort: BEACON_API_PORT,
        // eth-docker: Lighthouse ~20 GiB with minimal blobs, ~130 GiB with a longer blob window.
        diskGiB: { mainnet: { minGiB: 150, recommendedGiB: 300 }, ...testnetDisk(80, 60) },
        checkpointSyncUrls: {
            mainnet: [
                "https://mainnet.checkpoint.sigp.io",
                "https://beaconstate.ethstaker.cc",
                "https://sync-mainnet.beaconcha.in",
            ],
            sepolia: ["https://sepolia.checkpoint.sigp.io"],
            hoodi: ["https://hoodi.checkpoint.sigp.io"],
        },
        ports: [
            port("cl-p2p-tcp", 9000, "tcp", "libp2p", "public"),
            port("cl-p2p-udp", 9000, "udp", "discv5", "public"),
            port("cl-quic", 9001, "udp", "libp2p QUIC", "public"),
            port("beacon-api", BEACON_API_PORT, "tcp", "beacon node REST API"),
            port("cl-metrics", CL_METRICS_PORT, "tcp", "consensus client Prometheus metrics"),
        ],
        livenessCommand: `curl -sf -m 5 -o /dev/null http://127.0.0.1:${BEACON_API_PORT}/eth/v1/node/version || exit 1`,
        args: (ctx: RunContext) => [
            "bn",
            "--network",
            ctx.network,
            "--datadir",
            ctx.dataDir,
            "--execution-endpoint",
            `http://127.0.0.1:${ENGINE_API_PORT}`,
            "--execution-jwt",
            ctx.jwtPath,
            "--listen-address",
            "0.0.0.0",
            "--port",
            "9000",
            "--quic-port",
            "9001",
            "--disable-upnp",
            "--http",
            "--http-address",
            "127.0.0.1",
            "--http-port",
            String(BEACON_API_PORT),
            "--metrics",
            "--metrics-address",
            "127.0.0.1",
            "--metrics-port",
            String(CL_METRICS_PORT),
        ],
    },
} satisfies Record<string, ConsensusClient>;

export type ExecutionClientName = keyof typeof EXECUTION_CLIENTS;
export type ConsensusClientName = keyof typeof CONSENSUS_CLIENTS;

export interface ClientPair {
    name: string;
    executionName: ExecutionClientName;
    consensusName: ConsensusClientName;
    execution: ExecutionClient;
    consensus: ConsensusClient;
}

/** Every execution client pairs with every consensus client: `reth-lighthouse`, `geth-lighthouse`, … */
export const CLIENT_PAIRS: Record<string, ClientPair> = Object.fromEntries(
    (Object.keys(EXECUTION_CLIENTS) as ExecutionClientName[]).flatMap((executionName) =>
        (Object.keys(CONSENSUS_CLIENTS) as ConsensusClientName[]).map((consensusName) => {
            const name = `${executionName}-${consensusName}`;
            const pair: ClientPair = {
                name,
                executionName,
                consensusName,
                execution: EXECUTION_CLIENTS[executionName],
                consensus: CONSENSUS_CLIENTS[consensusName],
            };
            return [name, pair];
        }),
    ),
);

export const DEFAULT_CLIENT = "reth-lighthouse";

/** Namespaces that can move funds or reconfigure the node; never served, whatever the config says. */
export const FORBIDDEN_RPC_NAMESPACES = ["admin", "personal"];
export const DEFAULT_RPC_APIS = ["eth", "net", "web3"];

/** The modes the pair can run on a network: the execution client's, less what it refuses there. */
export function supportedModes(pair: ClientPair, network: Network): NodeMode[] {
    const refused = [...(pair.execution.unsupported ?? []), ...(pair.consensus.unsupported ?? [])]
        .filter((u) => u.network === network)
        .map((u) => u.nodeMode);
    return (Object.keys(pair.execution.modes) as NodeMode[]).filter((m) => !refused.includes(m));
}

/** Why a pair cannot run a network × mode, when the catalog knows. */
export function unsupportedReason(
    pair: ClientPair,
    network: Network,
    mode: NodeMode,
): Unsupported | undefined {
    return [...(pair.execution.unsupported ?? []), ...(pair.consensus.unsupported ?? [])].find(
        (u) => u.network === network && u.nodeMode === mode,
    );
}

/** Disk the pair needs on one shared chain volume, for a network and mode. */
export function diskNeed(pair: ClientPair, network: Network, mode: NodeMode): DiskNeed {
    const el = pair.execution.modes[mode]?.[network];
    if (!el) {
        throw new Error(`client ${pair.name} does not support nodeMode ${mode}`);
    }
    const cl = pair.consensus.diskGiB[network];
    return { minGiB: el.minGiB + cl.minGiB, recommendedGiB: el.recommendedGiB + cl.recommendedGiB };
}

/** All ports of the pair, execution first. */
export function pairPorts(pair: ClientPair): PortSpec[] {
    return [...pair.execution.ports, ...pair.consensus.ports];
}

/** The pair for a stack's `client` value; callers validate the name first. */
export function clientPair(name: string): ClientPair {
    const pair = CLIENT_PAIRS[name];
    if (pair === undefined) {
        throw new Error(
            `unknown client pair ${JSON.stringify(name)}; known: ${Object.keys(CLIENT_PAIRS).join(", ")}`,
        );
    }
    return pair;
}
