import { LifecycleError, LifecycleSettings } from "./types";

/**
 * The prefix of the node whose group this is: a group is named its node's prefix plus the
 * provider's unique suffix (terraform-plugin-sdk id.PrefixedUniqueId: digits and hex, no "-"), so
 * `…-node-` owns `…-node-20261130…` but not `…-node-n2-20261130…`. undefined: no current node (a
 * removed one).
 */
export function nodeOf(settings: LifecycleSettings, groupName: string): string | undefined {
    return settings.nodeGroupPrefixes.find(
        (p) => groupName.startsWith(p) && !groupName.slice(p.length).includes("-"),
    );
}

/** Refuses an event from a group that belongs to no current node of this stack. */
export function requireNode(settings: LifecycleSettings, groupName: string): void {
    if (nodeOf(settings, groupName) === undefined) {
        throw new LifecycleError(
            `group ${groupName} belongs to no node of this stack (known prefixes: ${settings.nodeGroupPrefixes.join(", ")})`,
        );
    }
}
