/** How a simple configuration key reads: the rule types of the key table (config/keys.ts). */

/** A whole number: the default, and either a range or the values AWS allows. */
export interface IntegerRule {
    type: "integer";
    default: number;
    range?: [number, number];
    values?: readonly number[];
    /** Why the range, in a few words; the error and the README add it. */
    note?: string;
}

export interface BooleanRule {
    type: "boolean";
    default: boolean;
}

export interface ChoiceRule {
    type: "choice";
    default: string;
    values: readonly string[];
}

export interface KeySpec {
    key: string;
    /** How the key reads, when it is simple enough for one rule; absent: a dedicated parser. */
    rule?: IntegerRule | BooleanRule | ChoiceRule;
    /** The default as the README words it; absent: derived from the rule. */
    defaultDoc?: string;
    /** What is allowed, as the README words it; absent: derived from the rule. */
    allowedDoc?: string;
    /** The module that reads it, and what it shapes. */
    readBy: string;
    shapes: string;
}

export const code = (v: string | number | boolean) => `\`${v}\``;

/** What an integer rule allows, in the words of both the error and the README: "12–3600 (…)". */
export function integersAllowed(rule: IntegerRule): string {
    const allowed = rule.range
        ? `${rule.range[0]}–${rule.range[1]}`
        : (rule.values ?? []).join(", ");
    return rule.note ? `${allowed} (${rule.note})` : allowed;
}
