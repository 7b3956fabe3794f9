import { Network } from "./networks";
import { SECONDS_PER_SLOT } from "./chain";

/**
 * Each network's fork schedule from Fusaka on, with sources. A node follows the chain only while both
 * of its clients schedule exactly these forks: a client that lacks one stops at its activation (the
 * blocks after it are invalid to it), and one that schedules a fork the network dropped splits off at
 * that time. Each client release states the forks it schedules (catalog/releases/); the pre-flight
 * compares them with this table (catalog/forkCheck.ts), and the monitor compares the running node's
 * own schedule with the network's (monitor/forkReadiness.ts).
 */

/** A fork as a client schedules it: its name and activation time (Unix seconds). */
export interface Fork {
    name: string;
    time: number;
}

/**
 * A fork of the network. `announced`: the date is public (release notes of clients that ship it) but
 * no release this program pins schedules it yet; the check treats it as scheduled all the same.
 */
export interface NetworkFork extends Fork {
    state: "activated" | "scheduled" | "announced";
    source: string;
}

/** The forks every release record lists from: older ones are long active on every network. */
export const FIRST_LISTED_FORK = "Fusaka";

export const GLAMSTERDAM = "Glamsterdam";

/** SLOTS_PER_EPOCH of the consensus specs' mainnet preset, which all three networks use. */
const SLOTS_PER_EPOCH = 32;

/** A consensus client's fork epoch as the execution clients' activation time. */
export const epochTime = (genesisTime: number, epoch: number) =>
    genesisTime + epoch * SLOTS_PER_EPOCH * SECONDS_PER_SLOT;

/**
 * Each beacon chain's genesis_time (its genesis state). With them, every fork epoch in the consensus
 * configs lands on the execution clients' timestamp for the same fork (tests/forks.spec.ts).
 */
export const BEACON_GENESIS_TIME: Record<Network, number> = {
    mainnet: 1_606_824_023,
    sepolia: 1_655_733_600,
    hoodi: 1_742_213_400,
};

/** Fusaka's three steps on a network: Osaka/Fulu, then the two blob-parameter-only forks. */
const fusaka = (times: [number, number, number], source: string): NetworkFork[] =>
    (["Fusaka", "BPO1", "BPO2"] as const).map((name, i) => ({
        name,
        time: times[i]!,
        state: "activated",
        source,
    }));

const GETH_CHAINSPECS = "go-ethereum v1.17.10 params/chainspecs";

export const NETWORK_FORKS: Record<Network, NetworkFork[]> = {
    mainnet: [
        // No Glamsterdam date in any source here (ethereum.org: "Q4 2026, date not yet confirmed").
        ...fusaka(
            [1_764_798_551, 1_765_290_071, 1_767_747_671],
            `${GETH_CHAINSPECS}/mainnet.json osakaTime, bpo1Time, bpo2Time; Fulu epoch 411392, BLOB_SCHEDULE epochs 412672, 419072`,
        ),
    ],
    sepolia: [
        ...fusaka(
            [1_760_427_360, 1_761_017_184, 1_761_607_008],
            `${GETH_CHAINSPECS}/sepolia.json osakaTime, bpo1Time, bpo2Time`,
        ),
        {
            name: GLAMSTERDAM,
            time: 1_791_294_816,
            state: "activated",
            source: `${GETH_CHAINSPECS}/sepolia.json amsterdamTime; eth-clients/sepolia GLOAS_FORK_EPOCH 353024, decided in ethereum/pm#2205 (merged 2026-09-15)`,
        },
    ],
    hoodi: [
        ...fusaka(
            [1_761_677_592, 1_762_365_720, 1_762_955_544],
            `${GETH_CHAINSPECS}/hoodi.json osakaTime, bpo1Time, bpo2Time; Fulu epoch 50688`,
        ),
        {
            name: GLAMSTERDAM,
            time: epochTime(BEACON_GENESIS_TIME.hoodi, 143_616),
            state: "announced",
            source: 'Nethermind 2.3.0 release notes ("before 15 December 2026 at 19:12:24 UTC (epoch 143,616)") and ethrex v33.0.0 (2026-11-28, "Glamsterdam is scheduled on Hoodi at epoch 143616"); the earlier date, 2026-10-26 17:42:48 UTC, was cancelled (Nethermind 2.2.1, 2026-10-22)',
        },
    ],
};

/** The network's newest fork. */
export const newestFork = (network: Network): NetworkFork => NETWORK_FORKS[network].at(-1)!;

/** The fork's activation as UTC, for messages. */
export const forkDate = (time: number) =>
    new Date(time * 1000).toISOString().replace("T", " ").replace(".000Z", " UTC");

/** A fork named and dated: "Glamsterdam at 2026-12-15 19:12:24 UTC". */
export const describeFork = (fork: Fork) => `${fork.name} at ${forkDate(fork.time)}`;

/** The network's fork at a time, by name; undefined for a time it schedules nothing at. */
export const forkAt = (network: Network, time: number): NetworkFork | undefined =>
    NETWORK_FORKS[network].find((f) => f.time === time);
