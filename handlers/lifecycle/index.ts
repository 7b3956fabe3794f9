import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";
import {
    AutoScalingClient,
    CompleteLifecycleActionCommand,
    RecordLifecycleActionHeartbeatCommand,
} from "@aws-sdk/client-auto-scaling";
import { ECSClient } from "@aws-sdk/client-ecs";
import { requireEnv } from "../../runtime/env";
import {
    Clients,
    LifecycleError,
    LifecycleEvent,
    LifecycleSettings,
    SyncRecordEvent,
} from "./types";
import { RECORD_TTL_SECONDS, SYNC_RECORD_ACTION } from "../../catalog/dns";
import { syncRecord } from "./sync";
import { nodeOf, requireNode } from "./nodes";
import { onLaunch } from "./launch";
import { onTerminate } from "./terminate";

/**
 * Auto Scaling lifecycle handler for the node's instance (EventBridge → Lambda).
 *
 * Launch: attach the chain volume (waiting for, or safely detaching from, a terminating predecessor),
 * point the DNS name at the new private IP, then let the launch continue. The host mounts the volume
 * and only then advertises it to ECS, so the node never starts without its data.
 *
 * Terminate: drain the ECS instance (the clients stop cleanly), take a final snapshot of the chain
 * volume, then let termination continue. The A record stays until the next launch overwrites it:
 * deleting it would leave resolvers caching NXDOMAIN for the zone's negative TTL (900 s).
 *
 * Sync (the program's own event): point a single node's A record at its current instance.
 *
 * Every step is idempotent: EventBridge and Lambda may deliver the same event more than once.
 */

export * from "./types";
export { nodeOf, requireNode } from "./nodes";

export async function handleLifecycleEvent(
    event: LifecycleEvent,
    clients: Clients,
    common: LifecycleSettings,
): Promise<string> {
    const { detail } = event;
    const instanceId = detail.EC2InstanceId;
    const heartbeat = () => recordHeartbeat(clients, event);
    if (detail.LifecycleTransition === "autoscaling:EC2_INSTANCE_LAUNCHING") {
        try {
            requireNode(common, detail.AutoScalingGroupName);
            await onLaunch(instanceId, clients, common, heartbeat);
        } catch (e) {
            if (e instanceof LifecycleError) {
                // A launch that can never get its volume is abandoned: ASG terminates the instance.
                await completeAction(clients, event, "ABANDON", common.log);
            }
            throw e;
        }
        await completeAction(clients, event, "CONTINUE", common.log);
        return `launched ${instanceId}`;
    }
    if (detail.LifecycleTransition === "autoscaling:EC2_INSTANCE_TERMINATING") {
        // A node removed from the stack still drains and leaves its final snapshot; it has no record.
        const current = nodeOf(common, detail.AutoScalingGroupName) !== undefined;
        const settings = current ? common : { ...common, manageRecord: false };
        await onTerminate(instanceId, clients, settings, heartbeat);
        await completeAction(clients, event, "CONTINUE", common.log);
        return `terminated ${instanceId}`;
    }
    throw new Error(
        `unexpected lifecycle transition ${JSON.stringify(detail.LifecycleTransition)}`,
    );
}

/** The fields that name one lifecycle action, as both the completion and the heartbeat take them. */
function actionOf(event: LifecycleEvent) {
    return {
        AutoScalingGroupName: event.detail.AutoScalingGroupName,
        LifecycleHookName: event.detail.LifecycleHookName,
        LifecycleActionToken: event.detail.LifecycleActionToken,
        InstanceId: event.detail.EC2InstanceId,
    };
}

async function completeAction(
    clients: Clients,
    event: LifecycleEvent,
    result: "CONTINUE" | "ABANDON",
    log: (message: string) => void,
): Promise<void> {
    try {
        await clients.autoscaling.send(
            new CompleteLifecycleActionCommand({
                ...actionOf(event),
                LifecycleActionResult: result,
            }),
        );
    } catch (e) {
        // A duplicate event finds the action already completed; that is the outcome we wanted.
        if (
            (e as Error).name === "ValidationError" &&
            /No active Lifecycle Action found/i.test((e as Error).message)
        ) {
            log(`lifecycle action for ${event.detail.EC2InstanceId} was already completed`);
            return;
        }
        throw e;
    }
}

/** Extends the hook's timeout while the clients flush (each heartbeat restarts heartbeatTimeout). */
async function recordHeartbeat(clients: Clients, event: LifecycleEvent): Promise<void> {
    await clients.autoscaling.send(new RecordLifecycleActionHeartbeatCommand(actionOf(event)));
}

export function settingsFromEnv(env: NodeJS.ProcessEnv): LifecycleSettings {
    const need = (key: string) => requireEnv(env, key);
    const manageRecord = env.DNS_RECORD !== "false";
    return {
        nodeGroupPrefixes: JSON.parse(need("NODE_GROUP_PREFIXES")) as string[],
        stackTagValue: need("STACK_TAG_VALUE"),
        manageRecord,
        zoneId: manageRecord ? need("ZONE_ID") : "",
        dnsName: manageRecord ? need("DNS_NAME") : "",
        clusterName: need("CLUSTER_NAME"),
        ttlSeconds: Number(env.DNS_TTL ?? String(RECORD_TTL_SECONDS)),
        deviceName: env.DEVICE_NAME ?? "/dev/sdf",
        snapshotTags: JSON.parse(env.SNAPSHOT_TAGS ?? "{}"),
        pollMs: Number(env.POLL_MS ?? "5000"),
        timeoutMs: Number(requireEnv(env, "TIMEOUT_MS")),
        heartbeatMs: Number(requireEnv(env, "HEARTBEAT_MS")),
        log: (message) => console.log(`lifecycle: ${message}`),
    };
}

/** Lambda entry point; the AWS SDK v3 clients come from the Lambda runtime. */
export async function handler(event: LifecycleEvent | SyncRecordEvent): Promise<string> {
    const clients = {
        ec2: new EC2Client({}),
        route53: new Route53Client({}),
        autoscaling: new AutoScalingClient({}),
        ecs: new ECSClient({}),
    };
    const settings = settingsFromEnv(process.env);
    if ("action" in event) {
        if (event.action !== SYNC_RECORD_ACTION) {
            throw new Error(`unknown action ${JSON.stringify(event.action)}`);
        }
        return syncRecord(clients, settings);
    }
    return handleLifecycleEvent(event, clients, settings);
}
