import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** Where the nodes live: the configured VPC and subnet, or the default VPC and its default subnet per zone. */
export interface NodeNetwork {
    vpcId: pulumi.Output<string>;
    /** One per node, in node order. */
    subnetIds: pulumi.Output<string>[];
    /** One per balancer zone (empty without a balancer). */
    balancerSubnetIds: pulumi.Output<string>[];
}

/** Lookups only (no resources), so the DNS zone and the nodes can both be placed in the VPC. */
export function resolveNetwork(
    config: { vpcId?: string; subnetId?: string },
    zones: { nodes: string[]; balancer: string[] },
): NodeNetwork {
    if (config.vpcId && config.subnetId) {
        // Config allows a custom VPC for one node only.
        return {
            vpcId: pulumi.output(config.vpcId),
            subnetIds: [pulumi.output(config.subnetId)],
            balancerSubnetIds: [],
        };
    }
    const vpcId = aws.ec2.getVpcOutput({ default: true }).id;
    const subnets = new Map<string, pulumi.Output<string>>();
    const subnetIn = (availabilityZone: string) => {
        let id = subnets.get(availabilityZone);
        if (id === undefined) {
            id = aws.ec2.getSubnetOutput({
                availabilityZone,
                defaultForAz: true,
                filters: [{ name: "vpc-id", values: [vpcId] }],
            }).id;
            subnets.set(availabilityZone, id);
        }
        return id;
    };
    return {
        vpcId,
        subnetIds: zones.nodes.map(subnetIn),
        balancerSubnetIds: zones.balancer.map(subnetIn),
    };
}
