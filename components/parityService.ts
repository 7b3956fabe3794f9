import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair } from "../catalog/clients";
import { Network, NodeMode } from "../catalog/networks";
import { HistoryNeed } from "../catalog/history";
import { ContainerMemory } from "../domain/memory";
import { Architecture } from "../catalog/host";
import { AwsProviderSettings } from "../config/awsProvider";
import { longestStopSeconds } from "../domain/containers";
import { createNodeMonitoring } from "./nodeMonitoring";
import { createLifecycleHandler } from "./lifecycleHandler";
import { createSecurityGroups } from "./service/securityGroups";
import { createRoles } from "./service/roles";
import { createEndpointSecrets } from "./service/endpointSecrets";
import { createLoadBalancer } from "./service/loadBalancer";
import { createAlias, createNode, NodeArgs, syncNodeRecord } from "./service/node";
import { derivedNames, StackIdentity } from "../domain/awsNames";

export interface ParityServiceArgs {
    client: ClientPair;
    network: Network;
    nodeMode: NodeMode;
    rpcApis: string[];
    /** The promised history, over which the execution client indexes logs. */
    logsFrom: HistoryNeed;
    /** The blocks one eth_getLogs filter may span, the same on every pair. */
    logsMaxBlockRange: number;
    /** Each client's peer limit. */
    peers: { execution: number; consensus: number };
    /** CIDRs inside the VPC that may call RPC besides the access group. */
    rpcAllowedCidrs: string[];
    checkpointSyncUrls: string[];
    /** How many other checkpoint providers must confirm the chosen one's finalized block. */
    checkpointConfirmations: number;
    vpcId: pulumi.Input<string>;
    /** One per node, each in its own zone with its own chain volume. */
    nodes: NodeArgs[];
    /** The deployment plan's balancer (two or more nodes): its subnets, which only ever grow. */
    balancerSubnetIds?: pulumi.Input<string>[];
    instanceType: string;
    /** The instance type's CPU architecture (AWS instance-type data): which AMI it boots. */
    architecture: Architecture;
    memory: ContainerMemory;
    images: {
        execution: pulumi.Input<string>;
        consensus: pulumi.Input<string>;
        monitor: pulumi.Input<string>;
        repositoryArn: pulumi.Input<string>;
        repositoryName: pulumi.Input<string>;
    };
    /** project/stack: the value of the stack tag, and the metrics' Stack dimension. */
    stackId: string;
    /** The project and stack the names derive from (domain/awsNames.ts). */
    identity: StackIdentity;
    /** Readiness: head no older than this, at least this many peers. */
    readiness: { maxHeadAgeSeconds: number; minPeers: number };
    /** Used percentage of the chain volume at which the disk alarm fires. */
    diskAlarmPercent: number;
    referenceRpcUrls: string[];
    alertEmail?: string;
    /** The zone and the stable name: an A record kept by the handler, or an alias of the NLB. */
    zoneId: pulumi.Input<string>;
    dnsName: string;
    logRetentionDays: number;
    /** The stack's AWS provider settings, for the readiness gate (a dynamic provider). */
    awsProvider: AwsProviderSettings;
    tags: Record<string, string>;
}

/** The cluster, the log group the containers write to, and the instance's and the tasks' roles. */
function createCluster(name: string, args: ParityServiceArgs, parent: pulumi.Resource) {
    const cluster = new aws.ecs.Cluster(
        `${name}-cluster`,
        { settings: [{ name: "containerInsights", value: "enabled" }], tags: args.tags },
        { parent },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-logs`,
        { retentionInDays: args.logRetentionDays, tags: args.tags },
        { parent },
    );
    const secrets = createEndpointSecrets(
        name,
        {
            CHECKPOINT_SYNC_URLS: args.checkpointSyncUrls,
            REFERENCE_RPC_URLS: args.referenceRpcUrls,
        },
        args.tags,
        parent,
    );
    const roles = createRoles(
        name,
        {
            clusterArn: cluster.arn,
            repositoryArn: args.images.repositoryArn,
            logGroupArn: logGroup.arn,
            secretParameterArns: secrets.arns,
            tags: args.tags,
        },
        parent,
    );
    return { cluster, logGroup, roles, secretRefs: secrets.refs };
}

/** The lifecycle handler: it must be listening before any group launches its first instance. */
function createHandler(
    name: string,
    args: ParityServiceArgs,
    cluster: aws.ecs.Cluster,
    balanced: boolean,
    parent: pulumi.Resource,
) {
    return createLifecycleHandler(
        name,
        {
            asgNamePrefix: derivedNames.groupPrefix(name, args.identity),
            clusterName: cluster.name,
            clusterArn: cluster.arn,
            nodeGroupPrefixes: args.nodes.map((n) =>
                derivedNames.groupPrefix(n.name, args.identity),
            ),
            manageRecord: !balanced,
            zoneId: args.zoneId,
            dnsName: args.dnsName,
            stackTagValue: args.stackId,
            logRetentionDays: args.logRetentionDays,
            tags: args.tags,
        },
        parent,
    );
}

/** The stable name: the balancer's alias, or one node's A record, written now and on every launch. */
function createNameRecord(
    name: string,
    args: ParityServiceArgs,
    parts: {
        balancer?: ReturnType<typeof createLoadBalancer>;
        handler: aws.lambda.Function;
        group: aws.autoscaling.Group;
    },
    parent: pulumi.Resource,
) {
    if (parts.balancer) {
        createAlias(
            name,
            { zoneId: args.zoneId, dnsName: args.dnsName, lb: parts.balancer.lb },
            parent,
        );
        return;
    }
    syncNodeRecord(
        name,
        { handler: parts.handler, group: parts.group, zoneId: args.zoneId, dnsName: args.dnsName },
        parent,
    );
}

/** The node or nodes: an ECS cluster with one EC2 instance per node running both clients. */
export class ParityService extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly serviceName: pulumi.Output<string>;
    public readonly accessSecurityGroupId: pulumi.Output<string>;
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    public readonly autoScalingGroupName: pulumi.Output<string>;
    public readonly alertTopicArn: pulumi.Output<string>;
    public readonly dashboardName: pulumi.Output<string>;
    /** The internal NLB's DNS name with several nodes; undefined with one. */
    public readonly loadBalancerDnsName?: pulumi.Output<string>;
    /** The clients' and the monitor's log group (the monitor logs readiness and its reasons each minute). */
    public readonly logGroupName: pulumi.Output<string>;
    /** The balancer's target groups (empty with one node): their health is the balancer's view of readiness. */
    public readonly targetGroupArns: pulumi.Output<string[]>;

    constructor(name: string, args: ParityServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:compute:ParityService", name, {}, opts);
        const region = aws.getRegionOutput({}, { parent: this }).region;
        // The deployment plan decided it: a balancer's subnets are given exactly when it runs one.
        const balanced = args.balancerSubnetIds !== undefined;

        const groups = createSecurityGroups(name, { ...args, loadBalanced: balanced }, this);
        const { cluster, logGroup, roles, secretRefs } = createCluster(name, args, this);
        // The balancer's security group exists exactly when there are several nodes.
        const balancer = groups.lb
            ? createLoadBalancer(
                  name,
                  {
                      vpcId: args.vpcId,
                      subnetIds: args.balancerSubnetIds ?? [],
                      securityGroupId: groups.lb.id,
                      tags: args.tags,
                  },
                  this,
              )
            : undefined;
        const handler = createHandler(name, args, cluster, balanced, this);
        const shared = {
            ...args,
            secretRefs,
            executionRoleArn: roles.executionRole.arn,
            taskRoleArn: roles.taskRole.arn,
            instanceProfileArn: roles.instanceProfile.arn,
            nodeGroupId: groups.node.id,
            logGroupName: logGroup.name,
            region,
            clusterArn: cluster.arn,
            clusterName: cluster.name,
            stopTimeoutSeconds: longestStopSeconds(args.client),
            handlerReady: handler.ready,
            targetGroupArns: balancer?.targetGroups.map((g) => g.arn),
        };
        // Behind the balancer each node waits for the one before it: upgrades roll one node at a time.
        const nodes: ReturnType<typeof createNode>[] = [];
        for (const node of args.nodes) {
            nodes.push(createNode(node, shared, nodes[nodes.length - 1]?.gate, this));
        }
        const first = nodes[0]!;
        createNameRecord(name, args, { balancer, handler: handler.fn, group: first.group }, this);
        const monitoring = createNodeMonitoring(
            name,
            {
                stackId: args.stackId,
                identity: args.identity,
                network: args.network,
                maxHeadAgeSeconds: args.readiness.maxHeadAgeSeconds,
                minPeers: args.readiness.minPeers,
                diskAlarmPercent: args.diskAlarmPercent,
                alertEmail: args.alertEmail,
                nodes: args.nodes.map((node, i) => ({
                    // A single node's metrics carry no Node dimension.
                    ...(balanced ? { name: node.name } : {}),
                    volumeId: node.chainVolumeId,
                    autoScalingGroupName: nodes[i]!.group.name,
                })),
                clusterName: cluster.name,
                region,
                balancer: balancer && { ...balancer, nodeCount: args.nodes.length },
                imageRepositoryName: args.images.repositoryName,
                tags: args.tags,
            },
            this,
        );

        this.clusterName = cluster.name;
        this.alertTopicArn = monitoring.topicArn;
        this.dashboardName = monitoring.dashboardName;
        this.serviceName = first.service.name;
        this.accessSecurityGroupId = groups.access.id;
        this.nodeSecurityGroupId = groups.node.id;
        this.autoScalingGroupName = first.group.name;
        this.loadBalancerDnsName = balancer?.lb.dnsName;
        this.logGroupName = logGroup.name;
        this.targetGroupArns = pulumi.all(balancer?.targetGroups.map((g) => g.arn) ?? []);
        this.registerOutputs({
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            accessSecurityGroupId: this.accessSecurityGroupId,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            autoScalingGroupName: this.autoScalingGroupName,
            alertTopicArn: this.alertTopicArn,
            dashboardName: this.dashboardName,
            loadBalancerDnsName: this.loadBalancerDnsName,
            logGroupName: this.logGroupName,
            targetGroupArns: this.targetGroupArns,
        });
    }
}
