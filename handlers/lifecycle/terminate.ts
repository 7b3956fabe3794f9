import {
    EC2Client,
    DescribeVolumesCommand,
    CreateSnapshotCommand,
    DescribeSnapshotsCommand,
} from "@aws-sdk/client-ec2";
import {
    ECSClient,
    ListContainerInstancesCommand,
    UpdateContainerInstancesStateCommand,
    ListTasksCommand,
    DescribeTasksCommand,
} from "@aws-sdk/client-ecs";
import { CHAIN_VOLUME_TAG, CONTENTS_TAGS, FINAL_FOR_TAG } from "../../catalog/tags";
import { Clients, LifecycleSettings, sleep } from "./types";

/**
 * Terminate: drain the ECS instance and wait until its clients have really stopped, then take a
 * final snapshot of the chain volume. The A record is left for the next launch to overwrite: a
 * deleted name is cached as NXDOMAIN for the zone's negative TTL (Route 53's SOA: 900 s), while the
 * old address is only 60 s stale and answers nothing.
 */

export async function onTerminate(
    instanceId: string,
    clients: Clients,
    s: LifecycleSettings,
    heartbeat: () => Promise<void>,
): Promise<void> {
    await drain(instanceId, clients.ecs, s, heartbeat);
    await finalSnapshot(instanceId, clients.ec2, s);
}

/** Task statuses on the instance: every task ECS still knows there, whatever its desired status. */
async function taskStatuses(ecs: ECSClient, s: LifecycleSettings, instanceArn: string) {
    const arns: string[] = [];
    // runningTasksCount counts tasks whose *desired* status is RUNNING; a draining task leaves that
    // count at once while its clients are still flushing, so the wait reads each task's lastStatus.
    for (const desiredStatus of ["RUNNING", "STOPPED"] as const) {
        const listed = await ecs.send(
            new ListTasksCommand({
                cluster: s.clusterName,
                containerInstance: instanceArn,
                desiredStatus,
            }),
        );
        arns.push(...(listed.taskArns ?? []));
    }
    if (arns.length === 0) {
        return [];
    }
    const described = await ecs.send(
        new DescribeTasksCommand({ cluster: s.clusterName, tasks: arns }),
    );
    return (described.tasks ?? []).map((t) => ({
        arn: t.taskArn ?? "",
        lastStatus: t.lastStatus ?? "",
    }));
}

/**
 * Stops the node cleanly: drains the ECS container instance, then waits until every task on it has
 * lastStatus STOPPED, telling Auto Scaling the action is alive while the clients flush.
 */
async function drain(
    instanceId: string,
    ecs: ECSClient,
    s: LifecycleSettings,
    heartbeat: () => Promise<void>,
): Promise<void> {
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
    const started = Date.now();
    let lastBeat = started;
    for (;;) {
        const live = (await taskStatuses(ecs, s, arn)).filter((t) => t.lastStatus !== "STOPPED");
        if (live.length === 0) {
            s.log(`${instanceId} drained: every task has stopped`);
            return;
        }
        if (Date.now() - started > s.timeoutMs) {
            // Termination cannot wait forever; the snapshot is then crash-consistent, which reth's MDBX tolerates.
            s.log(
                `${instanceId} still has ${live.length} task(s) not stopped after ${s.timeoutMs} ms (${live.map((t) => t.lastStatus).join(", ")}); snapshotting anyway`,
            );
            return;
        }
        if (Date.now() - lastBeat >= s.heartbeatMs) {
            await heartbeat();
            lastBeat = Date.now();
        }
        await sleep(s.pollMs);
    }
}

/**
 * Snapshots the chain volume attached to the terminating instance: the attached volume whose
 * chain-volume tag names this stack (a node removed from the stack has no settings of its own).
 */
async function finalSnapshot(
    instanceId: string,
    ec2: EC2Client,
    s: LifecycleSettings,
): Promise<void> {
    const existing = await ec2.send(
        new DescribeSnapshotsCommand({
            OwnerIds: ["self"],
            Filters: [{ Name: `tag:${FINAL_FOR_TAG}`, Values: [instanceId] }],
        }),
    );
    const previous = existing.Snapshots?.[0];
    if (previous !== undefined) {
        s.log(`final snapshot for ${instanceId} exists: ${previous.SnapshotId}`);
        return;
    }
    const attached = await ec2.send(
        new DescribeVolumesCommand({
            Filters: [{ Name: "attachment.instance-id", Values: [instanceId] }],
        }),
    );
    const volume = attached.Volumes?.find((v) =>
        v.Tags?.some(
            (t) => t.Key === CHAIN_VOLUME_TAG && t.Value?.startsWith(`${s.stackTagValue}/`),
        ),
    );
    const volumeId = volume?.VolumeId;
    if (!volumeId) {
        s.log(`no chain volume is attached to ${instanceId}; no final snapshot`);
        return;
    }
    // What the snapshot holds is what the volume holds: after a client, network or mode change the
    // handler's settings already name the new contents, the old volume's tags still name its own.
    const contents = Object.fromEntries(
        (volume!.Tags ?? [])
            .filter((t) => CONTENTS_TAGS.includes(t.Key ?? "") && t.Value !== undefined)
            .map((t) => [t.Key!, t.Value!]),
    );
    const tags = {
        ...s.snapshotTags,
        ...contents,
        [FINAL_FOR_TAG]: instanceId,
        Name: `final ${instanceId}`,
    };
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
