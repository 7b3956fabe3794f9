import { ClientPair } from "../catalog/clients";
import { EgressRange } from "./plan";

/**
 * P2P egress of the pair, GiB a month: each client's sourced per-peer range times its configured
 * peer limit (executionMaxPeers, consensusTargetPeers).
 */
export function egressRange(
    client: ClientPair,
    peers: { execution: number; consensus: number },
): EgressRange {
    const roles = [
        { c: client.execution, count: peers.execution },
        { c: client.consensus, count: peers.consensus },
    ];
    const sum = (pick: (r: (typeof roles)[number]) => number) =>
        roles.reduce((total, r) => total + pick(r), 0);
    return {
        lowGiB: sum((r) => r.c.egressPerPeer.lowGiB * r.count),
        highGiB: sum((r) => r.c.egressPerPeer.highGiB * r.count),
        basis: roles
            .map((r) => {
                const { lowGiB, highGiB } = r.c.egressPerPeer;
                const perPeer = lowGiB === highGiB ? `${lowGiB}` : `${lowGiB}–${highGiB}`;
                return `${r.c.displayName} ${r.count} peers × ${perPeer} GiB`;
            })
            .join(" + "),
        sources: roles.map((r) => `${r.c.displayName}: ${r.c.egressPerPeer.source}`).join("; "),
    };
}
