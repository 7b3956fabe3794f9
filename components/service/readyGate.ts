import * as pulumi from "@pulumi/pulumi";
import { AwsProviderSettings } from "../../config/awsProvider";
import { awsClientConfig } from "./gateCredentials";

/**
 * The rolling-upgrade gate between nodes behind the load balancer. When a node's task definition or
 * its group's launch template changes, `pulumi up` waits here until that node's one instance is in
 * service, no instance refresh is under way, and the instance is healthy in every target group (the
 * monitor's /ready answers 200), before the next node is touched; a node that does not become ready
 * in time fails this resource, so Pulumi leaves the remaining nodes as they are. A new node never
 * waits: its first sync takes hours.
 *
 * A dynamic provider runs in the deployer's process and never sees the stack's `aws:*` provider
 * config, so the gate carries it: the same region, profile, role and keys as the stack's resources.
 */

export interface GateInputs {
    aws: AwsProviderSettings;
    /** The node's Auto Scaling group (one instance). */
    groupName: string;
    targetGroupArns: string[];
    /** What a task rollout changes; a new value is what the gate waits out. */
    taskDefinitionArn: string;
    /** What an instance rollout changes (the group's instance refresh); a new value is waited out too. */
    launchTemplateVersion: string;
    timeoutSeconds: number;
    pollSeconds: number;
    /**
     * Waited before the first look: longer than the balancer takes to mark the restarted node
     * unhealthy, so a health state left over from the old task is never taken for the new one.
     */
    settleSeconds: number;
    /** The monitor's Ready metric of this node: whether it served before the change. */
    readyMetric: { namespace: string; dimensions: Record<string, string> };
}

/**
 * How far back a node counts as having served: a change's own rollout (a new instance, its boot and
 * pull) fits in it, so a node that was ready just before the change still counts.
 */
export const SERVED_WITHIN_SECONDS = 3 * 3600;

/** What the wait needs from AWS, so it can be tested without it. */
export interface GateLookups {
    /** undefined: the group does not exist for these credentials in this region. */
    group(name: string): Promise<{ inService: string[]; refreshing: boolean } | undefined>;
    health(targetGroupArn: string, instanceId: string): Promise<string | undefined>;
    /** Whether the node reported itself ready (its Ready metric at 1) at any time since `sinceMs`. */
    servedSince(metric: GateInputs["readyMetric"], sinceMs: number): Promise<boolean>;
}

/** Errors worth another look: throttling, AWS's own faults and the network (SDK v3 marks most). */
export function isTransient(e: unknown): boolean {
    const err = e as {
        name?: string;
        code?: string;
        $retryable?: unknown;
        $metadata?: { httpStatusCode?: number };
    };
    const status = err.$metadata?.httpStatusCode ?? 0;
    return (
        err.$retryable !== undefined ||
        status === 429 ||
        status >= 500 ||
        /Throttl|RequestLimitExceeded|TooManyRequests|ServiceUnavailable|InternalFailure|RequestTimeout|TimeoutError/.test(
            err.name ?? "",
        ) ||
        ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"].includes(err.code ?? "")
    );
}

/** Polls until the group's instance is ready; throws when time runs out or AWS refuses outright. */
export async function waitUntilReady(
    inputs: GateInputs,
    lookups: GateLookups,
    sleep: (ms: number) => Promise<void>,
    now: () => number,
): Promise<void> {
    const deadline = now() + inputs.timeoutSeconds * 1000;
    const node = `node ${inputs.groupName}`;
    const left = "the nodes after it were left untouched";
    // A node still on its first sync had no readiness to lose: it needs only to run again. If the
    // metric cannot be read, it counts as having served, and the gate waits for readiness.
    const served = await lookups
        .servedSince(inputs.readyMetric, now() - SERVED_WITHIN_SECONDS * 1000)
        .catch(() => true);
    await sleep(inputs.settleSeconds * 1000);
    let last = "no instance in the group yet";
    for (;;) {
        let group: Awaited<ReturnType<GateLookups["group"]>>;
        try {
            group = await lookups.group(inputs.groupName);
            if (group === undefined) {
                throw new Error(
                    `${node}: no such Auto Scaling group in ${inputs.aws.region} for the credentials the gate used (${describeCredentials(inputs.aws)}); ${left}. The gate uses the stack's aws:* config: check aws:region, aws:profile and aws:assumeRoles, then run pulumi up again`,
                );
            }
            last = await observe(group, inputs, lookups, served);
            if (last === "") {
                return;
            }
        } catch (e) {
            if (!isTransient(e)) {
                const err = e as Error;
                throw err.message.startsWith(node)
                    ? err
                    : new Error(
                          `${node}: AWS refused the readiness check (${err.name}: ${err.message}); ${left}. Check the credentials of the stack's AWS provider, then run pulumi up again`,
                      );
            }
            last = `AWS answered ${(e as Error).name} (retried)`;
        }
        if (now() > deadline) {
            throw new Error(
                `${node} did not become ready behind the load balancer within ${inputs.timeoutSeconds} s (${last}); ${left}. Check its /ready reasons, then run pulumi up again`,
            );
        }
        await sleep(inputs.pollSeconds * 1000);
    }
}

/** "" when ready (or, for a node that never served, running), else what is still missing. */
async function observe(
    group: { inService: string[]; refreshing: boolean },
    inputs: GateInputs,
    lookups: GateLookups,
    served: boolean,
): Promise<string> {
    if (group.refreshing) {
        return "an instance refresh is under way";
    }
    const [instanceId, ...others] = group.inService;
    if (instanceId === undefined) {
        return "no instance in service yet";
    }
    if (others.length > 0) {
        return `${group.inService.length} instances in service`;
    }
    if (!served) {
        return "";
    }
    const states = await Promise.all(
        inputs.targetGroupArns.map((arn) => lookups.health(arn, instanceId)),
    );
    return states.every((s) => s === "healthy")
        ? ""
        : `${instanceId} is ${states.map((s) => s ?? "not registered").join(" / ")}`;
}

function describeCredentials(a: AwsProviderSettings): string {
    const parts = [
        a.accessKey ? "static keys" : a.profile ? `profile ${a.profile}` : "the default chain",
        ...(a.assumeRole ? [`role ${a.assumeRole.roleArn}`] : []),
    ];
    return parts.join(", then ");
}

/** The AWS side of the lookups, built inside the provider so it serializes with it. */
function awsGateLookups(a: AwsProviderSettings): GateLookups {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const asg = require("@aws-sdk/client-auto-scaling");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const elb = require("@aws-sdk/client-elastic-load-balancing-v2");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cw = require("@aws-sdk/client-cloudwatch");
    const autoscaling = new asg.AutoScalingClient(awsClientConfig(a, "autoscaling"));
    const elbv2 = new elb.ElasticLoadBalancingV2Client(awsClientConfig(a, "elbv2"));
    const cloudwatch = new cw.CloudWatchClient(awsClientConfig(a, "cloudwatch"));
    return {
        async group(name) {
            const out = await autoscaling.send(
                new asg.DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
            );
            const found = out.AutoScalingGroups?.[0] as
                { Instances?: { InstanceId?: string; LifecycleState?: string }[] } | undefined;
            if (found === undefined) {
                return undefined;
            }
            const refreshes = await autoscaling.send(
                new asg.DescribeInstanceRefreshesCommand({ AutoScalingGroupName: name }),
            );
            const active = ["Pending", "InProgress", "Cancelling", "RollbackInProgress"];
            return {
                inService: (found.Instances ?? [])
                    .filter((i) => i.LifecycleState === "InService" && i.InstanceId)
                    .map((i) => i.InstanceId as string),
                refreshing: ((refreshes.InstanceRefreshes ?? []) as { Status?: string }[]).some(
                    (r) => active.includes(r.Status ?? ""),
                ),
            };
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
        async servedSince(metric, sinceMs) {
            const out = await cloudwatch.send(
                new cw.GetMetricStatisticsCommand({
                    Namespace: metric.namespace,
                    MetricName: "Ready",
                    Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({
                        Name,
                        Value,
                    })),
                    StartTime: new Date(sinceMs),
                    EndTime: new Date(),
                    Period: 300,
                    Statistics: ["Maximum"],
                }),
            );
            return ((out.Datapoints ?? []) as { Maximum?: number }[]).some((d) => d.Maximum === 1);
        },
    };
}

/**
 * Whether an update must wait: the node's task or its instance changed, or its group was replaced
 * (a new group has a new name; its instance is new as well).
 */
export const mustWait = (olds: GateInputs, news: GateInputs) =>
    olds.taskDefinitionArn !== news.taskDefinitionArn ||
    olds.launchTemplateVersion !== news.launchTemplateVersion ||
    olds.groupName !== news.groupName;

export const readyGateProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: GateInputs) {
        return { id: `${inputs.groupName}-ready`, outs: inputs };
    },
    async diff(_id: string, olds: GateInputs, news: GateInputs) {
        return { changes: JSON.stringify(olds) !== JSON.stringify(news) };
    },
    async update(_id: string, olds: GateInputs, news: GateInputs) {
        if (mustWait(olds, news)) {
            await waitUntilReady(
                news,
                awsGateLookups(news.aws),
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
