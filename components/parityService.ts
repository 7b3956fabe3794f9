import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";
import {
    ClientPair,
    pairPorts,
    ExecutionClient,
    ConsensusClient,
    RunContext,
} from "../catalog/clients";
import { Network, NodeMode } from "../catalog/networks";
import { PortSpec, MONITOR_PORTS, READINESS_PORT } from "../catalog/ports";
import { createNodeMonitoring } from "./nodeMonitoring";
import { METRIC_NAMESPACE } from "../monitor/metrics";
import type { ConfigProblem } from "../config";
import { createLifecycleHandler, LIFECYCLE_HEARTBEAT_SECONDS } from "./lifecycleHandler";

export interface ParityServiceArgs {
    client: ClientPair;
    network: Network;
    nodeMode: NodeMode;
    rpcApis: string[];
    /** CIDRs inside the VPC that may call RPC besides the access group. */
    rpcAllowedCidrs: string[];
    checkpointSyncUrls: string[];
    vpcId: pulumi.Input<string>;
    /** A subnet in the chain volume's zone (lib/network.ts resolves the default one). */
    subnetId: pulumi.Input<string>;
    availabilityZone: string;
    instanceType: string;
    memory: { executionMiB: number; consensusMiB: number; monitorMiB: number };
    images: {
        execution: pulumi.Input<string>;
        consensus: pulumi.Input<string>;
        monitor: pulumi.Input<string>;
        repositoryArn: pulumi.Input<string>;
    };
    chainVolumeId: pulumi.Input<string>;
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

/** Where the chain volume is mounted on the host and in the containers. */
export const DATA_DIR = "/data";
export const JWT_PATH = `${DATA_DIR}/jwt.hex`;
/** ECS-optimized Amazon Linux 2023, resolved by EC2 at launch so a new AMI never forces a replacement by itself. */
export const ECS_AMI =
    "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
/** The instance attribute the host sets once the chain volume is mounted (bootstrap/chain-volume.sh). */
export const VOLUME_ATTRIBUTE = "parity.chain-volume";

const MANAGED_POLICY = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** Security-group ingress for one port, from its exposure; host-only ports get none. */
export function ingressFor(
    p: PortSpec,
    accessGroupId: pulumi.Input<string>,
    allowedCidrs: string[],
): aws.types.input.ec2.SecurityGroupIngress[] {
    const base = {
        fromPort: p.port,
        toPort: p.port,
        protocol: p.protocol,
        description: `${p.name}: ${p.description}`,
    };
    switch (p.exposure) {
        case "public":
            return [{ ...base, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }];
        case "access": {
            const v4 = allowedCidrs.filter((c) => !c.includes(":"));
            const v6 = allowedCidrs.filter((c) => c.includes(":"));
            return [
                { ...base, securityGroups: [accessGroupId] },
                ...(allowedCidrs.length > 0
                    ? [{ ...base, cidrBlocks: v4, ipv6CidrBlocks: v6 }]
                    : []),
            ];
        }
        case "host":
            return [];
    }
}

/** The command, environment and data layout of one client container. */
export function clientContainer(
    role: "execution" | "consensus",
    client: ExecutionClient | ConsensusClient,
    clientName: string,
    ctx: Omit<RunContext, "dataDir" | "jwtPath">,
    checkpointSyncUrls: string[],
) {
    const dataDir = `${DATA_DIR}/${clientName}`;
    const env: Record<string, string> = {
        EXTERNAL_IP_FLAG: client.launch.externalIpFlag,
        JWT_PATH,
    };
    if (client.launch.nodeKeyFlag) {
        env.NODE_KEY_FLAG = client.launch.nodeKeyFlag;
        env.NODE_KEY_PATH = `${dataDir}/nodekey`;
    }
    if (client.launch.checkpointSyncFlag) {
        env.CHECKPOINT_SYNC_FLAG = client.launch.checkpointSyncFlag;
        env.CHECKPOINT_SYNC_URLS = checkpointSyncUrls.join(" ");
        env.CLIENT_DB_PATH = `${dataDir}/beacon`;
    }
    return {
        name: role,
        command: [client.launch.binary, ...client.args({ ...ctx, dataDir, jwtPath: JWT_PATH })],
        environment: Object.entries(env).map(([name, value]) => ({ name, value })),
        stopTimeout: client.stopTimeoutSeconds,
        healthCheck: {
            // Liveness only: the process answers. A node syncing for hours is healthy; readiness lives elsewhere.
            command: ["CMD-SHELL", client.livenessCommand],
            interval: 60,
            timeout: 10,
            retries: 10,
            startPeriod: 300,
        },
    };
}

/**
 * The monitor sidecar: not essential, so its failure never stops the clients; it reads the volume only
 * to measure it, and serves readiness on the host.
 */
export function monitorContainerSpec(
    args: Pick<
        ParityServiceArgs,
        "client" | "network" | "stackId" | "readiness" | "referenceRpcUrls"
    >,
) {
    const env: Record<string, string> = {
        RPC_URL: "http://127.0.0.1:8545",
        BEACON_URL: `http://127.0.0.1:${args.client.consensus.beaconApiPort}`,
        REFERENCE_RPC_URLS: args.referenceRpcUrls.join(" "),
        DATA_DIR,
        MAX_HEAD_AGE_SECONDS: String(args.readiness.maxHeadAgeSeconds),
        MIN_PEERS: String(args.readiness.minPeers),
        STACK: args.stackId,
        NETWORK: args.network,
        READY_PORT: String(READINESS_PORT),
    };
    return {
        name: "monitor",
        essential: false,
        environment: Object.entries(env).map(([name, value]) => ({ name, value })),
        mountPoints: [{ sourceVolume: "chain", containerPath: DATA_DIR, readOnly: true }],
    };
}

/** Host user data: join the cluster, allow long stops, then mount the chain volume (bootstrap/chain-volume.sh). */
export function userData(
    clusterName: string,
    volumeId: string,
    stopTimeoutSeconds: number,
): string {
    const mountScript = fs.readFileSync(
        path.join(__dirname, "..", "bootstrap", "chain-volume.sh"),
        "utf8",
    );
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        "cat >>/etc/ecs/ecs.config <<'ECS'",
        `ECS_CLUSTER=${clusterName}`,
        `ECS_CONTAINER_STOP_TIMEOUT=${stopTimeoutSeconds}s`,
        "ECS",
        "cat >/usr/local/sbin/chain-volume <<'SCRIPT'",
        mountScript.trimEnd(),
        "SCRIPT",
        "chmod 0755 /usr/local/sbin/chain-volume",
        `VOLUME_ID=${volumeId} /usr/local/sbin/chain-volume`,
        // If the agent is already running it has not read the new attribute; --no-block because the
        // agent's unit may be ordered after this very boot stage.
        "systemctl try-restart --no-block ecs || true",
        "",
    ].join("\n");
}

/** Looks up a subnet's zone and VPC; undefined when it does not exist. */
export type SubnetLookup = (
    subnetId: string,
) => Promise<{ availabilityZone: string; vpcId: string } | undefined>;

export const awsSubnet: SubnetLookup = async (id) => {
    try {
        const subnet = await aws.ec2.getSubnet({ id });
        return { availabilityZone: subnet.availabilityZone, vpcId: subnet.vpcId };
    } catch {
        return undefined;
    }
};

/** A configured subnet must exist, belong to vpcId and lie in the chain volume's zone. */
export async function checkSubnet(
    subnetId: string,
    vpcId: string,
    availabilityZone: string,
    lookup: SubnetLookup,
): Promise<ConfigProblem[]> {
    const subnet = await lookup(subnetId);
    if (subnet === undefined) {
        return [
            {
                key: "subnetId",
                message: `${JSON.stringify(subnetId)} does not exist in this account and region`,
            },
        ];
    }
    const problems: ConfigProblem[] = [];
    if (subnet.vpcId !== vpcId) {
        problems.push({
            key: "subnetId",
            message: `${JSON.stringify(subnetId)} belongs to ${subnet.vpcId}, not to vpcId ${vpcId}`,
        });
    }
    if (subnet.availabilityZone !== availabilityZone) {
        problems.push({
            key: "subnetId",
            message: `${JSON.stringify(subnetId)} is in ${subnet.availabilityZone}; it must be in availabilityZone ${availabilityZone}, where the chain volume lives`,
        });
    }
    return problems;
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
        const { client } = args;

        const { vpcId, subnetId } = args;

        const access = new aws.ec2.SecurityGroup(
            `${name}-access`,
            {
                vpcId,
                description: "Members may call the node's JSON-RPC (8545) and WebSocket (8546)",
                tags: args.tags,
            },
            parent,
        );
        const node = new aws.ec2.SecurityGroup(
            `${name}-node`,
            {
                vpcId,
                description: "Ethereum node: public P2P, RPC from the access group only",
                ingress: [...pairPorts(client), ...MONITOR_PORTS].flatMap((p) =>
                    ingressFor(p, access.id, args.rpcAllowedCidrs),
                ),
                egress: [
                    {
                        fromPort: 0,
                        toPort: 0,
                        protocol: "-1",
                        cidrBlocks: ["0.0.0.0/0"],
                        ipv6CidrBlocks: ["::/0"],
                        description: "P2P, checkpoint sync, AWS APIs",
                    },
                ],
                tags: args.tags,
            },
            parent,
        );

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

        const instanceRole = new aws.iam.Role(
            `${name}-instance`,
            {
                assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({
                    Service: "ec2.amazonaws.com",
                }),
                // ECS agent (register, poll, pull) and Session Manager instead of SSH; nothing that mutates EC2 or Route53.
                managedPolicyArns: [
                    MANAGED_POLICY("service-role/AmazonEC2ContainerServiceforEC2Role"),
                    MANAGED_POLICY("AmazonSSMManagedInstanceCore"),
                ],
                tags: args.tags,
            },
            parent,
        );
        const instanceProfile = new aws.iam.InstanceProfile(
            `${name}-instance`,
            { role: instanceRole.name, tags: args.tags },
            parent,
        );

        const executionRole = new aws.iam.Role(
            `${name}-task-execution`,
            {
                assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({
                    Service: "ecs-tasks.amazonaws.com",
                }),
                tags: args.tags,
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-task-execution`,
            {
                role: executionRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "EcrLogin",
                            Effect: "Allow",
                            Action: ["ecr:GetAuthorizationToken"],
                            Resource: "*",
                        },
                        {
                            Sid: "PullNodeImages",
                            Effect: "Allow",
                            Action: [
                                "ecr:BatchGetImage",
                                "ecr:GetDownloadUrlForLayer",
                                "ecr:BatchCheckLayerAvailability",
                            ],
                            Resource: args.images.repositoryArn,
                        },
                        {
                            Sid: "WriteNodeLogs",
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: pulumi.interpolate`${logGroup.arn}:*`,
                        },
                    ],
                }),
            },
            parent,
        );
        // The clients call no AWS API; the monitor only publishes metrics, to its own namespace.
        const taskRole = new aws.iam.Role(
            `${name}-task`,
            {
                assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({
                    Service: "ecs-tasks.amazonaws.com",
                }),
                tags: args.tags,
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-task`,
            {
                role: taskRole.id,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        // PutMetricData has no resource-level permissions; the namespace condition is its scope.
                        {
                            Sid: "PublishNodeMetrics",
                            Effect: "Allow",
                            Action: ["cloudwatch:PutMetricData"],
                            Resource: "*",
                            Condition: {
                                StringEquals: { "cloudwatch:namespace": METRIC_NAMESPACE },
                            },
                        },
                    ],
                }),
            },
            parent,
        );

        const ctx = { network: args.network, nodeMode: args.nodeMode, rpcApis: args.rpcApis };
        const containers = [
            {
                ...clientContainer(
                    "execution",
                    client.execution,
                    client.executionName,
                    ctx,
                    args.checkpointSyncUrls,
                ),
                image: args.images.execution,
                memoryReservation: args.memory.executionMiB,
            },
            {
                ...clientContainer(
                    "consensus",
                    client.consensus,
                    client.consensusName,
                    ctx,
                    args.checkpointSyncUrls,
                ),
                image: args.images.consensus,
                memoryReservation: args.memory.consensusMiB,
            },
        ];
        const monitorContainer = {
            ...monitorContainerSpec(args),
            image: args.images.monitor,
            memoryReservation: args.memory.monitorMiB,
        };
        const region = aws.getRegionOutput({}, parent).region;
        const logsTo = (prefix: string) => ({
            logDriver: "awslogs",
            options: {
                "awslogs-group": logGroup.name,
                "awslogs-region": region,
                "awslogs-stream-prefix": prefix,
            },
        });
        const taskDefinition = new aws.ecs.TaskDefinition(
            `${name}-task`,
            {
                family: `${name}-${pulumi.getStack()}`,
                networkMode: "host",
                requiresCompatibilities: ["EC2"],
                executionRoleArn: executionRole.arn,
                taskRoleArn: taskRole.arn,
                volumes: [{ name: "chain", hostPath: DATA_DIR }],
                containerDefinitions: pulumi.jsonStringify([
                    ...containers.map((c) => ({
                        ...c,
                        essential: true,
                        mountPoints: [{ sourceVolume: "chain", containerPath: DATA_DIR }],
                        ulimits: [{ name: "nofile", softLimit: 1048576, hardLimit: 1048576 }],
                        logConfiguration: logsTo(c.name),
                    })),
                    { ...monitorContainer, logConfiguration: logsTo(monitorContainer.name) },
                ]),
                tags: args.tags,
            },
            parent,
        );

        const hostName = `${name}-${pulumi.getStack()}`;
        const longestStop = Math.max(
            client.execution.stopTimeoutSeconds,
            client.consensus.stopTimeoutSeconds,
        );
        const launchTemplate = new aws.ec2.LaunchTemplate(
            `${name}-host`,
            {
                imageId: ECS_AMI,
                instanceType: args.instanceType,
                iamInstanceProfile: { arn: instanceProfile.arn },
                // IMDSv2 only; host-network containers share the host's hop, so a limit of 1 is enough.
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                },
                networkInterfaces: [
                    {
                        associatePublicIpAddress: "true",
                        deleteOnTermination: "true",
                        securityGroups: [node.id],
                        subnetId,
                    },
                ],
                blockDeviceMappings: [
                    {
                        deviceName: "/dev/xvda",
                        ebs: {
                            volumeSize: 40,
                            volumeType: "gp3",
                            encrypted: "true",
                            deleteOnTermination: "true",
                        },
                    },
                ],
                userData: pulumi
                    .all([cluster.name, args.chainVolumeId])
                    .apply(([c, v]) => Buffer.from(userData(c, v, longestStop)).toString("base64")),
                tagSpecifications: [
                    { resourceType: "instance", tags: { ...args.tags, Name: hostName } },
                    { resourceType: "volume", tags: args.tags },
                ],
                updateDefaultVersion: true,
                tags: args.tags,
            },
            parent,
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
                volumeTagValue: args.stackId,
                zoneId: args.zoneId,
                dnsName: args.dnsName,
                stackTagValue: args.stackId,
                logRetentionDays: args.logRetentionDays,
                tags: args.tags,
            },
            this,
        );
        const group = new aws.autoscaling.Group(
            `${name}-asg`,
            {
                namePrefix: asgNamePrefix,
                // One node; a replacement terminates the old instance first, since the chain volume attaches to one instance.
                minSize: 1,
                maxSize: 1,
                desiredCapacity: 1,
                vpcZoneIdentifiers: [subnetId],
                launchTemplate: {
                    id: launchTemplate.id,
                    version: launchTemplate.latestVersion.apply(String),
                },
                healthCheckType: "EC2",
                instanceRefresh: {
                    strategy: "Rolling",
                    preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 100 },
                },
                initialLifecycleHooks: [
                    // Attach the volume and point DNS before the instance counts as launched; without them it must not serve.
                    {
                        name: `${name}-launch`,
                        lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
                        heartbeatTimeout: LIFECYCLE_HEARTBEAT_SECONDS,
                        defaultResult: "ABANDON",
                    },
                    // Drain and snapshot before termination; if the handler is gone, termination still proceeds.
                    {
                        name: `${name}-terminate`,
                        lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
                        heartbeatTimeout: LIFECYCLE_HEARTBEAT_SECONDS,
                        defaultResult: "CONTINUE",
                    },
                ],
                tags: Object.entries({ ...args.tags, Name: hostName }).map(([key, value]) => ({
                    key,
                    value,
                    propagateAtLaunch: true,
                })),
            },
            { parent: this, dependsOn: handlerReady },
        );
        const service = new aws.ecs.Service(
            `${name}-service`,
            {
                cluster: cluster.arn,
                taskDefinition: taskDefinition.arn,
                desiredCount: 1,
                launchType: "EC2",
                // Fixed host ports: the old task must stop before the new one starts.
                deploymentMinimumHealthyPercent: 0,
                deploymentMaximumPercent: 100,
                placementConstraints: [
                    {
                        type: "memberOf",
                        expression: pulumi.interpolate`attribute:${VOLUME_ATTRIBUTE} == ${args.chainVolumeId}`,
                    },
                ],
                propagateTags: "SERVICE",
                tags: args.tags,
            },
            parent,
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
        this.accessSecurityGroupId = access.id;
        this.nodeSecurityGroupId = node.id;
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
