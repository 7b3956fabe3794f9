import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as esbuild from "esbuild";
import * as path from "path";
import { STACK_TAG } from "../catalog/tags";
import { RECORD_TTL_SECONDS } from "../catalog/dns";
import { lifecycleTiming } from "../domain/lifecycleTiming";

/**
 * The nodes' Auto Scaling lifecycle handler (handlers/lifecycle/) as a Lambda behind an EventBridge
 * rule. Part of ParityService: it must exist before the Auto Scaling group launches its first instance.
 */
export interface LifecycleHandlerArgs {
    /** Every node's group name starts with this (each node's own prefix extends it). */
    asgNamePrefix: string;
    clusterName: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    /** Each node's chain volume, by its group-name prefix. */
    nodes: { groupPrefix: string; volumeId: pulumi.Input<string>; volumeTagValue: string }[];
    /** One node: the handler keeps an A record. Behind a load balancer: Pulumi owns the name. */
    manageRecord: boolean;
    zoneId: pulumi.Input<string>;
    dnsName: string;
    stackTagValue: string;
    logRetentionDays: number;
    tags: Record<string, string>;
}

/** The hook, Lambda and wait clocks, nested (domain/lifecycleTiming.ts). */
export const LIFECYCLE_TIMING = lifecycleTiming();

/** The handler bundled for the Lambda Node.js runtime, which ships the AWS SDK v3 clients. */
let handlerBundle: string | undefined;

export function bundleHandler(): string {
    // Once per process: the sources do not change while a program (or a test run) is running.
    if (handlerBundle !== undefined) {
        return handlerBundle;
    }
    const result = esbuild.buildSync({
        entryPoints: [path.join(__dirname, "..", "handlers", "lifecycle", "index.ts")],
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        external: ["@aws-sdk/*"],
        write: false,
        logLevel: "silent",
    });
    const [bundle] = result.outputFiles;
    if (bundle === undefined) {
        throw new Error("esbuild produced no output for handlers/lifecycle/index.ts");
    }
    handlerBundle = bundle.text;
    return handlerBundle;
}

/** Least privilege: every mutating statement names this stack's zone, group, cluster or tagged resources. */
export function lifecycleHandlerPolicy(a: {
    region: string;
    account: string;
    stackTagValue: string;
    zoneId: string;
    asgNamePrefix: string;
    clusterName: string;
    clusterArn: string;
    logGroupArn: string;
}) {
    const ec2 = (resource: string) => `arn:aws:ec2:${a.region}:${a.account}:${resource}`;
    const ownedByStack = { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: a.stackTagValue } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "Read",
                Effect: "Allow",
                Action: ["ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots"],
                Resource: "*",
            },
            {
                Sid: "MoveChainVolume",
                Effect: "Allow",
                Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
                Resource: [ec2("volume/*"), ec2("instance/*")],
                Condition: ownedByStack,
            },
            {
                Sid: "SnapshotChainVolume",
                Effect: "Allow",
                Action: ["ec2:CreateSnapshot"],
                Resource: [ec2("volume/*")],
                Condition: ownedByStack,
            },
            {
                Sid: "CreateTaggedSnapshot",
                Effect: "Allow",
                Action: ["ec2:CreateSnapshot"],
                Resource: [`arn:aws:ec2:${a.region}::snapshot/*`],
                Condition: { StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: a.stackTagValue } },
            },
            {
                Sid: "TagNewSnapshot",
                Effect: "Allow",
                Action: ["ec2:CreateTags"],
                Resource: [`arn:aws:ec2:${a.region}::snapshot/*`],
                Condition: { StringEquals: { "ec2:CreateAction": "CreateSnapshot" } },
            },
            {
                Sid: "NodeRecord",
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"],
                Resource: [`arn:aws:route53:::hostedzone/${a.zoneId}`],
            },
            {
                Sid: "CompleteLifecycle",
                Effect: "Allow",
                Action: [
                    "autoscaling:CompleteLifecycleAction",
                    "autoscaling:RecordLifecycleActionHeartbeat",
                ],
                Resource: [
                    `arn:aws:autoscaling:${a.region}:${a.account}:autoScalingGroup:*:autoScalingGroupName/${a.asgNamePrefix}*`,
                ],
            },
            // Describe calls take no resource-level permissions; the record sync finds node 1's instance.
            {
                Sid: "FindNodeInstance",
                Effect: "Allow",
                Action: ["autoscaling:DescribeAutoScalingGroups"],
                Resource: "*",
            },
            {
                Sid: "FindContainerInstance",
                Effect: "Allow",
                Action: ["ecs:ListContainerInstances"],
                Resource: [a.clusterArn],
            },
            {
                Sid: "DrainContainerInstance",
                Effect: "Allow",
                Action: ["ecs:UpdateContainerInstancesState", "ecs:DescribeContainerInstances"],
                Resource: [
                    `arn:aws:ecs:${a.region}:${a.account}:container-instance/${a.clusterName}/*`,
                ],
            },
            // Read-only: which tasks are on the draining instance, and whether each has stopped.
            { Sid: "ListNodeTasks", Effect: "Allow", Action: ["ecs:ListTasks"], Resource: "*" },
            {
                Sid: "WatchNodeTasks",
                Effect: "Allow",
                Action: ["ecs:DescribeTasks"],
                Resource: [`arn:aws:ecs:${a.region}:${a.account}:task/${a.clusterName}/*`],
            },
            {
                Sid: "Logs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [`${a.logGroupArn}:*`],
            },
        ],
    };
}

/**
 * Creates the handler; returns the function and the resources the Auto Scaling group must wait for.
 */
export function createLifecycleHandler(
    name: string,
    args: LifecycleHandlerArgs,
    parent: pulumi.Resource,
): { fn: aws.lambda.Function; ready: pulumi.Resource[] } {
    const opts = { parent };
    const region = aws.getRegionOutput({}, opts).region;
    const account = aws.getCallerIdentityOutput({}, opts).accountId;
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-lifecycle`,
        { retentionInDays: args.logRetentionDays, tags: args.tags },
        opts,
    );
    const role = new aws.iam.Role(
        `${name}-lifecycle`,
        {
            assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({
                Service: "lambda.amazonaws.com",
            }),
            tags: args.tags,
        },
        opts,
    );
    const policy = new aws.iam.RolePolicy(
        `${name}-lifecycle`,
        {
            role: role.id,
            policy: pulumi
                .all([
                    region,
                    account,
                    args.zoneId,
                    args.clusterName,
                    args.clusterArn,
                    logGroup.arn,
                ])
                .apply(([r, acct, zoneId, clusterName, clusterArn, logGroupArn]) =>
                    JSON.stringify(
                        lifecycleHandlerPolicy({
                            region: r,
                            account: acct,
                            stackTagValue: args.stackTagValue,
                            zoneId,
                            asgNamePrefix: args.asgNamePrefix,
                            clusterName,
                            clusterArn,
                            logGroupArn,
                        }),
                    ),
                ),
        },
        opts,
    );
    const fn = new aws.lambda.Function(
        `${name}-lifecycle`,
        {
            runtime: "nodejs22.x",
            handler: "index.handler",
            role: role.arn,
            code: new pulumi.asset.AssetArchive({
                "index.js": new pulumi.asset.StringAsset(bundleHandler()),
            }),
            timeout: LIFECYCLE_TIMING.lambdaTimeoutSeconds,
            memorySize: 256,
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
            environment: {
                variables: {
                    NODES: pulumi.jsonStringify(
                        Object.fromEntries(
                            args.nodes.map((n) => [
                                n.groupPrefix,
                                { volumeId: n.volumeId, volumeTagValue: n.volumeTagValue },
                            ]),
                        ),
                    ),
                    DNS_RECORD: String(args.manageRecord),
                    ZONE_ID: args.zoneId,
                    DNS_NAME: args.dnsName,
                    CLUSTER_NAME: args.clusterName,
                    DNS_TTL: String(RECORD_TTL_SECONDS),
                    STACK_TAG_VALUE: args.stackTagValue,
                    SNAPSHOT_TAGS: JSON.stringify({ ...args.tags, "parity:snapshot": "final" }),
                    TIMEOUT_MS: String(LIFECYCLE_TIMING.waitSeconds * 1000),
                    HEARTBEAT_MS: String(LIFECYCLE_TIMING.heartbeatEverySeconds * 1000),
                },
            },
            tags: args.tags,
        },
        { parent, dependsOn: [policy] },
    );
    const rule = new aws.cloudwatch.EventRule(
        `${name}-lifecycle`,
        {
            description: "Auto Scaling lifecycle actions of the node's group",
            eventPattern: JSON.stringify({
                source: ["aws.autoscaling"],
                "detail-type": [
                    "EC2 Instance-launch Lifecycle Action",
                    "EC2 Instance-terminate Lifecycle Action",
                ],
                detail: { AutoScalingGroupName: [{ prefix: args.asgNamePrefix }] },
            }),
            tags: args.tags,
        },
        opts,
    );
    const permission = new aws.lambda.Permission(
        `${name}-lifecycle`,
        {
            action: "lambda:InvokeFunction",
            function: fn.name,
            principal: "events.amazonaws.com",
            sourceArn: rule.arn,
        },
        opts,
    );
    const target = new aws.cloudwatch.EventTarget(
        `${name}-lifecycle`,
        { rule: rule.name, arn: fn.arn },
        opts,
    );
    // A launch that outwaits one invocation fails it, and Lambda runs the event again (lifecycleTiming).
    const retries = new aws.lambda.FunctionEventInvokeConfig(
        `${name}-lifecycle`,
        {
            functionName: fn.name,
            maximumRetryAttempts: LIFECYCLE_TIMING.lambdaRetries,
            maximumEventAgeInSeconds: LIFECYCLE_TIMING.maxEventAgeSeconds,
        },
        opts,
    );
    return { fn, ready: [permission, target, retries] };
}
