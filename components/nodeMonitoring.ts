import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import {
    ALARM_MINUTES,
    METRIC_NAMESPACE,
    NodeMetric,
    nodeMetricDimensions,
} from "../catalog/metrics";
import { BalancerWatch, balancerTargets, createBalancerAlarms } from "./service/balancerAlarms";
import { derivedNames, StackIdentity } from "../domain/awsNames";

/**
 * The node's alarms and dashboard, over the monitor sidecar's metrics (monitor/) and the AWS metrics of
 * its volume, instance and cluster. Part of ParityService.
 */
export interface NodeMonitoringArgs {
    stackId: string;
    /** The project and stack: the dashboard's name. */
    identity: StackIdentity;
    network: string;
    maxHeadAgeSeconds: number;
    minPeers: number;
    diskAlarmPercent: number;
    alertEmail?: string;
    volumeId: pulumi.Input<string>;
    autoScalingGroupName: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    /** Several nodes: their names, each a Node dimension of the monitor's metrics. */
    nodeNames?: string[];
    /** Several nodes: the load balancer whose healthy targets are watched. */
    balancer?: BalancerWatch;
    tags: Record<string, string>;
}

export interface AlarmSpec {
    name: string;
    description: string;
    metric: NodeMetric;
    statistic: "Minimum" | "Maximum" | "SampleCount" | "Average";
    comparison: "LessThanThreshold" | "GreaterThanThreshold";
    threshold: number;
    /** How a gap in the data counts: only the "monitor dead" alarm treats it as a failure. */
    treatMissingData: "breaching" | "notBreaching";
}

/** The alarms, as data: each is one CloudWatch alarm over one metric of the monitor. */
export function alarmSpecs(a: {
    maxHeadAgeSeconds: number;
    minPeers: number;
    diskAlarmPercent: number;
}): AlarmSpec[] {
    return [
        {
            name: "not-ready",
            description: `node not ready (synced and at head) for ${ALARM_MINUTES} minutes`,
            metric: "Ready",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        },
        {
            name: "head-age",
            description: `newest block older than ${a.maxHeadAgeSeconds}s for ${ALARM_MINUTES} minutes`,
            metric: "HeadAgeSeconds",
            statistic: "Minimum",
            comparison: "GreaterThanThreshold",
            threshold: a.maxHeadAgeSeconds,
            treatMissingData: "notBreaching",
        },
        {
            name: "peers",
            description: `fewer than ${a.minPeers} execution peers for ${ALARM_MINUTES} minutes`,
            metric: "PeerCount",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: a.minPeers,
            treatMissingData: "notBreaching",
        },
        {
            name: "monitor-missing",
            description: `no metrics from the monitor for ${ALARM_MINUTES} minutes (monitor or host down)`,
            metric: "Ready",
            statistic: "SampleCount",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        },
        {
            name: "history",
            description: `node at head does not answer receipts at the oldest block its mode keeps (logsFrom) for ${ALARM_MINUTES} minutes`,
            metric: "HistoryServed",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        },
        {
            name: "disk",
            description: `chain volume more than ${a.diskAlarmPercent}% full`,
            metric: "VolumeUsedPercent",
            statistic: "Maximum",
            comparison: "GreaterThanThreshold",
            threshold: a.diskAlarmPercent,
            treatMissingData: "notBreaching",
        },
    ];
}

/** CloudWatch dashboard body: the monitor's metrics, EBS IOPS/throughput/queue, CPU and memory. */
export function dashboardBody(a: {
    stackId: string;
    network: string;
    nodeNames?: string[];
    /** `[TargetGroup, LoadBalancer]` ARN suffixes, one pair per target group. */
    targets?: [string, string][];
    volumeId: string;
    autoScalingGroupName: string;
    clusterName: string;
    region: string;
}): string {
    // One line per node when there are several (their metrics carry a Node dimension).
    const nodeLines = (metric: NodeMetric) =>
        (a.nodeNames ?? [undefined]).map((n) => [
            METRIC_NAMESPACE,
            metric,
            ...Object.entries(nodeMetricDimensions(a.stackId, a.network, n)).flat(),
        ]);
    const ebs = (metric: string) => ["AWS/EBS", metric, "VolumeId", a.volumeId];
    const widget = (
        title: string,
        metrics: unknown[][],
        x: number,
        y: number,
        stat = "Average",
    ) => ({
        type: "metric",
        x,
        y,
        width: 12,
        height: 6,
        properties: { title, metrics, period: 60, stat, region: a.region, view: "timeSeries" },
    });
    return JSON.stringify({
        widgets: [
            widget("Head block", nodeLines("HeadBlock"), 0, 0, "Maximum"),
            widget(
                "Head age (s) and lag (blocks)",
                [...nodeLines("HeadAgeSeconds"), ...nodeLines("LagBlocks")],
                12,
                0,
                "Maximum",
            ),
            widget(
                "Ready (1 = synced and at head); history served (1 = receipts at the oldest kept block)",
                [...nodeLines("Ready"), ...nodeLines("HistoryServed")],
                0,
                6,
                "Minimum",
            ),
            widget(
                "Peers and beacon sync distance",
                [...nodeLines("PeerCount"), ...nodeLines("BeaconSyncDistance")],
                12,
                6,
            ),
            widget("Chain volume used (%)", nodeLines("VolumeUsedPercent"), 0, 12, "Maximum"),
            widget("EBS IOPS", [ebs("VolumeReadOps"), ebs("VolumeWriteOps")], 12, 12, "Sum"),
            widget(
                "EBS throughput (bytes)",
                [ebs("VolumeReadBytes"), ebs("VolumeWriteBytes")],
                0,
                18,
                "Sum",
            ),
            widget("EBS queue length", [ebs("VolumeQueueLength")], 12, 18),
            widget(
                "CPU (%)",
                [["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", a.autoScalingGroupName]],
                0,
                24,
            ),
            widget(
                "Memory (MiB, ECS Container Insights)",
                [["ECS/ContainerInsights", "MemoryUtilized", "ClusterName", a.clusterName]],
                12,
                24,
            ),
            ...(a.targets
                ? [
                      widget(
                          "Healthy (ready) nodes behind the load balancer",
                          a.targets.map(([tg, lb]) => [
                              "AWS/NetworkELB",
                              "HealthyHostCount",
                              "TargetGroup",
                              tg,
                              "LoadBalancer",
                              lb,
                          ]),
                          0,
                          30,
                          "Minimum",
                      ),
                  ]
                : []),
        ],
    });
}

export function createNodeMonitoring(
    name: string,
    args: NodeMonitoringArgs,
    parent: pulumi.Resource,
): { topicArn: pulumi.Output<string>; dashboardName: pulumi.Output<string> } {
    const opts = { parent };
    const topic = new aws.sns.Topic(`${name}-alerts`, { tags: args.tags }, opts);
    if (args.alertEmail) {
        new aws.sns.TopicSubscription(
            `${name}-alerts-email`,
            { topic: topic.arn, protocol: "email", endpoint: args.alertEmail },
            opts,
        );
    }
    // One set of alarms per node; a single node keeps its metrics without a Node dimension.
    for (const node of args.nodeNames ?? [undefined]) {
        for (const spec of alarmSpecs(args)) {
            new aws.cloudwatch.MetricAlarm(
                node ? `${name}-${node}-${spec.name}` : `${name}-${spec.name}`,
                {
                    alarmDescription: `${args.stackId}${node ? ` ${node}` : ""}: ${spec.description}`,
                    namespace: METRIC_NAMESPACE,
                    metricName: spec.metric,
                    dimensions: nodeMetricDimensions(args.stackId, args.network, node),
                    statistic: spec.statistic,
                    period: 60,
                    evaluationPeriods: ALARM_MINUTES,
                    comparisonOperator: spec.comparison,
                    threshold: spec.threshold,
                    treatMissingData: spec.treatMissingData,
                    alarmActions: [topic.arn],
                    okActions: [topic.arn],
                    tags: args.tags,
                },
                opts,
            );
        }
    }
    if (args.balancer) {
        createBalancerAlarms(name, args.balancer, args.stackId, topic.arn, args.tags, opts);
    }
    const dashboard = new aws.cloudwatch.Dashboard(
        `${name}-dashboard`,
        {
            dashboardName: derivedNames.dashboard(args.identity),
            dashboardBody: pulumi
                .all([
                    args.volumeId,
                    args.autoScalingGroupName,
                    args.clusterName,
                    args.region,
                    balancerTargets(args.balancer),
                ])
                .apply(([volumeId, autoScalingGroupName, clusterName, region, targets]) =>
                    dashboardBody({
                        stackId: args.stackId,
                        network: args.network,
                        nodeNames: args.nodeNames,
                        targets,
                        volumeId,
                        autoScalingGroupName,
                        clusterName,
                        region,
                    }),
                ),
        },
        opts,
    );
    return { topicArn: topic.arn, dashboardName: dashboard.dashboardName };
}
