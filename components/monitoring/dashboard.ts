import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { METRIC_NAMESPACE, NodeMetric, nodeMetricDimensions } from "../../catalog/metrics";

/**
 * The node's CloudWatch dashboard: the monitor's metrics, each node's EBS volume and instance, the
 * cluster's memory and, with several nodes, the balancer's count of ready ones. One line per node in
 * every widget, so a second node is as visible as the first.
 */

/** One node as the dashboard draws it: its name (a Node dimension with several), volume and group. */
export interface DashboardNode {
    name?: string;
    volumeId: string;
    autoScalingGroupName: string;
}

export interface DashboardArgs {
    stackId: string;
    network: string;
    nodes: DashboardNode[];
    /** `[TargetGroup, LoadBalancer]` ARN suffixes, one pair per target group. */
    targets?: [string, string][];
    clusterName: string;
    region: string;
}

type Line = unknown[];

/** The dashboard's widgets, as lines per node; a pure function of the names and ids. */
export function dashboardBody(a: DashboardArgs): string {
    const nodeLines = (metric: NodeMetric): Line[] =>
        a.nodes.map((n) => [
            METRIC_NAMESPACE,
            metric,
            ...Object.entries(nodeMetricDimensions(a.stackId, a.network, n.name)).flat(),
        ]);
    const ebs = (metric: string): Line[] =>
        a.nodes.map((n) => ["AWS/EBS", metric, "VolumeId", n.volumeId]);
    const widget = (title: string, metrics: Line[], x: number, y: number, stat = "Average") => ({
        type: "metric",
        x,
        y,
        width: 12,
        height: 6,
        properties: { title, metrics, period: 60, stat, region: a.region, view: "timeSeries" },
    });
    const balancer = (a.targets ?? []).map(([tg, lb]) => [
        "AWS/NetworkELB",
        "HealthyHostCount",
        "TargetGroup",
        tg,
        "LoadBalancer",
        lb,
    ]);
    const widgets = [
        widget("Head block", nodeLines("HeadBlock"), 0, 0, "Maximum"),
        widget(
            "Head age (s) and lag (blocks)",
            [...nodeLines("HeadAgeSeconds"), ...nodeLines("LagBlocks")],
            12,
            0,
            "Maximum",
        ),
        widget(
            "Ready (1 = synced and at head); history and logs served (1 = receipts and eth_getLogs at the oldest promised block); fork ready (1 = schedules the network's forks)",
            [
                ...nodeLines("Ready"),
                ...nodeLines("HistoryServed"),
                ...nodeLines("LogsServed"),
                ...nodeLines("ForkReady"),
            ],
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
        widget(
            "Chain volume used (%); days until a fork the node lacks",
            [...nodeLines("VolumeUsedPercent"), ...nodeLines("DaysToForkGap")],
            0,
            12,
            "Maximum",
        ),
        widget("EBS IOPS", [...ebs("VolumeReadOps"), ...ebs("VolumeWriteOps")], 12, 12, "Sum"),
        widget(
            "EBS throughput (bytes)",
            [...ebs("VolumeReadBytes"), ...ebs("VolumeWriteBytes")],
            0,
            18,
            "Sum",
        ),
        widget("EBS queue length", ebs("VolumeQueueLength"), 12, 18),
        widget(
            "CPU (%)",
            a.nodes.map((n) => [
                "AWS/EC2",
                "CPUUtilization",
                "AutoScalingGroupName",
                n.autoScalingGroupName,
            ]),
            0,
            24,
        ),
        widget(
            "Memory (MiB, ECS Container Insights)",
            [["ECS/ContainerInsights", "MemoryUtilized", "ClusterName", a.clusterName]],
            12,
            24,
        ),
        widget(
            "eth_getLogs over the oldest promised blocks (ms)",
            nodeLines("LogsQueryMilliseconds"),
            12,
            30,
            "Maximum",
        ),
    ];
    if (balancer.length > 0) {
        widgets.push(
            widget("Healthy (ready) nodes behind the load balancer", balancer, 0, 30, "Minimum"),
        );
    }
    return JSON.stringify({ widgets });
}

/** The dashboard over resolved ids and names (they are outputs of the nodes' resources). */
export function createDashboard(
    name: string,
    a: Omit<DashboardArgs, "nodes" | "targets" | "region" | "clusterName"> & {
        dashboardName: string;
        nodes: {
            name?: string;
            volumeId: pulumi.Input<string>;
            autoScalingGroupName: pulumi.Input<string>;
        }[];
        targets: pulumi.Input<[string, string][] | undefined>;
        clusterName: pulumi.Input<string>;
        region: pulumi.Input<string>;
    },
    opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.Dashboard {
    const nodes = pulumi.all(
        a.nodes.map((n) =>
            pulumi.all([n.volumeId, n.autoScalingGroupName]).apply(([volumeId, group]) => ({
                ...(n.name ? { name: n.name } : {}),
                volumeId,
                autoScalingGroupName: group,
            })),
        ),
    );
    return new aws.cloudwatch.Dashboard(
        `${name}-dashboard`,
        {
            dashboardName: a.dashboardName,
            dashboardBody: pulumi
                .all([nodes, a.targets, a.clusterName, a.region])
                .apply(([resolved, targets, clusterName, region]) =>
                    dashboardBody({
                        stackId: a.stackId,
                        network: a.network,
                        nodes: resolved,
                        targets,
                        clusterName,
                        region,
                    }),
                ),
        },
        opts,
    );
}
