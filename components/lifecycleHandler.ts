import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as esbuild from "esbuild";
import * as path from "path";
import { SNAPSHOT_KINDS, SNAPSHOT_TAG } from "../catalog/tags";
import { RECORD_TTL_SECONDS } from "../catalog/dns";
import { lifecycleTiming } from "../domain/lifecycleTiming";
import { lifecycleHandlerPolicy } from "../domain/lifecycleHandlerPolicy";

/**
 * The nodes' Auto Scaling lifecycle handler (handlers/lifecycle/) as a Lambda behind an EventBridge
 * rule. Part of ParityService: it must exist before the Auto Scaling group launches its first instance.
 */
export interface LifecycleHandlerArgs {
    /** Every node's group name starts with this (each node's own prefix extends it). */
    asgNamePrefix: string;
    clusterName: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    /**
     * Each node's group-name prefix. Not its volume: an instance names its own (CHAIN_VOLUME_ID_TAG),
     * so a restore reaches each node when its group rolls, not when the handler updates.
     */
    nodeGroupPrefixes: string[];
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

/** What the handler reads from its environment (handlers/lifecycle/index.ts settingsFromEnv). */
function handlerEnvironment(args: LifecycleHandlerArgs) {
    return {
        NODE_GROUP_PREFIXES: JSON.stringify(args.nodeGroupPrefixes),
        DNS_RECORD: String(args.manageRecord),
        ZONE_ID: args.zoneId,
        DNS_NAME: args.dnsName,
        CLUSTER_NAME: args.clusterName,
        DNS_TTL: String(RECORD_TTL_SECONDS),
        STACK_TAG_VALUE: args.stackTagValue,
        SNAPSHOT_TAGS: JSON.stringify({ ...args.tags, [SNAPSHOT_TAG]: SNAPSHOT_KINDS.final }),
        TIMEOUT_MS: String(LIFECYCLE_TIMING.waitSeconds * 1000),
        HEARTBEAT_MS: String(LIFECYCLE_TIMING.heartbeatEverySeconds * 1000),
    };
}

/**
 * The groups' lifecycle events reach the function (EventBridge rule, target, invoke permission),
 * and a failed event is run again (Lambda's retries, set explicitly). Returns what a group waits for.
 */
function routeLifecycleEvents(
    name: string,
    args: LifecycleHandlerArgs,
    fn: aws.lambda.Function,
    parent: pulumi.Resource,
): pulumi.Resource[] {
    const opts = { parent };
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
    return [permission, target, retries];
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
            environment: { variables: handlerEnvironment(args) },
            tags: args.tags,
        },
        { parent, dependsOn: [policy] },
    );
    return { fn, ready: routeLifecycleEvents(name, args, fn, parent) };
}
