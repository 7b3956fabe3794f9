import { expect } from "chai";
import { parseConfig, namespaceConfig } from "../config";
import { readStackConfig } from "../offline/stackFile";
import { PROJECT } from "./helpers";

describe("committed stack files", () => {
    for (const stack of ["mainnet", "hoodi"]) {
        it(`Pulumi.${stack}.yaml is a valid config`, () => {
            const all = readStackConfig(stack);
            const raw = namespaceConfig(all, PROJECT);
            expect(Object.keys(raw)).to.include("dnsName");
            const config = parseConfig(raw, { project: PROJECT, stack, region: all["aws:region"] });
            expect(config.network).to.equal(stack);
        });
    }
});
