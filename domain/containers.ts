import {
    ClientPair,
    ExecutionClient,
    ConsensusClient,
    RunContext,
    servedHistory,
} from "../catalog/clients";
import { DATA_DIR } from "../catalog/host";
import { CLIENT_USERS, JWT_DIR, JWT_PATH, JWT_READER_GID } from "../catalog/processIsolation";
import { READINESS_PORT, RPC_HTTP_PORT } from "../catalog/ports";
import { Network, NodeMode } from "../catalog/networks";
import { HistoryNeed } from "../catalog/history";
import { ContainerMemory } from "./memory";
import { SecretRefs, withSecrets } from "./containerSecrets";

/**
 * The node's three containers as ECS container definitions, built from the client catalog: the
 * execution and consensus clients (essential, liveness-only health checks, long stop timeouts) and
 * the monitor sidecar. Images and log settings are filled in by the caller.
 */

export interface ContainerInputs {
    client: ClientPair;
    network: Network;
    nodeMode: NodeMode;
    rpcApis: string[];
    /** The history the stack promises: the execution client indexes logs over it. */
    logsFrom: HistoryNeed;
    /** The name consumers call the node by. */
    dnsName: string;
    /** The block range one eth_getLogs filter may span, the same on every pair (0: none). */
    logsMaxBlockRange: number;
    /** Each client's peer limit (config); it bounds the P2P egress. */
    peers: { execution: number; consensus: number };
    checkpointSyncUrls: string[];
    /** How many other checkpoint providers must confirm the chosen one's finalized block. */
    checkpointConfirmations: number;
    stackId: string;
    readiness: { maxHeadAgeSeconds: number; minPeers: number };
    referenceRpcUrls: string[];
    memory: ContainerMemory;
    /** The node's name when there are several: its metrics carry it as a dimension. */
    node?: string;
    /** The SSM parameters that carry the variables that can hold API keys (domain/containerSecrets.ts). */
    secretRefs: SecretRefs;
}

const envList = (env: Record<string, string>) =>
    Object.entries(env).map(([name, value]) => ({ name, value }));

/** The command, environment and data layout of one client container. */
export function clientContainer(
    role: "execution" | "consensus",
    client: ExecutionClient | ConsensusClient,
    clientName: string,
    ctx: Omit<RunContext, "dataDir" | "jwtPath">,
    checkpoint: { urls: string[]; confirmations: number },
    peers: number,
    extraArgs: string[] = [],
) {
    const dataDir = clientDataDir(clientName);
    const user = CLIENT_USERS[role];
    const env: Record<string, string> = {
        EXTERNAL_IP_FLAG: client.launch.externalIpFlag,
        JWT_PATH,
        JWT_GROUP: String(JWT_READER_GID),
        RUN_AS: `${user.uid}:${user.gid}`,
        CLIENT_DIR: dataDir,
    };
    if (client.launch.nodeKeyFlag) {
        env.NODE_KEY_FLAG = client.launch.nodeKeyFlag;
        env.NODE_KEY_PATH = `${dataDir}/nodekey`;
    }
    if (client.launch.checkpointSyncFlag) {
        env.CHECKPOINT_SYNC_FLAG = client.launch.checkpointSyncFlag;
        env.CHECKPOINT_SYNC_URLS = checkpoint.urls.join(" ");
        env.CHECKPOINT_CONFIRMATIONS = String(checkpoint.confirmations);
        if (client.launch.databaseDir) {
            env.CLIENT_DB_PATH = `${dataDir}/${client.launch.databaseDir}`;
        }
        if (client.launch.staleDatabase) {
            env.STALE_DB_MESSAGE = client.launch.staleDatabase.value;
        }
    }
    return {
        name: role,
        command: [
            client.launch.binary,
            ...client.args({ ...ctx, dataDir, jwtPath: JWT_PATH }),
            ...client.peerArgs(peers),
            ...extraArgs,
        ],
        environment: envList(env),
        // Its own directory and the JWT's, nothing else of the volume: neither client can touch the
        // other's database. The entrypoint (root) creates the JWT; the client can only read it.
        mountPoints: [
            { sourceVolume: clientVolume(role), containerPath: dataDir },
            { sourceVolume: "jwt", containerPath: JWT_DIR },
        ],
        stopTimeout: client.stopTimeoutSeconds,
        healthCheck: {
            // Liveness only: the process answers. A node syncing for hours is healthy; readiness lives elsewhere.
            command: ["CMD-SHELL", client.livenessCommand],
            interval: 60,
            timeout: 10,
            retries: 10,
            startPeriod: 300,
        },
    };
}

/**
 * The monitor sidecar: not essential, so its failure never stops the clients; it reads the volume only
 * to measure it, and serves readiness on the host.
 */
export function monitorContainer(
    args: Pick<
        ContainerInputs,
        | "client"
        | "network"
        | "nodeMode"
        | "stackId"
        | "readiness"
        | "referenceRpcUrls"
        | "checkpointSyncUrls"
        | "logsMaxBlockRange"
        | "node"
    >,
) {
    const env: Record<string, string> = {
        RPC_URL: `http://127.0.0.1:${RPC_HTTP_PORT}`,
        BEACON_URL: `http://127.0.0.1:${args.client.consensus.beaconApiPort}`,
        REFERENCE_RPC_URLS: args.referenceRpcUrls.join(" "),
        // The checkpoint servers answer the beacon API: the network's fork schedule as they see it.
        CHECKPOINT_SYNC_URLS: args.checkpointSyncUrls.join(" "),
        DATA_DIR,
        MAX_HEAD_AGE_SECONDS: String(args.readiness.maxHeadAgeSeconds),
        MIN_PEERS: String(args.readiness.minPeers),
        RECEIPTS_KEPT: receiptsKept(args.client, args.nodeMode, args.network),
        LOGS_MAX_BLOCK_RANGE: String(args.logsMaxBlockRange),
        STACK: args.stackId,
        NETWORK: args.network,
        READY_PORT: String(READINESS_PORT),
        ...(args.node ? { NODE: args.node } : {}),
    };
    return {
        name: "monitor",
        essential: false,
        environment: envList(env),
        mountPoints: [{ sourceVolume: "chain", containerPath: DATA_DIR, readOnly: true }],
    };
}

/** The same eth_getLogs bounds on every pair: the range cap, and no cap on logs per response. */
export function logQueryArgs(client: ExecutionClient, maxBlockRange: number): string[] {
    return [...client.logQuery.rangeArgs(maxBlockRange), ...client.logQuery.uncappedResultsArgs];
}

/** The monitor's history promise (monitor/history.ts): what the mode keeps of receipts and logs. */
export function receiptsKept(client: ClientPair, mode: NodeMode, network: Network): string {
    const reach = servedHistory(client, mode).receipts.reach;
    return reach.kind === "window"
        ? `newest:${reach.blocks}`
        : `from:${reach.point.blocks[network] ?? 0}`;
}

export type ContainerRole = "execution" | "consensus" | "monitor";

/** The task volume that holds one client's directory. */
const clientVolume = (role: "execution" | "consensus") => `${role}-data`;

/** A client's directory on the chain volume, the same path on the host and in its container. */
export const clientDataDir = (clientName: string) => `${DATA_DIR}/${clientName}`;

/** The task's host volumes: the whole volume (read by the monitor), each client's and the JWT's. */
export function taskVolumes(client: ClientPair): { name: string; hostPath: string }[] {
    return [
        { name: "chain", hostPath: DATA_DIR },
        { name: clientVolume("execution"), hostPath: clientDataDir(client.executionName) },
        { name: clientVolume("consensus"), hostPath: clientDataDir(client.consensusName) },
        { name: "jwt", hostPath: JWT_DIR },
    ];
}

/** All three definitions; `finish` adds what only the program knows (image, log configuration). */
export function taskContainers<T>(
    args: ContainerInputs,
    finish: (role: ContainerRole) => T,
): (Record<string, unknown> & T)[] {
    const { client } = args;
    const ctx = {
        network: args.network,
        nodeMode: args.nodeMode,
        rpcApis: args.rpcApis,
        logsFrom: args.logsFrom,
        dnsName: args.dnsName,
    };
    const limits = args.memory.limits;
    const clientDefinition = (role: "execution" | "consensus", memoryReservation: number) => ({
        ...clientContainer(
            role,
            client[role],
            role === "execution" ? client.executionName : client.consensusName,
            ctx,
            { urls: args.checkpointSyncUrls, confirmations: args.checkpointConfirmations },
            args.peers[role],
            role === "execution" ? logQueryArgs(client.execution, args.logsMaxBlockRange) : [],
        ),
        essential: true,
        memoryReservation,
        ...(limits ? { memory: limits[`${role}MiB`] } : {}),
        ulimits: [{ name: "nofile", softLimit: 1048576, hardLimit: 1048576 }],
        ...finish(role),
    });
    return [
        clientDefinition("execution", args.memory.executionMiB),
        clientDefinition("consensus", args.memory.consensusMiB),
        {
            ...monitorContainer(args),
            memoryReservation: args.memory.monitorMiB,
            ...(limits ? { memory: limits.monitorMiB } : {}),
            ...finish("monitor"),
        },
    ].map((container) => withSecrets(container, args.secretRefs));
}

/** The longest time ECS waits for a client to stop; the host agent and the terminate hook honour it. */
export function longestStopSeconds(client: ClientPair): number {
    return Math.max(client.execution.stopTimeoutSeconds, client.consensus.stopTimeoutSeconds);
}
