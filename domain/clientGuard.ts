import { GUARDED_DESTINATIONS, guardedUidRange } from "../catalog/processIsolation";

/** The host's client guard (bootstrap/client-guard.sh) as systemd and the boot script run it. */

export const CLIENT_GUARD_UNIT = "node-client-guard.service";
export const CLIENT_GUARD_SCRIPT = "/usr/local/sbin/client-guard";

/** The guard's settings: the client users' uid range and where they may not connect. */
export function clientGuardEnvironment(): { GUARDED_UIDS: string; GUARDS: string } {
    const { first, last } = guardedUidRange();
    return {
        GUARDED_UIDS: first === last ? `${first}` : `${first}-${last}`,
        GUARDS: GUARDED_DESTINATIONS.map((d) =>
            d.tcpPorts ? `${d.destination},${d.tcpPorts}` : d.destination,
        ).join(" "),
    };
}

/**
 * The unit that applies the guard at every boot, before docker or the agent can start a container;
 * they require it, so a host where the rule cannot be set runs no client at all.
 */
export function clientGuardUnit(): string {
    const env = clientGuardEnvironment();
    return [
        "[Unit]",
        "Description=Refuse the node's client users the instance's and the task's credentials",
        "Before=docker.service ecs.service",
        "[Service]",
        "Type=oneshot",
        "RemainAfterExit=yes",
        `Environment=GUARDED_UIDS=${env.GUARDED_UIDS}`,
        `Environment="GUARDS=${env.GUARDS}"`,
        `ExecStart=${CLIENT_GUARD_SCRIPT}`,
        "[Install]",
        "WantedBy=multi-user.target",
        "RequiredBy=docker.service ecs.service",
    ].join("\n");
}
