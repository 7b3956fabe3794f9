import { expect } from "chai";
import { CLIENT_PAIRS } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import { NAME_RULES, PULUMI_NAME } from "../catalog/awsNames";
import { derivedNames, dlmSafe, identityProblems } from "../domain/awsNames";
import { nameViolations } from "./awsNameRules";
import { ofType, runProgram } from "./helpers";

describe("AWS naming rules (catalog/awsNames.ts) against every registered resource", () => {
    it("catches a DLM description with a slash and a schedule name with a comma", () => {
        const dlm = {
            type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
            name: "chain-snapshots",
            inputs: {
                description: "chain volume snapshots of parity-mainnet/test",
                policyDetails: { schedules: [{ name: "every 24h, keep 7" }] },
            },
        };
        expect(nameViolations([dlm])).to.have.length(2);
        expect(dlmSafe("parity-mainnet/test, keep 7")).to.equal("parity-mainnet-test- keep 7");
    });

    it("catches an auto-name that would pass a service's length limit", () => {
        const fn = { type: "aws:lambda/function:Function", name: "x".repeat(60), inputs: {} };
        expect(nameViolations([fn])[0]).to.contain("Lambda API, CreateFunction FunctionName");
    });

    it("records a source for every rule", () => {
        for (const rule of NAME_RULES) {
            expect(rule.source, `${rule.type} ${rule.field}`).to.match(/API/);
        }
    });

    for (const profile of PROFILE_NAMES) {
        for (const client of Object.keys(CLIENT_PAIRS)) {
            it(`holds for ${profile} / ${client}, fresh and restored`, async () => {
                const variants: Record<string, string>[] = [
                    {},
                    { chainSnapshotId: "snap-0123456789abcdef0", alertEmail: "ops@acme-chain.net" },
                ];
                for (const extra of variants) {
                    const { world } = await runProgram({ profile, client, ...extra });
                    expect(nameViolations(world.resources)).to.deep.equal([]);
                }
            });
        }
    }

    // Pulumi allows ^[A-Za-z0-9_.-]{1,100}$ for projects and stacks (catalog/awsNames.ts PULUMI_NAME).
    const edges: [string, { project: string; stack: string }][] = [
        ["a stack name with dots", { project: "parity-mainnet", stack: "prod.eu-west" }],
        ["a stack name with underscores", { project: "parity-mainnet", stack: "prod_eu_west" }],
        ["a stack name of 100 characters", { project: "parity-mainnet", stack: "s".repeat(100) }],
        ["a stack name that starts with a digit", { project: "parity-mainnet", stack: "1prod" }],
        [
            "a project and a stack of 100 characters each",
            { project: "p".repeat(100), stack: "s.".repeat(50) },
        ],
    ];
    for (const [what, identity] of edges) {
        it(`holds for ${what}, with several nodes and a restore`, async () => {
            expect(PULUMI_NAME.test(identity.project) && PULUMI_NAME.test(identity.stack)).to.equal(
                true,
            );
            const { world } = await runProgram(
                {
                    nodeCount: "3",
                    chainSnapshotId: "snap-0123456789abcdef0",
                    client: "geth-lighthouse",
                    nodeMode: "minimal",
                },
                { identity },
            );
            expect(nameViolations(world.resources)).to.deep.equal([]);
            const families = ofType(world, "aws:ecs/taskDefinition:TaskDefinition").map(
                (t) => t.inputs.family,
            );
            expect(families).to.have.length(3);
        });
    }

    it("refuses at preview a name no AWS rule can hold, naming the rule", () => {
        const long = { project: "p".repeat(100), stack: "s".repeat(150) };
        expect(identityProblems(long, ["node"])).to.include(
            `"${"s".repeat(150)}" is not a Pulumi project or stack name`,
        );
        expect(identityProblems(long, ["node"]).join("\n")).to.match(
            /aws:autoscaling\/group:Group namePrefix ".*" is 257 characters; AWS allows 229/,
        );
        expect(
            identityProblems({ project: "parity-mainnet", stack: "prod.eu-west" }, ["node"]),
        ).to.deep.equal([]);
        expect(derivedNames.family("node", { project: "x", stack: "prod.eu-west" })).to.equal(
            "node-prod-eu-west",
        );
    });

    it("holds for the load-balanced stack too", async () => {
        const { world } = await runProgram({ nodeCount: "2" });
        expect(nameViolations(world.resources)).to.deep.equal([]);
    });
});
