import { ClientPair } from "../catalog/clients";
import { Network } from "../catalog/networks";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";

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

/** One peer setting a client can run with, and the egress it sends a month. */
export interface PeerSetting {
    client: string;
    setting: string;
    peers: number;
    lowGiB: number;
    highGiB: number;
    /** USD a month at the region's egress price; undefined where the region has no price. */
    lowUsd?: number;
    highUsd?: number;
}

/**
 * What each client's peer settings cost: the one it runs, the client's own default, and the fewest
 * the config allows (minPeers for the execution client, which readiness needs; gossipsub's D_low
 * for the consensus client). The fewest is a floor, not a recommendation.
 */
export function peerSettings(
    client: ClientPair,
    config: { peers: { execution: number; consensus: number }; minPeers: number },
    usdPerGiB: number | undefined,
): PeerSetting[] {
    const roles = [
        {
            c: client.execution,
            key: "executionMaxPeers",
            runs: config.peers.execution,
            fewest: { count: Math.max(1, config.minPeers), why: "minPeers, which readiness needs" },
        },
        {
            c: client.consensus,
            key: "consensusTargetPeers",
            runs: config.peers.consensus,
            fewest: { count: GOSSIP_MESH_LOW.value, why: GOSSIP_MESH_LOW.name },
        },
    ];
    return roles.flatMap(({ c, key, runs, fewest }) =>
        [
            { setting: `runs (${key})`, peers: runs },
            { setting: "the client's own default", peers: c.defaultPeers.value },
            { setting: `fewest allowed (${fewest.why})`, peers: fewest.count },
        ].map(({ setting, peers }) => {
            const lowGiB = c.egressPerPeer.lowGiB * peers;
            const highGiB = c.egressPerPeer.highGiB * peers;
            return {
                client: c.displayName,
                setting,
                peers,
                lowGiB,
                highGiB,
                ...(usdPerGiB === undefined
                    ? {}
                    : { lowUsd: lowGiB * usdPerGiB, highUsd: highGiB * usdPerGiB }),
            };
        }),
    );
}
