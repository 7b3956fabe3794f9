import * as aws from "@pulumi/aws";
import { AwsLookups } from "../domain/awsLookups";

/** The pre-flight lookups, answered by AWS through the provider (mocked in tests and offline tools). */
export const awsLookups: AwsLookups = {
    async instanceType(instanceType) {
        try {
            const info = await aws.ec2.getInstanceType({ instanceType });
            return { memoryMiB: info.memorySize, architectures: info.supportedArchitectures };
        } catch {
            return undefined;
        }
    },
    async zonesOffering(instanceType) {
        const offerings = await aws.ec2.getInstanceTypeOfferings({
            locationType: "availability-zone",
            filters: [{ name: "instance-type", values: [instanceType] }],
        });
        return offerings.locations;
    },
    async snapshot(id) {
        try {
            const snapshot = await aws.ebs.getSnapshot({ snapshotIds: [id] });
            return { volumeSizeGiB: snapshot.volumeSize, tags: snapshot.tags ?? {} };
        } catch {
            return undefined;
        }
    },
    async volume(id) {
        try {
            const volume = await aws.ebs.getVolume({
                filters: [{ name: "volume-id", values: [id] }],
            });
            return { availabilityZone: volume.availabilityZone, tags: volume.tags ?? {} };
        } catch {
            return undefined;
        }
    },
    async subnet(id) {
        try {
            const subnet = await aws.ec2.getSubnet({ id });
            return { availabilityZone: subnet.availabilityZone, vpcId: subnet.vpcId };
        } catch {
            return undefined;
        }
    },
};
