import { ConfigProblem } from "./types";
import { show } from "./fields";

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
