import { PROFILE_NAMES, ProfileName } from "../catalog/profiles";
import { ARCHITECTURES, Architecture } from "../catalog/host";
import { AwsLookups } from "./awsLookups";
import { checkInstanceTypes, checkSteadyHeadroom } from "./instanceChecks";
import { ConfigProblem, ConfigValidationError, StackConfig } from "../config";
import { ConfigReading } from "../config";
import { resolveProfile, ResolvedProfile } from "./profile";
import { containerMemory, ContainerMemory } from "./memory";
import { diskNeed } from "../catalog/clients";
import { diskAlarmPercent } from "./diskAlarm";
import {
    checkChainVolumeSource,
    DeployedVolume,
    fitSnapshotSize,
    keepLiveSize,
} from "./liveVolume";

/**
 * Everything that must hold before the first resource is registered, checked in one pass so that
 * one error lists every problem: the config's own, each profile's sizing, and what only AWS knows
 * (instance types, subnets), asked through injected lookups so tests and offline tools can answer.
 */

export interface NodeSpec {
    config: StackConfig;
    /** Both profiles, resolved: a switch between them must already be valid. */
    resolved: Record<ProfileName, ResolvedProfile>;
    /** The profile the stack runs now. */
    active: ResolvedProfile;
    /** One zone per node, in node order (the first is the single node's availabilityZone). */
    zones: string[];
    /** The active profile's CPU architecture: its AMI. */
    architecture: Architecture;
    /** Every image platform either profile needs, so a profile switch never rebuilds an image. */
    platforms: string[];
    /** How many nodes the last deployment ran (0 before the first). */
    deployedNodeCount: number;
    memory: ContainerMemory;
    /** Used percentage of the chain volume at which the disk alarm fires (domain/diskAlarm.ts). */
    diskAlarmPercent: number;
    /** Accepted risks (allowUndersized) and settings that have no effect; the caller logs them. */
    warnings: string[];
}

export function resolveProfiles(config: StackConfig): {
    resolved: Record<ProfileName, ResolvedProfile>;
    problems: ConfigProblem[];
} {
    const problems: ConfigProblem[] = [];
    const resolved = {} as Record<ProfileName, ResolvedProfile>;
    for (const name of PROFILE_NAMES) {
        const result = resolveProfile({
            profile: name,
            client: config.client,
            network: config.network,
            nodeMode: config.nodeMode,
            overrides: config.profiles[name],
            hasSnapshot: config.chainSnapshotId !== undefined,
        });
        result.problems.forEach((p) =>
            problems.push({ key: `profiles.${name}.${p.field}`, message: p.message }),
        );
        resolved[name] = result.resolved;
    }
    // Switching fast-sync → steady modifies the same volume in place, and EBS volumes never shrink.
    const fast = resolved["fast-sync"].volume.sizeGiB;
    const steady = resolved.steady.volume.sizeGiB;
    if (steady < fast) {
        problems.push({
            key: "profiles.steady.volumeSizeGiB",
            message: `${steady} GiB is below the fast-sync profile's ${fast} GiB; EBS volumes cannot shrink, so the switch to steady would fail. Use at least ${fast}`,
        });
    }
    return { resolved, problems };
}

/** A configured subnet must exist, belong to vpcId and lie in the chain volume's zone. */
export async function checkSubnet(
    subnetId: string,
    vpcId: string,
    availabilityZone: string,
    lookups: Pick<AwsLookups, "subnet">,
): Promise<ConfigProblem[]> {
    const subnet = await lookups.subnet(subnetId);
    if (subnet === undefined) {
        return [
            {
                key: "subnetId",
                message: `${JSON.stringify(subnetId)} does not exist in this account and region`,
            },
        ];
    }
    const problems: ConfigProblem[] = [];
    if (subnet.vpcId !== vpcId) {
        problems.push({
            key: "subnetId",
            message: `${JSON.stringify(subnetId)} belongs to ${subnet.vpcId}, not to vpcId ${vpcId}`,
        });
    }
    if (subnet.availabilityZone !== availabilityZone) {
        problems.push({
            key: "subnetId",
            message: `${JSON.stringify(subnetId)} is in ${subnet.availabilityZone}; it must be in availabilityZone ${availabilityZone}, where the chain volume lives`,
        });
    }
    return problems;
}

/**
 * The nodes' zones: the single node's availabilityZone, or for nodeCount ≥ 2 the configured
 * availabilityZones, or the region's first zones that offer both profiles' instance types.
 */
export async function resolveZones(
    config: Pick<StackConfig, "nodeCount" | "availabilityZone" | "availabilityZones" | "region">,
    instanceTypes: string[],
    lookups: Pick<AwsLookups, "zonesOffering">,
): Promise<{ zones: string[]; problems: ConfigProblem[] }> {
    if (config.nodeCount === 1) {
        return { zones: [config.availabilityZone], problems: [] };
    }
    if (config.availabilityZones.length > 0) {
        return { zones: config.availabilityZones.slice(0, config.nodeCount), problems: [] };
    }
    const [first = [], ...rest] = await Promise.all(
        [...new Set(instanceTypes)].map((type) => lookups.zonesOffering(type)),
    );
    const usable = first.filter((zone) => rest.every((zones) => zones.includes(zone))).sort();
    if (usable.length < config.nodeCount) {
        return {
            zones: usable,
            problems: [
                {
                    key: "nodeCount",
                    message: `${config.nodeCount} nodes need ${config.nodeCount} zones, but ${config.region} offers ${[...new Set(instanceTypes)].join(" and ")} in ${usable.length}: ${usable.join(", ") || "none"}`,
                },
            ],
        };
    }
    return { zones: usable.slice(0, config.nodeCount), problems: [] };
}

/** The whole check; throws one ConfigValidationError that lists every problem found. */
export async function preflight(
    reading: ConfigReading,
    lookups: AwsLookups,
    deployed: DeployedVolume = {},
): Promise<NodeSpec> {
    const { config } = reading;
    const { resolved, problems: sizing } = resolveProfiles(config);
    const types = Object.values(resolved).map((r) => r.instanceType);
    const placement = await resolveZones(config, types, lookups);
    const instances = await checkInstanceTypes(
        resolved,
        { region: config.region, zones: placement.zones },
        lookups,
    );
    const subnet =
        config.subnetId && config.vpcId
            ? await checkSubnet(config.subnetId, config.vpcId, config.availabilityZone, lookups)
            : [];
    const kept = keepLiveSize(config, resolved[config.profile], deployed);
    const restored = fitSnapshotSize(
        config,
        kept.active,
        config.chainSnapshotId ? await lookups.snapshot(config.chainSnapshotId) : undefined,
    );
    const live = {
        active: restored.active,
        problems: [...kept.problems, ...restored.problems],
        warnings: [...kept.warnings, ...restored.warnings],
    };
    const problems = [
        ...reading.problems,
        ...checkChainVolumeSource(config, deployed.chainVolumeSource),
        ...live.problems,
        ...placement.problems,
        ...sizing,
        ...instances.problems,
        ...subnet,
    ];
    if (problems.length > 0) {
        throw new ConfigValidationError(problems, config.project);
    }
    return {
        config,
        resolved,
        active: live.active,
        zones: placement.zones,
        architecture: instances.architectures[config.profile] ?? "x86_64",
        platforms: [
            ...new Set(
                Object.values(instances.architectures).map((a) => ARCHITECTURES[a].platform),
            ),
        ].sort(),
        deployedNodeCount: deployed.nodeCount ?? (deployed.chainVolumeSource ? 1 : 0),
        memory: containerMemory(config.client),
        diskAlarmPercent: diskAlarmPercent(
            live.active.volume.sizeGiB,
            diskNeed(config.client, config.network, config.nodeMode).growthGiBPerMonth,
        ),
        warnings: [
            ...Object.values(resolved).flatMap((r) => r.warnings),
            ...instances.warnings,
            ...checkSteadyHeadroom(resolved.steady, config.client, instances.facts.steady),
            ...live.warnings,
        ],
    };
}
