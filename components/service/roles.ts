import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { METRIC_NAMESPACE } from "../../catalog/metrics";
import { ecsAgentStatements } from "../../domain/instancePolicy";

export interface RoleArgs {
    clusterArn: pulumi.Input<string>;
    repositoryArn: pulumi.Input<string>;
    logGroupArn: pulumi.Input<string>;
    /** The SSM parameters the containers' secret variables come from; only the execution role reads them. */
    secretParameterArns: pulumi.Input<string>[];
    tags: Record<string, string>;
}

const assumedBy = (service: string) => aws.iam.assumeRolePolicyForPrincipal({ Service: service });

/**
 * Session Manager needs only these on the instance (AWS Systems Manager docs, "minimum instance
 * permissions" for Session Manager); AmazonSSMManagedInstanceCore would also grant
 * ssm:GetParameter* on every parameter to every host-network container, which can reach IMDS.
 */
export const SESSION_MANAGER_STATEMENT = {
    Sid: "SessionManager",
    Effect: "Allow",
    Action: [
        "ssm:UpdateInstanceInformation",
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
    ],
    Resource: "*",
};

/**
 * The instance's role: the ECS agent's actions on this cluster only, and Session Manager's minimum.
 * Every host-network container reaches these credentials through IMDS, so they are scoped to this
 * stack instead of AWS's managed agent policy, whose actions apply to every cluster, image and log
 * group in the account.
 */
function createInstanceProfile(name: string, args: RoleArgs, parent: pulumi.Resource) {
    const opts = { parent };
    const instanceRole = new aws.iam.Role(
        `${name}-instance`,
        {
            assumeRolePolicy: assumedBy("ec2.amazonaws.com"),
            tags: args.tags,
        },
        opts,
    );
    const agentAccess = new aws.iam.RolePolicy(
        `${name}-instance-ecs`,
        {
            role: instanceRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: pulumi.output(args.clusterArn).apply(ecsAgentStatements),
            }),
        },
        opts,
    );
    new aws.iam.RolePolicy(
        `${name}-instance-ssm`,
        {
            role: instanceRole.id,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [SESSION_MANAGER_STATEMENT],
            }),
        },
        opts,
    );
    // An instance starts its agent at boot: the profile is handed out only once the role can register.
    const instanceProfile = new aws.iam.InstanceProfile(
        `${name}-instance`,
        { role: instanceRole.name, tags: args.tags },
        { ...opts, dependsOn: [agentAccess] },
    );
    return instanceProfile;
}

/** The instance's, the task execution's and the task's roles, each limited to its job. */
export function createRoles(name: string, args: RoleArgs, parent: pulumi.Resource) {
    const opts = { parent };
    const instanceProfile = createInstanceProfile(name, args, parent);
    const executionRole = new aws.iam.Role(
        `${name}-task-execution`,
        { assumeRolePolicy: assumedBy("ecs-tasks.amazonaws.com"), tags: args.tags },
        opts,
    );
    new aws.iam.RolePolicy(
        `${name}-task-execution`,
        {
            role: executionRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "EcrLogin",
                        Effect: "Allow",
                        Action: ["ecr:GetAuthorizationToken"],
                        Resource: "*",
                    },
                    {
                        Sid: "PullNodeImages",
                        Effect: "Allow",
                        Action: [
                            "ecr:BatchGetImage",
                            "ecr:GetDownloadUrlForLayer",
                            "ecr:BatchCheckLayerAvailability",
                        ],
                        Resource: args.repositoryArn,
                    },
                    {
                        Sid: "WriteNodeLogs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: pulumi.interpolate`${args.logGroupArn}:*`,
                    },
                    // ECS reads a container's secrets from SSM with the execution role; the
                    // aws/ssm key needs no kms:Decrypt grant (ECS Developer Guide, "Pass
                    // sensitive data to an Amazon ECS container").
                    ...(args.secretParameterArns.length > 0
                        ? [
                              {
                                  Sid: "ReadEndpointSecrets",
                                  Effect: "Allow",
                                  Action: ["ssm:GetParameters"],
                                  Resource: args.secretParameterArns,
                              },
                          ]
                        : []),
                ],
            }),
        },
        opts,
    );

    // The clients call no AWS API; the monitor only publishes metrics, to its own namespace.
    const taskRole = new aws.iam.Role(
        `${name}-task`,
        { assumeRolePolicy: assumedBy("ecs-tasks.amazonaws.com"), tags: args.tags },
        opts,
    );
    new aws.iam.RolePolicy(
        `${name}-task`,
        {
            role: taskRole.id,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    // PutMetricData has no resource-level permissions; the namespace condition is its scope.
                    {
                        Sid: "PublishNodeMetrics",
                        Effect: "Allow",
                        Action: ["cloudwatch:PutMetricData"],
                        Resource: "*",
                        Condition: { StringEquals: { "cloudwatch:namespace": METRIC_NAMESPACE } },
                    },
                ],
            }),
        },
        opts,
    );
    return { instanceProfile, executionRole, taskRole };
}
