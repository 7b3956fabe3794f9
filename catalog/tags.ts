/** Tag keys and values the program, the lifecycle handler, DLM, IAM conditions and the tools agree on. */

export const STACK_TAG = "parity:stack";
/** The STACK_TAG value: the program tags with it and the snapshot tool searches by it. */
export const stackTagValue = (project: string, stack: string) => `${project}/${stack}`;

/** Every resource and snapshot carries the stack's network, client pair and node mode as tags. */
export const NETWORK_TAG = "parity:network";
export const CLIENT_TAG = "parity:client";
export const NODE_MODE_TAG = "parity:nodeMode";
/** The tags that say what a chain volume's database holds; its snapshots carry the same. */
export const CONTENTS_TAGS = [NETWORK_TAG, CLIENT_TAG, NODE_MODE_TAG];

/**
 * Marks a chain volume; DLM and the lifecycle handler select by its value, `chainVolumeTagValue`.
 * IAM conditions match the value's `<stack id>/` prefix.
 */
export const CHAIN_VOLUME_TAG = "parity:chain-volume";

/**
 * The chain-volume tag's value: the stack id, the node (after the first), the volume's restore source
 * and, for a new empty volume of other contents, its generation: `<project>/<stack>[/<node>]/<source>[/<generation>]`.
 * After a restore the superseded (retained) volume keeps its old value, which nothing selects any more.
 */
export function chainVolumeTagValue(
    stackId: string,
    snapshotId?: string,
    node?: string,
    generation?: string,
): string {
    const source = snapshotId ?? "fresh";
    return `${stackId}/${node ? `${node}/` : ""}${source}${generation ? `/${generation}` : ""}`;
}

/**
 * On a node's instance (its launch template): the chain volume its boot script waits for. The
 * lifecycle handler attaches the volume the instance names, so a node learns a new volume only when
 * its group launches from the new template version, which happens when that node rolls.
 */
export const CHAIN_VOLUME_ID_TAG = "parity:chain-volume-id";

/** Why a snapshot exists: DLM's schedule, the lifecycle handler's final one, or a restore's pinned copy. */
export const SNAPSHOT_TAG = "parity:snapshot";
export const SNAPSHOT_KINDS = { scheduled: "scheduled", final: "final", pinned: "pinned" } as const;
/** On a final snapshot: the instance it was taken for, so a retried hook takes no second one. */
export const FINAL_FOR_TAG = "parity:final-for";
/** On a pinned copy: the snapshot it copies. */
export const PINNED_FROM_TAG = "parity:pinned-from";
