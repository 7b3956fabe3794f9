import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { VolumeSpec } from "../domain/profile";
import { dlmSafe } from "../domain/awsNames";
import {
    CHAIN_VOLUME_TAG,
    PINNED_FROM_TAG,
    SNAPSHOT_KINDS,
    SNAPSHOT_TAG,
    chainVolumeTagValue,
} from "../catalog/tags";
import { REPLACEMENT_RULES } from "../catalog/providerRules";

export interface ChainVolumeArgs {
    availabilityZone: string;
    volume: VolumeSpec;
    /** Restore source; changing it creates a new volume from it. */
    snapshotId?: string;
    /** A new empty volume for other contents (domain/deployment.ts); it names the volume and its tag. */
    generation?: string;
    /**
     * A new node's first data: the stack's newest completed snapshot, used only when the volume is
     * created (snapshotId changes are ignored afterwards, so a newer snapshot never replaces it).
     */
    seedSnapshotId?: pulumi.Input<string | undefined>;
    /** Several nodes: this node's key (`n2`, …) in its volume's tag, so each DLM policy is its own. */
    node?: string;
    /** Whether this volume keeps the retained copy of a pinned restore source (one per stack). */
    pinsRestoreSource?: boolean;
    /** Scheduled snapshots by Amazon Data Lifecycle Manager. */
    snapshots: { intervalHours: number; retainCount: number };
    /** project/stack: with the restore source it makes the volume's tag, for DLM and the lifecycle handler. */
    stackId: string;
    tags: Record<string, string>;
}

/**
 * The logical name carries the restore source and the generation: a new chainSnapshotId, or contents
 * the old database cannot serve (accepted with allowFreshChainVolume), create a new volume, and
 * nothing else can. The old volume leaves the stack but is retained in AWS, never deleted.
 */
export function volumeResourceName(name: string, snapshotId?: string, generation?: string): string {
    return [`${name}-data`, snapshotId, generation].filter(Boolean).join("-");
}

/** A pinned copy of a TB-scale snapshot takes hours; the provider's default create timeout is 10 minutes. */
export const PINNED_COPY_TIMEOUTS = { create: "12h" };

/**
 * Never deleted by Pulumi (not by destroy, not by a restore): the data is worth days of sync. `protect`
 * would also block the restore path, which must stay one config change. Type, size, IOPS and throughput
 * change in place; the ignored properties are the ones that would replace the volume, and the
 * initialization rate, which matters only at creation: a later change (a node's seed snapshot
 * appearing) would be a ModifyVolume call, blocking a real resize for six hours.
 */
export const CHAIN_VOLUME_OPTIONS = {
    retainOnDelete: true,
    ignoreChanges: [
        ...REPLACEMENT_RULES["aws:ebs/volume:Volume"]!.replaceOn,
        "volumeInitializationRate",
    ],
};

/** The volume must stay where it is; a zone change would be a silent re-sync, so it fails instead. */
export function assertVolumeZone(
    volumeId: string,
    actualZone: string,
    configuredZone: string,
): void {
    if (actualZone !== configuredZone) {
        throw new Error(
            `chain volume ${volumeId} is in ${actualZone} but availabilityZone is ${configuredZone}; changing the zone would replace the volume and re-sync the chain. ` +
                `Set availabilityZone back to ${actualZone}, or move zones by restoring a snapshot: pulumi config set availabilityZone ${configuredZone} && pulumi config set chainSnapshotId snap-…`,
        );
    }
}

/** Scheduled snapshots of the volume by Amazon Data Lifecycle Manager, selected by its tag. */
function createSnapshotSchedule(
    name: string,
    args: ChainVolumeArgs,
    tagValue: string,
    parent: pulumi.Resource,
) {
    const dlmRole = new aws.iam.Role(
        `${name}-snapshots`,
        {
            assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({
                Service: "dlm.amazonaws.com",
            }),
            tags: args.tags,
        },
        { parent },
    );
    // An attachment of its own: a role's managedPolicyArns argument is deprecated in @pulumi/aws 7.
    const dlmAccess = new aws.iam.RolePolicyAttachment(
        `${name}-snapshots`,
        {
            role: dlmRole.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole",
        },
        { parent },
    );
    new aws.dlm.LifecyclePolicy(
        `${name}-snapshots`,
        {
            // DLM allows only [0-9A-Za-z _-] in descriptions and schedule names.
            description: dlmSafe(`chain volume snapshots of ${tagValue}`),
            executionRoleArn: dlmRole.arn,
            state: "ENABLED",
            policyDetails: {
                resourceTypes: ["VOLUME"],
                targetTags: { [CHAIN_VOLUME_TAG]: tagValue },
                schedules: [
                    {
                        name: dlmSafe(
                            `every ${args.snapshots.intervalHours}h keep ${args.snapshots.retainCount}`,
                        ),
                        createRule: {
                            interval: args.snapshots.intervalHours,
                            intervalUnit: "HOURS",
                        },
                        retainRule: { count: args.snapshots.retainCount },
                        copyTags: false,
                        tagsToAdd: { ...args.tags, [SNAPSHOT_TAG]: SNAPSHOT_KINDS.scheduled },
                    },
                ],
            },
            tags: args.tags,
        },
        { parent, dependsOn: [dlmAccess] },
    );
}

/** The chain data: one encrypted EBS volume that outlives any instance, with scheduled snapshots. */
export class ChainVolume extends pulumi.ComponentResource {
    public readonly volumeId: pulumi.Output<string>;
    public readonly volumeArn: pulumi.Output<string>;
    public readonly availabilityZone: string;

    constructor(name: string, args: ChainVolumeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:storage:ChainVolume", name, {}, opts);
        const spec = args.volume;
        const tagValue = chainVolumeTagValue(
            args.stackId,
            args.snapshotId,
            args.node,
            args.generation,
        );
        const source = args.snapshotId ?? args.seedSnapshotId;
        const volume = new aws.ebs.Volume(
            volumeResourceName(name, args.snapshotId, args.generation),
            {
                availabilityZone: args.availabilityZone,
                encrypted: true,
                type: spec.type,
                size: spec.sizeGiB,
                iops: spec.iops,
                throughput: spec.throughputMiBps,
                snapshotId: source,
                // Hydrates a restored volume at a fixed rate instead of lazily on first read.
                volumeInitializationRate: pulumi
                    .output(source)
                    .apply((s) => (s ? spec.initializationRateMiBps : undefined)),
                tags: {
                    ...args.tags,
                    [CHAIN_VOLUME_TAG]: tagValue,
                    Name: `${name}-data`,
                },
            },
            { parent: this, ...CHAIN_VOLUME_OPTIONS },
        );

        createSnapshotSchedule(name, args, tagValue, this);

        if (args.snapshotId && args.pinsRestoreSource !== false) {
            // DLM deletes the snapshots it created once they age out, a pinned one included. A copy is
            // not DLM's, so the pinned chain state stays restorable for as long as it is pinned.
            new aws.ebs.SnapshotCopy(
                `${name}-pinned`,
                {
                    sourceSnapshotId: args.snapshotId,
                    sourceRegion: aws.getRegionOutput({}, { parent: this }).region,
                    encrypted: true,
                    description: `pinned copy of ${args.snapshotId} (chainSnapshotId of ${args.stackId})`,
                    tags: {
                        ...args.tags,
                        [SNAPSHOT_TAG]: SNAPSHOT_KINDS.pinned,
                        [PINNED_FROM_TAG]: args.snapshotId,
                    },
                },
                { parent: this, retainOnDelete: true, customTimeouts: PINNED_COPY_TIMEOUTS },
            );
        }

        this.volumeId = pulumi.all([volume.id, volume.availabilityZone]).apply(([id, zone]) => {
            assertVolumeZone(id, zone, args.availabilityZone);
            return id;
        });
        this.volumeArn = volume.arn;
        this.availabilityZone = args.availabilityZone;
        this.registerOutputs({ volumeId: this.volumeId, volumeArn: this.volumeArn });
    }
}
