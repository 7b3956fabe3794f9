import { expect } from "chai";
import { runTransition, Step, Transition } from "./transition";
import {
    consumerViolations,
    contentsViolations,
    dnsViolations,
    handlerViolations,
    rollingViolations,
    targetGroupViolations,
    timeoutViolations,
    volumeViolations,
} from "./transitionInvariants";

/**
 * The invariants themselves under test: each holds on a real transition and rejects a hand-built bad
 * copy of it, so an invariant that stopped looking (`return []`) fails here.
 */

const TWO = { nodeCount: "2" };

/** A deep copy of a transition to break one thing in. */
const copy = (t: Transition): Transition => structuredClone(t);

const stepOf = (t: Transition, type: string, name?: string): Step => {
    const found = t.steps.find((s) => s.type === type && (name === undefined || s.name === name));
    if (!found) {
        throw new Error(`no ${type} ${name ?? ""} step`);
    }
    return found;
};

describe("the transition invariants reject bad transitions", function () {
    this.timeout(120000);
    /** One node switched to steady: its instance replaced, its volume modified in place. */
    let single: Transition;
    /** Two nodes with a new client flag: each task restarted, one node at a time. */
    let rolled: Transition;

    before(async () => {
        single = await runTransition({}, { profile: "steady" });
        rolled = await runTransition(TWO, { ...TWO, rpcApis: "eth,net,web3,txpool" });
    });

    it("consumers: an output they hold that moves, or the resource behind it replaced, where the change does not say so", () => {
        expect(consumerViolations(single)).to.deep.equal([]);
        const bad = copy(single);
        bad.after.outputs.accessSecurityGroupId = "sg-new";
        stepOf(bad, "aws:ec2/securityGroup:SecurityGroup", "node-access").op = "replace";
        expect(consumerViolations(bad)).to.deep.equal([
            'output accessSecurityGroupId moves: "node-access-id" → "sg-new"',
            "aws:ec2/securityGroup:SecurityGroup node-access, which consumers hold through accessSecurityGroupId, is replaced",
        ]);
        expect(consumerViolations(bad, ["accessSecurityGroupId"])).to.deep.equal([]);
    });

    it("handler: a lifecycle handler whose settings name a chain volume", () => {
        expect(handlerViolations(rolled)).to.deep.equal([]);
        const bad = copy(rolled);
        const fn = bad.after.world.resources.find(
            (r) => r.type === "aws:lambda/function:Function",
        )!;
        fn.inputs.environment.variables.NODES = JSON.stringify({ n2: "chain-n2-data-id" });
        expect(handlerViolations(bad)).to.deep.equal([
            "the lifecycle handler node-lifecycle names chain volume chain-n2-data-id",
        ]);
    });

    it("volumes: a deleted or replaced chain volume, or one modified where nothing may be", () => {
        expect(volumeViolations(single, "modify")).to.deep.equal([]);
        expect(volumeViolations(single, "none")).to.deep.equal([
            "chain volume chain-data is modified (iops, throughput)",
        ]);
        const replaced = copy(single);
        stepOf(replaced, "aws:ebs/volume:Volume").op = "replace";
        expect(volumeViolations(replaced, "modify")).to.include(
            "chain volume chain-data is replaced",
        );
    });

    it("contents: a kept volume handed another network's database", () => {
        expect(contentsViolations(single)).to.deep.equal([]);
        const bad = copy(single);
        bad.after.outputs.deployment.nodes[0].contents.network = "sepolia";
        expect(contentsViolations(bad)).to.have.length(1);
    });

    it("rolling: a disrupted node whose gate does not wait, or that does not wait for the node before it", () => {
        expect(rollingViolations(rolled)).to.deep.equal([]);
        const unwaited = copy(rolled);
        stepOf(unwaited, "pulumi-nodejs:dynamic:Resource", "node-n2-ready").op = "same";
        expect(rollingViolations(unwaited)).to.deep.equal([
            "node-n2 is disrupted but its gate is same",
        ]);
        const ungated = copy(rolled);
        const service = ungated.after.world.resources.find((r) => r.name === "node-n2-service")!;
        service.options.dependsOn = [];
        expect(rollingViolations(ungated)).to.deep.equal([
            "node-n2-service does not wait for node's readiness gate",
        ]);
    });

    it("dns: the record deleted, or nothing writing it at deploy", () => {
        expect(dnsViolations(single)).to.deep.equal([]);
        const deleted = copy(single);
        deleted.steps.push({
            ...stepOf(deleted, "aws:lambda/invocation:Invocation"),
            type: "aws:route53/record:Record",
            name: "node-record",
            op: "delete",
        });
        expect(dnsViolations(deleted)).to.include(
            "record node-record is deleted (the provider deletes whatever answers that name)",
        );
        const unwritten = copy(single);
        unwritten.steps = unwritten.steps.filter(
            (s) => s.type !== "aws:lambda/invocation:Invocation",
        );
        expect(dnsViolations(unwritten)).to.deep.equal([
            "one node, but nothing writes its A record at deploy",
        ]);
    });

    it("target groups: a balancer replaced new-first", () => {
        expect(targetGroupViolations(rolled)).to.deep.equal([]);
        const bad = copy(rolled);
        Object.assign(stepOf(bad, "aws:lb/loadBalancer:LoadBalancer"), {
            op: "replace",
            order: "create-first",
        });
        expect(targetGroupViolations(bad)).to.have.length(1);
    });

    it("timeouts: a group that gives up before its lifecycle hooks can", () => {
        expect(timeoutViolations(single)).to.deep.equal([]);
        const bad = copy(single);
        stepOf(bad, "aws:autoscaling/group:Group").after!.options.customTimeouts.update = "10m";
        expect(timeoutViolations(bad)[0]).to.match(
            /^node-asg update gives up after 10 min; a hook may last \d+ min$/,
        );
    });
});
