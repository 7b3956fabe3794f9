import * as pulumi from "@pulumi/pulumi";
import { INSTANCE_MEMORY_MIB } from "../catalog/instances";

/**
 * Runs the program (index.ts) in-process under Pulumi mocks and records what it registers.
 * Used by the tests and by `npm run policy`, which need no cloud credentials.
 */

export const PROJECT = "parity-mainnet";
export const MOCK_REGION = "us-east-1";
export const MOCK_STACK = "test";

export interface Recorded {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** What the mock returned as the resource's outputs (ids, ARNs). */
    state: Record<string, any>;
    custom: boolean;
}

export interface MockWorld {
    resources: Recorded[];
    calls: { token: string; inputs: Record<string, any> }[];
    /** URNs the mock monitor registered; they carry the parent type chain (`parent$child`). */
    urns: string[];
}

export interface MockOptions {
    /** Subnets that exist; when omitted, any configured subnet is taken as valid (offline runs cannot check). */
    subnets?: Record<string, { availabilityZone: string; vpcId: string }>;
    /** Output values to report for every resource of a type, e.g. state that differs from the inputs. */
    stateOverrides?: Record<string, Record<string, unknown>>;
}

function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, any> {
    const id = `${args.name}-id`;
    const common = {
        ...args.inputs,
        arn: `arn:aws:mock:${MOCK_REGION}:123456789012:${args.type}/${args.name}`,
    };
    switch (args.type) {
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
        case "aws:ecs/cluster:Cluster":
        case "aws:ecs/service:Service":
            return { ...common, name: args.inputs.name ?? `${args.name}-name` };
        case "aws:autoscaling/group:Group":
            return { ...common, name: `${args.name}-name` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { ...common, latestVersion: 1 };
        case "docker-build:index:Image":
            return {
                ...common,
                digest: `sha256:${"ab".repeat(32)}`,
                ref: `${args.inputs.tags?.[0]}@sha256:${"ab".repeat(32)}`,
            };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { ...common, name: `${args.name}-name` };
        default:
            return { ...common, id };
    }
}

function mockCall(args: pulumi.runtime.MockCallArgs, options: MockOptions): Record<string, any> {
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
                const subnet = options.subnets
                    ? options.subnets[args.inputs.id]
                    : {
                          availabilityZone: String(
                              pulumi.runtime.getConfig(`${PROJECT}:availabilityZone`) ??
                                  `${MOCK_REGION}a`,
                          ),
                          vpcId: String(pulumi.runtime.getConfig(`${PROJECT}:vpcId`)),
                      };
                if (!subnet) {
                    throw new Error(`InvalidSubnetID.NotFound: ${args.inputs.id}`);
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
            return { name: args.inputs.name, sha256Digest: `sha256:${"cd".repeat(32)}` };
        default:
            // Fail loudly: an unmocked call would otherwise hang or hand the program garbage.
            throw new Error(
                `no mock for call ${args.token}; add it to mockCall in lib/mockProgram.ts`,
            );
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
export async function installMocks(
    config: Record<string, string>,
    options: MockOptions = {},
): Promise<MockWorld> {
    const world: MockWorld = { resources: [], calls: [], urns: [] };
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const state = { ...mockState(args), ...options.stateOverrides?.[args.type] };
                world.resources.push({
                    type: args.type,
                    name: args.name,
                    inputs: unsecret(args.inputs),
                    state: unsecret(state),
                    custom: args.custom ?? true,
                });
                return {
                    id: args.type.startsWith("parity:") ? undefined : `${args.name}-id`,
                    state,
                };
            },
            call(args) {
                world.calls.push({ token: args.token, inputs: args.inputs });
                return mockCall(args, options);
            },
        },
        PROJECT,
        MOCK_STACK,
        false,
    );
    const all: Record<string, string> = { "aws:region": MOCK_REGION };
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

/** Loads the program afresh (mocha shares one module cache), which runs it against the installed mocks. */
export function requireProgram(program = "../index"): Promise<Record<string, unknown>> {
    const entry = require.resolve(program);
    delete require.cache[entry];
    return require(entry);
}

/** Runs the whole program (index.ts) in-process for a config; returns resolved outputs and resources. */
export async function runProgram(
    config: Record<string, string>,
    options: MockOptions = {},
    program = "../index",
): Promise<{ outputs: Record<string, any>; world: MockWorld }> {
    const world = await installMocks(config, options);
    const exported: Record<string, unknown> = await requireProgram(program);
    const outputs: Record<string, any> = {};
    for (const [key, value] of Object.entries(exported)) {
        outputs[key] = await promiseOf(value);
    }
    await settle(world);
    return { outputs, world };
}

/** Config as Pulumi hands it over: objects and arrays as JSON strings. */
export function stringify(config: Record<string, string | object>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}
