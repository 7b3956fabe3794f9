import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "./stackFile";
import { mockCall, mockState, MOCK_REGION, MockOptions } from "./mockCloud";
import { runNode } from "../components/program";

/**
 * Runs the program (index.ts) in-process under Pulumi mocks and records what it registers, with the
 * resource options the engine would see. Behind `npm run plan` and `npm run policy`, which need no
 * cloud credentials, and behind the tests.
 */

export const MOCK_STACK = "test";

/** The options of a register request, as the Pulumi engine receives them. */
export interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    /** URNs of the resources this one depends on (dependsOn and its inputs' resources). */
    dependsOn: string[];
    /** Durations as Pulumi passes them ("2h", "30m"); empty when unset. */
    customTimeouts: { create: string; update: string; delete: string };
}

export interface Recorded {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, any>;
    /** What the mock returned as the resource's outputs (ids, ARNs). */
    state: Record<string, any>;
    custom: boolean;
    options: RecordedOptions;
    /** The inputs whose value holds a Pulumi secret (kept encrypted in state), by name. */
    secretInputs: string[];
}

export interface MockWorld {
    resources: Recorded[];
    calls: { token: string; inputs: Record<string, any> }[];
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Mocks hand secrets over wrapped in Pulumi's secret sentinel; readers want the plain values. */
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

const holdsSecret = (value: any): boolean =>
    value !== null &&
    typeof value === "object" &&
    (value[SECRET_SIG] !== undefined || Object.values(value).some(holdsSecret));

/** The subset of the protobuf register request the recorder reads. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProtect(): boolean;
    getRetainondelete?(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getReplaceonchangesList(): string[];
    getDependenciesList(): string[];
    getCustomtimeouts():
        { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}

function optionsOf(req: RegisterRequest): RecordedOptions {
    const timeouts = req.getCustomtimeouts();
    return {
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete?.() ?? false,
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: req.getIgnorechangesList(),
        replaceOnChanges: req.getReplaceonchangesList(),
        dependsOn: req.getDependenciesList(),
        customTimeouts: {
            create: timeouts?.getCreate() ?? "",
            update: timeouts?.getUpdate() ?? "",
            delete: timeouts?.getDelete() ?? "",
        },
    };
}

/** Installs mocks that record every resource (with its options) and call into a fresh world. */
export async function installMocks(
    config: Record<string, string>,
    options: MockOptions = {},
): Promise<MockWorld> {
    const world: MockWorld = { resources: [], calls: [] };
    // The mock monitor sees options only in the register request; newResource gets them from here.
    const pending = new Map<string, RecordedOptions>();
    // The mocked engine has no backend: the program must not judge the deployer's own login by it.
    process.env.PULUMI_BACKEND_URL = "mock://offline";
    const project = options.identity?.project ?? PROJECT;
    const stack = options.identity?.stack ?? MOCK_STACK;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const key = `${args.type}::${args.name}`;
                const recordedOptions = pending.get(key) ?? optionsOf(EMPTY_REQUEST);
                pending.delete(key);
                let state = {
                    ...mockState(args, options),
                    ...options.stateOverrides?.[args.type],
                };
                let id = args.type.startsWith("parity:") ? undefined : `${args.name}-id`;
                if (options.deployedResources && id !== undefined) {
                    const deployed = options.deployedResources({
                        type: args.type,
                        name: args.name,
                        inputs: unsecret(args.inputs),
                        state,
                        replaceOnChanges: recordedOptions.replaceOnChanges,
                        ignoreChanges: recordedOptions.ignoreChanges,
                    });
                    state = deployed.state;
                    id = deployed.id ?? id;
                }
                world.resources.push({
                    type: args.type,
                    name: args.name,
                    urn: "",
                    inputs: unsecret(args.inputs),
                    state: unsecret(state),
                    custom: args.custom ?? true,
                    options: recordedOptions,
                    secretInputs: Object.keys(args.inputs).filter((k) =>
                        holdsSecret(args.inputs[k]),
                    ),
                });
                return { id, state };
            },
            call(args) {
                world.calls.push({ token: args.token, inputs: args.inputs });
                return mockCall(args, options);
            },
        },
        project,
        stack,
        false,
        // The local backend's organization; the program reads its own last outputs through it.
        "organization",
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(req: RegisterRequest, callback: (err: unknown, res: any) => void): void;
        getRegisteredResources(): Map<string, unknown>;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        pending.set(`${req.getType()}::${req.getName()}`, optionsOf(req));
        register(req, (err, res) => {
            if (!err) {
                for (const r of world.resources) {
                    if (r.type === req.getType() && r.name === req.getName() && r.urn === "") {
                        r.urn = res.getUrn();
                    }
                }
            }
            callback(err, res);
        });
    };
    const all: Record<string, string> = { "aws:region": MOCK_REGION };
    for (const [key, value] of Object.entries(config)) {
        all[key.includes(":") ? key.replace(`${PROJECT}:`, `${project}:`) : `${project}:${key}`] =
            value;
    }
    pulumi.runtime.setAllConfig(all);
    return world;
}

const EMPTY_REQUEST: RegisterRequest = {
    getType: () => "",
    getName: () => "",
    getParent: () => "",
    getProtect: () => false,
    getDeletebeforereplace: () => false,
    getIgnorechangesList: () => [],
    getReplaceonchangesList: () => [],
    getDependenciesList: () => [],
    getCustomtimeouts: () => undefined,
};

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
}

/** A Pulumi program as the runtime calls it: it registers resources and returns the stack's outputs. */
export type Program = () => Promise<Record<string, unknown>>;

export interface ProgramRun {
    outputs: Record<string, any>;
    world: MockWorld;
}

/**
 * Runs `work` without stack traces. Pulumi's SDK records `new Error().stack` for every promise it
 * makes (debuggablePromise), and under ts-node each of those stacks was source-mapped: that bookkeeping
 * took over half of a mocked run. Errors from the run keep their messages; PARITY_RUN_STACKS=1
 * keeps their stacks too, for debugging. The previous settings are restored afterwards.
 */
export async function withoutStacks<T>(work: () => Promise<T>): Promise<T> {
    if (process.env.PARITY_RUN_STACKS === "1") {
        return work();
    }
    const settings = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
    const [formatter, limit] = [settings.prepareStackTrace, settings.stackTraceLimit];
    settings.prepareStackTrace = undefined;
    settings.stackTraceLimit = 0;
    try {
        return await work();
    } finally {
        settings.prepareStackTrace = formatter;
        settings.stackTraceLimit = limit;
    }
}

/** Runs the whole program (index.ts) in-process for a config; returns resolved outputs and resources. */
export function runProgram(
    config: Record<string, string>,
    options: MockOptions = {},
    // This project's program, imported (the layering test and the house map see the edge).
    program: Program = runNode,
): Promise<ProgramRun> {
    return withoutStacks(async () => {
        const world = await installMocks(config, options);
        const exported = await program();
        const outputs: Record<string, any> = {};
        for (const [key, value] of Object.entries(exported)) {
            outputs[key] = await promiseOf(value);
        }
        await settle(world);
        return { outputs, world };
    });
}
