/**
 * Security-group rules as the AWS provider can express them, in one shape: a group's inline
 * `ingress`/`egress`, an `aws.ec2.SecurityGroupRule`, or an `aws.vpc.SecurityGroupIngressRule` /
 * `SecurityGroupEgressRule`. The policy pack and the reachability analysis (domain/exposure.ts) both
 * read rules through this, so neither sees a rule the other misses.
 */

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
/** The VPC's default group, adopted by the provider: its inline rules are rules like any other. */
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

export interface NormalRule {
    direction: "ingress" | "egress";
    /** Where it is written: `ingress[0]`, `egress[1]`, or `rule` for a rule resource. */
    label: string;
    protocol: string;
    fromPort?: number;
    toPort?: number;
    /** IPv4 and IPv6 ranges the rule admits or reaches. */
    cidrs: string[];
    /** Managed prefix lists it admits or reaches: ranges that cannot be read at preview. */
    prefixLists: string[];
    /** Groups it names as source or destination. */
    securityGroups: string[];
    /** For a rule resource: the group it belongs to. */
    groupId?: string;
    description?: string;
}

type Props = Record<string, unknown>;

const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const num = (value: unknown) => (typeof value === "number" ? value : undefined);
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function inline(direction: NormalRule["direction"], rules: unknown): NormalRule[] {
    return (Array.isArray(rules) ? (rules as Props[]) : []).map((r, i) => ({
        direction,
        label: `${direction}[${i}]`,
        protocol: String(r.protocol),
        fromPort: num(r.fromPort),
        toPort: num(r.toPort),
        cidrs: [...list(r.cidrBlocks), ...list(r.ipv6CidrBlocks)],
        prefixLists: list(r.prefixListIds),
        securityGroups: list(r.securityGroups),
        description: text(r.description),
    }));
}

/** Every rule a resource carries, in both directions; none for other resource types. */
export function sgRules(type: string, props: Props): NormalRule[] {
    switch (type) {
        case SECURITY_GROUP:
        case DEFAULT_SECURITY_GROUP:
            return [...inline("ingress", props.ingress), ...inline("egress", props.egress)];
        case SG_RULE:
            return [
                {
                    direction: props.type === "egress" ? "egress" : "ingress",
                    label: "rule",
                    protocol: String(props.protocol),
                    fromPort: num(props.fromPort),
                    toPort: num(props.toPort),
                    cidrs: [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)],
                    prefixLists: list(props.prefixListIds),
                    securityGroups: list([props.sourceSecurityGroupId]),
                    groupId: text(props.securityGroupId),
                    description: text(props.description),
                },
            ];
        case VPC_INGRESS:
        case VPC_EGRESS:
            return [
                {
                    direction: type === VPC_INGRESS ? "ingress" : "egress",
                    label: "rule",
                    protocol: String(props.ipProtocol ?? "-1"),
                    fromPort: num(props.fromPort),
                    toPort: num(props.toPort),
                    cidrs: list([props.cidrIpv4, props.cidrIpv6]),
                    prefixLists: list([props.prefixListId]),
                    securityGroups: list([props.referencedSecurityGroupId]),
                    groupId: text(props.securityGroupId),
                    description: text(props.description),
                },
            ];
        default:
            return [];
    }
}
