import {
    ResourceValidationPolicy,
    StackValidationPolicy,
    ResourceValidationArgs,
    ReportViolation,
    PolicyResource,
} from "@pulumi/policy";
import { isPrivateCidr } from "../config/cidr";
import { ruleCoversPort } from "../domain/exposure";
import { DEFAULT_SECURITY_GROUP, NormalRule, SECURITY_GROUP, sgRules } from "../domain/sgRules";
import { GUARDED_PORTS } from "../catalog/clients";

/**
 * The mandatory policies: nothing the node guards (RPC, the engine and beacon APIs, metrics) is
 * reachable from a public address, in any form AWS offers: a rule's CIDR or prefix list, a public
 * load balancer's listener or its target group, a classic ELB, or a group that admits a public
 * balancer's group.
 */

export interface GuardConfig {
    /** Ports that must never be reachable from a public address. */
    guardedPorts: number[];
    /** The VPC's own ranges: a CIDR inside them counts as private even outside RFC 1918. */
    vpcCidrs: string[];
    /** Managed prefix lists known to hold only private ranges; any other one counts as public. */
    privatePrefixLists: string[];
}

/** Every port of every client and the monitor that is not public (catalog/clients.ts). */
export const DEFAULT_GUARDED_PORTS = GUARDED_PORTS;

const stringList = { type: "array" as const, items: { type: "string" as const }, default: [] };
export const guardSchema = {
    properties: {
        guardedPorts: {
            type: "array" as const,
            items: { type: "integer" as const },
            default: DEFAULT_GUARDED_PORTS,
        },
        vpcCidrs: stringList,
        privatePrefixLists: stringList,
    },
};

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";

/** Every inbound rule a resource carries, in every way the AWS provider can express one. */
export const ingressRules = (type: string, props: Record<string, unknown>) =>
    sgRules(type, props).filter((r) => r.direction === "ingress");

const rangeOf = (rule: NormalRule) => {
    const [from, to] = [rule.fromPort ?? 0, rule.toPort ?? 65535];
    return from === to ? `${from}` : `${from}-${to}`;
};

export function reportPublicPorts(
    args: ResourceValidationArgs,
    report: ReportViolation,
    ports: number[],
    config: Pick<GuardConfig, "vpcCidrs" | "privatePrefixLists">,
): void {
    for (const rule of ingressRules(args.type, args.props)) {
        const sources = [
            ...rule.cidrs.filter((c) => !isPrivateCidr(c, config.vpcCidrs)),
            ...rule.prefixLists
                .filter((p) => !(config.privatePrefixLists ?? []).includes(p))
                .map(
                    (p) =>
                        `prefix list ${p} (its ranges cannot be checked; list it in privatePrefixLists if it is private)`,
                ),
        ];
        for (const source of sources) {
            for (const port of ports.filter((p) => ruleCoversPort(rule, p, "tcp"))) {
                report(
                    `${args.name} (${args.type}) ${rule.label} [${rule.protocol} ${rangeOf(rule)}] opens port ${port} to ${source}`,
                );
            }
        }
    }
}

export const noPublicGuardedIngress: ResourceValidationPolicy = {
    name: "no-public-rpc-ingress",
    description:
        "RPC (8545/8546), the engine API, the beacon API and metrics are never reachable from a public address or an unchecked prefix list.",
    enforcementLevel: "mandatory",
    configSchema: guardSchema,
    validateResource: (args, report) => {
        const config = args.getConfig<GuardConfig>();
        reportPublicPorts(args, report, config.guardedPorts, config);
    },
};

/** Whether `resource` takes `property` from `target`: by dependency, or by a known ARN or id. */
function feeds(resource: PolicyResource, property: string, target: PolicyResource): boolean {
    const value = resource.props[property];
    const values = Array.isArray(value) ? value : [value];
    return (
        (resource.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn) ||
        values.some((v) => v !== undefined && (v === target.props.arn || v === target.props.id))
    );
}

interface ListenerAction {
    targetGroupArn?: string;
    forward?: { targetGroups?: { arn?: string }[] };
}

/** A listener's target groups: its default actions' forward targets, by dependency or ARN. */
function forwardedGroups(listener: PolicyResource, groups: PolicyResource[]): PolicyResource[] {
    const actions: ListenerAction[] = listener.props.defaultActions ?? [];
    const arns = actions.flatMap((a) => [
        a.targetGroupArn,
        ...(a.forward?.targetGroups ?? []).map((g) => g.arn),
    ]);
    return groups.filter(
        (g) =>
            (listener.propertyDependencies?.defaultActions ?? []).some((d) => d.urn === g.urn) ||
            (g.props.arn !== undefined && arns.includes(g.props.arn)),
    );
}

export const noPublicGuardedListener: StackValidationPolicy = {
    name: "no-public-rpc-listener",
    description:
        "No internet-facing load balancer, classic ones included, listens on or forwards to a guarded port.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { guardedPorts: guardSchema.properties.guardedPorts } },
    validateStack: (args, report) => {
        const { guardedPorts } = args.getConfig<GuardConfig>();
        const guarded = (port: unknown) => guardedPorts.includes(Number(port));
        const internetFacing = internetFacingBalancers(args.resources).filter((r) =>
            LOAD_BALANCERS.includes(r.type),
        );
        const groups = args.resources.filter((r) => TARGET_GROUPS.includes(r.type));
        for (const listener of args.resources.filter((r) => LISTENERS.includes(r.type))) {
            for (const lb of internetFacing.filter((b) => feeds(listener, "loadBalancerArn", b))) {
                if (guarded(listener.props.port)) {
                    report(
                        `${listener.name} (listener) on internet-facing load balancer ${lb.name} listens on port ${listener.props.port} from 0.0.0.0/0`,
                        listener.urn,
                    );
                }
                for (const group of forwardedGroups(listener, groups).filter((g) =>
                    guarded(g.props.port),
                )) {
                    report(
                        `${listener.name} (listener) on internet-facing load balancer ${lb.name} forwards port ${listener.props.port} to target group ${group.name} on port ${group.props.port}`,
                        listener.urn,
                    );
                }
            }
        }
        for (const elb of internetFacingBalancers(args.resources).filter(
            (r) => r.type === CLASSIC_ELB,
        )) {
            for (const l of (elb.props.listeners ?? []) as Record<string, unknown>[]) {
                if (guarded(l.instancePort) || guarded(l.lbPort)) {
                    report(
                        `${elb.name} (internet-facing classic load balancer) listens on ${l.lbPort} for instance port ${l.instancePort}`,
                        elb.urn,
                    );
                }
            }
        }
    },
};

/** Load balancers of every kind, classic ones included, that are not internal. */
function internetFacingBalancers(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter(
        (r) =>
            (LOAD_BALANCERS.includes(r.type) || r.type === CLASSIC_ELB) &&
            r.props.internal !== true,
    );
}

/** The security groups an internet-facing load balancer carries, as resources of the stack. */
function publicBalancerGroups(resources: PolicyResource[]): PolicyResource[] {
    const balancers = internetFacingBalancers(resources);
    return resources.filter(
        (g) =>
            [SECURITY_GROUP, DEFAULT_SECURITY_GROUP].includes(g.type) &&
            balancers.some((b) => feeds(b, "securityGroups", g)),
    );
}

export const noPublicBalancerToGuardedPort: StackValidationPolicy = {
    name: "no-public-balancer-to-rpc",
    description:
        "No security group admits an internet-facing load balancer's group on a guarded port: the balancer would carry the internet to it.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { guardedPorts: guardSchema.properties.guardedPorts } },
    validateStack: (args, report) => {
        const { guardedPorts } = args.getConfig<GuardConfig>();
        const sources = publicBalancerGroups(args.resources);
        for (const r of args.resources) {
            for (const rule of ingressRules(r.type, r.props)) {
                const property = ruleProperty(r.type, rule);
                for (const source of sources.filter(
                    (g) =>
                        rule.securityGroups.includes(g.props.id) ||
                        (r.propertyDependencies?.[property] ?? []).some((d) => d.urn === g.urn),
                )) {
                    for (const port of guardedPorts.filter((p) => ruleCoversPort(rule, p, "tcp"))) {
                        report(
                            `${r.name} (${r.type}) ${rule.label} admits ${source.name}, the group of an internet-facing load balancer, on port ${port}`,
                            r.urn,
                        );
                    }
                }
            }
        }
    },
};

/** The property a rule's source group is written in, for its dependencies. */
function ruleProperty(type: string, rule: NormalRule): string {
    if (rule.label.startsWith("ingress")) {
        return "ingress";
    }
    return type.includes("vpc/") ? "referencedSecurityGroupId" : "sourceSecurityGroupId";
}
