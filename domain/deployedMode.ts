import { NodeMode } from "../catalog/networks";
import { describeNeed } from "../catalog/history";
import { StackConfig } from "../config";
import { modesServing } from "../config/node";
import { DeployedState, isRestore } from "./deployment";

/**
 * An unset `nodeMode` is the cheapest mode that keeps `logsFrom`, and a new release of the program
 * may find a cheaper one. A running node keeps the mode its volume holds while that mode still keeps
 * `logsFrom`: a moved default must not refuse the next `pulumi up` or ask for a new volume.
 */
export function keepDeployedMode(
    config: StackConfig,
    deployed: DeployedState,
): { config: StackConfig; warnings: string[] } {
    const node = deployed.nodes[0];
    const held = node?.contents;
    if (
        config.nodeModeSet ||
        node === undefined ||
        held === undefined ||
        isRestore(config, node) ||
        held.execution !== config.client.executionName ||
        held.network !== config.network ||
        held.nodeMode === config.nodeMode
    ) {
        return { config, warnings: [] };
    }
    const mode = held.nodeMode as NodeMode;
    if (!modesServing(config.client, config.network, config.logsFrom).includes(mode)) {
        return { config, warnings: [] };
    }
    return {
        config: { ...config, nodeMode: mode },
        warnings: [
            `nodeMode: unset, so the deployed ${mode} stays (it keeps logsFrom ${describeNeed(config.logsFrom)}); a new volume would run ${config.nodeMode}, which keeps it on less disk. Set nodeMode to choose`,
        ],
    };
}
