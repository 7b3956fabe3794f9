import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { CHAIN_VOLUME_ATTRIBUTE } from "../../catalog/host";
import {
    ContainerInputs,
    ContainerRole,
    taskContainers,
    taskVolumes,
} from "../../domain/containers";
import { derivedNames, StackIdentity } from "../../domain/awsNames";
import { LIFECYCLE_TIMING } from "../lifecycleHandler";

/** A service that waits for steady state outlasts a rollout that replaces its instance first. */
export const SERVICE_TIMEOUTS = {
    create: `${LIFECYCLE_TIMING.serviceOperationMinutes}m`,
    update: `${LIFECYCLE_TIMING.serviceOperationMinutes}m`,
};

export interface TaskArgs extends ContainerInputs {
    /** A node that has run before waits, on update, until ECS has replaced its task. */
    waitForSteadyState?: boolean;
    images: Record<ContainerRole, pulumi.Input<string>>;
    executionRoleArn: pulumi.Input<string>;
    taskRoleArn: pulumi.Input<string>;
    logGroupName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    chainVolumeId: pulumi.Input<string>;
    /** The project and stack: the task family. */
    identity: StackIdentity;
    /** Behind a load balancer, each node's task waits for the previous node (see ParityService). */
    dependsOn?: pulumi.Resource[];
    tags: Record<string, string>;
}

/** The placement constraint: only on a host whose boot script mounted this very chain volume. */
export function chainVolumePlacement(volumeId: pulumi.Input<string>) {
    return {
        type: "memberOf",
        expression: pulumi.interpolate`attribute:${CHAIN_VOLUME_ATTRIBUTE} == ${volumeId}`,
    };
}

/** The task (both clients and the monitor, host network, /data from the host) and its service. */
export function createNodeTask(name: string, args: TaskArgs, parent: pulumi.Resource) {
    const logsTo = (role: ContainerRole) => ({
        logDriver: "awslogs",
        options: {
            "awslogs-group": args.logGroupName,
            "awslogs-region": args.region,
            "awslogs-stream-prefix": role,
        },
    });
    const taskDefinition = new aws.ecs.TaskDefinition(
        `${name}-task`,
        {
            family: derivedNames.family(name, args.identity),
            networkMode: "host",
            requiresCompatibilities: ["EC2"],
            executionRoleArn: args.executionRoleArn,
            taskRoleArn: args.taskRoleArn,
            volumes: taskVolumes(args.client),
            containerDefinitions: pulumi.jsonStringify(
                taskContainers(args, (role) => ({
                    image: args.images[role],
                    logConfiguration: logsTo(role),
                })),
            ),
            tags: args.tags,
        },
        { parent },
    );
    const service = new aws.ecs.Service(
        `${name}-service`,
        {
            cluster: args.clusterArn,
            taskDefinition: taskDefinition.arn,
            desiredCount: 1,
            launchType: "EC2",
            // Fixed host ports: the old task must stop before the new one starts.
            deploymentMinimumHealthyPercent: 0,
            deploymentMaximumPercent: 100,
            placementConstraints: [chainVolumePlacement(args.chainVolumeId)],
            propagateTags: "SERVICE",
            waitForSteadyState: args.waitForSteadyState,
            tags: args.tags,
        },
        {
            parent,
            dependsOn: args.dependsOn,
            // Waiting for its new task, the service may wait for a new instance, its boot and pull.
            customTimeouts: args.waitForSteadyState ? SERVICE_TIMEOUTS : undefined,
        },
    );
    return { taskDefinition, service };
}
