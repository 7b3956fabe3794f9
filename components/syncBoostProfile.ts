import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair, diskNeed } from "../catalog/clients";
import { Network, NodeMode } from "../catalog/networks";
import {
    PROFILES,
    ProfileName,
    DEFAULT_VOLUME_INITIALIZATION_RATE_MIBPS,
    HOST_RESERVED_MEMORY_MIB,
} from "../catalog/profiles";
import type { ConfigProblem } from "../config";
import {
    VOLUME_TYPES,
    VOLUME_TYPE_NAMES,
    VolumeType,
    VOLUME_INITIALIZATION_RATE_MIBPS,
} from "../catalog/ebs";

export interface ProfileOverrides {
    instanceType?: string;
    volumeType?: string;
    volumeSizeGiB?: number;
    iops?: number;
    throughputMiBps?: number;
    volumeInitializationRateMiBps?: number;
    /** Accept a size or instance below the client's minimum, with a warning instead of an error. */
    allowUndersized?: boolean;
}

export const OVERRIDE_KEYS: (keyof ProfileOverrides)[] = [
    "instanceType",
    "volumeType",
    "volumeSizeGiB",
    "iops",
    "throughputMiBps",
    "volumeInitializationRateMiBps",
    "allowUndersized",
];

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

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
/** Memory kept for the monitor sidecar on top of the two clients. */
export const MONITOR_MEMORY_MIB = 256;

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

    const instanceType = o.instanceType ?? defaults.instanceType;
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
    const iops = o.iops ?? (sameType ? defaults.iops : undefined);
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

    const problemsBeforeIops = problems.length;
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

    if ("throughputMiBps" in limits) {
        const range = limits.throughputMiBps;
        const effectiveIops = iops ?? limits.iops.included;
        if (throughputMiBps !== undefined) {
            if (throughputMiBps < range.min || throughputMiBps > range.max) {
                problem(
                    "throughputMiBps",
                    `${throughputMiBps} is out of range for ${type}; allowed: ${range.min}–${range.max} MiB/s`,
                );
            } else if (
                problems.length === problemsBeforeIops &&
                throughputMiBps > effectiveIops * range.perIops
            ) {
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

    const initializationRateMiBps =
        o.volumeInitializationRateMiBps ?? DEFAULT_VOLUME_INITIALIZATION_RATE_MIBPS;
    const rateRange = VOLUME_INITIALIZATION_RATE_MIBPS;
    if (initializationRateMiBps < rateRange.min || initializationRateMiBps > rateRange.max) {
        problem(
            "volumeInitializationRateMiBps",
            `${initializationRateMiBps} is out of range; allowed: ${rateRange.min}–${rateRange.max} MiB/s`,
        );
    } else if (o.volumeInitializationRateMiBps !== undefined && !input.hasSnapshot) {
        warnings.push(
            `profiles.${input.profile}.volumeInitializationRateMiBps: applies only to a volume created from chainSnapshotId, which is not set`,
        );
    }

    const resolved: ResolvedProfile = {
        name: input.profile,
        purpose: defaults.purpose,
        instanceType,
        volume: { type, sizeGiB, iops, throughputMiBps, initializationRateMiBps },
        requiredMemoryMiB: requiredMemoryMiB(input.client),
        allowUndersized,
        warnings,
    };
    return { resolved, problems };
}

/** Memory an instance needs for the pair: both clients' minimums, the monitor, and the host's share. */
export function requiredMemoryMiB(client: ClientPair): number {
    return (
        client.execution.minMemoryMiB +
        client.consensus.minMemoryMiB +
        MONITOR_MEMORY_MIB +
        HOST_RESERVED_MEMORY_MIB
    );
}

/** Looks up an instance type's memory in MiB; undefined when the region does not offer the type. */
export type InstanceMemoryLookup = (instanceType: string) => Promise<number | undefined>;

export const awsInstanceMemory: InstanceMemoryLookup = async (instanceType) => {
    try {
        const info = await aws.ec2.getInstanceType({ instanceType });
        return info.memorySize;
    } catch {
        return undefined;
    }
};

/**
 * Checks every profile's instance type against AWS instance-type data. Returns the problems (for the
 * config error) and the memory of each instance type that exists.
 */
export async function checkInstanceMemory(
    resolved: Record<ProfileName, ResolvedProfile>,
    region: string,
    lookup: InstanceMemoryLookup,
): Promise<{ problems: ConfigProblem[]; memoryMiB: Record<string, number> }> {
    const problems: ConfigProblem[] = [];
    const memoryMiB: Record<string, number> = {};
    for (const profile of Object.values(resolved)) {
        const key = `profiles.${profile.name}.instanceType`;
        const memory = await lookup(profile.instanceType);
        if (memory === undefined) {
            problems.push({
                key,
                message: `${JSON.stringify(profile.instanceType)} is not an EC2 instance type offered in ${region}`,
            });
            continue;
        }
        memoryMiB[profile.instanceType] = memory;
        if (memory < profile.requiredMemoryMiB) {
            const message = `${profile.instanceType} has ${memory} MiB of memory, below the ${profile.requiredMemoryMiB} MiB this client pair needs`;
            if (profile.allowUndersized) {
                void pulumi.log.warn(`${key}: ${message} (allowed by allowUndersized)`);
            } else {
                problems.push({
                    key,
                    message: `${message}; choose a larger type or set allowUndersized: true`,
                });
            }
        }
    }
    return { problems, memoryMiB };
}

/** Memory reservations per container: the instance's memory, less the host's share, split by each client's minimum. */
export function containerMemory(
    client: ClientPair,
    instanceMemoryMiB: number,
): { executionMiB: number; consensusMiB: number; monitorMiB: number } {
    const available = instanceMemoryMiB - HOST_RESERVED_MEMORY_MIB - MONITOR_MEMORY_MIB;
    const el = client.execution.minMemoryMiB;
    const cl = client.consensus.minMemoryMiB;
    const executionMiB = Math.max(el, Math.floor((available * el) / (el + cl)));
    const consensusMiB = Math.max(cl, available - executionMiB);
    return { executionMiB, consensusMiB, monitorMiB: MONITOR_MEMORY_MIB };
}

export interface SyncBoostProfileArgs extends ProfileInput {
    /** The instance type's memory, from AWS instance-type data (checked before any resource exists). */
    instanceMemoryMiB: number;
}

/** The node's hardware for the chosen profile: instance type, volume performance and container memory. */
export class SyncBoostProfile extends pulumi.ComponentResource {
    /** The resolved spec as plain data, for the components that size themselves from it. */
    public readonly spec: ResolvedProfile;
    public readonly memory: { executionMiB: number; consensusMiB: number; monitorMiB: number };
    public readonly instanceType: pulumi.Output<string>;
    public readonly volume: pulumi.Output<VolumeSpec>;

    constructor(name: string, args: SyncBoostProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:sizing:SyncBoostProfile", name, {}, opts);
        const { resolved, problems } = resolveProfile(args);
        if (problems.length > 0) {
            throw new pulumi.ResourceError(
                problems.map((p) => `profiles.${args.profile}.${p.field}: ${p.message}`).join("; "),
                this,
            );
        }
        for (const warning of resolved.warnings) {
            void pulumi.log.warn(warning, this);
        }
        this.spec = resolved;
        this.memory = containerMemory(args.client, args.instanceMemoryMiB);
        this.instanceType = pulumi.output(resolved.instanceType);
        this.volume = pulumi.output(resolved.volume);
        this.registerOutputs({ instanceType: this.instanceType, volume: this.volume });
    }
}
