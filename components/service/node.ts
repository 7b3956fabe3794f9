import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ContainerInputs, ContainerRole } from "../../domain/containers";
import { Architecture } from "../../catalog/host";
import { AwsProviderSettings } from "../../config/awsProvider";
import { derivedNames, StackIdentity } from "../../domain/awsNames";
import { createHost } from "./host";
import { createNodeTask } from "./ecs";
import { NodeReadyGate } from "./readyGate";
import { SYNC_RECORD_ACTION } from "../../catalog/dns";
import { METRIC_NAMESPACE, nodeMetricDimensions } from "../../catalog/metrics";

/** One node: its chain volume's host (launch template, group of one), its task and its service. */
export interface NodeArgs {
    /** `node`, `node-n2`, …: names its resources and, with several nodes, its metrics. */
    name: string;
    subnetId: pulumi.Input<string>;
    chainVolumeId: pulumi.Input<string>;
    /** Deployed by an earlier run: an upgrade of it waits until it is ready again. */
    deployed: boolean;
}

export interface SharedParts extends Omit<ContainerInputs, "node"> {
    instanceType: string;
    architecture: Architecture;
    images: Record<ContainerRole, pulumi.Input<string>>;
    executionRoleArn: pulumi.Input<string>;
    taskRoleArn: pulumi.Input<string>;
    instanceProfileArn: pulumi.Input<string>;
    nodeGroupId: pulumi.Input<string>;
    logGroupName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    stopTimeoutSeconds: number;
    handlerReady: pulumi.Resource[];
    tags: Record<string, string>;
    /** Several nodes: the target groups, which the node's group registers its instance in. */
    targetGroupArns?: pulumi.Input<string>[];
    /** The stack's AWS provider settings: the readiness gate calls AWS with them. */
    awsProvider: AwsProviderSettings;
    /** The project and stack the names derive from. */
    identity: StackIdentity;
}

/** Seconds an upgraded node may take to be ready again before the rollout stops. */
export const UPGRADE_READY_TIMEOUT_SECONDS = 3 * 3600;

/**
 * Creates a node. `after` is the previous node's gate: behind a load balancer the nodes roll one at
 * a time, each after the one before is ready again, for task changes (the service) and instance
 * changes (the group's instance refresh) alike.
 */
export function createNode(
    node: NodeArgs,
    shared: SharedParts,
    after: pulumi.Resource | undefined,
    parent: pulumi.Resource,
) {
    const balanced = shared.targetGroupArns !== undefined;
    const { taskDefinition, service } = createNodeTask(
        node.name,
        {
            ...shared,
            node: balanced ? node.name : undefined,
            waitForSteadyState: balanced && node.deployed ? true : undefined,
            chainVolumeId: node.chainVolumeId,
            dependsOn: after ? [after] : undefined,
        },
        parent,
    );
    const { group } = createHost(
        node.name,
        {
            ...shared,
            subnetId: node.subnetId,
            chainVolumeId: node.chainVolumeId,
            asgNamePrefix: derivedNames.groupPrefix(node.name, shared.identity),
            after,
        },
        parent,
    );
    const gate = balanced
        ? new NodeReadyGate(
              `${node.name}-ready`,
              {
                  // Keys in the stack config stay secret in the gate's state too.
                  aws: shared.awsProvider.secretKey
                      ? pulumi.secret(shared.awsProvider)
                      : shared.awsProvider,
                  groupName: group.name,
                  targetGroupArns: pulumi.all(shared.targetGroupArns!),
                  taskDefinitionArn: taskDefinition.arn,
                  // The group's launch template version: a new one starts an instance refresh.
                  launchTemplateVersion: group.launchTemplate.apply((t) =>
                      String(t?.version ?? ""),
                  ),
                  timeoutSeconds: UPGRADE_READY_TIMEOUT_SECONDS,
                  pollSeconds: 15,
                  settleSeconds: 60,
                  readyMetric: {
                      namespace: METRIC_NAMESPACE,
                      dimensions: nodeMetricDimensions(shared.stackId, shared.network, node.name),
                  },
              },
              { parent, dependsOn: [service, group] },
          )
        : undefined;
    return { service, group, gate, taskDefinition };
}

/** The stable name as an alias of the load balancer, evaluated by its target health. */
export function createAlias(
    name: string,
    args: { zoneId: pulumi.Input<string>; dnsName: string; lb: aws.lb.LoadBalancer },
    parent: pulumi.Resource,
) {
    return new aws.route53.Record(
        `${name}-alias`,
        {
            zoneId: args.zoneId,
            name: args.dnsName,
            type: "A",
            aliases: [
                { name: args.lb.dnsName, zoneId: args.lb.zoneId, evaluateTargetHealth: true },
            ],
            // Going from one node to several, this takes over the A record the handler kept.
            allowOverwrite: true,
        },
        // Going back to one node, the record sync has already written the node's A record over the
        // alias; deleting the alias would delete that record (the provider deletes by name and type).
        { parent, retainOnDelete: true },
    );
}

/**
 * One node keeps an A record that the lifecycle handler writes on every launch. The handler also
 * writes it now, with the current instance's address: going from several nodes to one, no launch
 * happens, and the alias is about to go.
 */
export function syncNodeRecord(
    name: string,
    args: {
        handler: aws.lambda.Function;
        group: aws.autoscaling.Group;
        zoneId: pulumi.Input<string>;
        dnsName: string;
    },
    parent: pulumi.Resource,
) {
    return new aws.lambda.Invocation(
        `${name}-record`,
        {
            functionName: args.handler.name,
            input: JSON.stringify({ action: SYNC_RECORD_ACTION }),
            // A new group, a new zone or name (or a return to one node after several) writes it again.
            triggers: { group: args.group.name, zoneId: args.zoneId, dnsName: args.dnsName },
        },
        { parent, dependsOn: [args.group] },
    );
}
