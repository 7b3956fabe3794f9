import { expect } from "chai";
import { parseConfig, namespaceConfig } from "../config";
import { knownStacks, readStackConfig } from "../offline/stackFile";
import { nameViolations } from "../domain/awsNames";
import { PROJECT, runConfig } from "./helpers";

describe("committed stack files", () => {
    it("include mainnet and its hoodi rehearsal", () => {
        expect(knownStacks()).to.include.members(["mainnet", "hoodi"]);
    });

    it("rehearse on hoodi the pair and node mode mainnet runs", () => {
        const settings = (stack: string) => {
            const raw = namespaceConfig(readStackConfig(stack), PROJECT);
            return { client: raw.client, nodeMode: raw.nodeMode };
        };
        expect(settings("hoodi")).to.deep.equal(settings("mainnet"));
    });

    for (const stack of knownStacks()) {
        it(`Pulumi.${stack}.yaml is a valid config that runs the whole program and holds no name AWS would reject`, async () => {
            const all = readStackConfig(stack);
            const raw = namespaceConfig(all, PROJECT);
            const config = parseConfig(raw, { project: PROJECT, stack, region: all["aws:region"] });
            expect(config.network).to.equal(stack);
            const { world } = await runConfig(all);
            expect(world.resources.length).to.be.greaterThan(30);
            expect(nameViolations(world.resources)).to.deep.equal([]);
        });
    }
});
