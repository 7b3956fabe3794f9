import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { RPC_HTTP_PORT, RPC_WS_PORT } from "../catalog/ports";

export interface PrivateEndpointDnsArgs {
    dnsName: string;
    /** A private zone answers only inside the VPC; the default public zone resolves anywhere (and publishes a private IP). */
    privateZone: boolean;
    vpcId: pulumi.Input<string>;
    /** The stack's name, in the zone's comment. */
    stack: string;
    tags: Record<string, string>;
}

/** A stable name for the node's private RPC endpoint. */
export class PrivateEndpointDns extends pulumi.ComponentResource {
    public readonly zoneId: pulumi.Output<string>;
    public readonly nameServers: pulumi.Output<string[]>;
    public readonly rpcUrl: pulumi.Output<string>;
    public readonly wsUrl: pulumi.Output<string>;

    constructor(
        name: string,
        args: PrivateEndpointDnsArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("parity:dns:PrivateEndpointDns", name, {}, opts);
        const zone = new aws.route53.Zone(
            `${name}-zone`,
            {
                name: args.dnsName,
                comment: `RPC endpoint of ${args.stack}`,
                vpcs: args.privateZone ? [{ vpcId: args.vpcId }] : undefined,
                // The launch handler writes the A record; destroy must not fail on it (the seed's bug).
                forceDestroy: true,
                tags: args.tags,
            },
            // A private zone cannot drop its last VPC (so never becomes public) in place: a new zone.
            { parent: this, replaceOnChanges: ["vpcs"] },
        );
        this.zoneId = zone.zoneId;
        this.nameServers = zone.nameServers;
        this.rpcUrl = pulumi.output(`http://${args.dnsName}:${RPC_HTTP_PORT}`);
        this.wsUrl = pulumi.output(`ws://${args.dnsName}:${RPC_WS_PORT}`);
        this.registerOutputs({
            zoneId: this.zoneId,
            nameServers: this.nameServers,
            rpcUrl: this.rpcUrl,
            wsUrl: this.wsUrl,
        });
    }
}
