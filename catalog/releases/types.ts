import { Network, NETWORKS } from "../networks";
import { Fork, NETWORK_FORKS } from "../forks";

/**
 * The releases of one client the program knows: the default pin, newer ones, and traps (releases
 * that schedule a fork a network later cancelled). A stack's `executionVersion` / `consensusVersion`
 * picks one; config checks its flags' provenance and its fork schedule from these records.
 */

/** How a release's fork schedule was read. */
export type ScheduleReading =
    /** From the client's own network files at the tag (a test re-reads them where reachable). */
    | "source"
    /** From the client's or another client's release notes; its files at the tag are not reachable here. */
    | "release notes"
    /** Inferred from neighbouring releases and dates, with the reasoning in `forksSource`. */
    | "assumed";

export interface ClientRelease {
    /** The image tag. */
    version: string;
    /** Release date (YYYY-MM-DD); absent where no source here dates it. */
    date?: string;
    /** What it was built from: a commit, or the Go module proxy's content hash of the tag's tree. */
    commit?: string;
    /** The forks it schedules on each network, from Fusaka (FIRST_LISTED_FORK) on. */
    forks: Record<Network, Fork[]>;
    forksRead: ScheduleReading;
    forksSource: string;
    /** Security fixes its release notes name, in their words; absent: none named. */
    security?: string;
    /** The source the program's flags were checked against: this tag's, or the newest one readable here. */
    flags?: { verifiedAt: string; source: string };
}

export interface ReleaseCatalog {
    /** The release a stack runs when its version key is unset. */
    pin: string;
    /** What the client's image tags look like; a version key of another shape is refused. */
    versionPattern: RegExp;
    versionPatternDoc: string;
    /** Newest first. */
    releases: ClientRelease[];
}

/** The network's forks up to and including `last`, as a release that schedules exactly them has them. */
export function forksThrough(network: Network, last: string): Fork[] {
    const forks = NETWORK_FORKS[network];
    const end = forks.findIndex((f) => f.name === last);
    if (end < 0) {
        throw new Error(`${network} has no fork named ${last}`);
    }
    return forks.slice(0, end + 1).map(({ name, time }) => ({ name, time }));
}

/** The same schedule on every network: the forks up to `last` (a release that predates later forks). */
export const throughOnEvery = (last: string): Record<Network, Fork[]> =>
    Object.fromEntries(NETWORKS.map((n) => [n, forksThrough(n, last)])) as Record<Network, Fork[]>;

/** Numeric comparison of release versions ("v1.17.10" > "v1.17.9"); the prefix is ignored. */
export function compareVersions(a: string, b: string): number {
    const parts = (v: string) => (v.match(/\d+/g) ?? []).map(Number);
    const [pa, pb] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (diff !== 0) {
            return diff;
        }
    }
    return 0;
}
