import { PortSpec } from "./ports";
import { Network, NodeMode } from "./networks";
import { DiskFigure } from "./disk";
import { HistoryNeed, ServedHistory } from "./history";
import { ReleaseCatalog } from "./releases/types";

/** The shape of a client's catalog entry (catalog/executionClients.ts, catalog/consensusClients.ts). */

/** The base an upstream image is built on (tests/oracles/imageFamilies.ts knows what each one has). */
export type ImageFamily = "alpine" | "ubuntu";

export interface ImageRef {
    repository: string;
    tag: string;
    /** The base the upstream image is built on; the Dockerfile installs what it lacks. */
    family?: ImageFamily;
}

export interface DiskNeed {
    /** Below this the node cannot hold the chain today (CATALOG_MONTH). */
    minGiB: number;
    /** Default size: today's data plus GROWTH_ALLOWANCE_MONTHS of growth. */
    recommendedGiB: number;
    growthGiBPerMonth: number;
    /** How the figures were reached, with their sources. */
    basis: string;
}

/** A figure with where it comes from. */
export interface Sourced<T> {
    value: T;
    source: string;
}

/** P2P traffic the client sends per connected peer, GiB a month, as a range. */
export interface EgressPerPeer {
    lowGiB: number;
    highGiB: number;
    source: string;
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
    /**
     * The client's database folder inside its data directory; with no checkpoint URL answering, the
     * entrypoint starts the client only when it exists. Consensus clients only.
     */
    databaseDir?: string;
    /**
     * What the client prints when it exits because its stored chain is too old to resume; the
     * entrypoint then moves its database aside and starts it again from a checkpoint. Undefined: the
     * client resumes from any stored chain. Consensus clients only.
     */
    staleDatabase?: Sourced<string>;
}

export interface RunContext {
    network: Network;
    nodeMode: NodeMode;
    dataDir: string;
    jwtPath: string;
    rpcApis: string[];
    /** The history the stack promises (`logsFrom`): an execution client indexes logs over it. */
    logsFrom: HistoryNeed;
    /** The name consumers call: the only host name the RPC server answers besides localhost. */
    dnsName: string;
}

/**
 * How the execution client bounds `eth_getLogs`, so that every pair can be told the same: the block
 * range of one filter (`end − begin`, which both geth and reth compare with `>`), and a cap on the
 * logs in one response that only some clients have.
 */
export interface LogQueryLimits {
    /** The flags that cap a filter's range at `blocks` (0: no cap). */
    rangeArgs: (blocks: number) => string[];
    /** The client's own range cap without the flag (0: none). */
    defaultRange: Sourced<number>;
    /** The client's own cap on logs per response (0: none). */
    resultsCap: Sourced<number>;
    /** The flags that lift that cap, so that no pair refuses what another answers; [] when there is none. */
    uncappedResultsArgs: string[];
}

/** A network × mode the client itself refuses to run, with the evidence. */
export interface Unsupported {
    network: Network;
    nodeMode: NodeMode;
    reason: string;
    source: string;
}

export interface ClientBase {
    displayName: string;
    image: ImageRef;
    /** Combinations the client exits on at start; config rejects them. */
    unsupported?: Unsupported[];
    /**
     * The releases the program knows, the pin among them: each one's fork schedule, security notes and
     * flag provenance (catalog/releases/). `image.tag` is the release a stack runs.
     */
    releases: ReleaseCatalog;
    launch: LaunchSpec;
    /** Memory the client needs to run, in MiB; the instance must hold the pair plus the host's share. */
    minMemoryMiB: number;
    /** Memory measured at head after a sync, in MiB; what the steady instance is chosen for. */
    memoryAtHeadMiB: Sourced<number>;
    /** The client's peer-limit flag set to `count`; the count comes from config. */
    peerArgs(count: number): string[];
    /** The peer limit used when config sets none. */
    defaultPeers: Sourced<number>;
    egressPerPeer: EgressPerPeer;
    /** Seconds ECS waits after SIGTERM before SIGKILL; long enough to flush the database. */
    stopTimeoutSeconds: number;
    ports: PortSpec[];
    /** Liveness probe run inside the container: the process answers at all (never "is synced"). */
    livenessCommand: string;
    /** Flags for this network, mode and data layout (the entrypoint adds the runtime ones). */
    args(ctx: RunContext): string[];
}

export interface ExecutionClient extends ClientBase {
    modes: Partial<Record<NodeMode, Record<Network, DiskFigure>>>;
    /** What each mode keeps and so can answer for at old blocks (catalog/executionHistory.ts). */
    history: Partial<Record<NodeMode, ServedHistory>>;
    /** Volume IOPS the client needs to keep up at head; the steady profile provisions it. */
    /** IOPS the client needs at head: a measurement, or (assumed) gp3's included 3000. */
    iopsAtHead: Sourced<number> & { assumed?: true };
    /** JSON-RPC namespaces the client can serve; `admin` and `personal` are never allowed. */
    rpcNamespaces: string[];
    /** Namespaces the client serves that this program refuses to expose on it, each with why. */
    refusedNamespaces?: Record<string, Sourced<string>>;
    /**
     * Hours from an empty volume to head on mainnet, on the fast-sync profile, per mode, with the
     * source. Other networks scale by their chain's size (freshSyncHours in catalog/clients.ts).
     */
    mainnetSyncHours: Partial<Record<NodeMode, { hours: number; source: string }>>;
    /** eth_getLogs bounds and the flags that set them. */
    logQuery: LogQueryLimits;
    /**
     * Disk the client's indexes take beyond its measured database when they cover everything the
     * mode keeps (the measurements were taken with the client's default, shorter indexes).
     */
    indexDisk?: Partial<Record<NodeMode, Record<Network, DiskFigure>>>;
}

export interface ConsensusClient extends ClientBase {
    diskGiB: Record<Network, DiskFigure>;
    /** Known public checkpoint-sync endpoints, tried in order by the entrypoint. */
    checkpointSyncUrls: Record<Network, string[]>;
    /** Host port of the beacon API, used by the readiness monitor. */
    beaconApiPort: number;
}

export const EL_METRICS_PORT = 6060;
export const BEACON_API_PORT = 5052;
export const CL_METRICS_PORT = 5054;
