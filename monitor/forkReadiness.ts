import { rpc } from "./probes";
import { Network } from "../catalog/networks";
import { BEACON_GENESIS_TIME, epochTime, forkAt, forkDate } from "../catalog/forks";

/**
 * Fork readiness: does the running node schedule the forks its network schedules? Clients give no
 * warning of a fork their peers know and they do not; the node just stops at it. So the monitor asks
 * both clients for their own schedule and compares it with the network's as others see it: the
 * execution client's `eth_config` (EIP-7910) with the reference RPCs', the beacon node's
 * `/eth/v1/config/fork_schedule` with the checkpoint servers'. Unreachable references make the
 * answer "unknown", never "ready".
 */

/** One fork as eth_config describes it (EIP-7910): its activation time and fork id. */
interface ConfigEntry {
    activationTime: number;
    forkId: string;
}

interface EthConfig {
    /** Null while the node's head is before every timestamp fork (geth at genesis answers so). */
    current: ConfigEntry | null;
    next: ConfigEntry | null;
    last: ConfigEntry | null;
}

/** A fork of the beacon chain's schedule: the version it switches to, and its epoch. */
interface BeaconFork {
    version: string;
    epoch: number;
}

export interface ForkGap {
    layer: "execution" | "consensus";
    /** The network schedules it and the node does not; or the node schedules it and the network does not. */
    kind: "missing" | "extra";
    /** When the node and the network part (Unix seconds). */
    time: number;
    name: string;
}

export interface ForkReadiness {
    status: "ready" | "gap" | "unknown";
    gap?: ForkGap;
    /** Days until the node and the network part; negative once they have. */
    daysLeft?: number;
    /** What each layer's comparison found, in words. */
    notes: string[];
}

/** beacon-APIs' FAR_FUTURE_EPOCH: a fork with no date. */
const FAR_FUTURE_EPOCH = 18446744073709551615n;

const entry = (value: unknown): ConfigEntry | null => {
    const v = value as { activationTime?: unknown; forkId?: unknown } | null;
    return v && typeof v.activationTime === "number"
        ? { activationTime: v.activationTime, forkId: String(v.forkId) }
        : null;
};

export async function ethConfig(url: string, timeoutMs: number): Promise<EthConfig> {
    const result = (await rpc(url, "eth_config", [], timeoutMs)) as Record<string, unknown>;
    const config = {
        current: entry(result?.current),
        next: entry(result?.next),
        last: entry(result?.last),
    };
    if (!config.current && !config.last && !config.next) {
        throw new Error(`eth_config: no fork in ${JSON.stringify(result)}`);
    }
    return config;
}

/** A beacon API path under a base URL, before its query string (a provider's key stays on it). */
export function beaconApiUrl(baseUrl: string, path: string): string {
    const url = new URL(baseUrl);
    url.pathname = `${url.pathname.replace(/\/$/, "")}${path}`;
    return url.toString();
}

export async function beaconForks(baseUrl: string, timeoutMs: number): Promise<BeaconFork[]> {
    const url = beaconApiUrl(baseUrl, "/eth/v1/config/fork_schedule");
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
        throw new Error(`GET /eth/v1/config/fork_schedule: HTTP ${response.status}`);
    }
    const body = (await response.json()) as { data?: { current_version: string; epoch: string }[] };
    return (body.data ?? [])
        .filter((f) => BigInt(f.epoch) !== FAR_FUTURE_EPOCH)
        .map((f) => ({ version: f.current_version, epoch: Number(f.epoch) }));
}

/** The newest fork the schedule holds: `last` only while a fork is still to come. */
const newest = (c: EthConfig) => (c.last ?? c.next ?? c.current)!;

/** Where the node's execution schedule parts from the reference's, if it does. */
export function compareExecution(
    node: EthConfig,
    reference: EthConfig,
): Omit<ForkGap, "name"> | undefined {
    const [mine, theirs] = [newest(node), newest(reference)];
    if (theirs.activationTime > mine.activationTime) {
        // The first fork the reference schedules after the node's last one.
        const times = [reference.next, reference.last]
            .filter((e): e is ConfigEntry => e !== null && e.activationTime > mine.activationTime)
            .map((e) => e.activationTime);
        return { layer: "execution", kind: "missing", time: Math.min(...times) };
    }
    if (theirs.activationTime < mine.activationTime) {
        return { layer: "execution", kind: "extra", time: mine.activationTime };
    }
    return mine.forkId === theirs.forkId
        ? undefined
        : { layer: "execution", kind: "missing", time: mine.activationTime };
}

/** Where the node's beacon schedule parts from the checkpoint server's, if it does. */
export function compareBeacon(
    node: BeaconFork[],
    reference: BeaconFork[],
    network: Network,
): Omit<ForkGap, "name"> | undefined {
    const has = (list: BeaconFork[], f: BeaconFork) =>
        list.some((g) => g.version === f.version && g.epoch === f.epoch);
    const gaps = [
        ...reference.filter((f) => !has(node, f)).map((f) => ({ f, kind: "missing" as const })),
        ...node.filter((f) => !has(reference, f)).map((f) => ({ f, kind: "extra" as const })),
    ]
        .map(({ f, kind }) => ({
            layer: "consensus" as const,
            kind,
            time: epochTime(BEACON_GENESIS_TIME[network], f.epoch),
        }))
        .sort((a, b) => a.time - b.time);
    return gaps[0];
}

/** The comparison of one layer against every reference that answered: agreeing ones, or a gap. */
async function layer<T>(
    what: string,
    own: () => Promise<T>,
    references: (() => Promise<T>)[],
    compare: (node: T, reference: T) => Omit<ForkGap, "name"> | undefined,
): Promise<LayerResult> {
    if (references.length === 0) {
        return { state: "unconfigured", note: `${what}: no reference configured` };
    }
    let node: T;
    try {
        node = await own();
    } catch (e) {
        return {
            state: "unknown",
            note: `${what}: the node's own schedule: ${(e as Error).message}`,
        };
    }
    const answers = await Promise.allSettled(references.map((read) => read()));
    const schedules = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
    if (schedules.length === 0) {
        return { state: "unknown", note: `${what}: no reference answered` };
    }
    const gaps = schedules.map((s) => compare(node, s));
    if (new Set(gaps.map((g) => JSON.stringify(g ?? null))).size > 1) {
        return { state: "unknown", note: `${what}: the references disagree with each other` };
    }
    const n = schedules.length;
    return gaps[0]
        ? { state: "gap", gap: gaps[0], note: `${what}: parts from ${n} reference(s)` }
        : { state: "agrees", note: `${what}: agrees with ${n} reference(s)` };
}

interface LayerResult {
    state: "agrees" | "gap" | "unknown" | "unconfigured";
    gap?: Omit<ForkGap, "name">;
    note: string;
}

/** The node's fork readiness against its references, at a moment (ms). */
export async function forkReadiness(
    s: {
        network: Network;
        rpcUrl: string;
        beaconUrl: string;
        referenceRpcUrls: string[];
        beaconReferenceUrls: string[];
        timeoutMs: number;
    },
    nowMs: number,
): Promise<ForkReadiness> {
    const [execution, consensus] = await Promise.all([
        layer(
            "execution (eth_config)",
            () => ethConfig(s.rpcUrl, s.timeoutMs),
            s.referenceRpcUrls.map((url) => () => ethConfig(url, s.timeoutMs)),
            compareExecution,
        ),
        layer(
            "consensus (fork_schedule)",
            () => beaconForks(s.beaconUrl, s.timeoutMs),
            s.beaconReferenceUrls.map((url) => () => beaconForks(url, s.timeoutMs)),
            (node, reference) => compareBeacon(node, reference, s.network),
        ),
    ]);
    const notes = [execution.note, consensus.note];
    const found = [execution.gap, consensus.gap]
        .filter((g): g is Omit<ForkGap, "name"> => g !== undefined)
        .sort((a, b) => a.time - b.time)[0];
    if (found) {
        const name = forkAt(s.network, found.time)?.name ?? `a fork at ${forkDate(found.time)}`;
        const gap = { ...found, name };
        const daysLeft = Math.round(((found.time * 1000 - nowMs) / 86_400_000) * 10) / 10;
        return { status: "gap", gap, daysLeft, notes };
    }
    // Ready only when some layer was compared and none could not be.
    const states = [execution.state, consensus.state];
    const ready = states.includes("agrees") && !states.includes("unknown");
    return { status: ready ? "ready" : "unknown", notes };
}

/** The result in one line for the log and /ready. */
export function describeForkReadiness(r: ForkReadiness): string {
    if (r.status === "gap" && r.gap) {
        const what =
            r.gap.kind === "missing"
                ? `the network schedules ${r.gap.name} at ${forkDate(r.gap.time)} and this node's ${r.gap.layer} client does not`
                : `this node's ${r.gap.layer} client schedules ${r.gap.name} at ${forkDate(r.gap.time)} and the network does not`;
        return `fork readiness: ${what} (${r.daysLeft} days); bump ${r.gap.layer}Version to a release that schedules the network's forks`;
    }
    return `fork readiness: ${r.status} (${r.notes.join("; ")})`;
}
