/**
 * EBS volume-type limits, as the EC2 API enforces them (CreateVolume / ModifyVolume docs, checked 2026-11).
 * gp3 ratios: at most 500 IOPS per GiB and 0.25 MiB/s of throughput per IOPS.
 */
export interface VolumeTypeLimits {
    sizeGiB: Range;
    /** undefined: the type takes no IOPS setting (gp2 derives it from size). */
    iops?: Range & { perGiB: number; required: boolean; included?: number };
    /** undefined: the type takes no throughput setting. */
    throughputMiBps?: Range & { perIops: number; included: number };
}

export interface Range {
    min: number;
    max: number;
}

export const VOLUME_TYPES = {
    gp3: {
        sizeGiB: { min: 1, max: 65536 },
        iops: { min: 3000, max: 80000, perGiB: 500, required: false, included: 3000 },
        throughputMiBps: { min: 125, max: 2000, perIops: 0.25, included: 125 },
    },
    gp2: { sizeGiB: { min: 1, max: 16384 } },
    io1: {
        sizeGiB: { min: 4, max: 16384 },
        iops: { min: 100, max: 64000, perGiB: 50, required: true },
    },
    io2: {
        sizeGiB: { min: 4, max: 65536 },
        iops: { min: 100, max: 256000, perGiB: 1000, required: true },
    },
} as const satisfies Record<string, VolumeTypeLimits>;

export type VolumeType = keyof typeof VOLUME_TYPES;
export const VOLUME_TYPE_NAMES = Object.keys(VOLUME_TYPES) as VolumeType[];

/** Provisioned Rate for Volume Initialization: only for volumes created from a snapshot. */
export const VOLUME_INITIALIZATION_RATE_MIBPS: Range = { min: 100, max: 300 };
