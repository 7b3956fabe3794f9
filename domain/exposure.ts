import { PortSpec } from "../catalog/ports";
import { isPrivateCidr } from "../config/cidr";
import { NormalRule, SECURITY_GROUP, sgRules } from "./sgRules";

/**
 * Who may reach which port, both as the security-group rules the program creates from the port
 * table and as the answer read back from the rules it registered.
 */

/** A security-group rule in the shape of pulumi-aws's inline ingress/egress. */
export interface SgRule<G = string> {
    fromPort: number;
    toPort: number;
    protocol: string;
    description?: string;
    cidrBlocks?: string[];
    ipv6CidrBlocks?: string[];
    securityGroups?: G[];
}

const WORLD = ["0.0.0.0/0", "::/0"];

/** Ingress for one port of the node, from its exposure; host-only ports get none. */
export function ingressFor<G>(p: PortSpec, accessGroupId: G, allowedCidrs: string[]): SgRule<G>[] {
    const base = {
        fromPort: p.port,
        toPort: p.port,
        protocol: p.protocol,
        description: `${p.name}: ${p.description}`,
    };
    switch (p.exposure) {
        case "public":
            return [{ ...base, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }];
        case "access": {
            const v4 = allowedCidrs.filter((c) => !c.includes(":"));
            const v6 = allowedCidrs.filter((c) => c.includes(":"));
            return [
                { ...base, securityGroups: [accessGroupId] },
                ...(allowedCidrs.length > 0
                    ? [{ ...base, cidrBlocks: v4, ipv6CidrBlocks: v6 }]
                    : []),
            ];
        }
        case "host":
            return [];
    }
}

/**
 * Egress for members of the access group: exactly the node's access ports, to the node's group.
 * pulumi-aws removes AWS's default allow-all egress from every group it creates, so without these a
 * consumer holding only this group could not open a connection to the node.
 */
export function accessEgressFor<G>(ports: PortSpec[], nodeGroupId: G): SgRule<G>[] {
    return ports
        .filter((p) => p.exposure === "access")
        .map((p) => ({
            fromPort: p.port,
            toPort: p.port,
            protocol: p.protocol,
            description: `to the node: ${p.name}`,
            securityGroups: [nodeGroupId],
        }));
}

/** A registered security group, as the program hands it to AWS. */
export interface GroupRules {
    id: string;
    name: string;
    ingress: SgRule[];
    egress: SgRule[];
}

export type Source = "internet" | "access-group member" | "the load balancer" | "the node";

export interface Reach {
    from: Source;
    port: number;
    protocol: string;
}

/** The protocol numbers AWS accepts in place of the names. */
const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp" };

/**
 * Does the rule let this protocol's traffic reach the port? Protocol -1 (or all) opens every port;
 * a rule without a range covers every port of its protocol.
 */
export function ruleCoversPort(
    rule: { protocol: string; fromPort?: number; toPort?: number },
    port: number,
    protocol: string,
): boolean {
    const ruleProtocol = rule.protocol.toLowerCase();
    if (ruleProtocol === "-1" || ruleProtocol === "all") {
        return true;
    }
    if ((PROTOCOL_NAMES[ruleProtocol] ?? ruleProtocol) !== protocol) {
        return false;
    }
    return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

const cidrsOf = (rule: SgRule) => [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])];
/** Any address outside the private ranges (0.0.0.0/0 and ::/0 among them) counts as the internet. */
const fromInternet = (rule: SgRule) => cidrsOf(rule).some((c) => !isPrivateCidr(c));
const toInternet = (rule: SgRule) => cidrsOf(rule).some((c) => WORLD.includes(c));

/**
 * Who reaches the node's ports, in both directions: a connection needs the source's egress and the
 * target's ingress. The internet has no egress rules; a consumer holds only the access group; the
 * node's own traffic out is checked against the internet.
 */
export function reachability(
    groups: GroupRules[],
    nodeGroupName: string,
    accessGroupName: string,
    ports: { port: number; protocol: string }[],
    lbGroupName?: string,
): Reach[] {
    const node = groups.find((g) => g.name === nodeGroupName);
    const access = groups.find((g) => g.name === accessGroupName);
    const lb = groups.find((g) => g.name === lbGroupName);
    if (!node || !access || (lbGroupName !== undefined && !lb)) {
        throw new Error(
            `no security groups named ${[nodeGroupName, accessGroupName, lbGroupName].join(", ")}`,
        );
    }
    /** A connection from `from` to `to` on a port: `from`'s egress and `to`'s ingress both allow it. */
    const connects = (from: GroupRules, to: GroupRules, port: number, protocol: string) =>
        from.egress.some(
            (r) =>
                ruleCoversPort(r, port, protocol) &&
                ((r.securityGroups ?? []).includes(to.id) || toInternet(r)),
        ) &&
        to.ingress.some(
            (r) => ruleCoversPort(r, port, protocol) && (r.securityGroups ?? []).includes(from.id),
        );
    const reach: Reach[] = [];
    for (const { port, protocol } of ports) {
        const admits = (test: (r: SgRule) => boolean) =>
            node.ingress.some((r) => ruleCoversPort(r, port, protocol) && test(r));
        if (
            admits(fromInternet) ||
            (lb?.ingress.some((r) => ruleCoversPort(r, port, protocol) && fromInternet(r)) ?? false)
        ) {
            reach.push({ from: "internet", port, protocol });
        }
        // Through the load balancer when there is one: consumer → balancer → node, each hop both ways.
        const consumerReaches = lb
            ? connects(access, lb, port, protocol) && connects(lb, node, port, protocol)
            : connects(access, node, port, protocol);
        if (consumerReaches) {
            reach.push({ from: "access-group member", port, protocol });
        }
        if (lb && connects(lb, node, port, protocol)) {
            reach.push({ from: "the load balancer", port, protocol });
        }
        if (node.egress.some((r) => ruleCoversPort(r, port, protocol) && toInternet(r))) {
            reach.push({ from: "the node", port, protocol });
        }
    }
    return reach;
}

/** What the reader needs of a registered security group or rule resource. */
export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    state: { id?: unknown };
}

/** A normalised rule in the analysis's shape (ranges split by family, as pulumi-aws writes them). */
const asSgRule = (r: NormalRule): SgRule => ({
    fromPort: r.fromPort ?? 0,
    toPort: r.toPort ?? 65535,
    protocol: r.protocol,
    description: r.description,
    cidrBlocks: r.cidrs.filter((c) => !c.includes(":")),
    ipv6CidrBlocks: r.cidrs.filter((c) => c.includes(":")),
    securityGroups: r.securityGroups,
});

/** The registered groups with their inline rules and the separate rule resources that point at them. */
export function groupsFromResources(resources: RegisteredResource[]): GroupRules[] {
    const idOf = (r: RegisteredResource) => String(r.state.id ?? `${r.name}-id`);
    const rules = resources.flatMap((r) =>
        sgRules(r.type, r.inputs).map((rule) => ({
            ...rule,
            groupId: r.type === SECURITY_GROUP ? idOf(r) : rule.groupId,
        })),
    );
    return resources
        .filter((r) => r.type === SECURITY_GROUP)
        .map((g) => {
            const own = rules.filter((r) => r.groupId === idOf(g));
            return {
                id: idOf(g),
                name: g.name,
                ingress: own.filter((r) => r.direction === "ingress").map(asSgRule),
                egress: own.filter((r) => r.direction === "egress").map(asSgRule),
            };
        });
}

export interface ExposureRow {
    port: string;
    from: string;
    description: string;
}

/**
 * Who can reach which port of the node, from the security groups and rules the program registered
 * (reachability above, egress included), plus the private CIDRs admitted; with several nodes, along
 * the consumer → balancer → node path.
 */
export function exposure(
    resources: RegisteredResource[],
    ports: PortSpec[],
    groups = { node: "node-node", access: "node-access", lb: "node-lb" },
): ExposureRow[] {
    const registered = groupsFromResources(resources);
    const lb = registered.some((g) => g.name === groups.lb) ? groups.lb : undefined;
    const reach = reachability(registered, groups.node, groups.access, ports, lb);
    const via = lb ? " through the load balancer" : "";
    // Private ranges are admitted where consumers arrive: the balancer, or the node itself.
    const front = registered.find((g) => g.name === (lb ?? groups.node));
    return ports.map((p) => {
        const here = reach.filter((r) => r.port === p.port && r.protocol === p.protocol);
        const consumers = here.some((r) => r.from === "access-group member");
        const from = [
            ...here.flatMap((r) =>
                r.from === "internet"
                    ? ["internet"]
                    : r.from === "access-group member"
                      ? [`access security group${via}`]
                      : r.from === "the load balancer" && !consumers
                        ? ["the load balancer (its health check)"]
                        : [],
            ),
            ...(front?.ingress ?? [])
                .filter((r) => ruleCoversPort(r, p.port, p.protocol))
                .flatMap((r) => [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])])
                .filter((c) => isPrivateCidr(c))
                .map((c) => `VPC ${c}${via}`),
        ];
        return {
            port: `${p.port}/${p.protocol}`,
            from: from.length > 0 ? from.join(", ") : "host only (127.0.0.1)",
            description: p.description,
        };
    });
}
