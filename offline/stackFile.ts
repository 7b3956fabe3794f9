import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/** The project's name and its stack files, read the way the Pulumi CLI reads them. */

const ROOT = path.join(__dirname, "..");

function readYaml(file: string): Record<string, unknown> {
    return (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
}

/** The project name from Pulumi.yaml: the namespace of the program's config keys. */
export const PROJECT = String(readYaml(path.join(ROOT, "Pulumi.yaml")).name);

/** Stacks that have a committed stack file. */
export function knownStacks(): string[] {
    return fs
        .readdirSync(ROOT)
        .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
        .map((f) => f.slice("Pulumi.".length, -".yaml".length));
}

/** A stack file's config as Pulumi hands it to a program: scalars as strings, objects as JSON. */
export function readStackConfig(stack: string): Record<string, string> {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    if (!/^[\w.-]+$/.test(stack) || !fs.existsSync(file)) {
        throw new Error(
            `no stack file for stack ${JSON.stringify(stack)}; known stacks: ${knownStacks().join(", ")}`,
        );
    }
    const config = (readYaml(file).config ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}
