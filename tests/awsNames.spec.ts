import { expect } from "chai";
import { CLIENT_PAIRS } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import { NAME_RULES } from "../catalog/awsNames";
import { dlmSafe, nameViolations } from "../domain/awsNames";
import { runProgram } from "./helpers";

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

    it("holds for the load-balanced stack too", async () => {
        const { world } = await runProgram({ nodeCount: "2" });
        expect(nameViolations(world.resources)).to.deep.equal([]);
    });
});
