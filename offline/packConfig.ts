import * as fs from "fs";
import { PackConfig, Policy } from "./policyRunner";

/**
 * A policy-pack config file (`--policy-pack-config` form), checked against the pack before use: every
 * key names a policy, every level is one Pulumi knows, and every setting is in the policy's
 * configSchema with the declared JSON type. A typo would otherwise silently change nothing.
 */

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

type SchemaProperty = { type?: string; items?: { type?: string } };

function jsonTypeMatches(value: unknown, schema: SchemaProperty): boolean {
    switch (schema.type) {
        case "array":
            return (
                Array.isArray(value) &&
                (schema.items === undefined ||
                    value.every((v) => jsonTypeMatches(v, schema.items!)))
            );
        case "integer":
            return Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "string":
            return typeof value === "string";
        case "boolean":
            return typeof value === "boolean";
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        default:
            return true;
    }
}

/** Every problem of a parsed config against the given policies; empty when it is valid. */
export function packConfigProblems(config: unknown, pack: Policy[]): string[] {
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        return ["the policy config must be a JSON object keyed by policy name"];
    }
    const problems: string[] = [];
    const names = pack.map((p) => p.name);
    for (const [name, value] of Object.entries(config)) {
        const policy = pack.find((p) => p.name === name);
        if (policy === undefined) {
            problems.push(
                `${JSON.stringify(name)} is not a policy of this pack; known: ${names.join(", ")}`,
            );
            continue;
        }
        const settings = typeof value === "string" ? { enforcementLevel: value } : value;
        if (typeof settings !== "object" || settings === null || Array.isArray(settings)) {
            problems.push(
                `${name}: expected a level (${ENFORCEMENT_LEVELS.join(", ")}) or an object`,
            );
            continue;
        }
        const properties = (policy.configSchema?.properties ?? {}) as Record<
            string,
            SchemaProperty
        >;
        for (const [key, setting] of Object.entries(settings)) {
            if (key === "enforcementLevel") {
                if (!ENFORCEMENT_LEVELS.includes(setting as string)) {
                    problems.push(
                        `${name}.enforcementLevel: ${JSON.stringify(setting)} is not allowed; allowed: ${ENFORCEMENT_LEVELS.join(", ")}`,
                    );
                }
                continue;
            }
            const schema = properties[key];
            if (schema === undefined) {
                const known = Object.keys(properties);
                problems.push(
                    `${name}.${key}: not a setting of this policy; known: ${known.length > 0 ? known.join(", ") : "none"}`,
                );
            } else if (!jsonTypeMatches(setting, schema)) {
                const items = schema.items?.type ? ` of ${schema.items.type}` : "";
                problems.push(
                    `${name}.${key}: ${JSON.stringify(setting)} is not ${schema.type === "array" ? "an" : "a"} ${schema.type}${items}`,
                );
            }
        }
    }
    return problems;
}

/** Reads and checks a policy config file; throws one error listing every problem. */
export function readPackConfig(file: string, pack: Policy[]): PackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`cannot read policy config ${file}: ${(e as Error).message}`);
    }
    const problems = packConfigProblems(parsed, pack);
    if (problems.length > 0) {
        throw new Error(
            `invalid policy config ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
    }
    return parsed as PackConfig;
}
