import * as pulumi from "@pulumi/pulumi";

/** Shared test helpers: Pulumi mocks, program runner and output unwrapping. */

export const PROJECT = "parity-mainnet";
export const STACK = "test";
export const REGION = "us-east-1";

/** Memory of the instance types the tests use, in MiB (AWS DescribeInstanceTypes values). */
export const INSTANCE_MEMORY_MIB: Record<string, number> = {
    "t2.medium": 4096,
    "c5.large": 4096,
    "m7i.xlarge": 16384,
    "m7i.2xlarge": 32768,
    "r7i.xlarge": 32768,
    "c7i.2xlarge": 16384,
    "c7i.4xlarge": 32768,
};

/** Subnets that exist in the mocked account. */
export const SUBNETS: Record<string, { availabilityZone: string; vpcId: string }> = {
    "subnet-0123456789abcdef0": { availabilityZone: "us-east-1a", vpcId: "vpc-0123456789abcdef0" },
    "subnet-0fedcba9876543210": { availabilityZone: "us-east-1b", vpcId: "vpc-0123456789abcdef0" },
};

export interface Recorded {
    type: string;
    name: string;
    inputs: Record<string, any>;
    custom: boolean;
}

export interface MockWorld {
    resources: Recorded[];
    calls: { token: string; inputs: Record<string, any> }[];
    /** URNs the mock monitor registered; they carry the parent type chain (`parent$child`). */
    urns: string[];
}

/** A valid minimal config; tests change one field at a time. */
export const BASE_CONFIG: Record<string, string> = {
    dnsName: "rpc.eth.example.com",
};

function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, any> {
    const id = `${args.name}-id`;
    const common = { ...args.inputs, arn: `arn:aws:mock:${REGION}:123456789012:${args.type}/${args.name}` };
    switch (args.type) {
        case "aws:route53/zone:Zone":
            return { ...common, zoneId: `Z${args.name.toUpperCase()}`, nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"] };
        case "aws:ecr/repository:Repository":
            return { ...common, repositoryUrl: `123456789012.dkr.ecr.${REGION}.amazonaws.com/${args.name}`, registryId: "123456789012" };
        case "aws:ecs/cluster:Cluster":
        case "aws:ecs/service:Service":
            return { ...common, name: args.inputs.name ?? `${args.name}-name` };
        case "aws:autoscaling/group:Group":
            return { ...common, name: `${args.name}-name` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { ...common, latestVersion: 1 };
        case "docker-build:index:Image":
            return { ...common, digest: `sha256:${"ab".repeat(32)}`, ref: `${args.inputs.tags?.[0]}@sha256:${"ab".repeat(32)}` };
        case "awsx:ec2:DefaultVpc":
            return { vpcId: "vpc-0default0000000000", publicSubnetIds: ["subnet-0default0000000001"], privateSubnetIds: [] };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { ...common, name: `${args.name}-name` };
        default:
            return { ...common, id };
    }
}

function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    switch (args.token) {
        case "aws:ec2/getInstanceType:getInstanceType": {
            const memorySize = INSTANCE_MEMORY_MIB[args.inputs.instanceType];
            if (memorySize === undefined) {
                throw new Error(`InvalidInstanceType: ${args.inputs.instanceType}`);
            }
            return { instanceType: args.inputs.instanceType, memorySize };
        }
        case "aws:ec2/getVpc:getVpc":
            return { id: "vpc-0default0000000000", cidrBlock: "172.31.0.0/16" };
        case "aws:ec2/getSubnet:getSubnet":
            if (args.inputs.id) {
                const subnet = SUBNETS[args.inputs.id];
                if (!subnet) {
                    throw new Error(`InvalidSubnetID.NotFound: ${args.inputs.id}`);
                }
                return { id: args.inputs.id, ...subnet };
            }
            return { id: `subnet-default-${args.inputs.availabilityZone}`, availabilityZone: args.inputs.availabilityZone, vpcId: "vpc-0default0000000000" };
        case "aws:index/getRegion:getRegion":
            return { name: REGION, region: REGION, id: REGION };
        case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
            return { userName: "AWS", password: "mock-password", proxyEndpoint: "https://mock", authorizationToken: "mock" };
        case "docker:index/getRegistryImage:getRegistryImage":
            return { name: args.inputs.name, sha256Digest: `sha256:${"cd".repeat(32)}` };
        default:
            throw new Error(`Mock call not implemented: ${args.token}`);
    }
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Mocks hand secrets over wrapped in Pulumi's secret sentinel; tests read the plain values. */
export function unsecret(value: any): any {
    if (Array.isArray(value)) {
        return value.map(unsecret);
    }
    if (value !== null && typeof value === "object") {
        if (value[SECRET_SIG] !== undefined && "value" in value) {
            return unsecret(value.value);
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unsecret(v)]));
    }
    return value;
}

/** Installs mocks that record every resource and call into a fresh world. */
export async function installMocks(config: Record<string, string>): Promise<MockWorld> {
    const world: MockWorld = { resources: [], calls: [], urns: [] };
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const state = mockState(args);
                world.resources.push({ type: args.type, name: args.name, inputs: unsecret(args.inputs), custom: args.custom ?? true });
                return { id: args.type.startsWith("parity:") ? undefined : `${args.name}-id`, state };
            },
            call(args) {
                world.calls.push({ token: args.token, inputs: args.inputs });
                return mockCall(args);
            },
        },
        PROJECT,
        STACK,
        false,
    );
    const all: Record<string, string> = { "aws:region": REGION };
    for (const [key, value] of Object.entries(config)) {
        all[key.includes(":") ? key : `${PROJECT}:${key}`] = value;
    }
    pulumi.runtime.setAllConfig(all);
    return world;
}

export function promiseOf<T>(output: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

/** Waits until no new resource has been registered for a little while. */
export async function settle(world: MockWorld): Promise<void> {
    let last = -1;
    for (let i = 0; i < 100 && last !== world.resources.length; i++) {
        last = world.resources.length;
        await new Promise((r) => setTimeout(r, 25));
    }
    const monitor = pulumi.runtime.getMonitor() as any;
    world.urns = [...monitor.getRegisteredResources().keys()];
}

/** The type of a resource's parent, read from its URN; undefined for a top-level resource. */
export function parentTypeOf(world: MockWorld, type: string, name: string): string | undefined {
    const urn = world.urns.find((u) => {
        const [, , chain, resourceName] = u.split("::");
        return resourceName === name && chain.split("$").pop() === type;
    });
    if (urn === undefined) {
        throw new Error(`no URN for ${type} ${name}`);
    }
    const chain = urn.split("::")[2].split("$");
    return chain.length > 1 ? chain[chain.length - 2] : undefined;
}

export type StackOutputs = Record<string, pulumi.Output<any> | any>;

/** Runs the whole program (index.ts) in-process for a config; returns resolved outputs and resources. */
export async function runProgram(config: Record<string, string | object>): Promise<{ outputs: Record<string, any>; world: MockWorld }> {
    const world = await installMocks(stringify({ ...BASE_CONFIG, ...config }));
    const entry = require.resolve("../index");
    delete require.cache[entry];
    const exported: StackOutputs = await require(entry);
    const outputs: Record<string, any> = {};
    for (const [key, value] of Object.entries(exported)) {
        outputs[key] = await promiseOf(value);
    }
    await settle(world);
    return { outputs, world };
}

/** Runs the program for a config that must fail; returns the error and what was registered meanwhile. */
export async function runFailingProgram(config: Record<string, string | object>): Promise<{ message: string; world: MockWorld }> {
    const world = await installMocks(stringify({ ...BASE_CONFIG, ...config }));
    const entry = require.resolve("../index");
    delete require.cache[entry];
    const message = await errorOf(() => require(entry));
    await settle(world);
    return { message, world };
}

/** Config as Pulumi hands it over: objects and arrays as JSON strings. */
export function stringify(config: Record<string, string | object>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

export function ofType(world: MockWorld, type: string): Recorded[] {
    return world.resources.filter((r) => r.type === type);
}

export function one(world: MockWorld, type: string): Recorded {
    const found = ofType(world, type);
    if (found.length !== 1) {
        throw new Error(`expected one ${type}, found ${found.length}`);
    }
    return found[0];
}

/** Runs a function expected to throw and returns the error message. */
export async function errorOf(run: () => unknown): Promise<string> {
    try {
        await run();
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error("expected an error, none was thrown");
}
