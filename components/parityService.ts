import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair, pairPorts } from "../catalog/clients";
import { PortSpec } from "../catalog/ports";

export interface ParityServiceArgs {
    client: ClientPair;
    vpcId?: string;
    subnetId?: string;
    availabilityZone: string;
    instanceType: string;
    tags: Record<string, string>;
}

/** Security-group ingress for one port, from its exposure; host-only ports get none. */
export function ingressFor(p: PortSpec, accessGroupId: pulumi.Input<string>): aws.types.input.ec2.SecurityGroupIngress[] {
    const base = { fromPort: p.port, toPort: p.port, protocol: p.protocol, description: `${p.name}: ${p.description}` };
    switch (p.exposure) {
        case "public":
            return [{ ...base, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }];
        case "access":
            return [{ ...base, securityGroups: [accessGroupId] }];
        case "host":
            return [];
    }
}

/** The node: an ECS cluster on one EC2 instance running the execution and consensus clients. */
export class ParityService extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly accessSecurityGroupId: pulumi.Output<string>;
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    public readonly vpcId: pulumi.Output<string>;

    constructor(name: string, args: ParityServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:compute:ParityService", name, {}, opts);
        const vpcId = args.vpcId ?? aws.ec2.getVpcOutput({ default: true }, { parent: this }).id;
        const access = new aws.ec2.SecurityGroup(
            `${name}-access`,
            { vpcId, description: "Members may call the node's JSON-RPC (8545) and WebSocket (8546)", tags: args.tags },
            { parent: this },
        );
        const node = new aws.ec2.SecurityGroup(
            `${name}-node`,
            {
                vpcId,
                description: "Ethereum node: public P2P, RPC from the access group only",
                ingress: pairPorts(args.client).flatMap((p) => ingressFor(p, access.id)),
                egress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
                tags: args.tags,
            },
            { parent: this },
        );
        const cluster = new aws.ecs.Cluster(`${name}-cluster`, { tags: args.tags }, { parent: this });
        this.clusterName = cluster.name;
        this.accessSecurityGroupId = access.id;
        this.nodeSecurityGroupId = node.id;
        this.vpcId = pulumi.output(vpcId);
        this.registerOutputs({
            clusterName: this.clusterName,
            accessSecurityGroupId: this.accessSecurityGroupId,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
        });
    }
}
