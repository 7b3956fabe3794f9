import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair, pairPorts } from "../../catalog/clients";
import { MONITOR_PORTS } from "../../catalog/ports";
import { accessEgressFor, ingressFor } from "../../domain/exposure";

export interface SecurityGroupArgs {
    vpcId: pulumi.Input<string>;
    client: ClientPair;
    /** CIDRs inside the VPC that may call RPC besides the access group. */
    rpcAllowedCidrs: string[];
    tags: Record<string, string>;
}

/**
 * Two groups from the port table: the node's (public P2P, access ports from the access group) and the
 * access group that consumers join, whose egress reaches exactly the node's access ports.
 */
export function createSecurityGroups(
    name: string,
    args: SecurityGroupArgs,
    parent: pulumi.Resource,
) {
    const ports = [...pairPorts(args.client), ...MONITOR_PORTS];
    const access = new aws.ec2.SecurityGroup(
        `${name}-access`,
        {
            vpcId: args.vpcId,
            description: "Members may call the node: JSON-RPC 8545, WebSocket 8546, readiness 8080",
            tags: args.tags,
        },
        { parent },
    );
    const node = new aws.ec2.SecurityGroup(
        `${name}-node`,
        {
            vpcId: args.vpcId,
            description: "Ethereum node: public P2P, RPC from the access group only",
            ingress: ports.flatMap((p) => ingressFor(p, access.id, args.rpcAllowedCidrs)),
            egress: [
                {
                    fromPort: 0,
                    toPort: 0,
                    protocol: "-1",
                    cidrBlocks: ["0.0.0.0/0"],
                    ipv6CidrBlocks: ["::/0"],
                    description: "P2P, checkpoint sync, AWS APIs",
                },
            ],
            tags: args.tags,
        },
        { parent },
    );
    // A separate rule resource: the access group's egress names the node group, which names it back.
    accessEgressFor(ports, node.id).forEach(
        (rule, i) =>
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-access-egress-${i}`,
                {
                    securityGroupId: access.id,
                    referencedSecurityGroupId: node.id,
                    ipProtocol: rule.protocol,
                    fromPort: rule.fromPort,
                    toPort: rule.toPort,
                    description: rule.description,
                    tags: args.tags,
                },
                { parent },
            ),
    );
    return { access, node };
}
