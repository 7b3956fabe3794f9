import { NodeMode } from "../catalog/networks";
import { servedHistory, supportedModes } from "../catalog/clients";
import { describeNeed, serves } from "../catalog/history";
import { StackConfig } from "../config";
import { DeployedState } from "./deployment";

/**
 * An unset `nodeMode` is the cheapest mode that keeps `logsFrom`, and a new release of the program
 * may find a cheaper one. A running node keeps the mode its volume holds while that mode still keeps
 * `logsFrom`: a moved default must not refuse the next `pulumi up` or ask for a new volume.
 */
export function keepDeployedMode(
    config: StackConfig,
    deployed: DeployedState,
): { config: StackConfig; warnings: string[] } {
    const held = deployed.nodes[0]?.contents;
    const restoring =
        (deployed.nodes[0]?.source ?? "fresh") !== (config.chainSnapshotId ?? "fresh");
    if (
        config.nodeModeSet ||
        held === undefined ||
        restoring ||
        held.execution !== config.client.executionName ||
        held.network !== config.network ||
        held.nodeMode === config.nodeMode
    ) {
        return { config, warnings: [] };
    }
    const mode = held.nodeMode as NodeMode;
    const runnable = supportedModes(config.client, config.network).includes(mode);
    if (
        !runnable ||
        !serves(servedHistory(config.client, mode).receipts.reach, config.logsFrom, config.network)
    ) {
        return { config, warnings: [] };
    }
    return {
        config: { ...config, nodeMode: mode },
        warnings: [
            `nodeMode: unset, so the deployed ${mode} stays (it keeps logsFrom ${describeNeed(config.logsFrom)}); a new volume would run ${config.nodeMode}, which keeps it on less disk. Set nodeMode to choose`,
        ],
    };
}
