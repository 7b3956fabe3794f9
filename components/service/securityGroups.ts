import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair, pairPorts } from "../../catalog/clients";
import {
    LOAD_BALANCED_PORTS,
    MONITOR_PORTS,
    PortSpec,
    READINESS_PORT,
    RPC_HTTP_PORT,
    RPC_WS_PORT,
} from "../../catalog/ports";
import { accessEgressFor, ingressFor } from "../../domain/exposure";

export interface SecurityGroupArgs {
    vpcId: pulumi.Input<string>;
    client: ClientPair;
    /** CIDRs inside the VPC that may call RPC besides the access group. */
    rpcAllowedCidrs: string[];
    /** Several nodes: consumers reach the load balancer, which alone reaches the nodes. */
    loadBalanced: boolean;
    tags: Record<string, string>;
}

/** Egress rules as separate resources: the groups name each other, so inline rules would loop. */
function egressRules(
    name: string,
    from: aws.ec2.SecurityGroup,
    to: aws.ec2.SecurityGroup,
    ports: PortSpec[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
) {
    accessEgressFor(ports, to.id).forEach(
        (rule, i) =>
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-${i}`,
                {
                    securityGroupId: from.id,
                    referencedSecurityGroupId: to.id,
                    ipProtocol: rule.protocol,
                    fromPort: rule.fromPort,
                    toPort: rule.toPort,
                    description: rule.description,
                    tags,
                },
                { parent },
            ),
    );
}

/**
 * The groups, from the port table: the node's (public P2P; its access ports from the access group,
 * or from the load balancer's group when there is one), the access group consumers join, and with
 * several nodes the load balancer's group between them.
 */
export function createSecurityGroups(
    name: string,
    args: SecurityGroupArgs,
    parent: pulumi.Resource,
) {
    const ports = [...pairPorts(args.client), ...MONITOR_PORTS];
    // A group's description forces a new group, and consumers hold the access group: the
    // descriptions name no topology (nodeCount), and a deployed group keeps the one it has.
    const keepDescription = { parent, ignoreChanges: ["description"] };
    const access = new aws.ec2.SecurityGroup(
        `${name}-access`,
        {
            vpcId: args.vpcId,
            description: `Members may call the Ethereum node RPC: JSON-RPC ${RPC_HTTP_PORT}, WebSocket ${RPC_WS_PORT}`,
            tags: args.tags,
        },
        keepDescription,
    );
    const lb = args.loadBalanced
        ? new aws.ec2.SecurityGroup(
              `${name}-lb`,
              {
                  vpcId: args.vpcId,
                  description:
                      "Internal RPC load balancer: RPC from the access group, to the nodes",
                  ingress: LOAD_BALANCED_PORTS.flatMap((p) =>
                      ingressFor(p, access.id, args.rpcAllowedCidrs),
                  ),
                  tags: args.tags,
              },
              { parent },
          )
        : undefined;
    // The node's access ports admit exactly one group: the load balancer's, or the consumers'.
    const admitted = lb ?? access;
    const node = new aws.ec2.SecurityGroup(
        `${name}-node`,
        {
            vpcId: args.vpcId,
            description: `Ethereum node: public P2P; RPC and readiness ${READINESS_PORT} from the access group or the RPC load balancer only`,
            ingress: ports.flatMap((p) =>
                ingressFor(p, admitted.id, args.loadBalanced ? [] : args.rpcAllowedCidrs),
            ),
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
        keepDescription,
    );
    if (lb) {
        egressRules(`${name}-access-egress`, access, lb, LOAD_BALANCED_PORTS, args.tags, parent);
        egressRules(`${name}-lb-egress`, lb, node, ports, args.tags, parent);
    } else {
        egressRules(`${name}-access-egress`, access, node, ports, args.tags, parent);
    }
    return { access, node, lb };
}
