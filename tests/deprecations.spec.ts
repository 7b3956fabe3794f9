import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, settle, serially, stringify, BASE_CONFIG, SUBNETS } from "./helpers";
import { promiseOf, Recorded, withoutStacks } from "../offline/engine";
import { runNode } from "../components/program";

/**
 * No deprecated argument and no deprecation warning at preview. The oracle is the pinned
 * @pulumi/aws itself: its typings mark deprecated arguments (`@deprecated`, or "The `x` argument is
 * deprecated" in the resource's documentation), and its functions warn when called.
 */

const AWS = path.join(__dirname, "..", "node_modules", "@pulumi", "aws");

/** The arguments a resource type's typings call deprecated: `aws:iam/role:Role` → iam/role.d.ts. */
function deprecatedArguments(type: string): string[] {
    const m = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(type);
    const file = m ? path.join(AWS, m[1]!, `${m[2]}.d.ts`) : "";
    if (!fs.existsSync(file)) {
        return [];
    }
    const text = fs.readFileSync(file, "utf8");
    const prose = [...text.matchAll(/The `(\w+)` argument is deprecated/g)].map((x) => x[1]!);
    const tagged = [
        ...text.matchAll(/@deprecated[^\n]*\n(?:\s*\*[^\n]*\n)*\s*\*\/\n\s*(\w+)\??:/g),
    ].map((x) => x[1]!);
    return [...new Set([...prose, ...tagged])];
}

describe("deprecations", function () {
    this.timeout(60000);

    it("finds the deprecated arguments the typings name (the oracle works)", () => {
        expect(deprecatedArguments("aws:iam/role:Role")).to.include.members([
            "managedPolicyArns",
            "inlinePolicy",
        ]);
    });

    const configs: Record<string, string>[] = [
        {},
        { nodeCount: "2" },
        { chainSnapshotId: "snap-0123456789abcdef0" },
    ];
    for (const config of configs) {
        it(`uses no deprecated argument and logs no deprecation warning: ${JSON.stringify(config)}`, async () => {
            const warnings: string[] = [];
            const resources: Recorded[] = await serially(() =>
                withoutStacks(async () => {
                    const world = await installMocks(stringify({ ...BASE_CONFIG, ...config }), {
                        subnets: SUBNETS,
                    });
                    const warn = pulumi.log.warn;
                    (pulumi.log as { warn: typeof warn }).warn = async (message: string) => {
                        warnings.push(message);
                    };
                    try {
                        const exported: Record<string, unknown> = await runNode();
                        for (const value of Object.values(exported)) {
                            await promiseOf(value as pulumi.Input<unknown>);
                        }
                        await settle(world);
                    } finally {
                        (pulumi.log as { warn: typeof warn }).warn = warn;
                    }
                    return world.resources;
                }),
            );
            expect(warnings.filter((w) => /deprecat/i.test(w))).to.deep.equal([]);
            const used = resources.flatMap((r) =>
                deprecatedArguments(r.type)
                    .filter((arg) => r.inputs[arg] !== undefined)
                    .map((arg) => `${r.type} ${r.name}: ${arg}`),
            );
            expect(used).to.deep.equal([]);
        });
    }
});
