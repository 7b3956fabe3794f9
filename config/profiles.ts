import { PROFILE_NAMES, ProfileName } from "../catalog/profiles";
import { ProfileOverrides, OVERRIDE_KEYS } from "./types";
import { Report, show, parseJson } from "./fields";

export function parseProfileOverrides(
    value: string | undefined,
    problem: Report,
): Record<ProfileName, ProfileOverrides> {
    const result: Record<ProfileName, ProfileOverrides> = { "fast-sync": {}, steady: {} };
    if (value === undefined || value === "") {
        return result;
    }
    const parsed = parseJson("profiles", value, problem);
    if (parsed === undefined) {
        return result;
    }
    if (!isPlainObject(parsed)) {
        problem(
            "profiles",
            `${value} must be an object keyed by profile name (${PROFILE_NAMES.join(", ")})`,
        );
        return result;
    }
    for (const [name, overrides] of Object.entries(parsed)) {
        if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
            problem(`profiles.${name}`, `unknown profile; allowed: ${PROFILE_NAMES.join(", ")}`);
            continue;
        }
        if (!isPlainObject(overrides)) {
            problem(
                `profiles.${name}`,
                `${show(overrides)} must be an object of overrides (${OVERRIDE_KEYS.join(", ")})`,
            );
            continue;
        }
        result[name as ProfileName] = parseOverrideFields(`profiles.${name}`, overrides, problem);
    }
    return result;
}

function parseOverrideFields(
    path: string,
    fields: Record<string, unknown>,
    problem: Report,
): ProfileOverrides {
    const overrides: ProfileOverrides = {};
    for (const [field, value] of Object.entries(fields)) {
        const key = `${path}.${field}`;
        switch (field) {
            case "instanceType":
            case "volumeType":
                if (typeof value !== "string" || value === "") {
                    problem(key, `${show(value)} must be a non-empty string`);
                } else {
                    overrides[field] = value;
                }
                break;
            case "volumeSizeGiB":
            case "iops":
            case "throughputMiBps":
            case "volumeInitializationRateMiBps": {
                const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
                if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) {
                    problem(key, `${show(value)} must be a positive whole number`);
                } else {
                    overrides[field] = n;
                }
                break;
            }
            case "allowUndersized":
                if (value === true || value === "true") {
                    overrides.allowUndersized = true;
                } else if (value !== false && value !== "false") {
                    problem(key, `${show(value)} must be true or false`);
                }
                break;
            default:
                problem(key, `unknown field; allowed: ${OVERRIDE_KEYS.join(", ")}`);
        }
    }
    return overrides;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
