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
    instanceType: string;
    volumeType: VolumeType;
    iops?: number;
    throughputMiBps?: number;
}

export const PROFILES: Record<ProfileName, ProfileDefaults> = {
    "fast-sync": {
        purpose: "first sync: compute-optimized instance, provisioned gp3 IOPS and throughput",
        instanceType: "c7i.4xlarge",
        volumeType: "gp3",
        iops: 16000,
        throughputMiBps: 1000,
    },
    steady: {
        purpose:
            "following head after a sync or a snapshot restore: smaller instance, modest gp3 performance",
        instanceType: "r7i.xlarge",
        volumeType: "gp3",
        // 3000 IOPS (the gp3 baseline) has been reported too low for reth at head; 6000 keeps up.
        iops: 6000,
        throughputMiBps: 250,
    },
};

/** The card's 2018 values, kept for the README comparison and as a regression anchor in tests. */
export const CARD_2018_PROFILES: Record<
    ProfileName,
    { instanceType: string; volumeType: string; volumeSizeGiB: number; iops?: number }
> = {
    "fast-sync": { instanceType: "c5.large", volumeType: "io1", volumeSizeGiB: 100, iops: 1200 },
    steady: { instanceType: "t2.medium", volumeType: "gp2", volumeSizeGiB: 100 },
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
