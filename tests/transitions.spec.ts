import { expect } from "chai";
import { CONFIG_KEYS } from "../config";
import { CHAIN_VOLUME_ID_TAG } from "../catalog/tags";
import { runTransition } from "./transition";
import { allViolations, disruptions } from "./transitionInvariants";
import { SNAPSHOT, TRANSITIONS, TWO } from "./transitionRows";
import { BLOCK, DOC as TABLE_DOC, effectOf, observe, transitionTable } from "./transitionTable";
import { REGION } from "./helpers";
import { DOC } from "./docs";

/**
 * Every config key, changed on a running stack: the program runs twice, the second run updating
 * what the first deployed (tests/transition.ts), and the invariants of tests/transitionInvariants.ts
 * hold over the steps. docs/operations.md's transition table is written from these same runs
 * (tests/transitionTable.ts); a test keeps it equal.
 */

const VOLUME_TAGS = {
    "parity:client": "geth-lighthouse",
    "parity:network": "mainnet",
    "parity:nodeMode": "minimal",
};

describe("changing a running stack: every config key", function () {
    this.timeout(120000);

    for (const row of TRANSITIONS) {
        if (row.effect === "refused") {
            it(`${row.key}: ${row.what} is refused at preview, before any resource changes, with the key, the reason and a recipe`, async () => {
                const seen = await observe(row);
                expect(seen.refused && seen.message).to.match(row.refusal!);
                expect(seen.refused && seen.registered, "nothing registered").to.equal(0);
            });
            continue;
        }
        it(`${row.key}: ${row.what} is ${row.effect}, and every invariant holds`, async () => {
            const seen = await observe(row);
            if (seen.refused) {
                throw new Error(seen.message);
            }
            const t = seen.transition;
            expect(allViolations(t, row.volumes ?? "none", row.moves)).to.deep.equal([]);
            expect(effectOf(t)).to.equal(row.effect);
        });
    }
});

describe("changing a running stack of several nodes", function () {
    this.timeout(120000);

    for (const [what, to, effect, volumes] of [
        [
            "a profile switch replaces the instances one node at a time",
            { ...TWO, profile: "steady" },
            "instance replacement",
            "modify",
        ],
        [
            "a client flag restarts the tasks one node at a time",
            { ...TWO, rpcApis: "eth,net,web3,txpool" },
            "task restart",
            "modify",
        ],
        [
            "a client release restarts the tasks one node at a time, keeping every volume",
            { ...TWO, executionVersion: "v1.17.8" },
            "task restart",
            "none",
        ],
        [
            "a restore gives every node a new volume, one node at a time",
            { ...TWO, chainSnapshotId: SNAPSHOT },
            "new volume",
            "new",
        ],
    ] as const) {
        it(what, async () => {
            const t = await runTransition(TWO, to);
            expect(allViolations(t, volumes)).to.deep.equal([]);
            expect(effectOf(t)).to.equal(effect);
            expect(disruptions(t, "node-n2").length, "node 2 is rolled too").to.be.above(0);
        });
    }

    it("a restore of several nodes leaves the lifecycle handler as it is: each node learns its new volume when its own group rolls", async () => {
        const t = await runTransition(TWO, { ...TWO, chainSnapshotId: SNAPSHOT });
        const handler = t.steps.find((s) => s.type === "aws:lambda/function:Function")!;
        expect(handler.op).to.equal("same");
        for (const node of ["node", "node-n2"]) {
            const template = t.steps.find((s) => s.name === `${node}-host`)!;
            const group = t.steps.find((s) => s.name === `${node}-asg`)!;
            expect(template.after!.inputs.tagSpecifications[0].tags[CHAIN_VOLUME_ID_TAG]).to.match(
                new RegExp(`-${SNAPSHOT}-id$`),
            );
            expect(group.changed, `${node}'s group rolls to the template naming it`).to.include(
                "launchTemplate",
            );
        }
        expect(allViolations(t, "new")).to.deep.equal([]);
    });

    it("a snapshot appearing later modifies no volume (the seed is read only at creation)", async () => {
        const t = await runTransition(
            TWO,
            TWO,
            { stackSnapshots: [] },
            { stackSnapshots: [SNAPSHOT] },
        );
        expect(allViolations(t, "none")).to.deep.equal([]);
        expect(effectOf(t)).to.equal("no change");
    });

    it("keeps the access group and every output consumers hold from 1 to 2 nodes and back, and replaces no security group", async () => {
        for (const [from, to] of [
            [{}, TWO],
            [TWO, {}],
        ] as const) {
            const t = await runTransition(from, to);
            expect(
                t.steps.filter((s) => s.type.endsWith("SecurityGroup") && s.op === "replace"),
            ).to.deep.equal([]);
            expect(t.after.outputs.accessSecurityGroupId).to.equal(
                t.before.outputs.accessSecurityGroupId,
            );
            expect(allViolations(t, "none", ["targetGroupArns"])).to.deep.equal([]);
        }
    });

    it("keeps the balancer's subnets when a node goes: an NLB's subnets only grow in place", async () => {
        const t = await runTransition({ nodeCount: "3" }, TWO);
        const lb = t.steps.find((s) => s.type === "aws:lb/loadBalancer:LoadBalancer")!;
        expect(lb.op).to.equal("same");
        expect(lb.after!.inputs.subnets).to.have.length(3);
    });

    it("growing to two nodes keeps node 1 in its zone, also for a stack deployed before the plan was exported", async () => {
        for (const legacy of [false, true]) {
            const from = { availabilityZone: `${REGION}b` };
            const t = await runTransition(
                from,
                TWO,
                {},
                {
                    volumes: {
                        "chain-data-id": { availabilityZone: `${REGION}b`, tags: VOLUME_TAGS },
                    },
                },
                // A stack deployed before `deployment` was exported: its zone comes from AWS.
                legacy ? (outputs) => ({ ...outputs, deployment: undefined }) : undefined,
            );
            const zones = (t.after.outputs.deployment.nodes as { zone: string }[]).map(
                (n) => n.zone,
            );
            expect(zones[0], legacy ? "legacy" : "exported").to.equal(`${REGION}b`);
            expect(allViolations(t, "none", ["targetGroupArns"])).to.deep.equal([]);
        }
    });
});

describe("the transition table of docs/operations.md", function () {
    this.timeout(120000);

    it("changes every config key, and no other", () => {
        expect([...new Set(TRANSITIONS.map((r) => r.key))].sort()).to.deep.equal(
            [...CONFIG_KEYS].sort(),
        );
    });

    it("is the table the harness observes (npm run docs:transitions)", async () => {
        const text = DOC[TABLE_DOC]!;
        const body = text.slice(
            text.indexOf(`<!-- ${BLOCK} -->\n`) + `<!-- ${BLOCK} -->\n`.length,
            text.indexOf(`\n<!-- /${BLOCK} -->`),
        );
        expect(body).to.equal((await transitionTable()).join("\n"));
    });
});
