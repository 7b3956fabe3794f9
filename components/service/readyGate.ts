import * as pulumi from "@pulumi/pulumi";

/**
 * The rolling-upgrade gate between nodes behind the load balancer. When a node's task definition
 * changes, `pulumi up` waits here until that node's instance is healthy again in every target group
 * (the monitor's /ready answers 200) before the next node's service is touched; a node that does not
 * become ready in time fails this resource, so Pulumi leaves the remaining nodes as they are. A new
 * node never waits: its first sync takes hours.
 */

export interface GateInputs {
    region: string;
    /** The node's Auto Scaling group (one instance). */
    groupName: string;
    targetGroupArns: string[];
    /** What a rollout changes; a new value is what the gate waits out. */
    taskDefinitionArn: string;
    timeoutSeconds: number;
    pollSeconds: number;
    /**
     * Waited before the first look: longer than the balancer takes to mark the restarted node
     * unhealthy, so a health state left over from the old task is never taken for the new one.
     */
    settleSeconds: number;
}

/** What the wait needs from AWS, so it can be tested without it. */
export interface GateLookups {
    instanceOf(groupName: string): Promise<string | undefined>;
    health(targetGroupArn: string, instanceId: string): Promise<string | undefined>;
}

/** Polls until the group's instance is `healthy` in every target group; throws when time runs out. */
export async function waitUntilReady(
    inputs: GateInputs,
    lookups: GateLookups,
    sleep: (ms: number) => Promise<void>,
    now: () => number,
): Promise<void> {
    const deadline = now() + inputs.timeoutSeconds * 1000;
    await sleep(inputs.settleSeconds * 1000);
    let last = "no instance in the group yet";
    for (;;) {
        const instanceId = await lookups.instanceOf(inputs.groupName);
        if (instanceId !== undefined) {
            const states = await Promise.all(
                inputs.targetGroupArns.map((arn) => lookups.health(arn, instanceId)),
            );
            if (states.every((s) => s === "healthy")) {
                return;
            }
            last = `${instanceId} is ${states.map((s) => s ?? "not registered").join(" / ")}`;
        }
        if (now() > deadline) {
            throw new Error(
                `node ${inputs.groupName} did not become ready behind the load balancer within ${inputs.timeoutSeconds} s (${last}); the nodes after it were left untouched. Check its /ready reasons, then run pulumi up again`,
            );
        }
        await sleep(inputs.pollSeconds * 1000);
    }
}

/** The AWS side of the lookups, built inside the provider so it serializes with it. */
function awsGateLookups(region: string): GateLookups {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const asg = require("@aws-sdk/client-auto-scaling");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const elb = require("@aws-sdk/client-elastic-load-balancing-v2");
    const autoscaling = new asg.AutoScalingClient({ region });
    const elbv2 = new elb.ElasticLoadBalancingV2Client({ region });
    return {
        async instanceOf(groupName) {
            const out = await autoscaling.send(
                new asg.DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }),
            );
            const instances = (out.AutoScalingGroups?.[0]?.Instances ?? []) as {
                InstanceId?: string;
                LifecycleState?: string;
            }[];
            return instances.find((i) => i.LifecycleState === "InService")?.InstanceId;
        },
        async health(targetGroupArn, instanceId) {
            const out = await elbv2.send(
                new elb.DescribeTargetHealthCommand({
                    TargetGroupArn: targetGroupArn,
                    Targets: [{ Id: instanceId }],
                }),
            );
            return out.TargetHealthDescriptions?.[0]?.TargetHealth?.State as string | undefined;
        },
    };
}

export const readyGateProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: GateInputs) {
        return { id: `${inputs.groupName}-ready`, outs: inputs };
    },
    async diff(_id: string, olds: GateInputs, news: GateInputs) {
        return { changes: JSON.stringify(olds) !== JSON.stringify(news) };
    },
    async update(_id: string, olds: GateInputs, news: GateInputs) {
        if (olds.taskDefinitionArn !== news.taskDefinitionArn) {
            await waitUntilReady(
                news,
                awsGateLookups(news.region),
                (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
                Date.now,
            );
        }
        return { outs: news };
    },
};

export class NodeReadyGate extends pulumi.dynamic.Resource {
    constructor(
        name: string,
        props: { [K in keyof GateInputs]: pulumi.Input<GateInputs[K]> },
        opts?: pulumi.CustomResourceOptions,
    ) {
        super(readyGateProvider, name, props, opts);
    }
}
