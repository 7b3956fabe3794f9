import { expect } from "chai";
import { runOnTopOf, Step } from "./transition";
import { RELEASES, RELEASE_CONFIGS, SINGLE_RECORDINGS, recordedRelease } from "./previousRelease";
import { allViolations, disruptions } from "./transitionInvariants";

/**
 * Upgrading a running stack: the stack as a released version registered it (recorded by
 * tests/previousRelease.ts from that version's own tree), then this version's `pulumi up` on it,
 * with the same config. The provider's replacement rules and the invariants are the transitions'.
 */

const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/**
 * What an upgrade from each release changes beyond task definitions: what it removes (the managed
 * agent policy, replaced by a scoped one), and what in its launch templates changes, which rolls each
 * instance once: every release before ea58068 gets the boot script's volume wait from the timing
 * model (user data) and the instance's tag naming its chain volume (tag specifications); the oldest
 * also had tags naming the client pair (now only the stack). From ea58068 no instance rolls.
 */
const EXPECTED: Record<
    string,
    { removed: string[]; templateChanges: string[]; containersKept?: boolean }
> = {
    // Its containers run as they did: only the recorded images' build paths differ (the release
    // was recorded from another tree), which no deploy from one checkout sees.
    "84ac928": { removed: [], templateChanges: [], containersKept: true },
    ea58068: { removed: [], templateChanges: [], containersKept: true },
    f861869: { removed: [], templateChanges: ["userData", "tagSpecifications"] },
    "26b1655": { removed: [], templateChanges: ["userData", "tagSpecifications"] },
    "5a2d9d2": {
        removed: [`${ROLE_ATTACHMENT} node-instance-ecs`],
        templateChanges: ["userData", "tagSpecifications", "tags"],
    },
};

const label = (s: Step) => `${s.type} ${s.name}`;

describe("upgrading a running stack from a released version", function () {
    this.timeout(60000);

    for (const { commit, what } of RELEASES) {
        for (const [nodes, config] of Object.entries(RELEASE_CONFIGS)) {
            const expected = EXPECTED[commit]!;
            describe(`from ${commit} (${what}), ${nodes}`, () => {
                let steps: Step[];
                let violations: string[];
                let rolled: string[];
                before(async () => {
                    const t = await runOnTopOf(recordedRelease(commit, nodes), config);
                    steps = t.steps;
                    violations = allViolations(t, "modify");
                    const names = (t.after.outputs.deployment?.nodes ?? []).map((n: any) =>
                        n.key ? `node-${n.key}` : "node",
                    );
                    rolled = names.filter((n: string) =>
                        disruptions(t, n).some((s) => s.changed.includes("launchTemplate")),
                    );
                });

                it("keeps every chain volume and the node's data, and rolls one node at a time", () => {
                    expect(violations).to.deep.equal([]);
                });

                it("replaces nothing but task definitions, which register new revisions", () => {
                    const replaced = steps.filter((s) => s.op === "replace").map((s) => s.type);
                    expect([...new Set(replaced)]).to.deep.equal([
                        "aws:ecs/taskDefinition:TaskDefinition",
                    ]);
                });

                it("deletes only what this version no longer registers", () => {
                    const deleted = steps.filter((s) => s.op === "delete").map(label);
                    expect(deleted).to.deep.equal(expected.removed);
                });

                const rolls = expected.templateChanges.length > 0;
                it(
                    rolls
                        ? `replaces each instance once, one node at a time, through the launch template's new version (${expected.templateChanges.join(", ")})`
                        : "keeps every instance: the launch templates do not change",
                    () => {
                        const templates = steps.filter((s) => s.type.endsWith("LaunchTemplate"));
                        expect(templates.length).to.be.above(0);
                        for (const t of templates) {
                            expect(t.op, t.name).to.equal(rolls ? "update" : "same");
                            expect(t.changed, t.name).to.have.members(expected.templateChanges);
                        }
                        expect(rolled).to.have.length(rolls ? templates.length : 0);
                    },
                );

                if (expected.containersKept) {
                    it("keeps every container's command, environment, mounts and limits", () => {
                        const tasks = steps.filter((s) => s.type.endsWith("TaskDefinition"));
                        expect(tasks.length).to.be.above(0);
                        const withoutImages = (r: Step["before"]) =>
                            (
                                JSON.parse(r!.inputs.containerDefinitions) as Record<
                                    string,
                                    unknown
                                >[]
                            ).map((c) => ({ ...c, image: "(rebuilt)" }));
                        for (const t of tasks) {
                            expect(withoutImages(t.after), t.name).to.deep.equal(
                                withoutImages(t.before),
                            );
                        }
                    });
                }

                if (expected.removed.length > 0) {
                    it("gives the instance its scoped agent policy before the managed one goes", () => {
                        const created = steps.findIndex(
                            (s) =>
                                s.op === "create" &&
                                label(s) === `${ROLE_POLICY} node-instance-ecs`,
                        );
                        const removed = steps.findIndex(
                            (s) => s.op === "delete" && s.type === ROLE_ATTACHMENT,
                        );
                        expect(created).to.be.at.least(0);
                        expect(removed).to.be.above(created);
                    });
                }
            });
        }
    }
});

describe("upgrading a reth stack whose unset nodeMode this version resolves to another mode", function () {
    this.timeout(60000);
    const { commit, label: recorded, config } = SINGLE_RECORDINGS[0]!;
    let t: Awaited<ReturnType<typeof runOnTopOf>>;
    before(async () => {
        t = await runOnTopOf(recordedRelease(commit, recorded), config);
    });

    it(`keeps what ${commit} deployed: the archive database, its volume and reth's flags`, () => {
        expect(t.after.outputs.deployment.nodes[0].contents.nodeMode).to.equal("archive");
        expect(allViolations(t, "none")).to.deep.equal([]);
        // The task registers anew (the images are rebuilt from this tree); reth's command stays.
        const task = t.steps.find((s) => s.type === "aws:ecs/taskDefinition:TaskDefinition")!;
        const command = (r: Step["before"]) =>
            JSON.parse(r!.inputs.containerDefinitions).find((c: any) => c.name === "execution")
                .command as string[];
        expect(command(task.after)).to.deep.equal(command(task.before));
        expect(command(task.after).join(" ")).to.not.match(/--full|--prune\./);
    });
});

describe("upgrading a stack that leaves the snapshot schedule to the default", function () {
    this.timeout(60000);

    it("moves 84ac928's 12 h schedule kept 14 times to 4 h kept 42 times (a week), in place", async () => {
        const t = await runOnTopOf(
            recordedRelease("84ac928", "one node"),
            RELEASE_CONFIGS["one node"]!,
        );
        const policies = t.steps.filter(
            (s) => s.type === "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        );
        expect(policies.map((s) => s.op)).to.deep.equal(["update"]);
        const schedule = (r: Step["before"]) => {
            const rule = r!.inputs.policyDetails.schedules[0];
            return [rule.createRule.interval, rule.retainRule.count];
        };
        expect(schedule(policies[0]!.before)).to.deep.equal([12, 14]);
        expect(schedule(policies[0]!.after)).to.deep.equal([4, 42]);
    });
});
