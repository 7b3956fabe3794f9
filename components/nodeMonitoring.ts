import * as pulumi from "@pulumi/pulumi";
import { BalancerWatch, balancerTargets, createBalancerAlarms } from "./service/balancerAlarms";
import { derivedNames, StackIdentity } from "../domain/awsNames";
import { createAlertTopic } from "./monitoring/alertTopic";
import { createNodeAlarms } from "./monitoring/alarms";
import { createDashboard } from "./monitoring/dashboard";
import { createImageFindingsAlert } from "./monitoring/imageFindings";

/**
 * The node's monitoring, part of ParityService: the alert topic, every node's alarms over the monitor
 * sidecar's metrics (monitor/), the balancer's alarms with several nodes, and the dashboard.
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
    /** Each node: its name (a Node dimension of the monitor's metrics with several), volume and group. */
    nodes: {
        name?: string;
        volumeId: pulumi.Input<string>;
        autoScalingGroupName: pulumi.Input<string>;
    }[];
    clusterName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    /** Several nodes: the load balancer whose healthy targets are watched. */
    balancer?: BalancerWatch;
    /** The ECR repository of the node's images: its scan findings reach the topic. */
    imageRepositoryName: pulumi.Input<string>;
    tags: Record<string, string>;
}

export function createNodeMonitoring(
    name: string,
    args: NodeMonitoringArgs,
    parent: pulumi.Resource,
): { topicArn: pulumi.Output<string>; dashboardName: pulumi.Output<string> } {
    const opts = { parent };
    const topic = createAlertTopic(name, args, opts);
    createImageFindingsAlert(
        name,
        { repositoryName: args.imageRepositoryName, topic, tags: args.tags },
        opts,
    );
    const nodeNames = args.nodes.flatMap((n) => (n.name ? [n.name] : []));
    createNodeAlarms(
        name,
        { ...args, nodeNames: nodeNames.length > 0 ? nodeNames : undefined },
        topic.arn,
        opts,
    );
    if (args.balancer) {
        createBalancerAlarms(name, args.balancer, args.stackId, topic.arn, args.tags, opts);
    }
    const dashboard = createDashboard(
        name,
        {
            dashboardName: derivedNames.dashboard(args.identity),
            stackId: args.stackId,
            network: args.network,
            nodes: args.nodes,
            targets: balancerTargets(args.balancer),
            clusterName: args.clusterName,
            region: args.region,
        },
        opts,
    );
    return { topicArn: topic.arn, dashboardName: dashboard.dashboardName };
}
