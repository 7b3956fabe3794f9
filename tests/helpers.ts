import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import {
    installMocks,
    runProgram as runInProcess,
    requireProgram,
    settle,
    stringify,
    MockWorld,
    MockOptions,
    Recorded,
} from "../lib/mockProgram";

/** Shared test helpers: a valid base config, program runners and lookups over recorded resources. */

export {
    PROJECT,
    MOCK_REGION as REGION,
    installMocks,
    promiseOf,
    settle,
    stringify,
    unsecret,
} from "../lib/mockProgram";
export type { MockWorld, Recorded } from "../lib/mockProgram";
export { INSTANCE_MEMORY_MIB } from "../catalog/instances";
export const STACK = "test";

/** A valid minimal config; tests change one field at a time. */
export const BASE_CONFIG: Record<string, string> = {
    dnsName: "rpc.eth.example.com",
};

/** Subnets that exist in the mocked account. */
export const SUBNETS: Record<string, { availabilityZone: string; vpcId: string }> = {
    "subnet-0123456789abcdef0": { availabilityZone: "us-east-1a", vpcId: "vpc-0123456789abcdef0" },
    "subnet-0fedcba9876543210": { availabilityZone: "us-east-1b", vpcId: "vpc-0123456789abcdef0" },
};

export function runProgram(config: Record<string, string | object>) {
    return runInProcess(stringify({ ...BASE_CONFIG, ...config }), { subnets: SUBNETS });
}

/** Runs the program for a config that must fail; returns the error and what was registered meanwhile. */
export async function runFailingProgram(
    config: Record<string, string | object>,
    options: MockOptions = {},
): Promise<{ message: string; world: MockWorld }> {
    const world = await installMocks(stringify({ ...BASE_CONFIG, ...config }), {
        subnets: SUBNETS,
        ...options,
    });
    // Some checks fail inside outputs (e.g. against a resource's current state), so outputs are awaited too.
    const message = await errorOf(async () => {
        const exported = await requireProgram();
        for (const value of Object.values(exported)) {
            await (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
        }
    });
    await settle(world);
    return { message, world };
}

export function ofType(world: MockWorld, type: string): Recorded[] {
    return world.resources.filter((r) => r.type === type);
}

export function one(world: MockWorld, type: string): Recorded {
    const found = ofType(world, type);
    expect(found, `exactly one ${type}`).to.have.length(1);
    return found[0]!;
}

/** The type of a resource's parent, read from its URN; undefined for a top-level resource. */
export function parentTypeOf(world: MockWorld, type: string, name: string): string | undefined {
    const urn = world.urns.find((u) => {
        const [, , chain, resourceName] = u.split("::");
        return resourceName === name && chain?.split("$").pop() === type;
    });
    if (urn === undefined) {
        throw new Error(`no URN for ${type} ${name}`);
    }
    const chain = (urn.split("::")[2] ?? "").split("$");
    return chain.length > 1 ? chain[chain.length - 2] : undefined;
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
