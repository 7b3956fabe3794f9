import { Network } from "./networks";
import { SECONDS_PER_SLOT } from "./chain";

/**
 * A network's newest fork. A node follows the chain only while both of its clients schedule the
 * same forks: a client that lacks one stops at its activation (a different block validity), and one
 * that schedules a fork the network dropped splits off at that time. Each client record states the
 * newest fork its pinned release schedules on each network (`newestForkTime`); config refuses a
 * network where a client's differs from this.
 */
export interface ForkActivation {
    name: string;
    /** Activation time, Unix seconds (execution clients' timestamp; consensus epochs convert to it). */
    time: number;
    source: string;
}

/** As of the newest go-ethereum release (v1.17.10, 2026-10-23) and the networks' published configs. */
export const NEWEST_FORK: Record<Network, ForkActivation> = {
    mainnet: {
        name: "BPO2",
        time: 1_767_747_671,
        source: "go-ethereum v1.17.10 params/chainspecs/mainnet.json bpo2Time, no amsterdamTime; Consensys/teku 26.8.0 mainnet.yaml BLOB_SCHEDULE epoch 419072, GLOAS_FORK_EPOCH unscheduled",
    },
    sepolia: {
        name: "Glamsterdam (Amsterdam/Gloas)",
        time: 1_791_294_816,
        source: "go-ethereum v1.17.10 params/chainspecs/sepolia.json amsterdamTime (first in v1.17.6, 2026-09-23); eth-clients/sepolia#126 GLOAS_FORK_EPOCH 353024, decided in ethereum/pm#2205 (merged 2026-09-15); teku scheduled it in Consensys/teku#11308 (2026-09-21), after its 26.8.0",
    },
    hoodi: {
        name: "BPO2",
        time: 1_762_955_544,
        source: "go-ethereum v1.17.10 params/chainspecs/hoodi.json bpo2Time (v1.17.9 scheduled amsterdamTime 1793036568; v1.17.10 removed it); Consensys/teku 26.8.0 hoodi.yaml BLOB_SCHEDULE epoch 54016",
    },
};

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

/** BLOB_SCHEDULE's second entry (BPO2), Fusaka's last fork, in each network's config.yaml (teku 26.8.0's copies). */
export const BPO2_EPOCH: Record<Network, number> = {
    mainnet: 419_072,
    sepolia: 275_712,
    hoodi: 54_016,
};

/** The fork's activation as UTC, for messages. */
export const forkDate = (time: number) =>
    new Date(time * 1000).toISOString().replace("T", " ").replace(".000Z", " UTC");

/** The network's newest fork, named and dated, as the plan states it. */
export const describeNewestFork = (network: Network) =>
    `${NEWEST_FORK[network].name} at ${forkDate(NEWEST_FORK[network].time)}`;
