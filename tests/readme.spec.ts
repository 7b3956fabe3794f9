import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { buildPlan, formatPlan } from "../tools/plan";
import { runConfig } from "./helpers";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

describe("README figures", () => {
    it("shows the plan exactly as npm run plan prints it for the committed mainnet stack", async () => {
        const block = /<!-- plan:mainnet -->\n```\n([\s\S]*?)\n```\n<!-- \/plan:mainnet -->/.exec(
            README,
        )?.[1];
        expect(block, "the README's plan block").to.be.a("string");
        const plan = await buildPlan("mainnet", { run: (config, mock) => runConfig(config, mock) });
        expect(block, "refresh it with: npm run -s plan -- --stack mainnet").to.equal(
            formatPlan(plan),
        );
    });

    it("names the pinned client versions the catalog pins", async () => {
        const plan = await buildPlan("mainnet", { run: (config, mock) => runConfig(config, mock) });
        for (const version of Object.values(plan.node.versions)) {
            const tag = version.split(" ").pop()!;
            expect(README).to.contain(`:${tag}\``);
        }
    });
});
