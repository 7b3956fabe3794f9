import { HOURS_PER_MONTH, RegionPrices } from "../catalog/prices";
import { CostLine, EGRESS, isTotal, round, withTotals } from "./plan";

/** NLCUs a node stack's RPC traffic uses per hour (about 1 GB an hour processed): an assumption. */
export const ASSUMED_NLCU_PER_HOUR = 1;

/**
 * Several nodes cost each node's lines N times, plus the internal load balancer (hourly and its
 * capacity units). One node is returned as it is.
 */
export function multiNodeCost(
    single: CostLine[],
    nodeCount: number,
    prices: RegionPrices,
): CostLine[] {
    if (nodeCount === 1) {
        return single;
    }
    const lines = single
        .filter((l) => !isTotal(l))
        .map((l) => ({
            ...l,
            usd: round(l.usd * nodeCount),
            basis: `${nodeCount} nodes × (${l.basis})`,
        }));
    const lbHourly = prices.nlbHourly + ASSUMED_NLCU_PER_HOUR * prices.nlcuHourly;
    lines.push({
        item: "load balancer",
        usd: round(lbHourly * HOURS_PER_MONTH),
        basis: `internal NLB at $${prices.nlbHourly}/h + ${ASSUMED_NLCU_PER_HOUR} NLCU at $${prices.nlcuHourly}/h (assumed) × ${HOURS_PER_MONTH} h`,
    });
    const own = lines.filter((l) => l.item !== EGRESS);
    const egress = lines.find((l) => l.item === EGRESS)!;
    return withTotals(own, egress, "nodes and load balancer");
}

export interface AvailabilityRow {
    scenario: string;
    seconds: number;
    assumptions: string;
}

/** How the load-balanced stack rides out trouble: who serves, and how soon. */
export function availability(
    nodeCount: number,
    healthCheck: { interval: number; timeout: number; unhealthyThreshold: number },
    replaceFromSnapshotMinutes: number,
): AvailabilityRow[] {
    if (nodeCount === 1) {
        return [];
    }
    // The second failed check starts at most two intervals after the node goes bad; a 503 fails at
    // once, a host that does not answer fails when the check times out.
    const drop = healthCheck.interval * healthCheck.unhealthyThreshold;
    const others = `the balancer resets its open connections; the other ${nodeCount - 1} serve`;
    return [
        {
            scenario: "a node falls behind, syncs or is upgraded (its /ready answers 503)",
            seconds: drop,
            assumptions: `${healthCheck.unhealthyThreshold} failed /ready checks ${healthCheck.interval} s apart; ${others}`,
        },
        {
            scenario: "a node's host stops answering",
            seconds: drop + healthCheck.timeout,
            assumptions: `${healthCheck.unhealthyThreshold} /ready checks ${healthCheck.interval} s apart, the last failing at its ${healthCheck.timeout} s timeout; ${others}`,
        },
        {
            scenario: "a node (or its zone) is lost and rebuilt from a snapshot",
            seconds: replaceFromSnapshotMinutes * 60,
            assumptions: `the recovery row "from a snapshot in another zone"; the other ${nodeCount - 1} serve meanwhile`,
        },
    ];
}
