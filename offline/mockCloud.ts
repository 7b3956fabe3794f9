import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { INSTANCE_TYPES, estimateFromName } from "../catalog/instances";

/**
 * What the mocked cloud answers: resource outputs AWS would compute (ids, ARNs, names) and the
 * lookups the program makes. Unknown lookups fail loudly instead of hanging.
 */

export const MOCK_REGION = "us-east-1";
/** The zones of the stack's region (aws:region, as the provider would be configured): a to f. */
const mockZones = () =>
    ["a", "b", "c", "d", "e", "f"].map(
        (letter) => `${String(pulumi.runtime.getConfig("aws:region") ?? MOCK_REGION)}${letter}`,
    );

export interface MockOptions {
    /** The stack and project the program runs as (default: the test stack of this project). */
    identity?: { project: string; stack: string };
    /** What the registry serves for an upstream `repository:tag`; others serve one fixed digest. */
    registryDigests?: Record<string, string>;
    /** Subnets that exist; when omitted, any configured subnet is taken as valid (offline runs cannot check). */
    subnets?: Record<string, { availabilityZone: string; vpcId: string }>;
    /** `type@zone` pairs the region does not offer; every other known type is offered in every zone. */
    notOffered?: string[];
    /** Offline tools: estimate types missing from the table by AWS's naming convention, and say so. */
    estimateUnknownInstanceTypes?: boolean;
    /** The stack's completed snapshots, newest first (for a node that joins later). */
    stackSnapshots?: string[];
    /**
     * Volume sizes of the snapshots that exist; when omitted, any snapshot id is taken to exist with
     * a size below every default (offline runs cannot check; the tools say so).
     */
    snapshotSizes?: Record<string, number>;
    /** Tags of the snapshots that exist (none: untagged). */
    snapshotTags?: Record<string, Record<string, string>>;
    /** Chain volumes that exist in the account, by id: their zone and tags. */
    volumes?: Record<string, { availabilityZone: string; tags: Record<string, string> }>;
    /** The stack's last deployed outputs, as its own StackReference reads them (none: never deployed). */
    deployedOutputs?: Record<string, unknown>;
    /** Calls that fail as AWS would fail them: the error message, by call token. */
    failingCalls?: Record<string, string>;
    /** Output values to report for every resource of a type, e.g. state that differs from the inputs. */
    stateOverrides?: Record<string, Record<string, unknown>>;
    /**
     * The deployed stack a run updates: answers a resource's id and outputs from what the last run
     * left (a replaced resource gets a new id), so a second run sees what a real update would.
     */
    deployedResources?: (resource: {
        type: string;
        name: string;
        inputs: Record<string, any>;
        state: Record<string, any>;
        replaceOnChanges: string[];
        ignoreChanges: string[];
    }) => { id?: string; state: Record<string, any> };
}

export function mockState(
    args: pulumi.runtime.MockResourceArgs,
    options: MockOptions = {},
): Record<string, any> {
    const id = `${args.name}-id`;
    const common = {
        ...args.inputs,
        arn: `arn:aws:mock:${MOCK_REGION}:123456789012:${args.type}/${args.name}`,
    };
    switch (args.type) {
        case "pulumi:pulumi:StackReference":
            return {
                ...args.inputs,
                outputs: options.deployedOutputs ?? {},
                secretOutputNames: [],
            };
        case "aws:ecs/cluster:Cluster": {
            // AWS's own format: the instance role's policy derives the cluster's member ARNs from it.
            const name = args.inputs.name ?? `${args.name}-name`;
            return {
                ...common,
                name,
                arn: `arn:aws:ecs:${MOCK_REGION}:123456789012:cluster/${name}`,
            };
        }
        case "aws:route53/zone:Zone":
            return {
                ...common,
                zoneId: `Z${args.name.toUpperCase()}`,
                nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"],
            };
        case "aws:ecr/repository:Repository":
            return {
                ...common,
                repositoryUrl: `123456789012.dkr.ecr.${MOCK_REGION}.amazonaws.com/${args.name}`,
                registryId: "123456789012",
            };
        case "aws:ecs/service:Service":
            return { ...common, name: args.inputs.name ?? `${args.name}-name` };
        case "aws:autoscaling/group:Group":
            return { ...common, name: `${args.name}-name` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { ...common, latestVersion: 1 };
        case "docker-build:index:Image": {
            // A pushed image's digest follows its content, which its tags name (ParityImage hashes
            // the build context into them): a rebuild with new content gets a new digest.
            const digest = `sha256:${createHash("sha256")
                .update(JSON.stringify(args.inputs.tags ?? []))
                .digest("hex")}`;
            return { ...common, digest, ref: `${args.inputs.tags?.[0]}@${digest}` };
        }
        case "aws:cloudwatch/logGroup:LogGroup":
        case "aws:iam/role:Role":
            // Auto-named: AWS answers the name Pulumi gave it.
            return { ...common, name: args.inputs.name ?? `${args.name}-name` };
        default:
            return { ...common, id };
    }
}

/** The size an unchecked snapshot is given: below every default, so it changes nothing. */
const UNCHECKED_SNAPSHOT_GIB = 1;

/** An invoke failure as the engine reports it: the SDK rethrows its `details` as the message. */
const failed = (message: string) => Object.assign(new Error(message), { details: message });

/** The account's snapshots and volumes, as the pre-flight looks them up. */
function mockEbsLookup(
    args: pulumi.runtime.MockCallArgs,
    options: MockOptions,
): Record<string, any> {
    if (args.token === "aws:ebs/getSnapshot:getSnapshot") {
        const id = String((args.inputs.snapshotIds as string[])[0]);
        const size = options.snapshotSizes ? options.snapshotSizes[id] : UNCHECKED_SNAPSHOT_GIB;
        if (size === undefined) {
            throw failed(`InvalidSnapshot.NotFound: ${id}`);
        }
        return { id, snapshotId: id, volumeSize: size, tags: options.snapshotTags?.[id] ?? {} };
    }
    const id = String((args.inputs.filters as { values: string[] }[])[0]?.values[0]);
    const volume = options.volumes?.[id];
    if (volume === undefined) {
        throw failed(`InvalidVolume.NotFound: ${id}`);
    }
    return { id, volumeId: id, ...volume };
}

/** An instance type from the catalog's record, or estimated from its name when the options allow. */
function mockInstanceType(type: string, options: MockOptions): Record<string, unknown> {
    const known = INSTANCE_TYPES[type];
    if (known !== undefined) {
        return {
            instanceType: type,
            memorySize: known.memoryMiB,
            supportedArchitectures: [known.architecture],
            // The provider answers 0 for a type without dedicated EBS bandwidth.
            ebsPerformanceBaselineIops: known.ebs?.baselineIops ?? 0,
            ebsPerformanceMaximumIops: known.ebs?.maximumIops ?? 0,
            ebsPerformanceBaselineThroughput: known.ebs?.baselineMBps ?? 0,
            ebsPerformanceMaximumThroughput: known.ebs?.maximumMBps ?? 0,
        };
    }
    const estimate = options.estimateUnknownInstanceTypes ? estimateFromName(type) : undefined;
    if (estimate === undefined) {
        throw failed(`InvalidInstanceType: ${type}`);
    }
    return {
        instanceType: type,
        memorySize: estimate.memoryMiB,
        supportedArchitectures: estimate.architectures,
    };
}

export function mockCall(
    args: pulumi.runtime.MockCallArgs,
    options: MockOptions,
): Record<string, any> {
    const failure = options.failingCalls?.[args.token];
    if (failure !== undefined) {
        throw failed(failure);
    }
    switch (args.token) {
        case "aws:ec2/getInstanceType:getInstanceType":
            return mockInstanceType(String(args.inputs.instanceType), options);
        case "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings": {
            const filter = (name: string) =>
                (args.inputs.filters as { name: string; values: string[] }[]).find(
                    (f) => f.name === name,
                )?.values[0];
            const type = filter("instance-type") ?? "";
            // Where the type is offered: the region's zones, less the ones excluded.
            const zones = mockZones().filter(
                (zone) => !(options.notOffered ?? []).includes(`${type}@${zone}`),
            );
            return {
                instanceTypes: zones.map(() => type),
                locations: zones,
                locationTypes: [],
            };
        }
        case "aws:ebs/getSnapshot:getSnapshot":
        case "aws:ebs/getVolume:getVolume":
            return mockEbsLookup(args, options);
        case "aws:ebs/getSnapshotIds:getSnapshotIds":
            return { id: "snapshots", ids: options.stackSnapshots ?? [] };
        case "aws:ec2/getVpc:getVpc":
            // The default VPC's range, as AWS creates it; a configured VPC answers the same here.
            return {
                id: args.inputs.id ?? "vpc-0default0000000000",
                cidrBlock: "172.31.0.0/16",
                cidrBlockAssociations: [{ cidrBlock: "172.31.0.0/16" }],
                ipv6CidrBlock: "",
            };
        case "aws:ec2/getSubnet:getSubnet":
            if (args.inputs.id) {
                const subnet = options.subnets
                    ? options.subnets[args.inputs.id]
                    : {
                          availabilityZone: String(
                              pulumi.runtime.getConfig(`${pulumi.getProject()}:availabilityZone`) ??
                                  `${MOCK_REGION}a`,
                          ),
                          vpcId: String(pulumi.runtime.getConfig(`${pulumi.getProject()}:vpcId`)),
                      };
                if (!subnet) {
                    throw failed(`InvalidSubnetID.NotFound: ${args.inputs.id}`);
                }
                return { id: args.inputs.id, ...subnet };
            }
            return {
                id: `subnet-default-${args.inputs.availabilityZone}`,
                availabilityZone: args.inputs.availabilityZone,
                vpcId: "vpc-0default0000000000",
            };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: "123456789012",
                arn: "arn:aws:iam::123456789012:user/mock",
                userId: "mock",
            };
        case "aws:index/getRegion:getRegion":
            return { name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION };
        case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
            return {
                userName: "AWS",
                password: "mock-password",
                proxyEndpoint: "https://mock",
                authorizationToken: "mock",
            };
        case "docker:index/getRegistryImage:getRegistryImage":
            return {
                name: args.inputs.name,
                sha256Digest:
                    options.registryDigests?.[args.inputs.name] ?? `sha256:${"cd".repeat(32)}`,
            };
        default:
            // Fail loudly: an unmocked call would otherwise hang or hand the program garbage.
            throw new Error(
                `no mock for call ${args.token}; add it to mockCall in offline/mockCloud.ts`,
            );
    }
}

/** What an offline run assumed instead of asking AWS, one sentence each (the tools print them). */
export function offlineAssumptions(
    calls: { token: string; inputs: Record<string, unknown> }[],
): string[] {
    const estimated = calls
        .filter((c) => c.token === "aws:ec2/getInstanceType:getInstanceType")
        .map((c) => String(c.inputs.instanceType))
        .filter((type) => INSTANCE_TYPES[type] === undefined);
    const snapshots = calls
        .filter((c) => c.token === "aws:ebs/getSnapshot:getSnapshot")
        .map((c) => String((c.inputs.snapshotIds as string[])[0]));
    return [
        ...[...new Set(estimated)].map((type) => {
            const e = estimateFromName(type);
            return `${type} is not in the offline instance table: its memory (${e?.memoryMiB} MiB) and architecture (${e?.architectures.join(", ")}) are estimated from AWS's naming convention; AWS checks them at preview`;
        }),
        ...[...new Set(snapshots)].map(
            (id) =>
                `${id} was not looked up: AWS checks at preview that it exists and that the volume is at least its size`,
        ),
    ];
}
