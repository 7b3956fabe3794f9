import { ProfileName } from "../catalog/profiles";
import { ARCHITECTURES, Architecture } from "../catalog/host";
import { ClientPair } from "../catalog/clients";
import { ConfigProblem } from "../config";
import { ResolvedProfile } from "./profile";
import { AT_HEAD_HEADROOM, atHeadInstanceMemoryMiB } from "./memory";
import { AwsLookups, InstanceTypeFacts, imageArchitecture } from "./awsLookups";
import { EbsLimits } from "../catalog/instances";

/**
 * The steady instance should hold the pair's measured memory at head with headroom, not only the
 * minimums ECS reserves; short of that it is a warning, since the node still runs. `facts` are
 * what checkInstanceTypes looked up for it.
 */
export function checkSteadyHeadroom(
    steady: ResolvedProfile,
    client: ClientPair,
    facts: InstanceTypeFacts | undefined,
): string[] {
    const atHead = atHeadInstanceMemoryMiB(client);
    if (
        facts === undefined ||
        facts.memoryMiB < steady.requiredMemoryMiB ||
        facts.memoryMiB >= atHead
    ) {
        return [];
    }
    return [
        `profiles.steady.instanceType: ${steady.instanceType} holds ${client.name}'s minimums, but not its measured memory at head with ${AT_HEAD_HEADROOM * 100} % headroom (an instance of ${atHead} MiB or more); under load a client may be killed for memory`,
    ];
}

/**
 * The steady volume's IOPS rest on an assumed figure when the execution client has no measurement
 * and the stack does not set them: a warning, so the operator watches the node's head age first.
 */
export function checkAssumedIops(steady: ResolvedProfile, client: ClientPair): string[] {
    const need = client.execution.iopsAtHead;
    if (!need.assumed || steady.volume.iops !== need.value) {
        return [];
    }
    return [
        `profiles.steady.iops: ${need.value} IOPS for ${client.execution.displayName} at head is assumed, not measured (${need.source}); if HeadAgeSeconds climbs on steady, raise profiles.steady.iops`,
    ];
}

const MIB = 2 ** 20;

/**
 * A volume provisioned beyond the instance's EBS baseline delivers only the baseline at steady load:
 * the instance bursts to its maximum for at most 30 minutes in 24 hours. A warning, since the node
 * still runs; the volume's extra IOPS or throughput are paid for and not delivered.
 */
export function checkEbsBaseline(profile: ResolvedProfile, ebs: EbsLimits | undefined): string[] {
    const { iops, throughputMiBps } = profile.volume;
    if (ebs === undefined) {
        return [];
    }
    const burst = `it bursts to ${ebs.maximumIops} IOPS and ${ebs.maximumMBps} MB/s for at most 30 minutes a day`;
    const warnings: string[] = [];
    if (iops !== undefined && iops > ebs.baselineIops) {
        warnings.push(
            `profiles.${profile.name}.iops: ${iops} IOPS exceed ${profile.instanceType}'s EBS baseline of ${ebs.baselineIops} IOPS; ${burst}, so the volume sustains ${ebs.baselineIops}: choose a larger type or lower iops`,
        );
    }
    const baselineMiBps = Math.floor((ebs.baselineMBps * 1e6) / MIB);
    if (throughputMiBps !== undefined && throughputMiBps > baselineMiBps) {
        warnings.push(
            `profiles.${profile.name}.throughputMiBps: ${throughputMiBps} MiB/s exceed ${profile.instanceType}'s EBS baseline of ${ebs.baselineMBps} MB/s (${baselineMiBps} MiB/s); ${burst}, so the volume sustains ${baselineMiBps} MiB/s: choose a larger type or lower throughputMiBps`,
        );
    }
    return warnings;
}

/** Every profile's instance type must exist in the region, be offered in every node's zone and hold the pair's task. */
export async function checkInstanceTypes(
    resolved: Record<ProfileName, ResolvedProfile>,
    placement: { region: string; zones: string[] },
    lookups: Pick<AwsLookups, "instanceType" | "zonesOffering">,
): Promise<{
    problems: ConfigProblem[];
    warnings: string[];
    architectures: Partial<Record<ProfileName, Architecture>>;
    /** What AWS said of each profile's type (absent: no such type). */
    facts: Partial<Record<ProfileName, InstanceTypeFacts>>;
}> {
    const { region, zones } = placement;
    const architectures: Partial<Record<ProfileName, Architecture>> = {};
    const problems: ConfigProblem[] = [];
    const warnings: string[] = [];
    const found: Partial<Record<ProfileName, InstanceTypeFacts>> = {};
    for (const profile of Object.values(resolved)) {
        const key = `profiles.${profile.name}.instanceType`;
        const facts = await lookups.instanceType(profile.instanceType);
        if (facts === undefined) {
            problems.push({
                key,
                message: `${JSON.stringify(profile.instanceType)} is not an EC2 instance type offered in ${region}`,
            });
            continue;
        }
        found[profile.name] = facts;
        const architecture = imageArchitecture(facts.architectures);
        if (architecture === undefined) {
            problems.push({
                key,
                message: `${profile.instanceType} runs ${facts.architectures.join(", ")} processors; the node images are built for ${Object.keys(ARCHITECTURES).join(" and ")} only`,
            });
        } else {
            architectures[profile.name] = architecture;
        }
        const offered = await lookups.zonesOffering(profile.instanceType);
        for (const zone of zones) {
            if (!offered.includes(zone)) {
                problems.push({
                    key,
                    message: `${profile.instanceType} is not offered in availabilityZone ${zone}; choose another type, or another zone of ${region} that offers it`,
                });
            }
        }
        warnings.push(...checkEbsBaseline(profile, facts.ebs));
        if (facts.memoryMiB < profile.requiredMemoryMiB) {
            const message = `${profile.instanceType} has ${facts.memoryMiB} MiB of memory, below the ${profile.requiredMemoryMiB} MiB this client pair needs (ECS registers less than the nominal size)`;
            if (profile.allowUndersized) {
                warnings.push(`${key}: ${message} (allowed by allowUndersized)`);
            } else {
                problems.push({
                    key,
                    message: `${message}; choose a larger type or set allowUndersized: true`,
                });
            }
        }
    }
    return { problems, warnings, architectures, facts: found };
}
