import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import { AwsLookups, isNotFound, lookupError } from "../domain/awsLookups";

/** "Not found" answers undefined; any other failure stops the preview as what it is. */
async function orNotFound<T>(what: string, lookup: () => Promise<T>): Promise<T | undefined> {
    try {
        return await lookup();
    } catch (e) {
        if (isNotFound(e)) {
            return undefined;
        }
        throw lookupError(what, e);
    }
}

/** The pre-flight lookups, answered by AWS through the provider (mocked in tests and offline tools). */
export const awsLookups: AwsLookups = {
    instanceType: (instanceType) =>
        orNotFound(`instance type ${instanceType}`, async () => {
            const info = await aws.ec2.getInstanceType({ instanceType });
            const ebs =
                info.ebsPerformanceBaselineIops > 0
                    ? {
                          baselineIops: info.ebsPerformanceBaselineIops,
                          maximumIops: info.ebsPerformanceMaximumIops,
                          baselineMBps: info.ebsPerformanceBaselineThroughput,
                          maximumMBps: info.ebsPerformanceMaximumThroughput,
                      }
                    : undefined;
            return { memoryMiB: info.memorySize, architectures: info.supportedArchitectures, ebs };
        }),
    async zonesOffering(instanceType) {
        try {
            const offerings = await aws.ec2.getInstanceTypeOfferings({
                locationType: "availability-zone",
                filters: [{ name: "instance-type", values: [instanceType] }],
            });
            return offerings.locations;
        } catch (e) {
            throw lookupError(`the zones offering ${instanceType}`, e);
        }
    },
    snapshot: (id) =>
        orNotFound(`snapshot ${id}`, async () => {
            const snapshot = await aws.ebs.getSnapshot({ snapshotIds: [id] });
            return { volumeSizeGiB: snapshot.volumeSize, tags: snapshot.tags ?? {} };
        }),
    volume: (id) =>
        orNotFound(`chain volume ${id}`, async () => {
            const volume = await aws.ebs.getVolume({
                filters: [{ name: "volume-id", values: [id] }],
            });
            return { availabilityZone: volume.availabilityZone, tags: volume.tags ?? {} };
        }),
    async registryDigest(image) {
        try {
            return (await docker.getRegistryImage({ name: image })).sha256Digest;
        } catch (e) {
            throw lookupError(`the registry's digest for ${image}`, e);
        }
    },
    vpcCidrs: (id) =>
        orNotFound(`VPC ${id ?? "(the default)"}`, async () => {
            const vpc = await aws.ec2.getVpc(id ? { id } : { default: true });
            return [
                vpc.cidrBlock,
                ...vpc.cidrBlockAssociations.map((a) => a.cidrBlock),
                vpc.ipv6CidrBlock,
            ].filter((c, i, all): c is string => !!c && all.indexOf(c) === i);
        }),
    subnet: (id) =>
        orNotFound(`subnet ${id}`, async () => {
            const subnet = await aws.ec2.getSubnet({ id });
            return { availabilityZone: subnet.availabilityZone, vpcId: subnet.vpcId };
        }),
};
