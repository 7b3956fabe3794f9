/**
 * Who may reach a port on the node's host:
 * - public: the whole internet (P2P only);
 * - access: members of the exported access security group, plus listed CIDRs inside the VPC;
 * - host: nobody outside the instance (bound to 127.0.0.1, no security-group rule).
 */
export type Exposure = "public" | "access" | "host";
export type Protocol = "tcp" | "udp";

export interface PortSpec {
    name: string;
    port: number;
    protocol: Protocol;
    exposure: Exposure;
    description: string;
}

/** A port that is not marked otherwise is host-only: exposure must be asked for. */
export function port(
    name: string,
    portNumber: number,
    protocol: Protocol,
    description: string,
    exposure: Exposure = "host",
): PortSpec {
    return { name, port: portNumber, protocol, exposure, description };
}

/** The ports every execution client serves the same way; RPC is what this product exists for. */
export const RPC_HTTP_PORT = 8545;
export const RPC_WS_PORT = 8546;
export const ENGINE_API_PORT = 8551;

export const EXECUTION_RPC_PORTS: PortSpec[] = [
    port("rpc-http", RPC_HTTP_PORT, "tcp", "JSON-RPC over HTTP", "access"),
    port("rpc-ws", RPC_WS_PORT, "tcp", "JSON-RPC over WebSocket", "access"),
    port(
        "engine-api",
        ENGINE_API_PORT,
        "tcp",
        "Engine API between execution and consensus client (JWT)",
    ),
];

/** The monitor sidecar's readiness endpoint: for load balancers and operators in the VPC. */
export const READINESS_PORT = 8080;
export const MONITOR_PORTS: PortSpec[] = [
    port(
        "readiness",
        READINESS_PORT,
        "tcp",
        "node readiness: 200 synced and at head, 503 otherwise",
        "access",
    ),
];

/** The ports an internal load balancer serves when several nodes run: HTTP and WebSocket RPC. */
export const LOAD_BALANCED_PORTS: PortSpec[] = EXECUTION_RPC_PORTS.filter(
    (p) => p.exposure === "access",
);
