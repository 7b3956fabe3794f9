import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Critical findings of ECR's scan on push, sent to the alert topic: a rollout is not stopped (the
 * scan runs after the push, and a finding in an upstream client release is for its maintainers to
 * fix), but the operator hears of it with the image's digest. The event is ECR's "ECR Image Scan"
 * (Amazon ECR User Guide, "Amazon ECR events and EventBridge": detail scan-status, repository-name,
 * finding-severity-counts, image-digest).
 */
export function criticalScanPattern(repositoryName: string) {
    return {
        source: ["aws.ecr"],
        "detail-type": ["ECR Image Scan"],
        detail: {
            "repository-name": [repositoryName],
            "scan-status": ["COMPLETE"],
            "finding-severity-counts": { CRITICAL: [{ numeric: [">", 0] }] },
        },
    };
}

/**
 * The actions SNS's default access policy grants the topic's own account (kept as they are, so the
 * alarms still publish once a policy of the program's replaces the default one).
 */
export const TOPIC_OWNER_ACTIONS = [
    "SNS:GetTopicAttributes",
    "SNS:SetTopicAttributes",
    "SNS:AddPermission",
    "SNS:RemovePermission",
    "SNS:DeleteTopic",
    "SNS:Subscribe",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
];

export function createImageFindingsAlert(
    name: string,
    args: {
        repositoryName: pulumi.Input<string>;
        topic: aws.sns.Topic;
        tags: Record<string, string>;
    },
    opts: pulumi.CustomResourceOptions,
): void {
    const rule = new aws.cloudwatch.EventRule(
        `${name}-image-findings`,
        {
            description: "A node image's scan on push found critical vulnerabilities",
            eventPattern: pulumi
                .output(args.repositoryName)
                .apply((repository) => JSON.stringify(criticalScanPattern(repository))),
            tags: args.tags,
        },
        opts,
    );
    new aws.cloudwatch.EventTarget(
        `${name}-image-findings`,
        {
            rule: rule.name,
            arn: args.topic.arn,
            inputTransformer: {
                inputPaths: {
                    repository: "$.detail.repository-name",
                    digest: "$.detail.image-digest",
                    critical: "$.detail.finding-severity-counts.CRITICAL",
                },
                inputTemplate:
                    '"ECR found <critical> critical vulnerabilities in <repository>@<digest>: aws ecr describe-image-scan-findings --repository-name <repository> --image-id imageDigest=<digest>"',
            },
        },
        opts,
    );
    const account = aws.getCallerIdentityOutput({}, opts).accountId;
    new aws.sns.TopicPolicy(
        `${name}-alerts`,
        {
            arn: args.topic.arn,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "TopicOwner",
                        Effect: "Allow",
                        Principal: { AWS: "*" },
                        Action: TOPIC_OWNER_ACTIONS,
                        Resource: args.topic.arn,
                        Condition: { StringEquals: { "AWS:SourceOwner": account } },
                    },
                    {
                        Sid: "ImageScanFindings",
                        Effect: "Allow",
                        Principal: { Service: "events.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: args.topic.arn,
                        Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
                    },
                ],
            }),
        },
        opts,
    );
}
