import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** Where the node lives: the configured VPC and subnet, or the default VPC and its default subnet in the zone. */
export interface NodeNetwork {
    vpcId: pulumi.Output<string>;
    subnetId: pulumi.Output<string>;
}

/** Lookups only (no resources), so the DNS zone and the node can both be placed in the VPC. */
export function resolveNetwork(config: {
    vpcId?: string;
    subnetId?: string;
    availabilityZone: string;
}): NodeNetwork {
    if (config.vpcId && config.subnetId) {
        return { vpcId: pulumi.output(config.vpcId), subnetId: pulumi.output(config.subnetId) };
    }
    const vpcId = aws.ec2.getVpcOutput({ default: true }).id;
    const subnetId = aws.ec2.getSubnetOutput({
        availabilityZone: config.availabilityZone,
        defaultForAz: true,
        filters: [{ name: "vpc-id", values: [vpcId] }],
    }).id;
    return { vpcId, subnetId };
}
