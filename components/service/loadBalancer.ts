import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { LOAD_BALANCED_PORTS, READINESS_PORT } from "../../catalog/ports";

export interface LoadBalancerArgs {
    vpcId: pulumi.Input<string>;
    /** One subnet per node's zone. */
    subnetIds: pulumi.Input<string>[];
    securityGroupId: pulumi.Input<string>;
    tags: Record<string, string>;
}

/**
 * The readiness check a target must pass to get traffic: the monitor's /ready on the host, 200 only
 * when synced, at head and peered. A syncing or lagging node stays registered but gets nothing, and
 * nothing kills it: the groups keep their EC2 health check. The shortest interval AWS allows
 * (NLB_HEALTH_CHECK_LIMITS) and the smallest threshold take a lagging node out within 10 s; the
 * timeout stays below the interval, so a host that does not answer fails each check in time.
 */
export const READINESS_HEALTH_CHECK = {
    protocol: "HTTP",
    port: String(READINESS_PORT),
    path: "/ready",
    matcher: "200",
    interval: 5,
    timeout: 3,
    healthyThreshold: 2,
    unhealthyThreshold: 2,
};

/**
 * What happens to open connections. A target that turns unhealthy gets a TCP RST on its client
 * connections (NLB "Health checks for Network Load Balancer target groups": unhealthy connection
 * termination, the default, set here so it is not left implicit), and a deregistered one has its
 * connections closed when the deregistration delay ends instead of kept (connection termination),
 * so no keep-alive connection stays on a node the balancer has given up.
 */
export const TARGET_CONNECTIONS = {
    deregistrationDelay: 30,
    connectionTermination: true,
    targetHealthStates: [{ enableUnhealthyConnectionTermination: true }],
};

/** An internal NLB on the RPC ports, forwarding to whichever nodes are ready. */
export function createLoadBalancer(name: string, args: LoadBalancerArgs, parent: pulumi.Resource) {
    const lb = new aws.lb.LoadBalancer(
        `${name}-nlb`,
        {
            // Internal: reachable from the VPC only; the policy pack refuses an internet-facing one.
            internal: true,
            loadBalancerType: "network",
            subnets: args.subnetIds,
            securityGroups: [args.securityGroupId],
            enableCrossZoneLoadBalancing: true,
            tags: args.tags,
        },
        { parent },
    );
    const targetGroups = LOAD_BALANCED_PORTS.map((p) => {
        const group = new aws.lb.TargetGroup(
            `${name}-${p.name}`,
            {
                port: p.port,
                protocol: "TCP",
                targetType: "instance",
                vpcId: args.vpcId,
                // Traffic then comes from the balancer, so the node's group can admit the balancer's.
                preserveClientIp: "false",
                ...TARGET_CONNECTIONS,
                healthCheck: READINESS_HEALTH_CHECK,
                tags: args.tags,
            },
            { parent },
        );
        new aws.lb.Listener(
            `${name}-${p.name}`,
            {
                loadBalancerArn: lb.arn,
                port: p.port,
                protocol: "TCP",
                defaultActions: [{ type: "forward", targetGroupArn: group.arn }],
                tags: args.tags,
            },
            { parent },
        );
        return group;
    });
    return { lb, targetGroups };
}
