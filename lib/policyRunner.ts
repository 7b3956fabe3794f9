import {
    ResourceValidationPolicy,
    StackValidationPolicy,
    EnforcementLevel,
    PolicyResource,
    ResourceValidationArgs,
} from "@pulumi/policy";

/**
 * Evaluates CrossGuard policies in-process, the way the Pulumi engine calls them, so the same policy
 * module gates pull requests that have no cloud credentials (and is unit-tested).
 */

export interface Subject {
    type: string;
    name: string;
    props: Record<string, any>;
    urn?: string;
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

type Policy = ResourceValidationPolicy | StackValidationPolicy;

const urnOf = (s: Subject) => s.urn ?? `urn:pulumi:offline::parity-mainnet::${s.type}::${s.name}`;

function settingsFor(
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

function policyResource(s: Subject): PolicyResource {
    return {
        type: s.type,
        name: s.name,
        props: s.props,
        urn: urnOf(s),
        opts: {
            protect: false,
            ignoreChanges: [],
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
        isType: () => false,
        asType: () => undefined,
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
        const common = {
            getConfig: <T>() => values as T,
            stackTags: new Map<string, string>(),
            notApplicable: (reason?: string): never => {
                throw new NotApplicable(reason);
            },
        };
        const record = (resource: string) => (message: string) =>
            violations.push({ policy: policy.name, enforcementLevel: level, resource, message });
        try {
            if ("validateResource" in policy && policy.validateResource) {
                const validators = ([] as unknown[]).concat(policy.validateResource) as ((
                    a: ResourceValidationArgs,
                    r: (m: string) => void,
                ) => Promise<void> | void)[];
                for (const subject of subjects) {
                    const args = {
                        ...policyResource(subject),
                        ...common,
                        isType: () => false,
                        asType: () => undefined,
                    } as unknown as ResourceValidationArgs;
                    for (const validate of validators) {
                        await validate(args, record(subject.name));
                    }
                }
            } else if ("validateStack" in policy) {
                const args = { resources: subjects.map(policyResource), ...common };
                await policy.validateStack(args, (message, urn) =>
                    record(subjects.find((s) => urnOf(s) === urn)?.name ?? "stack")(message),
                );
            }
        } catch (e) {
            if (!(e instanceof NotApplicable)) {
                throw e;
            }
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
