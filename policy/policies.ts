import * as aws from "@pulumi/aws";
import {
    validateResourceOfType,
    ResourceValidationPolicy,
    StackValidationPolicy,
    ResourceValidationArgs,
    ReportViolation,
    PolicyResource,
} from "@pulumi/policy";
import { isPrivateCidr } from "../config/cidr";
import { ruleCoversPort } from "../domain/exposure";
import { sgRules } from "../domain/sgRules";
import { GUARDED_PORTS } from "../catalog/clients";

/**
 * The project's CrossGuard policies. Kept apart from the pack's index.ts (which starts a policy
 * server) so tests and `npm run policy` can import them.
 */

export interface GuardConfig {
    /** Ports that must never be reachable from a public address. */
    guardedPorts: number[];
    /** The VPC's own ranges: a CIDR inside them counts as private even outside RFC 1918. */
    vpcCidrs: string[];
}

/** Every port of every client and the monitor that is not public (catalog/clients.ts). */
export const DEFAULT_GUARDED_PORTS = GUARDED_PORTS;
const SSH_PORT = 22;

const guardSchema = {
    properties: {
        guardedPorts: {
            type: "array" as const,
            items: { type: "integer" as const },
            default: DEFAULT_GUARDED_PORTS,
        },
        vpcCidrs: {
            type: "array" as const,
            items: { type: "string" as const },
            default: [] as string[],
        },
    },
};

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/** Every inbound rule a resource carries, in the three ways the AWS provider can express one. */
export const ingressRules = (type: string, props: Record<string, any>) =>
    sgRules(type, props).filter((r) => r.direction === "ingress");

function reportPublicPorts(
    args: ResourceValidationArgs,
    report: ReportViolation,
    ports: number[],
    vpcCidrs: string[],
): void {
    for (const rule of ingressRules(args.type, args.props)) {
        for (const cidr of rule.cidrs.filter((c) => !isPrivateCidr(c, vpcCidrs))) {
            for (const port of ports.filter((p) => ruleCoversPort(rule, p, "tcp"))) {
                const [from, to] = [rule.fromPort ?? 0, rule.toPort ?? 65535];
                const range = from === to ? `${from}` : `${from}-${to}`;
                report(
                    `${args.name} (${args.type}) ${rule.label} [${rule.protocol} ${range}] opens port ${port} to ${cidr}`,
                );
            }
        }
    }
}

export const noPublicGuardedIngress: ResourceValidationPolicy = {
    name: "no-public-rpc-ingress",
    description:
        "RPC (8545/8546), the engine API, the beacon API and metrics are never reachable from a public address.",
    enforcementLevel: "mandatory",
    configSchema: guardSchema,
    validateResource: (args, report) => {
        const config = args.getConfig<GuardConfig>();
        reportPublicPorts(args, report, config.guardedPorts, config.vpcCidrs);
    },
};

const dependsOn = (resource: PolicyResource, property: string, target: PolicyResource) =>
    (resource.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn) ||
    (resource.props[property] !== undefined && resource.props[property] === target.props.arn);

export const noPublicGuardedListener: StackValidationPolicy = {
    name: "no-public-rpc-listener",
    description: "No internet-facing load balancer listens on a guarded port.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { guardedPorts: guardSchema.properties.guardedPorts } },
    validateStack: (args, report) => {
        const { guardedPorts } = args.getConfig<GuardConfig>();
        const internetFacing = args.resources.filter(
            (r) => LOAD_BALANCERS.includes(r.type) && r.props.internal !== true,
        );
        for (const listener of args.resources.filter(
            (r) => LISTENERS.includes(r.type) && guardedPorts.includes(Number(r.props.port)),
        )) {
            for (const lb of internetFacing.filter((b) =>
                dependsOn(listener, "loadBalancerArn", b),
            )) {
                report(
                    `${listener.name} (listener) on internet-facing load balancer ${lb.name} listens on port ${listener.props.port} from 0.0.0.0/0`,
                    listener.urn,
                );
            }
        }
    },
};

export const noPublicSsh: ResourceValidationPolicy = {
    name: "no-public-ssh",
    description: "SSH (22) is not open to public addresses; use SSM Session Manager.",
    enforcementLevel: "advisory",
    configSchema: { properties: { vpcCidrs: guardSchema.properties.vpcCidrs } },
    validateResource: (args, report) =>
        reportPublicPorts(args, report, [SSH_PORT], args.getConfig<GuardConfig>().vpcCidrs),
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
    noPublicSsh,
    imdsv2Required,
    ebsEncrypted,
    logRetention,
    ecrScanOnPush,
];
