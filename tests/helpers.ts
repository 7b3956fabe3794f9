import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import {
    installMocks,
    runProgram as runInProcess,
    settle,
    withoutStacks,
    MockWorld,
    ProgramRun,
    Recorded,
} from "../offline/engine";
import { MockOptions } from "../offline/mockCloud";
import { runNode } from "../components/program";
import { Io } from "../tools/cli";
import { DEFAULT_CLIENT } from "../catalog/clients";
import { DEFAULT_PROFILE } from "../catalog/profiles";
import { DATA_DIR } from "../catalog/host";

/** Shared test helpers: a valid base config, program runners and lookups over recorded resources. */

export { installMocks, promiseOf, settle, unsecret } from "../offline/engine";
import { MOCK_REGION as REGION } from "../offline/mockCloud";
import { PROJECT } from "../offline/stackFile";
export { REGION, PROJECT };
export type { MockWorld, Recorded } from "../offline/engine";
export const STACK = "test";

/** A valid minimal config; tests change one field at a time. */
export const BASE_CONFIG: Record<string, string> = {
    dnsName: "rpc.eth.acme-chain.net",
};

/** Subnets that exist in the mocked account. */
export const SUBNETS: Record<string, { availabilityZone: string; vpcId: string }> = {
    "subnet-0123456789abcdef0": { availabilityZone: "us-east-1a", vpcId: "vpc-0123456789abcdef0" },
    "subnet-0fedcba9876543210": { availabilityZone: "us-east-1b", vpcId: "vpc-0123456789abcdef0" },
};

/** Config as Pulumi hands it over: objects and arrays as JSON strings. */
export function stringify(config: Record<string, string | object>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

/**
 * One mocked program run per distinct config, shared by every spec that asks for it: a run is the
 * expensive part of the suite, and its result is only read. Serialised, since mocks are global.
 */
const runs = new Map<string, Promise<ProgramRun>>();
let queue: Promise<unknown> = Promise.resolve();

/** Runs tasks that install mocks one after another: Pulumi's mocks and config are process-global. */
export function serially<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
}

/** The program's own defaults, spelled out so that `{}` and `{ profile: "fast-sync" }` share one run. */
const DEFAULTS = {
    network: "mainnet",
    client: DEFAULT_CLIENT,
    profile: DEFAULT_PROFILE,
};

/**
 * A shared run for config as Pulumi hands it over (`project:key` or bare keys). Keys are spelled out
 * in full, with the region and the program's defaults, so equivalent configs share one run.
 */
export function runConfig(
    config: Record<string, string>,
    options: MockOptions = {},
): Promise<ProgramRun> {
    const full: Record<string, string> = { "aws:region": REGION };
    for (const [k, v] of Object.entries({ ...DEFAULTS, ...config })) {
        full[k.includes(":") ? k : `${PROJECT}:${k}`] = v;
    }
    // The same mocked account for every shared run: the tests' subnets, and the offline tools' estimates
    // (which only change anything for an instance type the table lacks).
    const mock: MockOptions = { subnets: SUBNETS, estimateUnknownInstanceTypes: true, ...options };
    const key = JSON.stringify([Object.entries(full).sort(), Object.entries(mock).sort()]);
    let run = runs.get(key);
    if (run === undefined) {
        run = serially(() => runInProcess(full, mock));
        runs.set(key, run);
    }
    return run;
}

/** A shared run of BASE_CONFIG with one or more fields changed. */
export function runProgram(
    config: Record<string, string | object>,
    options: MockOptions = {},
): Promise<ProgramRun> {
    return runConfig(stringify({ ...BASE_CONFIG, ...config }), options);
}

/** Captures what a tool prints. */
export function captureIo(): { io: Io; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err };
}

/** Runs the program for a config that must fail; returns the error and what was registered meanwhile. */
export async function runFailingProgram(
    config: Record<string, string | object>,
    options: MockOptions = {},
): Promise<{ message: string; world: MockWorld }> {
    return serially(() =>
        withoutStacks(async () => {
            const world = await installMocks(stringify({ ...BASE_CONFIG, ...config }), {
                subnets: SUBNETS,
                ...options,
            });
            // Some checks fail inside outputs (e.g. against a resource's current state), so outputs are awaited too.
            const message = await errorOf(async () => {
                const exported: Record<string, unknown> = await runNode();
                for (const value of Object.values(exported)) {
                    await (
                        pulumi.output(value) as unknown as { promise(): Promise<unknown> }
                    ).promise();
                }
            });
            await settle(world);
            return { message, world };
        }),
    );
}

/** What the program registered besides its read-only reference to its own last outputs. */
export function registered(world: MockWorld): Recorded[] {
    return world.resources.filter((r) => r.type !== "pulumi:pulumi:StackReference");
}

export function ofType(world: MockWorld, type: string): Recorded[] {
    return world.resources.filter((r) => r.type === type);
}

export function one(world: MockWorld, type: string): Recorded {
    const found = ofType(world, type);
    expect(found, `exactly one ${type}`).to.have.length(1);
    return found[0]!;
}

/**
 * A container's variable as the task sees it: its plain environment, or the value of the SSM
 * parameter its `secrets` entry names (undefined when neither has it).
 */
export function containerVariable(
    world: MockWorld,
    container: {
        environment: { name: string; value: string }[];
        secrets?: { name: string; valueFrom: string }[];
    },
    name: string,
): string | undefined {
    const plain = container.environment.find((e) => e.name === name);
    if (plain !== undefined) {
        return plain.value;
    }
    const secret = container.secrets?.find((s) => s.name === name);
    if (secret === undefined) {
        return undefined;
    }
    const parameter = ofType(world, "aws:ssm/parameter:Parameter").find(
        (p) => p.state.arn === secret.valueFrom,
    );
    expect(parameter, `the SSM parameter behind ${name}`).to.not.equal(undefined);
    return parameter!.inputs.value;
}

/** The type of a resource's parent, read from its URN; undefined for a top-level resource. */
export function parentTypeOf(world: MockWorld, type: string, name: string): string | undefined {
    const urn = world.resources.find((r) => r.type === type && r.name === name)?.urn;
    if (!urn) {
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

/** The value a command line gives a flag, as `--flag value` or `--flag=value`; undefined if absent. */
export function flagValue(command: string[], flag: string): string | undefined {
    const attached = command.find((a) => a.startsWith(`${flag}=`));
    if (attached !== undefined) {
        return attached.slice(flag.length + 1);
    }
    const at = command.indexOf(flag);
    return at < 0 ? undefined : command[at + 1];
}

/** A registered value with the chain volume's mount point moved to `dataDir`: a path alone or a flag's `=value`. */
export const relocateDataDir = (value: string, dataDir: string) =>
    value.replace(new RegExp(`(^|=)${DATA_DIR}(?=/|$)`), `$1${dataDir}`);
