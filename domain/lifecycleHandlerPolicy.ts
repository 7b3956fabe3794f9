import { STACK_TAG } from "../catalog/tags";

/**
 * The lifecycle handler's IAM policy (components/lifecycleHandler.ts attaches it to the Lambda's
 * role).
 */

/** What the handler's IAM policy is built from: this stack's region, account, names and ARNs. */
export type PolicyScope = {
    region: string;
    account: string;
    stackTagValue: string;
    zoneId: string;
    asgNamePrefix: string;
    clusterName: string;
    clusterArn: string;
    logGroupArn: string;
};

/** The chain volume: read, move between this stack's instances, and snapshot with this stack's tags. */
function volumeStatements(a: PolicyScope) {
    const ec2 = (resource: string) => `arn:aws:ec2:${a.region}:${a.account}:${resource}`;
    const ownedByStack = { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: a.stackTagValue } };
    return [
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
    ];
}

/** The node's record, its lifecycle actions, its container instance and tasks, and the handler's logs. */
function nodeStatements(a: PolicyScope) {
    return [
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
    ];
}

/** Least privilege: every mutating statement names this stack's zone, group, cluster or tagged resources. */
export function lifecycleHandlerPolicy(a: PolicyScope) {
    return {
        Version: "2012-10-17",
        Statement: [...volumeStatements(a), ...nodeStatements(a)],
    };
}
