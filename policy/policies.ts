import * as aws from "@pulumi/aws";
import {
    validateResourceOfType,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import {
    GuardConfig,
    guardSchema,
    noPublicBalancerToGuardedPort,
    noPublicGuardedIngress,
    noPublicGuardedListener,
    reportPublicPorts,
} from "./exposure";
import { noUnsafeRpcNamespaces } from "./namespaces";

export { DEFAULT_GUARDED_PORTS, ingressRules } from "./exposure";
export { noPublicBalancerToGuardedPort, noPublicGuardedIngress, noPublicGuardedListener };
export { noUnsafeRpcNamespaces };

/**
 * The project's CrossGuard policies: the mandatory ones (policy/exposure.ts, policy/namespaces.ts)
 * and the advisory ones below. Kept apart from the pack's index.ts (which starts a policy server) so
 * tests and `npm run policy` can import them.
 */

const SSH_PORT = 22;

export const noPublicSsh: ResourceValidationPolicy = {
    name: "no-public-ssh",
    description: "SSH (22) is not open to public addresses; use SSM Session Manager.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            vpcCidrs: guardSchema.properties.vpcCidrs,
            privatePrefixLists: guardSchema.properties.privatePrefixLists,
        },
    },
    validateResource: (args, report) =>
        reportPublicPorts(args, report, [SSH_PORT], args.getConfig<GuardConfig>()),
};

export const imdsv2Required: ResourceValidationPolicy = {
    name: "imdsv2-required",
    description: "Launch templates and instances require IMDSv2 session tokens.",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (
            args.type === "aws:ec2/launchTemplate:LaunchTemplate" ||
            args.type === "aws:ec2/instance:Instance"
        ) {
            const tokens = args.props.metadataOptions?.httpTokens;
            if (tokens !== "required") {
                report(
                    `${args.name} (${args.type}) metadataOptions.httpTokens is ${JSON.stringify(tokens ?? "unset")}; set it to "required"`,
                );
            }
        }
    },
};

export const ebsEncrypted: ResourceValidationPolicy = {
    name: "ebs-encrypted",
    description: "EBS volumes, including those in launch templates, are encrypted.",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (args.type === "aws:ebs/volume:Volume" && args.props.encrypted !== true) {
            report(`${args.name} (${args.type}) is not encrypted; set encrypted: true`);
        }
        if (args.type === "aws:ec2/launchTemplate:LaunchTemplate") {
            (args.props.blockDeviceMappings ?? []).forEach((m: any, i: number) => {
                if (m.ebs && String(m.ebs.encrypted) !== "true") {
                    report(
                        `${args.name} (${args.type}) blockDeviceMappings[${i}] (${m.deviceName}) is not encrypted`,
                    );
                }
            });
        }
    },
};

export const logRetention: ResourceValidationPolicy = {
    name: "log-retention",
    description: "CloudWatch log groups expire their logs.",
    enforcementLevel: "advisory",
    // Typed: the engine (and the offline runner) match the resource class by its type token.
    validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, args, report) => {
        if (!(Number(group.retentionInDays) > 0)) {
            report(`${args.name} (${args.type}) keeps logs forever; set retentionInDays`);
        }
    }),
};

export const ecrScanOnPush: ResourceValidationPolicy = {
    name: "ecr-scan-on-push",
    description: "ECR repositories scan images on push.",
    enforcementLevel: "advisory",
    validateResource: validateResourceOfType(aws.ecr.Repository, (repo, args, report) => {
        if (repo.imageScanningConfiguration?.scanOnPush !== true) {
            report(
                `${args.name} (${args.type}) does not scan on push; set imageScanningConfiguration.scanOnPush: true`,
            );
        }
    }),
};

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    noPublicGuardedIngress,
    noPublicGuardedListener,
    noPublicBalancerToGuardedPort,
    noUnsafeRpcNamespaces,
    noPublicSsh,
    imdsv2Required,
    ebsEncrypted,
    logRetention,
    ecrScanOnPush,
];
