import { Network } from "./networks";
import { Fork, NETWORK_FORKS, NetworkFork, describeFork, forkDate } from "./forks";
import { ClientRelease, ReleaseCatalog, compareVersions } from "./releases/types";

/**
 * Whether a release follows a network's forks, and what to run instead. Pure functions over the fork
 * table (catalog/forks.ts) and the release records (catalog/releases/).
 */

/** Where a release's schedule first parts from the network's. */
export type ForkGap =
    /** The network forks, the release does not: the node stops following the chain there. */
    | { kind: "lacks"; fork: NetworkFork }
    /** Both schedule the fork, at different times: the node splits off at the earlier one. */
    | { kind: "moved"; fork: NetworkFork; releaseTime: number }
    /** The release schedules a fork the network does not have (a cancelled date): it splits off. */
    | { kind: "extra"; fork: Fork };

/** The first place, in time, where the release's schedule differs from the network's. */
export function forkGap(scheduled: Fork[], network: Network): ForkGap | undefined {
    const gaps: { at: number; gap: ForkGap }[] = [];
    for (const fork of NETWORK_FORKS[network]) {
        const own = scheduled.find((f) => f.name === fork.name);
        if (own === undefined) {
            gaps.push({ at: fork.time, gap: { kind: "lacks", fork } });
        } else if (own.time !== fork.time) {
            const gap: ForkGap = { kind: "moved", fork, releaseTime: own.time };
            gaps.push({ at: Math.min(own.time, fork.time), gap });
        }
    }
    for (const own of scheduled) {
        if (!NETWORK_FORKS[network].some((f) => f.name === own.name)) {
            gaps.push({ at: own.time, gap: { kind: "extra", fork: own } });
        }
    }
    return gaps.sort((a, b) => a.at - b.at)[0]?.gap;
}

/** The gap in words, after "<release> …". */
export function describeGap(gap: ForkGap, network: Network): string {
    switch (gap.kind) {
        case "lacks":
            return `does not schedule ${network}'s ${describeFork(gap.fork)}, so the node would stop following the chain there`;
        case "moved":
            return `schedules ${gap.fork.name} at ${forkDate(gap.releaseTime)}, but ${network} forks at ${forkDate(gap.fork.time)}, so the node splits off at ${forkDate(Math.min(gap.releaseTime, gap.fork.time))}`;
        case "extra":
            return `schedules ${describeFork(gap.fork)}, which ${network} does not have (a cancelled date), so the node splits off there`;
    }
}

/** The known releases that follow the network, newest first. */
export function releasesFollowing(catalog: ReleaseCatalog, network: Network): string[] {
    return catalog.releases
        .filter((r) => forkGap(r.forks[network], network) === undefined)
        .map((r) => r.version);
}

/** The known releases newer than a version whose notes name security fixes, oldest first. */
export function securityFixesAfter(catalog: ReleaseCatalog, version: string): ClientRelease[] {
    return catalog.releases
        .filter((r) => r.security !== undefined && compareVersions(r.version, version) > 0)
        .sort((a, b) => compareVersions(a.version, b.version));
}
