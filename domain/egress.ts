import { ClientPair } from "../catalog/clients";
import { Network } from "../catalog/networks";

/** P2P egress of the pair, GiB a month, as a range with its sources. */
export interface EgressRange {
    lowGiB: number;
    highGiB: number;
    /** How the range adds up. */
    basis: string;
    /** Where the per-peer figures come from. */
    sources: string;
    /** Each client's per-peer range: what one peer more or less costs. */
    perPeer: { client: string; lowGiB: number; highGiB: number }[];
}

/**
 * P2P egress of the pair, GiB a month: each client's sourced per-peer range times its configured
 * peer limit (executionMaxPeers, consensusTargetPeers). The figures are mainnet's; no testnet
 * measurement exists, so a testnet is priced as if it carried mainnet's traffic (an upper bound,
 * assumed).
 */
export function egressRange(
    client: ClientPair,
    peers: { execution: number; consensus: number },
    network: Network,
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
        sources: [
            ...(network === "mainnet"
                ? []
                : [
                      `mainnet's figures (assumed for ${network}: no testnet measurement; its traffic is lower)`,
                  ]),
            ...roles.map((r) => `${r.c.displayName}: ${r.c.egressPerPeer.source}`),
        ].join("; "),
        perPeer: roles.map((r) => ({ client: r.c.displayName, ...r.c.egressPerPeer })),
    };
}

/** What each client's peer limit costs a month per peer, at a price per GiB: the lever it is. */
export function peerCosts(range: EgressRange, usdPerGiB: number): string {
    const usd = (gib: number) => `$${(gib * usdPerGiB).toFixed(2)}`;
    const each = range.perPeer.map(({ client, lowGiB, highGiB }) =>
        lowGiB === highGiB
            ? `${client} ${usd(lowGiB)}`
            : `${client} ${usd(lowGiB)}–${usd(highGiB)}`,
    );
    return `a peer more or less: ${each.join(", ")} a month`;
}
