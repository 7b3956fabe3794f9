import { runProgram, MockWorld, Program } from "../offline/engine";
import { evaluate, formatViolations, PackConfig, Subject } from "../offline/policyRunner";
import { PROJECT, readStackConfig } from "../offline/stackFile";
import { offlineAssumptions } from "../offline/mockCloud";
import { policies } from "../policy/policies";
import { CliSpec, Io, STACK_FLAG, parseCli, runAsProcess, withProgress } from "./cli";
import { readPackConfig } from "../offline/packConfig";

/**
 * `npm run policy -- --stack mainnet [--policy-config file.json] [--program path]`
 * Runs the program under mocks for a stack's config, evaluates every policy of policy/policies.ts
 * against every resource it registers, prints the violations and exits 1 on a mandatory one.
 * Needs no cloud credentials, so it runs on every pull request.
 */

/** Resources as the policy engine sees them: inputs, plus the ARN the mock gave (for cross-resource links). */
export function subjectsOf(world: MockWorld): Subject[] {
    return world.resources
        .filter((r) => r.custom)
        .map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            opts: r.options,
            props: { arn: r.state.arn, ...r.inputs },
        }));
}

export async function checkStack(
    config: Record<string, string>,
    packConfig: PackConfig = {},
    program?: Program,
) {
    // Offline, instance types the table lacks are estimated (and reported), not refused.
    const { world } = await runProgram(config, { estimateUnknownInstanceTypes: true }, program);
    return {
        violations: await evaluate(policies, subjectsOf(world), packConfig),
        offline: offlineAssumptions(world.calls),
    };
}

export const CLI: CliSpec = {
    command: "npm run policy --",
    summary:
        "Runs the program under mocks for a stack file's config, evaluates every policy of policy/policies.ts against every resource it registers, prints the violations, and exits 1 on a mandatory one. Needs no cloud credentials.",
    flags: {
        stack: STACK_FLAG,
        "policy-config": {
            type: "string",
            value: "FILE",
            description: "policy-pack config, as for pulumi preview --policy-pack-config",
        },
    },
    examples: [
        "npm run policy -- --stack mainnet",
        "npm run policy -- --stack sepolia --policy-config my-policy-config.json",
    ],
};

/** `program`: another program to check instead of this project's (tests check a broken one). */
export async function main(argv: string[], io: Io, program?: Program): Promise<number> {
    const values = parseCli(CLI, argv, io);
    if (values === undefined) {
        return 0;
    }
    const stack = String(values.stack);
    const configFile = values["policy-config"] as string | undefined;
    const packConfig = configFile ? readPackConfig(configFile, policies) : {};
    const config = readStackConfig(stack);
    const { violations, offline } = await withProgress(
        io,
        `running the program for stack ${stack} under mocks`,
        () => checkStack(config, packConfig, program),
    );
    io.out(`policy check of stack ${stack} (${PROJECT}) under mocks, ${policies.length} policies`);
    offline.forEach((note) => io.err(`NOTE: ${note}`));
    io.out(formatViolations(violations));
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    io.out(
        `${mandatory.length} mandatory, ${violations.length - mandatory.length} advisory violation(s)`,
    );
    return mandatory.length > 0 ? 1 : 0;
}

if (require.main === module) {
    runAsProcess("policy", main);
}
