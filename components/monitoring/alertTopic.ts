import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where every alarm goes: the stack's SNS topic, with `alertEmail` subscribed when set. */
export function createAlertTopic(
    name: string,
    args: { alertEmail?: string; tags: Record<string, string> },
    opts: pulumi.CustomResourceOptions,
): aws.sns.Topic {
    const topic = new aws.sns.Topic(`${name}-alerts`, { tags: args.tags }, opts);
    if (args.alertEmail) {
        new aws.sns.TopicSubscription(
            `${name}-alerts-email`,
            { topic: topic.arn, protocol: "email", endpoint: args.alertEmail },
            opts,
        );
    }
    return topic;
}
