import { isDeepStrictEqual } from "util";
import { REPLACEMENT_RULES } from "../catalog/providerRules";
import { runProgram as runInProcess, ProgramRun, Recorded } from "../offline/engine";
import { MockOptions } from "../offline/mockCloud";
import {
    registered,
    runFailingProgram,
    serially,
    stringify,
    BASE_CONFIG,
    SUBNETS,
    REGION,
    PROJECT,
} from "./helpers";

/**
 * Transitions: the program run twice under mocks, the second run updating what the first one
 * deployed. The second run reads the first run's outputs as the stack's own last outputs (as its
 * StackReference does in a real `pulumi up`), and the mocked cloud answers each resource from the
 * first run's state: a resource the provider must replace (catalog/providerRules.ts, with the
 * engine's create-before-delete default) gets a new id, a launch template that changed a new
 * version. The steps are then what the engine would do, in the order its dependencies allow.
 */

export type Op = "create" | "update" | "replace" | "delete" | "forget" | "same";

export interface Step {
    type: string;
    name: string;
    op: Op;
    /** Inputs that changed (not counting ignoreChanges). */
    changed: string[];
    /** For a replacement: whether the old one goes first (deleteBeforeReplace) or last (the default). */
    order?: "delete-first" | "create-first";
    before?: Recorded;
    after?: Recorded;
}

export interface Transition {
    before: ProgramRun;
    after: ProgramRun;
    steps: Step[];
}

const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;

/** Inputs whose values differ, at the top level, less the ones the resource ignores. */
export function changedInputs(
    before: Record<string, any>,
    after: Record<string, any>,
    ignore: string[],
): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter(
        (k) => !ignore.includes(k) && !isDeepStrictEqual(before[k] ?? null, after[k] ?? null),
    );
}

/** Whether the provider (or the resource's own replaceOnChanges) replaces it for these changes. */
export function forcesReplacement(
    type: string,
    before: Record<string, any>,
    after: Record<string, any>,
    changed: string[],
    replaceOnChanges: string[],
): boolean {
    if (changed.length === 0) {
        return false;
    }
    const rule = REPLACEMENT_RULES[type];
    const grownOnly = (k: string) => {
        const old: unknown[] = before[k] ?? [];
        const now: unknown[] = after[k] ?? [];
        return old.every((v) => now.some((n) => isDeepStrictEqual(n, v)));
    };
    return (
        (rule?.immutable ?? false) ||
        changed.some((k) => rule?.replaceOn.includes(k) || replaceOnChanges.includes(k)) ||
        (rule?.growOnly ?? []).some((k) => changed.includes(k) && !grownOnly(k))
    );
}

/** The outputs that name a resource rather than describe its contents. */
const IDENTITY = ["id", "arn", "name"];

/** The deployed stack as the second run's mocked cloud sees it. */
function deployedCloud(previous: Recorded[]): NonNullable<MockOptions["deployedResources"]> {
    const byKey = new Map(previous.map((r) => [key(r), r]));
    return (r) => {
        const old = byKey.get(key(r));
        if (old === undefined) {
            return { state: r.state };
        }
        const changed = changedInputs(old.inputs, r.inputs, r.ignoreChanges);
        if (forcesReplacement(r.type, old.inputs, r.inputs, changed, r.replaceOnChanges)) {
            // A new resource: everything AWS computes (ids, ARNs, a zone's id) is new too.
            const computed = Object.entries(r.state).filter(
                ([k, v]) => typeof v === "string" && !(k in r.inputs),
            );
            const renewed = Object.fromEntries(computed.map(([k, v]) => [k, `${v}-replaced`]));
            const id = `${r.name}-id-replaced`;
            return { id, state: { ...r.state, ...renewed, id } };
        }
        // An update keeps the resource's identity as AWS gave it (id, ARN, a generated name),
        // whichever version of the program recorded it; what its new inputs make comes from them.
        const kept = Object.fromEntries(
            IDENTITY.filter((k) => k in old.state && !(k in r.inputs)).map((k) => [
                k,
                old.state[k],
            ]),
        );
        if (r.type === "aws:ec2/launchTemplate:LaunchTemplate" && changed.length > 0) {
            return {
                state: { ...r.state, ...kept, latestVersion: Number(old.state.latestVersion) + 1 },
            };
        }
        return { state: { ...r.state, ...kept } };
    };
}

/** The steps the engine takes from `before` to `after`. */
export function stepsOf(before: ProgramRun, after: ProgramRun): Step[] {
    const custom = (r: Recorded) =>
        r.custom && !r.type.startsWith("parity:") && r.type !== "pulumi:pulumi:StackReference";
    const old = new Map(before.world.resources.filter(custom).map((r) => [key(r), r]));
    const steps: Step[] = after.world.resources.filter(custom).map((r) => {
        const was = old.get(key(r));
        old.delete(key(r));
        if (was === undefined) {
            return { type: r.type, name: r.name, op: "create", changed: [], after: r };
        }
        const changed = changedInputs(was.inputs, r.inputs, r.options.ignoreChanges);
        const replaced = forcesReplacement(
            r.type,
            was.inputs,
            r.inputs,
            changed,
            r.options.replaceOnChanges,
        );
        const providerOnly = REPLACEMENT_RULES[r.type]?.providerOnly ?? [];
        const touchesAws = changed.some((k) => !providerOnly.includes(k));
        const op: Op = replaced ? "replace" : touchesAws ? "update" : "same";
        const order = replaced
            ? r.options.deleteBeforeReplace
                ? ("delete-first" as const)
                : ("create-first" as const)
            : undefined;
        return { type: r.type, name: r.name, op, changed, order, before: was, after: r };
    });
    for (const r of old.values()) {
        steps.push({
            type: r.type,
            name: r.name,
            op: r.options.retainOnDelete ? "forget" : "delete",
            changed: [],
            before: r,
        });
    }
    return steps;
}

/** Config as a test writes it: the base config, one or more fields changed. */
const full = (config: Record<string, string | object>) => stringify({ ...BASE_CONFIG, ...config });

/** A test's config as Pulumi hands it to the program: namespaced, with the region. */
export const stackConfig = (config: Record<string, string | object>) => withRegion(full(config));

export const MOCKED: MockOptions = { subnets: SUBNETS, estimateUnknownInstanceTypes: true };

/** First runs, shared: most transitions start from the same deployed stack. */
const deployedRuns = new Map<string, Promise<ProgramRun>>();

function deploy(from: Record<string, string | object>, options: MockOptions): Promise<ProgramRun> {
    const k = JSON.stringify([full(from), options]);
    let run = deployedRuns.get(k);
    if (run === undefined) {
        run = serially(() => runInProcess(stackConfig(from), { ...MOCKED, ...options }));
        deployedRuns.set(k, run);
    }
    return run;
}

/** Runs `from`, then `to` on top of it; `later` changes what the cloud holds by then (e.g. snapshots). */
export async function runTransition(
    from: Record<string, string | object>,
    to: Record<string, string | object>,
    options: MockOptions = {},
    later: MockOptions = {},
    /** What the second run reads of the first run's outputs (all of them, by default). */
    exported: (outputs: Record<string, any>) => Record<string, any> = (o) => o,
): Promise<Transition> {
    return runOnTopOf(await deploy(from, options), to, { ...options, ...later }, exported);
}

/** Runs `to` on top of a deployed stack, whichever version of the program deployed it. */
export async function runOnTopOf(
    before: ProgramRun,
    to: Record<string, string | object>,
    options: MockOptions = {},
    exported: (outputs: Record<string, any>) => Record<string, any> = (o) => o,
): Promise<Transition> {
    const after = await serially(() =>
        runInProcess(stackConfig(to), {
            ...MOCKED,
            ...options,
            deployedOutputs: exported(before.outputs),
            deployedResources: deployedCloud(before.world.resources),
        }),
    );
    return { before, after, steps: stepsOf(before, after) };
}

/** Runs `from`, then `to`, which must fail at preview: the message, and what the second run registered. */
export async function refusedTransition(
    from: Record<string, string | object>,
    to: Record<string, string | object>,
    options: MockOptions = {},
    later: MockOptions = {},
): Promise<{ message: string; registered: Recorded[] }> {
    const before = await deploy(from, options);
    const { message, world } = await runFailingProgram(to, {
        ...MOCKED,
        ...options,
        ...later,
        deployedOutputs: before.outputs,
    });
    return { message, registered: registered(world) };
}

function withRegion(config: Record<string, string>): Record<string, string> {
    return Object.fromEntries([
        ["aws:region", REGION],
        ...Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${PROJECT}:${k}`, v]),
    ]);
}
