import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair } from "../catalog/clients";
import { Network, NodeMode } from "../catalog/networks";
import { ContainerMemory } from "../domain/memory";
import { longestStopSeconds } from "../domain/containers";
import { createNodeMonitoring } from "./nodeMonitoring";
import { createLifecycleHandler } from "./lifecycleHandler";
import { createSecurityGroups } from "./service/securityGroups";
import { createRoles } from "./service/roles";
import { createHost } from "./service/host";
import { createNodeTask } from "./service/ecs";

export interface ParityServiceArgs {
    client: ClientPair;
    network: Network;
    nodeMode: NodeMode;
    rpcApis: string[];
    /** CIDRs inside the VPC that may call RPC besides the access group. */
    rpcAllowedCidrs: string[];
    checkpointSyncUrls: string[];
    vpcId: pulumi.Input<string>;
    /** A subnet in the chain volume's zone (components/network.ts resolves the default one). */
    subnetId: pulumi.Input<string>;
    instanceType: string;
    memory: ContainerMemory;
    images: {
        execution: pulumi.Input<string>;
        consensus: pulumi.Input<string>;
        monitor: pulumi.Input<string>;
        repositoryArn: pulumi.Input<string>;
    };
    chainVolumeId: pulumi.Input<string>;
    /** The chain volume's tag value: the handler finds the volume to snapshot on terminate by it. */
    volumeTagValue: string;
    /** project/stack: the value of the stack and chain-volume tags, and the metrics' Stack dimension. */
    stackId: string;
    /** Readiness: head no older than this, at least this many peers. */
    readiness: { maxHeadAgeSeconds: number; minPeers: number };
    referenceRpcUrls: string[];
    alertEmail?: string;
    /** The zone and name the lifecycle handler points at each new instance. */
    zoneId: pulumi.Input<string>;
    dnsName: string;
    logRetentionDays: number;
    tags: Record<string, string>;
}

/** The node: an ECS cluster on one EC2 instance running the execution and consensus clients. */
export class ParityService extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly serviceName: pulumi.Output<string>;
    public readonly accessSecurityGroupId: pulumi.Output<string>;
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    public readonly autoScalingGroupName: pulumi.Output<string>;
    public readonly alertTopicArn: pulumi.Output<string>;
    public readonly dashboardName: pulumi.Output<string>;

    constructor(name: string, args: ParityServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:compute:ParityService", name, {}, opts);
        const parent = { parent: this };
        const region = aws.getRegionOutput({}, parent).region;

        const groups = createSecurityGroups(name, args, this);
        const cluster = new aws.ecs.Cluster(
            `${name}-cluster`,
            { settings: [{ name: "containerInsights", value: "enabled" }], tags: args.tags },
            parent,
        );
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { retentionInDays: args.logRetentionDays, tags: args.tags },
            parent,
        );
        const roles = createRoles(
            name,
            {
                repositoryArn: args.images.repositoryArn,
                logGroupArn: logGroup.arn,
                tags: args.tags,
            },
            this,
        );
        const { service } = createNodeTask(
            name,
            {
                ...args,
                executionRoleArn: roles.executionRole.arn,
                taskRoleArn: roles.taskRole.arn,
                logGroupName: logGroup.name,
                region,
                clusterArn: cluster.arn,
            },
            this,
        );

        // The handler must be listening before the group launches its first instance.
        const asgNamePrefix = `${pulumi.getProject()}-${pulumi.getStack()}-${name}-`;
        const handlerReady = createLifecycleHandler(
            name,
            {
                asgNamePrefix,
                clusterName: cluster.name,
                clusterArn: cluster.arn,
                volumeId: args.chainVolumeId,
                volumeTagValue: args.volumeTagValue,
                zoneId: args.zoneId,
                dnsName: args.dnsName,
                stackTagValue: args.stackId,
                logRetentionDays: args.logRetentionDays,
                tags: args.tags,
            },
            this,
        );
        const { group } = createHost(
            name,
            {
                instanceType: args.instanceType,
                subnetId: args.subnetId,
                nodeGroupId: groups.node.id,
                instanceProfileArn: roles.instanceProfile.arn,
                clusterName: cluster.name,
                chainVolumeId: args.chainVolumeId,
                stopTimeoutSeconds: longestStopSeconds(args.client),
                asgNamePrefix,
                handlerReady,
                tags: args.tags,
            },
            this,
        );

        const monitoring = createNodeMonitoring(
            name,
            {
                stackId: args.stackId,
                network: args.network,
                maxHeadAgeSeconds: args.readiness.maxHeadAgeSeconds,
                minPeers: args.readiness.minPeers,
                alertEmail: args.alertEmail,
                volumeId: args.chainVolumeId,
                autoScalingGroupName: group.name,
                clusterName: cluster.name,
                region,
                tags: args.tags,
            },
            this,
        );

        this.clusterName = cluster.name;
        this.alertTopicArn = monitoring.topicArn;
        this.dashboardName = monitoring.dashboardName;
        this.serviceName = service.name;
        this.accessSecurityGroupId = groups.access.id;
        this.nodeSecurityGroupId = groups.node.id;
        this.autoScalingGroupName = group.name;
        this.registerOutputs({
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            accessSecurityGroupId: this.accessSecurityGroupId,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            autoScalingGroupName: this.autoScalingGroupName,
            alertTopicArn: this.alertTopicArn,
            dashboardName: this.dashboardName,
        });
    }
}
