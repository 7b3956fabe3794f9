import {
    ResourceValidationPolicy,
    StackValidationPolicy,
    EnforcementLevel,
    PolicyResource,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { PROJECT } from "./stackFile";

/**
 * Evaluates CrossGuard policies in-process, the way the Pulumi engine's analyzer calls them, so the
 * same policy module gates pull requests that have no cloud credentials (and is unit-tested):
 * `isType`/`asType` match by type token, so `validateResourceOfType` and
 * `validateStackResourcesOfType` work; `notApplicable` is honoured; and a policy that throws is
 * reported as a mandatory violation (it would fail `pulumi preview`) while every other resource and
 * policy is still checked.
 */

export interface Subject {
    type: string;
    name: string;
    props: Record<string, any>;
    urn?: string;
    /** Resource options as registered (protect, ignoreChanges, customTimeouts, ...). */
    opts?: { protect?: boolean; ignoreChanges?: string[] };
    /** Property name → the subjects whose outputs feed it (e.g. a listener's loadBalancerArn). */
    propertyDependencies?: Record<string, Subject[]>;
}

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    resource: string;
    message: string;
}

/** Policy-pack config in `pulumi preview --policy-pack-config` form: a level, or an object with one and settings. */
export type PackConfig = Record<
    string,
    EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

export type Policy = ResourceValidationPolicy | StackValidationPolicy;

type ResourceClass = { __pulumiType?: string; isInstance?: (o: unknown) => boolean };
type Validator = (args: ResourceValidationArgs, report: (m: string) => void) => unknown;

const urnOf = (s: Subject) => s.urn ?? `urn:pulumi:offline::${PROJECT}::${s.type}::${s.name}`;

/** Pulumi's own rule: the class's type token, or its isInstance for classes without one. */
function isTypeOf(type: string, resourceClass: ResourceClass): boolean {
    if (resourceClass.__pulumiType !== undefined) {
        return resourceClass.__pulumiType === type;
    }
    return resourceClass.isInstance?.({ __pulumiType: type }) === true;
}

export function settingsFor(
    policy: Policy,
    config: PackConfig,
): { level: EnforcementLevel; values: Record<string, unknown> } {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {}).map(([k, v]) => [
            k,
            (v as { default?: unknown }).default,
        ]),
    );
    const given = config[policy.name];
    if (typeof given === "string") {
        return { level: given, values: defaults };
    }
    const { enforcementLevel, ...values } = given ?? {};
    return {
        level: enforcementLevel ?? policy.enforcementLevel ?? "advisory",
        values: { ...defaults, ...values },
    };
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

function policyResource(s: Subject): PolicyResource {
    return {
        type: s.type,
        name: s.name,
        props: s.props,
        urn: urnOf(s),
        opts: {
            protect: s.opts?.protect ?? false,
            ignoreChanges: s.opts?.ignoreChanges ?? [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        dependencies: [],
        propertyDependencies: Object.fromEntries(
            Object.entries(s.propertyDependencies ?? {}).map(([k, deps]) => [
                k,
                deps.map(policyResource),
            ]),
        ),
        isType: (resourceClass: ResourceClass) => isTypeOf(s.type, resourceClass),
        asType: (resourceClass: ResourceClass) =>
            isTypeOf(s.type, resourceClass) ? s.props : undefined,
    } as unknown as PolicyResource;
}

/** Runs every policy over every subject; returns the violations with each policy's effective level. */
export async function evaluate(
    policies: Policy[],
    subjects: Subject[],
    config: PackConfig = {},
): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const policy of policies) {
        const { level, values } = settingsFor(policy, config);
        if (level === "disabled") {
            continue;
        }
        const reported = level === "remediate" ? "mandatory" : level;
        const common = {
            getConfig: <T>() => values as T,
            stackTags: new Map<string, string>(),
            notApplicable,
        };
        const record = (resource: string) => (message: string) =>
            violations.push({ policy: policy.name, enforcementLevel: reported, resource, message });
        // One failing call is one finding; the rest of the run goes on, as the engine's analyzer does per resource.
        const guarded = async (resource: string, call: () => unknown) => {
            try {
                await call();
            } catch (e) {
                if (!(e instanceof NotApplicable)) {
                    violations.push({
                        policy: policy.name,
                        enforcementLevel: "mandatory",
                        resource,
                        message: `policy threw (pulumi preview would fail): ${(e as Error).message}`,
                    });
                }
            }
        };
        if ("validateResource" in policy && policy.validateResource) {
            const validators = ([] as Validator[]).concat(policy.validateResource as Validator);
            for (const subject of subjects) {
                const args = { ...policyResource(subject), ...common } as ResourceValidationArgs;
                for (const validate of validators) {
                    await guarded(subject.name, () => validate(args, record(subject.name)));
                }
            }
        } else if ("validateStack" in policy) {
            const args = { resources: subjects.map(policyResource), ...common };
            const report = (message: string, urn?: string) =>
                record(subjects.find((s) => urnOf(s) === urn)?.name ?? "stack")(message);
            await guarded("stack", () => policy.validateStack(args as StackValidationArgs, report));
        }
    }
    return violations;
}

export function formatViolations(violations: Violation[]): string {
    if (violations.length === 0) {
        return "no policy violations";
    }
    const rows = [
        ["LEVEL", "POLICY", "RESOURCE", "MESSAGE"],
        ...violations.map((v) => [v.enforcementLevel, v.policy, v.resource, v.message]),
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
    return rows
        .map((r) => [...r.slice(0, 3).map((c, i) => c.padEnd(widths[i] ?? 0)), r[3]].join("  "))
        .join("\n");
}
