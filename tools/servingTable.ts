import { CLIENT_PAIRS, logsFromKept, supportedModes } from "../catalog/clients";
import { NODE_TOTAL } from "../domain/plan";
import { servingTable } from "../domain/servedHistory";
import { planFor, PlanOptions } from "./plan";
import { PROJECT } from "../offline/stackFile";

/**
 * The steady node total (one node, every running cost, egress excluded) of each pair and mode on
 * mainnet in us-east-1, as `npm run plan` prices it, keyed `<pair> <mode>`.
 */
export async function steadyTotals(options: PlanOptions = {}): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
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
            const total = plan.cost.profiles.steady?.find((l) => l.item === NODE_TOTAL)?.usd;
            totals.set(`${pair.name} ${mode}`, total ?? NaN);
        }
    }
    return totals;
}

/** The README's "What the node serves" table, with each row's steady total. */
export async function pricedServingTable(options: PlanOptions = {}): Promise<string[]> {
    const totals = await steadyTotals(options);
    return servingTable((pair, mode) => totals.get(`${pair.name} ${mode}`) ?? NaN);
}
