import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { ECSClient } from "@aws-sdk/client-ecs";

/** What every step of the lifecycle handler shares: its settings, its AWS clients and the event. */

export interface LifecycleSettings {
    /**
     * Every current node's group-name prefix; one for a single node. Which volume a node attaches
     * is not here but on its instance (CHAIN_VOLUME_ID_TAG), so this changes only when nodes come or go.
     */
    nodeGroupPrefixes: string[];
    /** The stack tag's value: the final snapshot finds any of this stack's chain volumes by it. */
    stackTagValue: string;
    /** One node keeps an A record to its private IP; behind a load balancer, Pulumi owns the name. */
    manageRecord: boolean;
    zoneId: string;
    dnsName: string;
    clusterName: string;
    ttlSeconds: number;
    deviceName: string;
    /** Tags every final snapshot carries (stack, network, client, node mode). */
    snapshotTags: Record<string, string>;
    pollMs: number;
    /** How long to wait for a volume or a drain before giving up. */
    timeoutMs: number;
    /** How often a long wait tells Auto Scaling the action is still alive (RecordLifecycleActionHeartbeat). */
    heartbeatMs: number;
    log: (message: string) => void;
}

export interface Clients {
    ec2: EC2Client;
    route53: Route53Client;
    autoscaling: AutoScalingClient;
    ecs: ECSClient;
}

/** The program's own event (catalog/dns.ts SYNC_RECORD_ACTION), sent through an aws.lambda.Invocation. */
export interface SyncRecordEvent {
    action: string;
}

export interface LifecycleEvent {
    "detail-type": string;
    detail: {
        LifecycleTransition: string;
        AutoScalingGroupName: string;
        LifecycleHookName: string;
        LifecycleActionToken?: string;
        EC2InstanceId: string;
    };
}

export class LifecycleError extends Error {}

export const GONE_STATES = ["shutting-down", "terminated", "stopping", "stopped"];
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
