import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as planMain } from "../tools/plan";
import { main as policyMain } from "../tools/policyCheck";
import { packConfigProblems } from "../offline/packConfig";
import { policies } from "../policy/policies";
import { captureIo, errorOf } from "./helpers";

describe("the command-line tools", () => {
    for (const [name, main] of [
        ["plan", planMain],
        ["policy", policyMain],
    ] as const) {
        describe(`npm run ${name}`, () => {
            it("prints help with examples and does nothing else", async () => {
                const { io, out, err } = captureIo();
                expect(await main(["--help"], io)).to.equal(0);
                expect(out).to.have.length(1);
                expect(out[0]).to.match(/^usage: npm run /);
                expect(out[0]).to.contain("--stack NAME");
                expect(out[0]).to.contain("examples:");
                expect(err, "no program run").to.deep.equal([]);
            });

            it("refuses a misspelt flag and a flag without its value", async () => {
                const { io } = captureIo();
                expect(await errorOf(() => main(["--stak", "sepolia"], io))).to.match(
                    /^Unknown option '--stak'.*\n.*--help/,
                );
                expect(await errorOf(() => main(["--stack"], io))).to.match(/argument missing/);
            });
        });
    }

    describe("policy config files", () => {
        it("accepts levels and the settings a policy's schema declares", () => {
            expect(
                packConfigProblems(
                    {
                        "log-retention": "mandatory",
                        "no-public-rpc-ingress": {
                            enforcementLevel: "mandatory",
                            vpcCidrs: ["10.0.0.0/8"],
                        },
                    },
                    policies,
                ),
            ).to.deep.equal([]);
        });

        it("names every misspelt level, unknown policy and wrong setting at once", async () => {
            const problems = packConfigProblems(
                {
                    "log-retention": "mandatroy",
                    "no-public-rcp-ingress": "mandatory",
                    "no-public-rpc-ingress": { vpcCidr: ["10.0.0.0/8"], guardedPorts: "8545" },
                },
                policies,
            );
            expect(problems).to.have.length(4);
            expect(problems[0]).to.match(
                /^log-retention.enforcementLevel: "mandatroy" is not allowed; allowed: advisory/,
            );
            expect(problems[1]).to.match(
                /^"no-public-rcp-ingress" is not a policy of this pack; known: /,
            );
            expect(problems[2]).to.match(
                /^no-public-rpc-ingress.vpcCidr: not a setting of this policy; known: /,
            );
            expect(problems[3]).to.match(
                /^no-public-rpc-ingress.guardedPorts: "8545" is not an array/,
            );
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pack-")), "cfg.json");
            fs.writeFileSync(file, JSON.stringify({ "log-retention": "mandatroy" }));
            const { io } = captureIo();
            expect(await errorOf(() => policyMain(["--policy-config", file], io))).to.match(
                /^invalid policy config .*cfg\.json:\n {2}- log-retention.enforcementLevel/,
            );
        });
    });
});
