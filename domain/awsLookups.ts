import { ARCHITECTURES, Architecture } from "../catalog/host";

/** What the pre-flight asks AWS, injected so that tests and the offline tools can answer. */

export interface InstanceTypeFacts {
    memoryMiB: number;
    /** AWS's names: x86_64, arm64, … */
    architectures: string[];
}

/** The first of the instance's architectures that the node images are built for; undefined if none. */
export function imageArchitecture(architectures: string[]): Architecture | undefined {
    return architectures.find((a): a is Architecture => a in ARCHITECTURES);
}

export interface AwsLookups {
    /** undefined: the region does not offer the type. */
    instanceType(instanceType: string): Promise<InstanceTypeFacts | undefined>;
    /** The region's zones that offer the type (a region may offer a type in only some of its zones). */
    zonesOffering(instanceType: string): Promise<string[]>;
    /** undefined: no such subnet in this account and region. */
    subnet(subnetId: string): Promise<{ availabilityZone: string; vpcId: string } | undefined>;
    /** undefined: no such snapshot readable by this account in the region. */
    snapshot(
        snapshotId: string,
    ): Promise<{ volumeSizeGiB: number; tags: Record<string, string> } | undefined>;
    /** A deployed chain volume's zone and tags; undefined: no such volume (deleted outside Pulumi). */
    volume(
        volumeId: string,
    ): Promise<{ availabilityZone: string; tags: Record<string, string> } | undefined>;
}
