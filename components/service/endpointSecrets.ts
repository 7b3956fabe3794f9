import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { SecretRefs, SecretVariable } from "../../domain/containerSecrets";

/**
 * The endpoint lists that can hold API keys, as SSM SecureString parameters (encrypted with the
 * account's aws/ssm key; Pulumi keeps the value encrypted in state). Only lists with a URL get one:
 * SSM refuses an empty value, and an empty list reaches the containers as unset.
 */
export function createEndpointSecrets(
    name: string,
    lists: Record<SecretVariable, string[]>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { refs: SecretRefs<pulumi.Output<string>>; arns: pulumi.Output<string>[] } {
    const refs: SecretRefs<pulumi.Output<string>> = {};
    for (const [variable, urls] of Object.entries(lists) as [SecretVariable, string[]][]) {
        if (urls.length === 0) {
            continue;
        }
        const parameter = new aws.ssm.Parameter(
            `${name}-${variable.toLowerCase().replace(/_/g, "-")}`,
            {
                type: "SecureString",
                value: pulumi.secret(urls.join(" ")),
                description: `${variable} for the node's containers (may hold provider API keys)`,
                tags,
            },
            { parent },
        );
        refs[variable] = parameter.arn;
    }
    return { refs, arns: Object.values(refs) };
}
