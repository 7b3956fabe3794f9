import { NAME_RULES, NameRule, PULUMI_NAME } from "../catalog/awsNames";

/** The Pulumi project and stack a deployment runs as; names derived from them must hold AWS's rules. */
export interface StackIdentity {
    project: string;
    stack: string;
}

function ruleFor(type: string, field: string): NameRule {
    const rule = NAME_RULES.find((r) => r.type === type && r.field === field);
    if (rule?.allowed === undefined) {
        throw new Error(`no naming rule with allowed characters for ${type} ${field}`);
    }
    return rule;
}

/** A derived name in the characters the rule allows: every other character becomes a hyphen. */
export function conform(type: string, field: string, text: string): string {
    const allowed = ruleFor(type, field).allowed!;
    return [...text].map((c) => (allowed.test(c) ? c : "-")).join("");
}

/** The names the program derives from the stack's identity, one function per AWS rule. */
export const derivedNames = {
    /** ECS task definition family (`[a-zA-Z0-9_-]`: a stack name may hold dots). */
    family: (node: string, id: StackIdentity) =>
        conform("aws:ecs/taskDefinition:TaskDefinition", "family", `${node}-${id.stack}`),
    /** Every node's Auto Scaling group name starts with its own prefix, under the stack's. */
    groupPrefix: (node: string, id: StackIdentity) =>
        conform("aws:autoscaling/group:Group", "namePrefix", `${id.project}-${id.stack}-${node}-`),
    dashboard: (id: StackIdentity) =>
        conform(
            "aws:cloudwatch/dashboard:Dashboard",
            "dashboardName",
            `${id.project}/${id.stack}-node`,
        ),
};

/**
 * Identities Pulumi accepts whose derived names no AWS rule can hold, one line each (empty for
 * every project and stack name Pulumi allows: tests/awsNames.spec.ts runs them at the edges).
 */
export function identityProblems(id: StackIdentity, nodes: string[]): string[] {
    const problems = [id.project, id.stack]
        .filter((name) => !PULUMI_NAME.test(name))
        .map((name) => `${JSON.stringify(name)} is not a Pulumi project or stack name`);
    const names: [string, string, string][] = [
        ["aws:cloudwatch/dashboard:Dashboard", "dashboardName", derivedNames.dashboard(id)],
        ...nodes.flatMap((node): [string, string, string][] => [
            ["aws:ecs/taskDefinition:TaskDefinition", "family", derivedNames.family(node, id)],
            ["aws:autoscaling/group:Group", "namePrefix", derivedNames.groupPrefix(node, id)],
        ]),
    ];
    for (const [type, field, name] of names) {
        const rule = ruleFor(type, field);
        if (name.length > rule.maxLength) {
            problems.push(
                `${type} ${field} ${JSON.stringify(name)} is ${name.length} characters; AWS allows ${rule.maxLength} (${rule.source}): choose a shorter project or stack name`,
            );
        }
    }
    return problems;
}

/** DLM descriptions and schedule names allow only [0-9A-Za-z _-]: anything else becomes a hyphen. */
export function dlmSafe(text: string): string {
    return text.replace(/[^0-9A-Za-z _-]/g, "-");
}
