import { AUTO_NAME, NAME_RULES } from "../catalog/awsNames";

/**
 * AWS's naming rules (catalog/awsNames.ts) applied to what a program run registers: the tests' check
 * that no name the program derives, or the provider generates, breaks a rule AWS enforces.
 */

/** The name the provider gives a resource without an explicit one: `<logical name>-<7 hex>`. */
export const autoName = (logicalName: string) => `${logicalName}-0a1b2c3`;

/** The values at a rule's field path: `a.b`, `a[].b` (every item), or the auto-name. */
function valuesAt(inputs: Record<string, unknown>, logicalName: string, field: string): unknown[] {
    if (field === AUTO_NAME) {
        return [typeof inputs.name === "string" ? inputs.name : autoName(logicalName)];
    }
    let values: unknown[] = [inputs];
    for (const part of field.split(".")) {
        const list = part.endsWith("[]");
        const key = list ? part.slice(0, -2) : part;
        values = values.flatMap((v) => {
            const next = (v as Record<string, unknown> | undefined)?.[key];
            return list ? (Array.isArray(next) ? next : []) : [next];
        });
    }
    return values.filter((v) => v !== undefined);
}

/** Every violation of AWS's naming rules among the given resources, one line each. */
export function nameViolations(
    resources: { type: string; name: string; inputs: Record<string, unknown> }[],
): string[] {
    const found: string[] = [];
    for (const rule of NAME_RULES) {
        for (const r of resources.filter((x) => x.type === rule.type)) {
            for (const value of valuesAt(r.inputs, r.name, rule.field)) {
                const text = String(value);
                if (!rule.pattern.test(text) || text.length > rule.maxLength) {
                    found.push(
                        `${r.type} ${r.name}: ${rule.field === AUTO_NAME ? "name" : rule.field} ${JSON.stringify(text)} breaks ${rule.pattern} / ${rule.maxLength} characters (${rule.source})`,
                    );
                }
            }
        }
    }
    return found;
}
