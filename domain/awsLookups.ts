import { ARCHITECTURES, Architecture } from "../catalog/host";
import { EbsLimits } from "../catalog/instances";

/** What the pre-flight asks AWS, injected so that tests and the offline tools can answer. */

export interface InstanceTypeFacts {
    memoryMiB: number;
    /** AWS's names: x86_64, arm64, … */
    architectures: string[];
    /** undefined: not EBS-optimized (no dedicated EBS bandwidth to check against). */
    ebs?: EbsLimits;
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
    /** The digest a registry serves for `repository:tag` now. */
    registryDigest(image: string): Promise<string>;
    /** The VPC's IPv4 and IPv6 ranges (the default VPC without an id); undefined: no such VPC. */
    vpcCidrs(vpcId?: string): Promise<string[] | undefined>;
    /** undefined: no such snapshot readable by this account in the region. */
    snapshot(
        snapshotId: string,
    ): Promise<{ volumeSizeGiB: number; tags: Record<string, string> } | undefined>;
    /** A deployed chain volume's zone and tags; undefined: no such volume (deleted outside Pulumi). */
    volume(
        volumeId: string,
    ): Promise<{ availabilityZone: string; tags: Record<string, string> } | undefined>;
}

/**
 * What a failed lookup means. "Not found" answers the question (no such type, snapshot, subnet or
 * volume); anything else (throttling, an expired session, the network) is not the config's fault
 * and is reported as what it is, with AWS's error code, instead of sending the user after the key.
 */
const NOT_FOUND =
    /InvalidInstanceType|\.NotFound\b|no matching|returned no results|empty result|does not exist/i;

export function isNotFound(error: unknown): boolean {
    return NOT_FOUND.test(String((error as Error)?.message ?? error));
}

export class LookupError extends Error {}

/** The error to report for a lookup AWS could not answer: the code and message AWS gave. */
export function lookupError(what: string, error: unknown): LookupError {
    const message = String((error as Error)?.message ?? error);
    const api = /api error (\w+): ([^\n(]*)/.exec(message);
    const said = api ? `${api[1]}: ${api[2]!.trim()}` : message.split("\n")[0]!.trim();
    return new LookupError(
        `AWS could not answer the pre-flight's lookup of ${what} (${said}); nothing was changed. This is not a config problem: check the credentials and network, then run pulumi preview again`,
    );
}
