import { MONITOR_PORTS, PortSpec } from "./ports";
import { Network, NodeMode } from "./networks";
import { ClientBase, ConsensusClient, DiskNeed, ExecutionClient, Unsupported } from "./clientTypes";
import { NAMED_POINTS, ServedHistory } from "./history";
import { DiskFigure, GROWTH_ALLOWANCE_MONTHS, CATALOG_MONTH, projectedGiB } from "./disk";
import { EXECUTION_CLIENTS } from "./executionClients";
import { ForkGap, forkGap } from "./forkCheck";
import { ClientRelease } from "./releases/types";
import { CONSENSUS_CLIENTS } from "./consensusClients";

/**
 * Client catalog. A stack's `client` is `<execution>-<consensus>`, so adding a client is one entry
 * in EXECUTION_CLIENTS or CONSENSUS_CLIENTS. Versions are pinned and checked against each client's
 * own CLI reference or binary (tests/oracles/cliReferences.ts, npm run test:clients).
 */

export * from "./clientTypes";
export { EXECUTION_CLIENTS } from "./executionClients";
export { CONSENSUS_CLIENTS } from "./consensusClients";

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

/**
 * The pair a stack runs when `client` is unset: geth keeps the default `logsFrom` (Prague) in its
 * minimal mode. The committed stacks run the cheapest pair all in (tests/readme.spec.ts).
 */
export const DEFAULT_CLIENT = "geth-lighthouse";

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

/** The record of the release a client runs (its image tag); undefined for one the catalog does not know. */
export function runningRelease(client: ClientBase): ClientRelease | undefined {
    return client.releases.releases.find((r) => r.version === client.image.tag);
}

export interface ClientForkGap {
    client: ClientBase;
    release: ClientRelease;
    gap: ForkGap;
}

/** Each client of the pair whose known release parts from the network's forks, execution first. */
export function pairForkGaps(pair: ClientPair, network: Network): ClientForkGap[] {
    return [pair.execution, pair.consensus].flatMap((client) => {
        const release = runningRelease(client);
        const gap = release && forkGap(release.forks[network], network);
        return release && gap ? [{ client, release, gap }] : [];
    });
}

/** Both clients' releases follow the network's forks (an unknown release counts as following). */
export const followsNetwork = (pair: ClientPair, network: Network) =>
    pairForkGaps(pair, network).length === 0;

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

/** The execution client's disk figure for a network and mode. */
function executionFigure(pair: ClientPair, network: Network, mode: NodeMode): DiskFigure {
    const el = pair.execution.modes[mode]?.[network];
    if (!el) {
        throw new Error(`client ${pair.name} does not support nodeMode ${mode}`);
    }
    return el;
}

/**
 * Disk the pair needs on one shared chain volume, for a network and mode: both clients' sourced
 * sizes projected to CATALOG_MONTH, plus GROWTH_ALLOWANCE_MONTHS of growth for the default size
 * (rounded up to 10 GiB).
 */
export function diskNeed(pair: ClientPair, network: Network, mode: NodeMode): DiskNeed {
    const indexes = pair.execution.indexDisk?.[mode]?.[network];
    const figures = [
        executionFigure(pair, network, mode),
        ...(indexes ? [indexes] : []),
        pair.consensus.diskGiB[network],
    ];
    const minGiB = Math.ceil(figures.reduce((sum, f) => sum + projectedGiB(f), 0));
    const growthGiBPerMonth = figures.reduce((sum, f) => sum + f.growthGiBPerMonth, 0);
    const recommendedGiB =
        Math.ceil((minGiB + growthGiBPerMonth * GROWTH_ALLOWANCE_MONTHS) / 10) * 10;
    const parts = figures.map(
        (f) =>
            `${f.measuredGiB} GiB in ${f.measuredOn} (${f.source}) + ${f.growthGiBPerMonth} GiB/month (${f.growthSource})`,
    );
    return {
        minGiB,
        recommendedGiB,
        growthGiBPerMonth: Math.round(growthGiBPerMonth * 10) / 10,
        basis: `${parts.join("; ")}: ${minGiB} GiB in ${CATALOG_MONTH}, ${recommendedGiB} GiB with ${GROWTH_ALLOWANCE_MONTHS} months of growth`,
    };
}

/** What the pair's execution client keeps in a mode, for the plan and the `logsFrom` check. */
export function servedHistory(pair: ClientPair, mode: NodeMode): ServedHistory {
    const history = pair.execution.history[mode];
    if (!history) {
        throw new Error(`client ${pair.name} has no history entry for nodeMode ${mode}`);
    }
    return history;
}

/** The `logsFrom` value an execution client's mode keeps: the advice for keeping a deployed database. */
export function logsFromKept(executionName: string, mode: string): string | undefined {
    const client = (EXECUTION_CLIENTS as Record<string, ExecutionClient>)[executionName];
    const reach = client?.history[mode as NodeMode]?.receipts.reach;
    if (reach === undefined) {
        return undefined;
    }
    if (reach.kind === "window") {
        return `head-${reach.blocks}`;
    }
    return Object.entries(NAMED_POINTS).find(([, point]) => point.label === reach.point.label)?.[0];
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

/**
 * Hours to sync from an empty volume: the client's sourced mainnet figure for the mode, scaled by
 * the size of the network's chain (a testnet syncs faster in proportion to its data).
 */
export function freshSyncHours(
    pair: ClientPair,
    network: Network,
    mode: NodeMode,
): { hours: number; basis: string } {
    const mainnet = pair.execution.mainnetSyncHours[mode];
    const disk = pair.execution.modes[mode];
    if (mainnet === undefined || disk === undefined) {
        throw new Error(`client ${pair.name} has no sync figure for nodeMode ${mode}`);
    }
    const ratio = disk[network].measuredGiB / disk.mainnet.measuredGiB;
    const hours = Math.round(mainnet.hours * ratio * 10) / 10;
    const scaled =
        network === "mainnet"
            ? ""
            : ` × ${disk[network].measuredGiB}/${disk.mainnet.measuredGiB} GiB for ${network}`;
    return { hours, basis: `${mainnet.hours} h on mainnet${scaled} (${mainnet.source})` };
}

/**
 * Ports that must never be reachable from a public address: every port of every client and the
 * monitor that is not marked public. The policy pack guards exactly these.
 */
export const GUARDED_PORTS: number[] = [
    ...new Set(
        [...Object.values(EXECUTION_CLIENTS), ...Object.values(CONSENSUS_CLIENTS)]
            .flatMap((c) => c.ports)
            .concat(MONITOR_PORTS)
            .filter((p) => p.exposure !== "public")
            .map((p) => p.port),
    ),
].sort((a, b) => a - b);
