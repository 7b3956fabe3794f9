import { PROFILE_NAMES, ProfileName } from "../catalog/profiles";
import { ARCHITECTURES, Architecture } from "../catalog/host";
import { AwsLookups } from "./awsLookups";
import { resolveUpstreamDigests, UpstreamImage } from "./upstreamDigests";
import { ImageRole } from "../catalog/images";
import { cidrWithin, parseCidr } from "../config/cidr";
import { checkAssumedIops, checkInstanceTypes, checkSteadyHeadroom } from "./instanceChecks";
import { ConfigProblem, ConfigValidationError, StackConfig } from "../config";
import { ConfigReading } from "../config";
import { resolveProfile, ResolvedProfile } from "./profile";
import { containerMemory, ContainerMemory } from "./memory";
import { diskNeed } from "../catalog/clients";
import { diskAlarmPercent } from "./diskAlarm";
import { checkChainVolumeSource, fitSnapshotSize, keepLiveSize } from "./liveVolume";
import { identityProblems } from "./awsNames";
import { checkSnapshotContents } from "./volumeContents";
import { releaseReadiness } from "./releaseReadiness";
import { timingProblems } from "./lifecycleTiming";
import { longestStopSeconds } from "./containers";
import { completeDeployedState, DeployedState, DeploymentPlan, planDeployment } from "./deployment";
import { keepDeployedMode } from "./deployedMode";

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
    /** The nodes, their zones and volumes, the balancer, and what this run changes of the deployed stack. */
    deployment: DeploymentPlan;
    /** The active profile's CPU architecture: its AMI. */
    architecture: Architecture;
    /** Every image platform either profile needs, so a profile switch never rebuilds an image. */
    platforms: string[];
    memory: ContainerMemory;
    /** Used percentage of the chain volume at which the disk alarm fires (domain/diskAlarm.ts). */
    diskAlarmPercent: number;
    /** Accepted risks (allowUndersized) and settings that have no effect; the caller logs them. */
    warnings: string[];
    /** Each role's upstream image with the digest it is built on (domain/upstreamDigests.ts). */
    upstream: Record<ImageRole, UpstreamImage>;
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
 * rpcAllowedCidrs admit callers inside the node's VPC only: a private range outside it (a peered
 * network, another VPC's 10.0.0.0/8) is refused, naming the VPC's own ranges.
 */
export async function checkRpcCidrs(
    cidrs: string[],
    vpcId: string | undefined,
    lookups: Pick<AwsLookups, "vpcCidrs">,
): Promise<ConfigProblem[]> {
    if (cidrs.length === 0) {
        return [];
    }
    const vpc = await lookups.vpcCidrs(vpcId);
    if (vpc === undefined) {
        return [];
    }
    const ranges = vpc.map(parseCidr).filter((r) => r !== undefined);
    return cidrs
        .filter((cidr) => {
            const parsed = parseCidr(cidr);
            return parsed === undefined || !ranges.some((range) => cidrWithin(parsed, range));
        })
        .map((cidr) => ({
            key: "rpcAllowedCidrs",
            message: `${JSON.stringify(cidr)} is not inside ${vpcId ?? "the default VPC"} (${vpc.join(", ")}); RPC may only be opened to ranges inside the node's VPC`,
        }));
}

/** The region's zones that offer every given instance type, sorted: where new nodes may go. */
export async function usableZones(
    instanceTypes: string[],
    lookups: Pick<AwsLookups, "zonesOffering">,
): Promise<string[]> {
    const [first = [], ...rest] = await Promise.all(
        [...new Set(instanceTypes)].map((type) => lookups.zonesOffering(type)),
    );
    return first.filter((zone) => rest.every((zones) => zones.includes(zone))).sort();
}

/** The whole check; throws one ConfigValidationError that lists every problem found. */
export async function preflight(
    reading: ConfigReading,
    lookups: AwsLookups,
    deployedState: DeployedState = { nodes: [], balancerZones: [] },
): Promise<NodeSpec> {
    const deployed = await completeDeployedState(deployedState, lookups);
    const { config, warnings: modeKept } = keepDeployedMode(reading.config, deployed);
    const { resolved, problems: sizing } = resolveProfiles(config);
    const types = Object.values(resolved).map((r) => r.instanceType);
    const usable = config.nodeCount > 1 ? await usableZones(types, lookups) : [];
    const { plan, problems: planning } = planDeployment(config, deployed, usable);
    const releases = releaseReadiness(config, deployed, plan);
    const zones = plan.nodes.map((n) => n.zone);
    const instances = await checkInstanceTypes(resolved, { region: config.region, zones }, lookups);
    const subnet =
        config.subnetId && config.vpcId && zones[0]
            ? await checkSubnet(config.subnetId, config.vpcId, zones[0], lookups)
            : [];
    const rpcCidrs = await checkRpcCidrs(config.rpcAllowedCidrs, config.vpcId, lookups);
    const digests = await resolveUpstreamDigests(
        config.client,
        deployed.images ?? {},
        config.acceptImageDigests,
        lookups,
    );
    const kept = keepLiveSize(config, resolved[config.profile], deployed);
    const snapshot = config.chainSnapshotId
        ? await lookups.snapshot(config.chainSnapshotId)
        : undefined;
    const restored = fitSnapshotSize(config, kept.active, snapshot);
    const live = {
        active: restored.active,
        problems: [...kept.problems, ...restored.problems],
        warnings: [...kept.warnings, ...restored.warnings],
    };
    const problems = [
        ...reading.problems,
        ...checkChainVolumeSource(config, deployed.chainVolumeSource),
        ...live.problems,
        ...planning,
        ...releases.problems,
        ...(snapshot ? checkSnapshotContents(config, snapshot.tags) : []),
        ...identityProblems(
            { project: config.project, stack: config.stack },
            plan.nodes.map((n) => n.name),
        ).map((message) => ({ key: "project/stack name", message })),
        ...sizing,
        ...timingProblems(longestStopSeconds(config.client)).map((message) => ({
            key: "client",
            message,
        })),
        ...instances.problems,
        ...subnet,
        ...rpcCidrs,
        ...digests.problems,
    ];
    if (problems.length > 0) {
        throw new ConfigValidationError(problems, config.project);
    }
    return {
        config,
        resolved,
        active: live.active,
        deployment: plan,
        architecture: instances.architectures[config.profile] ?? "x86_64",
        platforms: [
            ...new Set(
                Object.values(instances.architectures).map((a) => ARCHITECTURES[a].platform),
            ),
        ].sort(),
        memory: containerMemory(config.client, instances.facts[config.profile]?.memoryMiB),
        upstream: digests.images,
        diskAlarmPercent: diskAlarmPercent(
            live.active.volume.sizeGiB,
            diskNeed(config.client, config.network, config.nodeMode).growthGiBPerMonth,
        ),
        warnings: [
            ...modeKept,
            ...releases.warnings,
            ...Object.values(resolved).flatMap((r) => r.warnings),
            ...instances.warnings,
            ...checkSteadyHeadroom(resolved.steady, config.client, instances.facts.steady),
            ...checkAssumedIops(resolved.steady, config.client),
            ...live.warnings,
        ],
    };
}
