import { StackConfig } from "../config";
import { PROFILES } from "../catalog/profiles";
import { CATCH_UP_ON_EBS } from "../catalog/chain";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";
import { defaultInstanceType } from "./instanceChoice";
import { HistoryRow } from "./servedHistory";
import { Assumptions, SNAPSHOT_REWRITE_FACTOR } from "./plan";

/** Every figure the plan rests on, with where it comes from (the steady type: what the rule picks). */
export function planSources(
    config: StackConfig,
    disk: string,
    egress: string,
    sync: string,
    a: Assumptions,
    history: HistoryRow[],
): { what: string; source: string }[] {
    const { execution, consensus } = config.client;
    return [
        { what: "volume size", source: disk },
        { what: "steady IOPS at head", source: execution.iopsAtHead.source },
        {
            what: "steady instance",
            source: `${PROFILES.steady.instanceReason}: ${defaultInstanceType("steady", config.client)} for ${config.client.name}; ${execution.memoryAtHeadMiB.source}; ${consensus.memoryAtHeadMiB.source}`,
        },
        {
            what: "snapshot churn",
            source:
                a.snapshotChurnGiBPerDay !== undefined
                    ? "given with --churn-gib"
                    : `the volume's growth per day (as for its size), up to × ${SNAPSHOT_REWRITE_FACTOR} for rewrites (assumed: no published measurement); the high end is counted`,
        },
        {
            what: "P2P egress",
            source: a.egressGiBPerMonth !== undefined ? "given with --egress-gib" : egress,
        },
        { what: "fewest consensus peers", source: GOSSIP_MESH_LOW.source },
        { what: "first sync", source: sync },
        ...history.map((r) => ({
            what: `history: ${r.capability}`,
            source: r.source,
        })),
        { what: "catch-up rate", source: CATCH_UP_ON_EBS.source },
        { what: "replace time", source: "assumed (see Recovery)" },
    ];
}
