import { ClientPair, diskNeed } from "../catalog/clients";
import { Network, NodeMode } from "../catalog/networks";
import {
    PROFILES,
    ProfileName,
    DEFAULT_VOLUME_INITIALIZATION_RATE_MIBPS,
} from "../catalog/profiles";
import {
    VOLUME_TYPES,
    VOLUME_TYPE_NAMES,
    VolumeType,
    VOLUME_INITIALIZATION_RATE_MIBPS,
} from "../catalog/ebs";
import { ProfileOverrides } from "../config";
import { requiredInstanceMemoryMiB } from "./memory";
import { defaultInstanceType } from "./instanceChoice";

export interface VolumeSpec {
    type: VolumeType;
    sizeGiB: number;
    iops?: number;
    throughputMiBps?: number;
    /** Applied only when the volume is created from a snapshot. */
    initializationRateMiBps: number;
}

export interface ResolvedProfile {
    name: ProfileName;
    purpose: string;
    instanceType: string;
    volume: VolumeSpec;
    /** Memory the instance must have for this client pair, in MiB. */
    requiredMemoryMiB: number;
    allowUndersized: boolean;
    warnings: string[];
}

export interface ProfileInput {
    profile: ProfileName;
    client: ClientPair;
    network: Network;
    nodeMode: NodeMode;
    overrides: ProfileOverrides;
    hasSnapshot: boolean;
}

export interface FieldProblem {
    field: keyof ProfileOverrides;
    message: string;
}

/** A profile's own IOPS for a pair: a number, or the execution client's sourced need at head. */
export function defaultIops(profile: ProfileName, client: ClientPair): number | undefined {
    const iops = PROFILES[profile].iops;
    return iops === "clientAtHead" ? client.execution.iopsAtHead.value : iops;
}

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

/** IOPS and throughput against the volume type's limits: the range, per GiB and per IOPS. */
function performanceProblems(
    type: VolumeType,
    sizeGiB: number,
    iops: number | undefined,
    throughputMiBps: number | undefined,
    o: ProfileOverrides,
): FieldProblem[] {
    const limits = VOLUME_TYPES[type];
    const problems: FieldProblem[] = [];
    const problem = (field: keyof ProfileOverrides, message: string) =>
        problems.push({ field, message });
    if ("iops" in limits) {
        const range = limits.iops;
        if (iops === undefined) {
            if (range.required) {
                problem("iops", `is required for ${type}; allowed: ${range.min}–${range.max}`);
            }
        } else if (iops < range.min || iops > range.max) {
            problem(
                "iops",
                `${iops} is out of range for ${type}; allowed: ${range.min}–${range.max}`,
            );
        } else if (iops > range.perGiB * sizeGiB) {
            problem(
                "iops",
                `${iops} exceeds ${range.perGiB} IOPS per GiB for a ${sizeGiB} GiB ${type} volume; allowed: at most ${range.perGiB * sizeGiB}`,
            );
        }
    } else if (o.iops !== undefined) {
        problem(
            "iops",
            `${o.iops} is not allowed: ${type} takes no IOPS setting (its IOPS follow its size)`,
        );
    }
    const iopsValid = problems.length === 0;

    if ("throughputMiBps" in limits) {
        const range = limits.throughputMiBps;
        const effectiveIops = iops ?? limits.iops.included;
        if (throughputMiBps !== undefined) {
            if (throughputMiBps < range.min || throughputMiBps > range.max) {
                problem(
                    "throughputMiBps",
                    `${throughputMiBps} is out of range for ${type}; allowed: ${range.min}–${range.max} MiB/s`,
                );
            } else if (iopsValid && throughputMiBps > effectiveIops * range.perIops) {
                // The ratio is only meaningful against a valid IOPS figure.
                problem(
                    "throughputMiBps",
                    `${throughputMiBps} exceeds ${range.perIops} MiB/s per IOPS at ${effectiveIops} IOPS; allowed: at most ${effectiveIops * range.perIops}`,
                );
            }
        }
    } else if (o.throughputMiBps !== undefined) {
        problem(
            "throughputMiBps",
            `${o.throughputMiBps} is not allowed: only gp3 takes a throughput setting, this volume is ${type}`,
        );
    }
    return problems;
}

/** The restore's initialization rate: in range, and noted when no snapshot is restored. */
function initializationRate(
    input: ProfileInput,
    configured: number | undefined,
): { value: number; problems: FieldProblem[]; warnings: string[] } {
    const value = configured ?? DEFAULT_VOLUME_INITIALIZATION_RATE_MIBPS;
    const range = VOLUME_INITIALIZATION_RATE_MIBPS;
    if (value < range.min || value > range.max) {
        return {
            value,
            problems: [
                {
                    field: "volumeInitializationRateMiBps",
                    message: `${value} is out of range; allowed: ${range.min}–${range.max} MiB/s`,
                },
            ],
            warnings: [],
        };
    }
    const unused = configured !== undefined && !input.hasSnapshot;
    return {
        value,
        problems: [],
        warnings: unused
            ? [
                  `profiles.${input.profile}.volumeInitializationRateMiBps: applies only to a volume created from chainSnapshotId, which is not set`,
              ]
            : [],
    };
}

/**
 * Turns a profile name and its overrides into the instance and volume spec for a client pair,
 * network and node mode. Pure: returns the spec together with every problem found.
 */
export function resolveProfile(input: ProfileInput): {
    resolved: ResolvedProfile;
    problems: FieldProblem[];
} {
    const defaults = PROFILES[input.profile];
    const o = input.overrides;
    const problems: FieldProblem[] = [];
    const warnings: string[] = [];
    const problem = (field: keyof ProfileOverrides, message: string) =>
        problems.push({ field, message });
    const allowUndersized = o.allowUndersized === true;
    const undersized = (field: keyof ProfileOverrides, message: string) =>
        allowUndersized
            ? warnings.push(
                  `profiles.${input.profile}.${field}: ${message} (allowed by allowUndersized)`,
              )
            : problem(field, `${message}; set allowUndersized: true to accept it`);

    const instanceType = o.instanceType ?? defaultInstanceType(input.profile, input.client);
    if (!INSTANCE_TYPE.test(instanceType)) {
        problem(
            "instanceType",
            `${JSON.stringify(instanceType)} is not an EC2 instance type name such as m7i.xlarge`,
        );
    }

    let type: VolumeType = defaults.volumeType;
    if (o.volumeType !== undefined) {
        if ((VOLUME_TYPE_NAMES as string[]).includes(o.volumeType)) {
            type = o.volumeType as VolumeType;
        } else {
            problem(
                "volumeType",
                `${JSON.stringify(o.volumeType)} is not allowed; allowed: ${VOLUME_TYPE_NAMES.join(", ")}`,
            );
        }
    }
    const limits = VOLUME_TYPES[type];
    // The profile's own IOPS and throughput belong to its own volume type; a different type starts clean.
    const sameType = type === defaults.volumeType;
    const iops = o.iops ?? (sameType ? defaultIops(input.profile, input.client) : undefined);
    const throughputMiBps = o.throughputMiBps ?? (sameType ? defaults.throughputMiBps : undefined);

    const need = diskNeed(input.client, input.network, input.nodeMode);
    const sizeGiB = o.volumeSizeGiB ?? need.recommendedGiB;
    if (sizeGiB < limits.sizeGiB.min || sizeGiB > limits.sizeGiB.max) {
        problem(
            "volumeSizeGiB",
            `${sizeGiB} is out of range for ${type}; allowed: ${limits.sizeGiB.min}–${limits.sizeGiB.max} GiB`,
        );
    } else if (sizeGiB < need.minGiB) {
        undersized(
            "volumeSizeGiB",
            `${sizeGiB} GiB is below the ${need.minGiB} GiB that ${input.client.name} (${input.nodeMode}) needs on ${input.network}`,
        );
    }

    problems.push(...performanceProblems(type, sizeGiB, iops, throughputMiBps, o));

    const rate = initializationRate(input, o.volumeInitializationRateMiBps);
    problems.push(...rate.problems);
    warnings.push(...rate.warnings);
    const initializationRateMiBps = rate.value;

    const resolved: ResolvedProfile = {
        name: input.profile,
        purpose: defaults.purpose,
        instanceType,
        volume: { type, sizeGiB, iops, throughputMiBps, initializationRateMiBps },
        requiredMemoryMiB: requiredInstanceMemoryMiB(input.client),
        allowUndersized,
        warnings,
    };
    return { resolved, problems };
}
