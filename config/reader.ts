import { ConfigProblem } from "./types";
import { parseBoolean, parseInteger, show } from "./fields";
import {
    BooleanRule,
    IntegerRule,
    KEY_SPECS,
    RULE_KEYS,
    RuleValues,
    integersAllowed,
} from "./keys";

/** What every section of the parser reads with: the raw values and the problems found so far. */
export interface Reader {
    raw: Record<string, string>;
    problem: (key: string, message: string) => void;
    isSet: (key: string) => boolean;
    oneOf: <T extends string>(key: string, allowed: readonly T[], fallback: T) => T;
    matching: (key: string, pattern: RegExp, expected: string) => string | undefined;
}

export function reader(raw: Record<string, string>, problems: ConfigProblem[]): Reader {
    const problem = (key: string, message: string) => problems.push({ key, message });
    const valueOf = (key: string) => (raw[key] === "" ? undefined : raw[key]);
    return {
        raw,
        problem,
        isSet: (key) => valueOf(key) !== undefined,
        oneOf: <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
            const value = valueOf(key);
            if (value === undefined) {
                return fallback;
            }
            if (!(allowed as readonly string[]).includes(value)) {
                problem(key, `${show(value)} is not allowed; allowed: ${allowed.join(", ")}`);
                return fallback;
            }
            return value as T;
        },
        matching: (key, pattern, expected) => {
            const value = valueOf(key);
            if (value !== undefined && !pattern.test(value)) {
                problem(key, `${show(value)} is malformed; expected ${expected}`);
                return undefined;
            }
            return value;
        },
    };
}

/** A key an integer or boolean rule reads: its value, or the default when unset or refused. */
function readRule(r: Reader, key: string, rule: IntegerRule | BooleanRule): number | boolean {
    switch (rule.type) {
        case "boolean":
            return parseBoolean(key, r.raw[key], r.problem, rule.default);
        case "integer":
            return parseInteger(key, r.raw[key], rule.default, r.problem, (n) => {
                const allowed = rule.range
                    ? n >= rule.range[0] && n <= rule.range[1]
                    : rule.values?.includes(n);
                return allowed ? undefined : `allowed: ${integersAllowed(rule)}`;
            });
    }
}

/** Every key an integer or boolean rule reads, at once: each value, or its default when refused. */
export function readRuleKeys(r: Reader): RuleValues {
    return Object.fromEntries(
        RULE_KEYS.map((key) => [
            key,
            readRule(r, key, (KEY_SPECS[key] as { rule: IntegerRule | BooleanRule }).rule),
        ]),
    ) as RuleValues;
}
