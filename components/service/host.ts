import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ARCHITECTURES, Architecture } from "../../catalog/host";
import { userData } from "../../domain/userData";
import { StackIdentity } from "../../domain/awsNames";
import { LIFECYCLE_TIMING } from "../lifecycleHandler";
import { CHAIN_VOLUME_ID_TAG, STACK_TAG } from "../../catalog/tags";

export interface HostArgs {
    instanceType: string;
    /** The instance type's CPU architecture: which ECS-optimized AMI it boots. */
    architecture: Architecture;
    subnetId: pulumi.Input<string>;
    nodeGroupId: pulumi.Input<string>;
    instanceProfileArn: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    chainVolumeId: pulumi.Input<string>;
    stopTimeoutSeconds: number;
    /** The project and stack: the instance's Name tag. */
    identity: StackIdentity;
    /** Group names start with this; the lifecycle handler's rule and IAM match it. */
    asgNamePrefix: string;
    /** What must exist before the group launches its first instance (the lifecycle handler). */
    handlerReady: pulumi.Resource[];
    /** Behind a balancer: the previous node's readiness gate, so instance changes roll one node at a time. */
    after?: pulumi.Resource;
    /** Several nodes: the load balancer's target groups; the group's health check stays EC2. */
    targetGroupArns?: pulumi.Input<string>[];
    tags: Record<string, string>;
}

/** The lifecycle hooks: the handler attaches the volume on launch and drains and snapshots on terminate. */
export function lifecycleHooks(
    name: string,
): aws.types.input.autoscaling.GroupInitialLifecycleHook[] {
    return [
        // Attach the volume and point DNS before the instance counts as launched; without them it must not serve.
        {
            name: `${name}-launch`,
            lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
            heartbeatTimeout: LIFECYCLE_TIMING.hookHeartbeatSeconds,
            defaultResult: "ABANDON",
        },
        // Drain and snapshot before termination; if the handler is gone, termination still proceeds.
        {
            name: `${name}-terminate`,
            lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
            heartbeatTimeout: LIFECYCLE_TIMING.hookHeartbeatSeconds,
            defaultResult: "CONTINUE",
        },
    ];
}

/** The group's update and delete outlast the longest a lifecycle hook can hold an instance. */
export const GROUP_TIMEOUTS = {
    update: `${LIFECYCLE_TIMING.groupOperationMinutes}m`,
    delete: `${LIFECYCLE_TIMING.groupOperationMinutes}m`,
};

/** The boot script, base64 as the launch template takes it. */
function hostUserData(args: HostArgs): pulumi.Output<string> {
    return pulumi.all([args.clusterName, args.chainVolumeId]).apply(([clusterName, volumeId]) =>
        Buffer.from(
            userData({
                clusterName,
                volumeId,
                stopTimeoutSeconds: args.stopTimeoutSeconds,
                volumeWaitSeconds: LIFECYCLE_TIMING.bootVolumeWaitSeconds,
            }),
        ).toString("base64"),
    );
}

/** The instance: a launch template and an Auto Scaling group of one, in the chain volume's zone. */
export function createHost(name: string, args: HostArgs, parent: pulumi.Resource) {
    const hostName = `${name}-${args.identity.stack}`;
    const stackIdTag = { [STACK_TAG]: args.tags[STACK_TAG]! };
    const launchTemplate = new aws.ec2.LaunchTemplate(
        `${name}-host`,
        {
            imageId: ARCHITECTURES[args.architecture].ami,
            instanceType: args.instanceType,
            iamInstanceProfile: { arn: args.instanceProfileArn },
            // IMDSv2 only; host-network containers share the host's hop, so a limit of 1 is enough.
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                // httpProtocolIpv6 stays at its default, off: the client guard
                // (bootstrap/client-guard.sh) refuses IMDS's IPv4 address only.
            },
            networkInterfaces: [
                {
                    associatePublicIpAddress: "true",
                    deleteOnTermination: "true",
                    securityGroups: [args.nodeGroupId],
                    subnetId: args.subnetId,
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
            userData: hostUserData(args),
            // Only the stack's id and the chain volume (which the user data names already): any
            // change to the template is a new version, which rolls the instance, so the pair and
            // mode tags (a client switch) stay out; the group below propagates every stack tag to
            // the instance at launch. The lifecycle handler attaches the volume the instance names.
            tagSpecifications: [
                {
                    resourceType: "instance",
                    tags: {
                        ...stackIdTag,
                        Name: hostName,
                        [CHAIN_VOLUME_ID_TAG]: args.chainVolumeId,
                    },
                },
                { resourceType: "volume", tags: stackIdTag },
            ],
            updateDefaultVersion: true,
            tags: stackIdTag,
        },
        { parent },
    );
    const group = new aws.autoscaling.Group(
        `${name}-asg`,
        {
            namePrefix: args.asgNamePrefix,
            // One node; a replacement terminates the old instance first, since the chain volume attaches to one instance.
            minSize: 1,
            maxSize: 1,
            desiredCapacity: 1,
            vpcZoneIdentifiers: [args.subnetId],
            launchTemplate: {
                id: launchTemplate.id,
                version: launchTemplate.latestVersion.apply(String),
            },
            // EC2, never ELB: a node that is syncing or behind is not ready, but must not be killed.
            healthCheckType: "EC2",
            targetGroupArns: args.targetGroupArns,
            instanceRefresh: {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 100 },
            },
            initialLifecycleHooks: lifecycleHooks(name),
            // Creating waits for the instance, which the launch hook holds until the volume is attached.
            waitForCapacityTimeout: `${LIFECYCLE_TIMING.groupOperationMinutes}m`,
            tags: Object.entries({ ...args.tags, Name: hostName }).map(([key, value]) => ({
                key,
                value,
                propagateAtLaunch: true,
            })),
        },
        {
            parent,
            dependsOn: [...args.handlerReady, ...(args.after ? [args.after] : [])],
            // Deleting (or replacing) the group waits for its terminate hook: drain, stop, final snapshot.
            customTimeouts: GROUP_TIMEOUTS,
            // AWS applies initial hooks only when a group is created, so a hook change must create a new
            // group; the old one goes first (its terminate hook drains and snapshots), then the new one
            // launches with the hooks in place and takes the volume over.
            replaceOnChanges: ["initialLifecycleHooks"],
            deleteBeforeReplace: true,
        },
    );
    return { launchTemplate, group };
}
