/**
 * The node instance's IAM policy for the ECS agent: the actions of AWS's agent policy
 * (AmazonEC2ContainerServiceforEC2Role) that this host needs, each on this stack's cluster, its
 * container instances or its tasks, as the Service Authorization Reference allows. Image pulls and
 * log writes are the task execution role's (the task definition names it), so no ECR or logs action
 * is here; nor ecs:CreateCluster (Pulumi creates the cluster) or ec2:DescribeTags (tags are not
 * propagated to the agent).
 */

/** The ARNs inside a cluster, from the cluster's ARN: `…:cluster/NAME` → `…:<kind>/NAME/*`. */
export function clusterMemberArn(clusterArn: string, kind: "container-instance" | "task"): string {
    const match = /^(arn:[^:]+:ecs:[^:]+:[^:]+:)cluster\/(.+)$/.exec(clusterArn);
    if (!match) {
        throw new Error(`${JSON.stringify(clusterArn)} is not an ECS cluster ARN`);
    }
    return `${match[1]}${kind}/${match[2]}/*`;
}

export function ecsAgentStatements(clusterArn: string) {
    const instances = clusterMemberArn(clusterArn, "container-instance");
    return [
        {
            Sid: "RegisterInThisCluster",
            Effect: "Allow",
            Action: [
                "ecs:RegisterContainerInstance",
                "ecs:DeregisterContainerInstance",
                "ecs:SubmitTaskStateChange",
                "ecs:SubmitContainerStateChange",
                "ecs:SubmitAttachmentStateChanges",
            ],
            Resource: clusterArn,
        },
        {
            Sid: "PollAsThisClustersInstance",
            Effect: "Allow",
            Action: ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"],
            Resource: instances,
        },
        {
            // The only agent action without resource-level permissions: it returns an endpoint URL.
            Sid: "FindPollEndpoint",
            Effect: "Allow",
            Action: ["ecs:DiscoverPollEndpoint"],
            Resource: "*",
        },
        {
            Sid: "ReadOwnTags",
            Effect: "Allow",
            Action: ["ecs:ListTagsForResource"],
            Resource: [instances, clusterMemberArn(clusterArn, "task")],
        },
    ];
}
