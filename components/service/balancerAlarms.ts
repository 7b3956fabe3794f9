import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ALARM_MINUTES } from "../../catalog/metrics";

export interface BalancerWatch {
    lb: aws.lb.LoadBalancer;
    targetGroups: aws.lb.TargetGroup[];
    nodeCount: number;
}

/** `[TargetGroup, LoadBalancer]` dimension values of each target group; undefined without a balancer. */
export function balancerTargets(
    b: BalancerWatch | undefined,
): pulumi.Output<[string, string][] | undefined> {
    if (b === undefined) {
        return pulumi.output(undefined);
    }
    return pulumi.all(b.targetGroups.map((g) => pulumi.all([g.arnSuffix, b.lb.arnSuffix])));
}

/**
 * Two alarms per target group on the balancer's own count of ready nodes: fewer than all of them
 * (redundancy is gone) and none (with no healthy target an NLB fails open and sends to every
 * target: calls get stale answers, or none).
 */
export function createBalancerAlarms(
    name: string,
    b: BalancerWatch,
    stackId: string,
    topicArn: pulumi.Input<string>,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
) {
    b.targetGroups.forEach((group, i) => {
        const cases = [
            {
                suffix: "degraded",
                threshold: b.nodeCount,
                what: `fewer than ${b.nodeCount} nodes ready`,
            },
            {
                suffix: "down",
                threshold: 1,
                // An NLB with no healthy target fails open: it sends to every node, stale or not.
                what: "no node ready: the balancer fails open and sends calls to every node, so clients get a syncing node's stale answers, or none",
            },
        ];
        for (const c of cases) {
            new aws.cloudwatch.MetricAlarm(
                `${name}-tg${i + 1}-${c.suffix}`,
                {
                    alarmDescription: `${stackId}: ${c.what} behind the load balancer for ${ALARM_MINUTES} minutes`,
                    namespace: "AWS/NetworkELB",
                    metricName: "HealthyHostCount",
                    dimensions: { TargetGroup: group.arnSuffix, LoadBalancer: b.lb.arnSuffix },
                    statistic: "Minimum",
                    period: 60,
                    evaluationPeriods: ALARM_MINUTES,
                    comparisonOperator: "LessThanThreshold",
                    threshold: c.threshold,
                    treatMissingData: "breaching",
                    alarmActions: [topicArn],
                    okActions: [topicArn],
                    tags,
                },
                opts,
            );
        }
    });
}
