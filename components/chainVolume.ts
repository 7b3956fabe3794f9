import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { VolumeSpec } from "./syncBoostProfile";

export interface ChainVolumeArgs {
    availabilityZone: string;
    volume: VolumeSpec;
    /** Restore source; changing it is the one path that replaces the volume. */
    snapshotId?: string;
    tags: Record<string, string>;
}

/** The chain data: one encrypted EBS volume that outlives any instance. */
export class ChainVolume extends pulumi.ComponentResource {
    public readonly volumeId: pulumi.Output<string>;
    public readonly volumeArn: pulumi.Output<string>;
    public readonly availabilityZone: string;

    constructor(name: string, args: ChainVolumeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:storage:ChainVolume", name, {}, opts);
        const spec = args.volume;
        const volume = new aws.ebs.Volume(
            `${name}-data`,
            {
                availabilityZone: args.availabilityZone,
                encrypted: true,
                type: spec.type,
                size: spec.sizeGiB,
                iops: spec.iops,
                throughput: spec.throughputMiBps,
                snapshotId: args.snapshotId,
                // Hydrates a restored volume at a fixed rate instead of lazily on first read.
                volumeInitializationRate: args.snapshotId ? spec.initializationRateMiBps : undefined,
                tags: { ...args.tags, Name: `${name}-data` },
            },
            { parent: this, protect: true },
        );
        this.volumeId = volume.id;
        this.volumeArn = volume.arn;
        this.availabilityZone = args.availabilityZone;
        this.registerOutputs({ volumeId: this.volumeId, volumeArn: this.volumeArn });
    }
}
