import { DATA_DIR } from "./host";

/**
 * Who the node's processes run as, and what the client processes may not reach. The containers
 * share the host's network, so a client (or whoever takes one over) would otherwise reach the
 * instance's and the task's credentials like any host process; a host firewall rule keyed on these
 * user ids closes that, since host networking keeps a container's uid as the socket's owner.
 */

export interface ProcessUser {
    uid: number;
    gid: number;
}

/**
 * The clients' users: not root, not in use on the ECS-optimized AMI (its own users are below 1000
 * and ec2-user is 1000), and one per client so that neither can write the other's database.
 */
export const CLIENT_USERS = {
    execution: { uid: 10001, gid: 10001 },
    consensus: { uid: 10002, gid: 10002 },
} as const satisfies Record<string, ProcessUser>;

/** The group that may read the JWT secret: both clients hold it, neither owns the file. */
export const JWT_READER_GID = 10000;

/** The shared JWT secret's directory on the chain volume, mounted into both client containers. */
export const JWT_DIR = `${DATA_DIR}/jwt`;
export const JWT_PATH = `${JWT_DIR}/jwt.hex`;

/**
 * The uid range the host firewall guards: every client user, and nothing else (the monitor runs as
 * the node image's `node` user, 1000, and keeps the task role to publish its metrics).
 */
export function guardedUidRange(): { first: number; last: number } {
    const uids = Object.values(CLIENT_USERS).map((u) => u.uid);
    return { first: Math.min(...uids), last: Math.max(...uids) };
}

export interface GuardedDestination {
    what: string;
    /** An IPv4 address or CIDR. */
    destination: string;
    /** TCP ports, as iptables writes a range ("51678:51679"); none: every port and protocol. */
    tcpPorts?: string;
    source: string;
}

/** Where the instance's and the task's credentials are served; client users are refused all three. */
export const GUARDED_DESTINATIONS: readonly GuardedDestination[] = [
    {
        what: "instance metadata (IMDS), which serves the instance role's credentials",
        destination: "169.254.169.254/32",
        source: "EC2 User Guide, 'Access instance metadata for an EC2 instance': IPv4 endpoint 169.254.169.254 (the IPv6 endpoint is off unless the launch template enables it; components/service/host.ts keeps it off)",
    },
    {
        what: "the ECS task credentials endpoint (the monitor's metrics role)",
        destination: "169.254.170.2/32",
        source: "Amazon ECS Developer Guide, 'Task IAM role': containers fetch credentials from 169.254.170.2 at AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    },
    {
        what: "the ECS agent's introspection and credentials ports on loopback, where the host redirects 169.254.170.2",
        destination: "127.0.0.0/8",
        tcpPorts: "51678:51679",
        source: "Amazon ECS Developer Guide, task IAM roles on hosts you configure: `iptables -t nat -A OUTPUT -d 169.254.170.2 -p tcp --dport 80 -j REDIRECT --to-ports 51679`; container instance reserved ports 51678 and 51679",
    },
];
