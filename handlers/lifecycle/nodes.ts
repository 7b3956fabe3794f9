import { LifecycleError, LifecycleSettings, NodeVolume } from "./types";

/**
 * The node whose group this is: a group is named its node's prefix plus the provider's unique suffix
 * (terraform-plugin-sdk id.PrefixedUniqueId: digits and hex, no "-"), so `…-node-` owns
 * `…-node-20261130…` but not `…-node-n2-20261130…`. undefined: no current node (a removed one).
 */
export function nodeOf(settings: LifecycleSettings, groupName: string): NodeVolume | undefined {
    const prefix = Object.keys(settings.nodes).find(
        (p) => groupName.startsWith(p) && !groupName.slice(p.length).includes("-"),
    );
    return prefix === undefined ? undefined : settings.nodes[prefix];
}

/** The settings of the node whose group sent the event. */
export function forGroup(settings: LifecycleSettings, groupName: string): LifecycleSettings {
    const node = nodeOf(settings, groupName);
    if (node === undefined) {
        throw new LifecycleError(
            `group ${groupName} belongs to no node of this stack (known prefixes: ${Object.keys(settings.nodes).join(", ")})`,
        );
    }
    return { ...settings, ...node };
}
