import { Recorded } from "../offline/engine";
import { LIFECYCLE_TIMING } from "../components/lifecycleHandler";
import { mustWait, GateInputs } from "../components/service/readyGate";
import { Step, Transition } from "./transition";

/**
 * What must hold over every config change on a running stack (issue #21), as checks over the steps
 * the engine would take. Each returns the violations it finds, in words.
 */

const VOLUME = "aws:ebs/volume:Volume";
const GROUP = "aws:autoscaling/group:Group";
const SERVICE = "aws:ecs/service:Service";
const GATE = "pulumi-nodejs:dynamic:Resource";
const RECORD = "aws:route53/record:Record";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const INVOCATION = "aws:lambda/invocation:Invocation";
const FUNCTION = "aws:lambda/function:Function";

/** What a change may do to the chain volumes: nothing, modify them in place, or give nodes new ones. */
export type VolumeEffect = "none" | "modify" | "new";

/** The nodes a run deployed, from its own `deployment` output. */
const nodesOf = (t: { outputs: Record<string, any> }): any[] => t.outputs.deployment?.nodes ?? [];

export function volumeViolations(t: Transition, allowed: VolumeEffect): string[] {
    const found: string[] = [];
    const deployedIds = new Set(nodesOf(t.before).map((n) => n.volumeId));
    for (const s of t.steps.filter((s) => s.type === VOLUME)) {
        if (s.op === "delete" || s.op === "replace") {
            found.push(`chain volume ${s.name} is ${s.op}d`);
        }
        if (s.op === "update" && allowed === "none") {
            found.push(`chain volume ${s.name} is modified (${s.changed.join(", ")})`);
        }
        // A node that did not exist before gets its first volume, and a removed node's volume is
        // kept in AWS; any other new volume needs asking for.
        const newForDeployedNode =
            (s.op === "create" && !isNewNode(t, s)) ||
            (s.op === "forget" && deployedIds.has(`${s.name}-id`) && !isRemovedNode(t, s));
        if (newForDeployedNode && allowed !== "new") {
            found.push(
                `chain volume ${s.name}: ${s.op} without a restore or a fresh-volume request`,
            );
        }
    }
    return found;
}

/** Whether a created volume belongs to a node the last deployment did not run. */
function isNewNode(t: Transition, s: Step): boolean {
    const before = nodesOf(t.before).length;
    const index = nodesOf(t.after).findIndex((n) => n.volumeId === `${s.name}-id`);
    return index >= before;
}

/** Whether a forgotten volume belonged to a node this run removes. */
function isRemovedNode(t: Transition, s: Step): boolean {
    const index = nodesOf(t.before).findIndex((n) => n.volumeId === `${s.name}-id`);
    return index >= nodesOf(t.after).length;
}

/** No volume that stays is handed a database its new clients cannot use. */
export function contentsViolations(t: Transition): string[] {
    const held = new Map(nodesOf(t.before).map((n) => [n.volumeId, n.contents]));
    return nodesOf(t.after)
        .filter((n) => held.has(n.volumeId))
        .filter((n) => JSON.stringify(held.get(n.volumeId)) !== JSON.stringify(n.contents))
        .map(
            (n) =>
                `${n.volumeId} holds ${JSON.stringify(held.get(n.volumeId))} but now serves ${JSON.stringify(n.contents)}`,
        );
}

/** The resources each URN depends on, directly or through others. */
function dependencyClosure(resources: Recorded[]): (urn: string) => Set<string> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return (urn) => {
        const seen = new Set<string>();
        const stack = [...(byUrn.get(urn)?.options.dependsOn ?? [])];
        while (stack.length > 0) {
            const next = stack.pop()!;
            if (!seen.has(next)) {
                seen.add(next);
                stack.push(...(byUrn.get(next)?.options.dependsOn ?? []));
            }
        }
        return seen;
    };
}

/** Steps that take a node out of service: its task replaced, or its instance refreshed or replaced. */
export function disruptions(t: Transition, node: string): Step[] {
    return t.steps.filter(
        (s) =>
            (s.type === SERVICE &&
                s.name === `${node}-service` &&
                (s.op === "replace" || s.changed.includes("taskDefinition"))) ||
            (s.type === GROUP &&
                s.name === `${node}-asg` &&
                (s.op === "replace" ||
                    s.changed.some((k) => ["launchTemplate", "vpcZoneIdentifiers"].includes(k)))),
    );
}

/**
 * With two or more nodes, at most one is down at a time: every disruption of node k waits (through
 * its dependencies) for node k-1's gate, and that gate waits whenever node k-1 was disrupted.
 */
export function rollingViolations(t: Transition): string[] {
    const names = nodesOf(t.after).map((n) => (n.key ? `node-${n.key}` : "node"));
    if (names.length < 2 || nodesOf(t.before).length < 2) {
        return [];
    }
    const closure = dependencyClosure(t.after.world.resources);
    const found: string[] = [];
    names.forEach((node, k) => {
        const gate = t.steps.find((s) => s.type === GATE && s.name === `${node}-ready`);
        if (disruptions(t, node).length > 0 && gate?.op === "update") {
            const before = gate.before!.inputs as GateInputs;
            if (!mustWait(before, gate.after!.inputs as GateInputs)) {
                found.push(`${node} is disrupted but its gate does not wait`);
            }
        } else if (disruptions(t, node).length > 0 && gate?.op !== "create") {
            found.push(`${node} is disrupted but its gate is ${gate?.op ?? "missing"}`);
        }
        const previous = names[k - 1];
        if (previous === undefined) {
            return;
        }
        const previousGate = t.after.world.resources.find(
            (r) => r.type === GATE && r.name === `${previous}-ready`,
        );
        for (const s of disruptions(t, node)) {
            if (previousGate === undefined || !closure(s.after!.urn).has(previousGate.urn)) {
                found.push(`${s.name} does not wait for ${previous}'s readiness gate`);
            }
        }
    });
    return found;
}

/** The stable name resolves before, during and after: something always holds an answer for it. */
export function dnsViolations(t: Transition): string[] {
    const found: string[] = [];
    const balanced = (run: Transition["before"]) =>
        (run.outputs.deployment?.balancerZones ?? []).length > 0;
    for (const s of t.steps.filter((s) => s.type === RECORD && s.op === "delete")) {
        found.push(`record ${s.name} is deleted (the provider deletes whatever answers that name)`);
    }
    const sync = t.steps.find((s) => s.type === INVOCATION);
    if (balanced(t.after)) {
        const alias = t.steps.find((s) => s.type === RECORD && s.name.endsWith("-alias"));
        if (!alias || (!balanced(t.before) && alias.after?.inputs.allowOverwrite !== true)) {
            found.push("the balancer's alias does not take over the name");
        }
    } else if (!sync) {
        found.push("one node, but nothing writes its A record at deploy");
    } else if (balanced(t.before) && sync.op !== "create" && sync.op !== "replace") {
        found.push("going back to one node, the A record is not written before the alias goes");
    }
    const zone = t.steps.find((s) => s.type === "aws:route53/zone:Zone");
    if (zone?.op === "replace" && sync && sync.op !== "replace" && sync.op !== "create") {
        found.push("a new zone gets no A record until the next launch");
    }
    return found;
}

/** An NLB replaced before its old self is deleted would take the target groups twice. */
export function targetGroupViolations(t: Transition): string[] {
    return t.steps
        .filter((s) => s.type === LB && s.op === "replace" && s.order === "create-first")
        .map(
            (s) =>
                `${s.name} is replaced new-first: its target groups would belong to two load balancers`,
        );
}

const minutes = (duration: string | undefined) => Number(/^(\d+)m$/.exec(duration ?? "")?.[1] ?? 0);

/** Every wait fits the timeout of what waits: a group's create, update and delete outlast its hooks. */
export function timeoutViolations(t: Transition): string[] {
    const found: string[] = [];
    const worst = LIFECYCLE_TIMING.hookWorstSeconds / 60;
    for (const s of t.steps.filter((s) => s.type === GROUP && s.op !== "same")) {
        for (const r of [s.before, s.after].filter((r): r is Recorded => r !== undefined)) {
            const waits = {
                create: minutes(r.inputs.waitForCapacityTimeout),
                update: minutes(r.options.customTimeouts.update),
                delete: minutes(r.options.customTimeouts.delete),
            };
            for (const [what, limit] of Object.entries(waits)) {
                if (limit < worst) {
                    found.push(
                        `${r.name} ${what} gives up after ${limit} min; a hook may last ${worst} min`,
                    );
                }
            }
        }
    }
    return found;
}

/** The outputs consumers hold (examples/consumer/index.ts reads them), and the resources behind them. */
export const CONSUMER_OUTPUTS: Record<string, { type: string; name?: string }> = {
    accessSecurityGroupId: { type: "aws:ec2/securityGroup:SecurityGroup", name: "node-access" },
    rpcUrl: { type: "aws:route53/zone:Zone" },
    wsUrl: { type: "aws:route53/zone:Zone" },
    zoneId: { type: "aws:route53/zone:Zone" },
    alertTopicArn: { type: "aws:sns/topic:Topic" },
    targetGroupArns: { type: "aws:lb/targetGroup:TargetGroup" },
};

/**
 * What consumers hold does not move under them: an output they hold changes, or the resource behind
 * it is deleted or replaced, only where the change is documented to do so (`moves`).
 */
export function consumerViolations(t: Transition, moves: string[] = []): string[] {
    const found: string[] = [];
    for (const [output, held] of Object.entries(CONSUMER_OUTPUTS)) {
        if (moves.includes(output)) {
            continue;
        }
        const [before, after] = [t.before.outputs[output], t.after.outputs[output]];
        if (JSON.stringify(before) !== JSON.stringify(after)) {
            found.push(
                `output ${output} moves: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
            );
        }
        for (const s of t.steps.filter(
            (s) =>
                s.type === held.type &&
                (held.name === undefined || s.name === held.name) &&
                (s.op === "delete" || s.op === "replace"),
        )) {
            found.push(`${s.type} ${s.name}, which consumers hold through ${output}, is ${s.op}d`);
        }
    }
    return [...new Set(found)];
}

/**
 * The lifecycle handler names no chain volume: a node's launches attach the volume its own instance
 * names (its launch template), which changes when that node's group rolls. A volume in the handler's
 * settings would reach every node's launches at once, before their gates let them roll (#33).
 */
export function handlerViolations(t: Transition): string[] {
    const volumes = [...nodesOf(t.before), ...nodesOf(t.after)].map((n) => n.volumeId as string);
    return t.after.world.resources
        .filter((r) => r.type === FUNCTION && r.name.endsWith("-lifecycle"))
        .flatMap((fn) => {
            const settings = JSON.stringify(fn.inputs);
            return [...new Set(volumes)]
                .filter((id) => settings.includes(id))
                .map((id) => `the lifecycle handler ${fn.name} names chain volume ${id}`);
        });
}

export function allViolations(
    t: Transition,
    volumes: VolumeEffect,
    moves: string[] = [],
): string[] {
    return [
        ...consumerViolations(t, moves),
        ...volumeViolations(t, volumes),
        ...contentsViolations(t),
        ...rollingViolations(t),
        ...handlerViolations(t),
        ...dnsViolations(t),
        ...targetGroupViolations(t),
        ...timeoutViolations(t),
    ];
}
