import {
    EC2Client,
    DescribeInstancesCommand,
    DescribeVolumesCommand,
    AttachVolumeCommand,
    DetachVolumeCommand,
    Instance,
    Volume,
} from "@aws-sdk/client-ec2";
import { CHAIN_VOLUME_ID_TAG, CHAIN_VOLUME_TAG } from "../../catalog/tags";
import { Clients, GONE_STATES, LifecycleError, LifecycleSettings, sleep } from "./types";
import { upsertRecord } from "./dns";

/**
 * Launch: attach the chain volume (waiting for, or safely detaching from, a terminating predecessor)
 * and point the DNS name at the new private IP. The host mounts the volume and only then advertises
 * it to ECS, so the node never starts without its data.
 */

export async function describeInstance(ec2: EC2Client, instanceId: string) {
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

/**
 * The chain volume the instance was launched for: its launch template tags it with the volume its
 * boot script waits for, so an instance launched from a template version the group has not rolled
 * to yet still gets its own volume, not the one a restore gives the node next.
 */
async function chainVolumeOf(ec2: EC2Client, instance: Instance, s: LifecycleSettings) {
    const volumeId = instance.Tags?.find((t) => t.Key === CHAIN_VOLUME_ID_TAG)?.Value;
    if (!volumeId) {
        throw new LifecycleError(
            `instance ${instance.InstanceId} has no ${CHAIN_VOLUME_ID_TAG} tag: its launch template names no chain volume; run pulumi up to roll the group to the current template`,
        );
    }
    const volume = await describeVolume(ec2, volumeId);
    const owner = volume.Tags?.find((t) => t.Key === CHAIN_VOLUME_TAG)?.Value ?? "";
    if (!owner.startsWith(`${s.stackTagValue}/`)) {
        throw new LifecycleError(
            `volume ${volumeId}, which instance ${instance.InstanceId} names, is not a chain volume of ${s.stackTagValue} (${CHAIN_VOLUME_TAG}: ${owner || "none"})`,
        );
    }
    return volume;
}

export async function onLaunch(
    instanceId: string,
    clients: Clients,
    s: LifecycleSettings,
    heartbeat: () => Promise<void>,
): Promise<void> {
    const instance = await describeInstance(clients.ec2, instanceId);
    const zone = instance.Placement?.AvailabilityZone;
    const volume = await chainVolumeOf(clients.ec2, instance, s);
    const volumeId = volume.VolumeId!;
    if (volume.AvailabilityZone !== zone) {
        throw new LifecycleError(
            `chain volume ${volumeId} is in ${volume.AvailabilityZone} but instance ${instanceId} launched in ${zone}; ` +
                `EBS volumes attach only within their zone: set availabilityZone to ${volume.AvailabilityZone}, or restore a snapshot in ${zone}`,
        );
    }
    await ensureAttached(instanceId, volumeId, clients.ec2, s, heartbeat);
    if (!instance.PrivateIpAddress) {
        throw new LifecycleError(`instance ${instanceId} has no private IPv4 address`);
    }
    if (s.manageRecord) {
        await upsertRecord(clients.route53, s, instance.PrivateIpAddress);
    }
}

/**
 * Attaches the volume to the instance; waits for, or detaches from, an instance that is going away.
 * A predecessor may drain for as long as its own hook lasts, so the wait heartbeats the launch hook,
 * and when this invocation's time is up it fails: Lambda runs the event again (lifecycleTiming).
 */
async function ensureAttached(
    instanceId: string,
    volumeId: string,
    ec2: EC2Client,
    s: LifecycleSettings,
    heartbeat: () => Promise<void>,
): Promise<void> {
    const deadline = Date.now() + s.timeoutMs;
    // A retried attempt starts with a heartbeat: the hook's clock ran on through Lambda's retry delay.
    let lastBeat = 0;
    for (;;) {
        const volume = await describeVolume(ec2, volumeId);
        const attachment = volume.Attachments?.[0];
        if (attachment?.InstanceId === instanceId && attachment.State === "attached") {
            s.log(`${volumeId} is attached to ${instanceId}`);
            return;
        }
        if (volume.State === "available") {
            s.log(`attaching ${volumeId} to ${instanceId} as ${s.deviceName}`);
            await ec2.send(
                new AttachVolumeCommand({
                    VolumeId: volumeId,
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
                s.log(`detaching ${volumeId} from ${attachment.InstanceId} (${state})`);
                await ec2.send(
                    new DetachVolumeCommand({
                        VolumeId: volumeId,
                        InstanceId: attachment.InstanceId,
                    }),
                );
                continue;
            }
            s.log(`${volumeId} is still attached to ${attachment.InstanceId} (${state}); waiting`);
        }
        if (Date.now() > deadline) {
            throw new Error(
                `timed out after ${s.timeoutMs} ms waiting to attach ${volumeId} to ${instanceId} (volume state ${volume.State}, attached to ${attachment?.InstanceId ?? "nothing"}); Lambda retries the event`,
            );
        }
        if (Date.now() - lastBeat >= s.heartbeatMs) {
            await heartbeat();
            lastBeat = Date.now();
        }
        await sleep(s.pollMs);
    }
}
