import {
    EC2Client,
    DescribeInstancesCommand,
    DescribeVolumesCommand,
    AttachVolumeCommand,
    DetachVolumeCommand,
    CreateSnapshotCommand,
    DescribeSnapshotsCommand,
    Volume,
} from "@aws-sdk/client-ec2";
import {
    Route53Client,
    ChangeResourceRecordSetsCommand,
    ListResourceRecordSetsCommand,
} from "@aws-sdk/client-route-53";
import { AutoScalingClient, CompleteLifecycleActionCommand } from "@aws-sdk/client-auto-scaling";
import { CHAIN_VOLUME_TAG } from "../catalog/tags";
import { requireEnv } from "../runtime/env";
import {
    ECSClient,
    ListContainerInstancesCommand,
    UpdateContainerInstancesStateCommand,
    DescribeContainerInstancesCommand,
} from "@aws-sdk/client-ecs";

/**
 * Auto Scaling lifecycle handler for the node's instance (EventBridge → Lambda).
 *
 * Launch: attach the chain volume (waiting for, or safely detaching from, a terminating predecessor),
 * point the DNS name at the new private IP, then let the launch continue. The host mounts the volume
 * and only then advertises it to ECS, so the node never starts without its data.
 *
 * Terminate: drain the ECS instance (the clients stop cleanly), take a final snapshot of the chain
 * volume, remove the DNS record if it still points here, then let termination continue.
 *
 * Every step is idempotent: EventBridge and Lambda may deliver the same event more than once.
 */

export interface LifecycleSettings {
    volumeId: string;
    /** Value of the chain-volume tag (the stack id): the final snapshot finds the attached chain volume by it. */
    volumeTagValue: string;
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
    log: (message: string) => void;
}

export interface Clients {
    ec2: EC2Client;
    route53: Route53Client;
    autoscaling: AutoScalingClient;
    ecs: ECSClient;
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

const GONE_STATES = ["shutting-down", "terminated", "stopping", "stopped"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function handleLifecycleEvent(
    event: LifecycleEvent,
    clients: Clients,
    settings: LifecycleSettings,
): Promise<string> {
    const { detail } = event;
    const instanceId = detail.EC2InstanceId;
    if (detail.LifecycleTransition === "autoscaling:EC2_INSTANCE_LAUNCHING") {
        try {
            await onLaunch(instanceId, clients, settings);
        } catch (e) {
            if (e instanceof LifecycleError) {
                // A launch that can never get its volume is abandoned: ASG terminates the instance.
                await completeAction(clients, event, "ABANDON", settings.log);
            }
            throw e;
        }
        await completeAction(clients, event, "CONTINUE", settings.log);
        return `launched ${instanceId}`;
    }
    if (detail.LifecycleTransition === "autoscaling:EC2_INSTANCE_TERMINATING") {
        await onTerminate(instanceId, clients, settings);
        await completeAction(clients, event, "CONTINUE", settings.log);
        return `terminated ${instanceId}`;
    }
    throw new Error(
        `unexpected lifecycle transition ${JSON.stringify(detail.LifecycleTransition)}`,
    );
}

async function describeInstance(ec2: EC2Client, instanceId: string) {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const instance = out.Reservations?.[0]?.Instances?.[0];
    if (!instance) {
        throw new LifecycleError(`instance ${instanceId} does not exist`);
    }
    return instance;
}

async function describeVolume(ec2: EC2Client, volumeId: string): Promise<Volume> {
    const out = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }));
    const volume = out.Volumes?.[0];
    if (!volume) {
        throw new LifecycleError(`chain volume ${volumeId} does not exist`);
    }
    return volume;
}

async function onLaunch(instanceId: string, clients: Clients, s: LifecycleSettings): Promise<void> {
    const instance = await describeInstance(clients.ec2, instanceId);
    const zone = instance.Placement?.AvailabilityZone;
    const volume = await describeVolume(clients.ec2, s.volumeId);
    if (volume.AvailabilityZone !== zone) {
        throw new LifecycleError(
            `chain volume ${s.volumeId} is in ${volume.AvailabilityZone} but instance ${instanceId} launched in ${zone}; ` +
                `EBS volumes attach only within their zone: set availabilityZone to ${volume.AvailabilityZone}, or restore a snapshot in ${zone}`,
        );
    }
    await ensureAttached(instanceId, clients.ec2, s);
    if (!instance.PrivateIpAddress) {
        throw new LifecycleError(`instance ${instanceId} has no private IPv4 address`);
    }
    await upsertRecord(clients.route53, s, instance.PrivateIpAddress);
}

/** Attaches the volume to the instance; waits for, or detaches from, an instance that is going away. */
async function ensureAttached(
    instanceId: string,
    ec2: EC2Client,
    s: LifecycleSettings,
): Promise<void> {
    const deadline = Date.now() + s.timeoutMs;
    for (;;) {
        const volume = await describeVolume(ec2, s.volumeId);
        const attachment = volume.Attachments?.[0];
        if (attachment?.InstanceId === instanceId && attachment.State === "attached") {
            s.log(`${s.volumeId} is attached to ${instanceId}`);
            return;
        }
        if (volume.State === "available") {
            s.log(`attaching ${s.volumeId} to ${instanceId} as ${s.deviceName}`);
            await ec2.send(
                new AttachVolumeCommand({
                    VolumeId: s.volumeId,
                    InstanceId: instanceId,
                    Device: s.deviceName,
                }),
            );
            continue;
        }
        if (
            attachment?.InstanceId &&
            attachment.InstanceId !== instanceId &&
            attachment.State === "attached"
        ) {
            const previous = await describeInstance(ec2, attachment.InstanceId);
            const state = previous.State?.Name ?? "unknown";
            if (GONE_STATES.includes(state)) {
                // The old host is going away (its own hook already drained and snapshotted): a plain detach is safe.
                s.log(`detaching ${s.volumeId} from ${attachment.InstanceId} (${state})`);
                await ec2.send(
                    new DetachVolumeCommand({
                        VolumeId: s.volumeId,
                        InstanceId: attachment.InstanceId,
                    }),
                );
                continue;
            }
            s.log(
                `${s.volumeId} is still attached to ${attachment.InstanceId} (${state}); waiting`,
            );
        }
        if (Date.now() > deadline) {
            throw new Error(
                `timed out after ${s.timeoutMs} ms waiting to attach ${s.volumeId} to ${instanceId} (volume state ${volume.State}, attached to ${attachment?.InstanceId ?? "nothing"})`,
            );
        }
        await sleep(s.pollMs);
    }
}

async function upsertRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    ip: string,
): Promise<void> {
    await changeRecord(route53, s, "UPSERT", ip);
    s.log(`${s.dnsName} → ${ip} (TTL ${s.ttlSeconds})`);
}

async function changeRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    action: "UPSERT" | "DELETE",
    ip: string,
): Promise<void> {
    try {
        await route53.send(
            new ChangeResourceRecordSetsCommand({
                HostedZoneId: s.zoneId,
                ChangeBatch: {
                    Comment: `node lifecycle: ${action} ${ip}`,
                    Changes: [
                        {
                            Action: action,
                            ResourceRecordSet: {
                                Name: s.dnsName,
                                Type: "A",
                                TTL: s.ttlSeconds,
                                ResourceRecords: [{ Value: ip }],
                            },
                        },
                    ],
                },
            }),
        );
    } catch (e) {
        if ((e as Error).name === "NoSuchHostedZone") {
            throw new LifecycleError(
                `hosted zone ${s.zoneId} for ${s.dnsName} does not exist; was it deleted outside Pulumi? Run \`pulumi up\` to recreate it`,
            );
        }
        throw e;
    }
}

async function currentRecordIp(
    route53: Route53Client,
    s: LifecycleSettings,
): Promise<string | undefined> {
    const out = await route53.send(
        new ListResourceRecordSetsCommand({
            HostedZoneId: s.zoneId,
            StartRecordName: s.dnsName,
            StartRecordType: "A",
            MaxItems: 1,
        }),
    );
    const record = out.ResourceRecordSets?.find(
        (r) => r.Type === "A" && r.Name?.replace(/\.$/, "") === s.dnsName,
    );
    return record?.ResourceRecords?.[0]?.Value;
}

async function onTerminate(
    instanceId: string,
    clients: Clients,
    s: LifecycleSettings,
): Promise<void> {
    await drain(instanceId, clients.ecs, s);
    await finalSnapshot(instanceId, clients.ec2, s);
    const instance = await describeInstance(clients.ec2, instanceId);
    const ip = instance.PrivateIpAddress;
    // Clients must not keep resolving a host that is gone; the next launch writes the new address.
    if (ip && (await currentRecordIp(clients.route53, s)) === ip) {
        await changeRecord(clients.route53, s, "DELETE", ip);
        s.log(`removed ${s.dnsName} → ${ip}`);
    }
}

/** Stops the node cleanly: drains the ECS container instance and waits until no task runs on it. */
async function drain(instanceId: string, ecs: ECSClient, s: LifecycleSettings): Promise<void> {
    const listed = await ecs.send(
        new ListContainerInstancesCommand({
            cluster: s.clusterName,
            filter: `ec2InstanceId == ${instanceId}`,
        }),
    );
    const arn = listed.containerInstanceArns?.[0];
    if (!arn) {
        s.log(`${instanceId} is not registered in ${s.clusterName}; nothing to drain`);
        return;
    }
    await ecs.send(
        new UpdateContainerInstancesStateCommand({
            cluster: s.clusterName,
            containerInstances: [arn],
            status: "DRAINING",
        }),
    );
    const deadline = Date.now() + s.timeoutMs;
    for (;;) {
        const described = await ecs.send(
            new DescribeContainerInstancesCommand({
                cluster: s.clusterName,
                containerInstances: [arn],
            }),
        );
        const running = described.containerInstances?.[0]?.runningTasksCount ?? 0;
        if (running === 0) {
            s.log(`${instanceId} drained`);
            return;
        }
        if (Date.now() > deadline) {
            // Termination cannot wait forever; the snapshot is then crash-consistent, which reth's MDBX tolerates.
            s.log(
                `${instanceId} still runs ${running} task(s) after ${s.timeoutMs} ms; snapshotting anyway`,
            );
            return;
        }
        await sleep(s.pollMs);
    }
}

/** Snapshots the chain volume attached to the terminating instance (after a restore that may not be VOLUME_ID). */
async function finalSnapshot(
    instanceId: string,
    ec2: EC2Client,
    s: LifecycleSettings,
): Promise<void> {
    const existing = await ec2.send(
        new DescribeSnapshotsCommand({
            OwnerIds: ["self"],
            Filters: [{ Name: "tag:parity:final-for", Values: [instanceId] }],
        }),
    );
    const previous = existing.Snapshots?.[0];
    if (previous !== undefined) {
        s.log(`final snapshot for ${instanceId} exists: ${previous.SnapshotId}`);
        return;
    }
    const attached = await ec2.send(
        new DescribeVolumesCommand({
            Filters: [
                { Name: "attachment.instance-id", Values: [instanceId] },
                { Name: `tag:${CHAIN_VOLUME_TAG}`, Values: [s.volumeTagValue] },
            ],
        }),
    );
    const volumeId = attached.Volumes?.[0]?.VolumeId;
    if (!volumeId) {
        s.log(`no chain volume is attached to ${instanceId}; no final snapshot`);
        return;
    }
    const tags = { ...s.snapshotTags, "parity:final-for": instanceId, Name: `final ${instanceId}` };
    const out = await ec2.send(
        new CreateSnapshotCommand({
            VolumeId: volumeId,
            Description: `final snapshot of the chain volume before terminating ${instanceId}`,
            TagSpecifications: [
                {
                    ResourceType: "snapshot",
                    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                },
            ],
        }),
    );
    s.log(`final snapshot ${out.SnapshotId} of ${volumeId}`);
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
                AutoScalingGroupName: event.detail.AutoScalingGroupName,
                LifecycleHookName: event.detail.LifecycleHookName,
                LifecycleActionToken: event.detail.LifecycleActionToken,
                InstanceId: event.detail.EC2InstanceId,
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

export function settingsFromEnv(env: NodeJS.ProcessEnv): LifecycleSettings {
    const need = (key: string) => requireEnv(env, key);
    return {
        volumeId: need("VOLUME_ID"),
        volumeTagValue: need("VOLUME_TAG_VALUE"),
        zoneId: need("ZONE_ID"),
        dnsName: need("DNS_NAME"),
        clusterName: need("CLUSTER_NAME"),
        ttlSeconds: Number(env.DNS_TTL ?? "60"),
        deviceName: env.DEVICE_NAME ?? "/dev/sdf",
        snapshotTags: JSON.parse(env.SNAPSHOT_TAGS ?? "{}"),
        pollMs: Number(env.POLL_MS ?? "5000"),
        timeoutMs: Number(env.TIMEOUT_MS ?? "780000"),
        log: (message) => console.log(`lifecycle: ${message}`),
    };
}

/** Lambda entry point; the AWS SDK v3 clients come from the Lambda runtime. */
export async function handler(event: LifecycleEvent): Promise<string> {
    const clients = {
        ec2: new EC2Client({}),
        route53: new Route53Client({}),
        autoscaling: new AutoScalingClient({}),
        ecs: new ECSClient({}),
    };
    return handleLifecycleEvent(event, clients, settingsFromEnv(process.env));
}
