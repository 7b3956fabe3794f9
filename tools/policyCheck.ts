import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { runProgram, PROJECT } from "../lib/mockProgram";
import { evaluate, formatViolations, PackConfig, Subject } from "../lib/policyRunner";
import { policies } from "../policy/policies";

/**
 * `npm run policy -- --stack mainnet [--policy-config file.json] [--program path]`
 * Runs the program under mocks for a stack's config, evaluates every policy of policy/policies.ts
 * against every resource it registers, prints the violations and exits 1 on a mandatory one.
 * Needs no cloud credentials, so it runs on every pull request.
 */

const ROOT = path.join(__dirname, "..");

/** A stack file's config as Pulumi hands it to a program: scalars as strings, objects as JSON. */
export function readStackConfig(stack: string): Record<string, string> {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    if (!/^[\w.-]+$/.test(stack) || !fs.existsSync(file)) {
        const known = fs
            .readdirSync(ROOT)
            .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
            .map((f) => f.slice(7, -5));
        throw new Error(
            `no stack file for stack ${JSON.stringify(stack)}; known stacks: ${known.join(", ")}`,
        );
    }
    const doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as {
        config?: Record<string, unknown>;
    };
    return Object.fromEntries(
        Object.entries(doc.config ?? {}).map(([k, v]) => [
            k,
            typeof v === "string" ? v : JSON.stringify(v),
        ]),
    );
}

/** Resources as the policy engine sees them: inputs, plus the ARN the mock gave (for cross-resource links). */
export function subjectsOf(world: Awaited<ReturnType<typeof runProgram>>["world"]): Subject[] {
    return world.resources
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name, props: { arn: r.state.arn, ...r.inputs } }));
}

export async function checkStack(
    config: Record<string, string>,
    packConfig: PackConfig = {},
    program?: string,
) {
    const { world } = await runProgram(config, {}, program);
    return evaluate(policies, subjectsOf(world), packConfig);
}

function argValue(args: string[], flag: string): string | undefined {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]) {
    const stack = argValue(args, "--stack") ?? "mainnet";
    const configFile = argValue(args, "--policy-config");
    const program = argValue(args, "--program");
    const packConfig: PackConfig = configFile
        ? JSON.parse(fs.readFileSync(configFile, "utf8"))
        : {};
    const violations = await checkStack(
        readStackConfig(stack),
        packConfig,
        program ? path.resolve(program) : undefined,
    );
    console.log(
        `policy check of stack ${stack} (${PROJECT}) under mocks, ${policies.length} policies`,
    );
    console.log(formatViolations(violations));
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    console.log(
        `${mandatory.length} mandatory, ${violations.length - mandatory.length} advisory violation(s)`,
    );
    return mandatory.length > 0 ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e) => {
            console.error(`policy check failed: ${(e as Error).message}`);
            process.exit(2);
        },
    );
}
