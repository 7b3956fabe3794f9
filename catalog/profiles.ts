import { VolumeType } from "./ebs";

/**
 * Sync profiles. The card's 2018 values (c5.large + io1 1200 IOPS, t2.medium + gp2 100 GB) cannot hold
 * today's chain: every execution client needs 8–16 GiB of memory and ~1 TB of disk. The README's
 * "Profiles" table shows both side by side with the reason for each change.
 *
 * Volume size is not part of a profile: EBS volumes cannot shrink, and switching profile must be an
 * in-place modification, so size comes from the client catalog (or an explicit override).
 */
export const PROFILE_NAMES = ["fast-sync", "steady"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface ProfileDefaults {
    purpose: string;
    /** A type, or the cheapest that follows head for the pair (domain/instanceChoice.ts). */
    instanceType: string | "cheapestAtHead";
    /** Why this instance type: the needs it meets and how it was chosen. */
    instanceReason: string;
    volumeType: VolumeType;
    /** A number, or the execution client's sourced need at head (catalog iopsAtHead). */
    iops?: number | "clientAtHead";
    throughputMiBps?: number;
}

export const PROFILES: Record<ProfileName, ProfileDefaults> = {
    "fast-sync": {
        purpose: "first sync: compute-optimized instance, provisioned gp3 IOPS and throughput",
        instanceType: "c7i.4xlarge",
        instanceReason:
            "16 vCPUs for parallel execution and 32 GiB for sync caches; billed only for the hours of a sync",
        volumeType: "gp3",
        iops: 16000,
        // c7i.4xlarge sustains 625 MB/s (596 MiB/s) of EBS throughput (catalog/instances.ts); more is not delivered.
        throughputMiBps: 590,
    },
    steady: {
        purpose:
            "following head after a sync or a snapshot restore: the cheapest instance with headroom, gp3 at the client's measured IOPS",
        instanceType: "cheapestAtHead",
        instanceReason:
            "the cheapest type in the us-east-1 price table with geth's minimum of 4 vCPUs whose ECS memory holds the pair's measured memory at head with 10 % headroom and whose EBS baseline sustains the client's IOPS at head",
        volumeType: "gp3",
        // The measured need at head; throughput stays at gp3's included 125 MiB/s, since the measured
        // bottleneck was IOPS, not throughput.
        iops: "clientAtHead",
    },
};

export const DEFAULT_PROFILE: ProfileName = "fast-sync";
export const DEFAULT_VOLUME_INITIALIZATION_RATE_MIBPS = 300;

/**
 * Memory the host keeps for the OS, docker and the ECS agent; the user data sets it as the agent's
 * ECS_RESERVED_MEMORY, so tasks are never placed into it.
 */
export const HOST_RESERVED_MEMORY_MIB = 1024;

/** Memory reserved for the monitor sidecar. */
export const MONITOR_MEMORY_MIB = 256;
