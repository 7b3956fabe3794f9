import { ClientPair, CLIENT_PAIRS, logsFromKept, supportedModes } from "../catalog/clients";
import { NodeMode } from "../catalog/networks";
import { servingTable } from "../domain/servedHistory";
import { planFor, PlanOptions } from "./plan";
import { PROJECT } from "../offline/stackFile";

export interface SteadyTotal {
    pair: ClientPair;
    mode: NodeMode;
    usd: number;
}

/**
 * The steady total all in (one node, every running cost and its P2P egress at the high end) of each
 * pair and mode on mainnet in us-east-1, as `npm run plan` prices it.
 */
export async function steadyTotals(options: PlanOptions = {}): Promise<SteadyTotal[]> {
    const totals: SteadyTotal[] = [];
    for (const pair of Object.values(CLIENT_PAIRS)) {
        for (const mode of supportedModes(pair, "mainnet")) {
            const plan = await planFor(
                "serving",
                {
                    "aws:region": "us-east-1",
                    [`${PROJECT}:dnsName`]: "rpc.mainnet.eth-node.internal",
                    [`${PROJECT}:client`]: pair.name,
                    [`${PROJECT}:nodeMode`]: mode,
                    [`${PROJECT}:logsFrom`]: logsFromKept(pair.executionName, mode) ?? "",
                },
                options,
            );
            const total = plan.cost.profiles.steady?.find((l) => l.item === "total")?.usd;
            totals.push({ pair, mode, usd: total ?? NaN });
        }
    }
    return totals;
}

/** A pair and mode's steady total, from steadyTotals. */
export const totalOf = (totals: SteadyTotal[]) => (pair: ClientPair, mode: NodeMode) =>
    totals.find((t) => t.pair === pair && t.mode === mode)?.usd ?? NaN;

/** The README's "What the node serves" table, with each row's steady total. */
export async function pricedServingTable(options: PlanOptions = {}): Promise<string[]> {
    return servingTable(totalOf(await steadyTotals(options)));
}
