import { ConfigProblem, StackConfig } from "../config";
import { CLIENT_TAG, NETWORK_TAG, NODE_MODE_TAG } from "../catalog/tags";
import { CLIENT_PAIRS, logsFromKept } from "../catalog/clients";

/** What a chain volume holds, how two contents compare, and what a restore source may hold. */

/** What a chain volume's database holds: a client serves it only with the same three. */
export interface VolumeContents {
    execution: string;
    network: string;
    nodeMode: string;
}

export const contentsOf = (
    config: Pick<StackConfig, "client" | "network" | "nodeMode">,
): VolumeContents => ({
    execution: config.client.executionName,
    network: config.network,
    nodeMode: config.nodeMode,
});

export const CONTENTS_FIELDS = ["execution", "network", "nodeMode"] as const;

/** The fields in which two volumes' contents differ. */
export const differingFields = (a: VolumeContents, b: VolumeContents) =>
    CONTENTS_FIELDS.filter((k) => a[k] !== b[k]);

/** Contents with all three fields as strings, from an exported output or a volume's tags; else undefined. */
export function completeContents(value: unknown): VolumeContents | undefined {
    const c = value as Partial<Record<keyof VolumeContents, unknown>> | undefined;
    return c && CONTENTS_FIELDS.every((k) => typeof c[k] === "string")
        ? {
              execution: c.execution as string,
              network: c.network as string,
              nodeMode: c.nodeMode as string,
          }
        : undefined;
}

export const describe = (c: VolumeContents) => `${c.execution} ${c.network} ${c.nodeMode}`;

/** The settings that run a database again: defaults may have moved since it was deployed. */
export const keep = (c: VolumeContents) =>
    `execution client ${c.execution}, network ${c.network}, nodeMode ${c.nodeMode}, logsFrom ${logsFromKept(c.execution, c.nodeMode) ?? "?"}`;

/** The generation name of a volume created empty for these contents. */
export const generationOf = (c: VolumeContents) => `${c.execution}-${c.network}-${c.nodeMode}`;

/** What a snapshot of this stack holds, from the tags every snapshot carries; unknown fields stay unset. */
export function contentsFromTags(tags: Record<string, string>): Partial<VolumeContents> {
    return {
        execution: CLIENT_PAIRS[tags[CLIENT_TAG] ?? ""]?.executionName,
        network: tags[NETWORK_TAG],
        nodeMode: tags[NODE_MODE_TAG],
    };
}

/**
 * The tag values a snapshot a new node starts from may carry: this network and mode, and any pair
 * with this execution client, whose database the volume holds (a consensus client checkpoint-syncs
 * into its own folder).
 */
export function seedableSnapshotTags(
    config: Pick<StackConfig, "client" | "network" | "nodeMode">,
): Record<string, string[]> {
    return {
        [NETWORK_TAG]: [config.network],
        [CLIENT_TAG]: Object.values(CLIENT_PAIRS)
            .filter((pair) => pair.executionName === config.client.executionName)
            .map((pair) => pair.name),
        [NODE_MODE_TAG]: [config.nodeMode],
    };
}

/** A restore source made by another kind of node is refused: its database would not serve this config. */
export function checkSnapshotContents(
    config: Pick<StackConfig, "chainSnapshotId" | "network" | "nodeMode" | "client">,
    tags: Record<string, string>,
): ConfigProblem[] {
    const wanted = contentsOf(config);
    const found = contentsFromTags(tags);
    const differ = CONTENTS_FIELDS.filter((k) => found[k] !== undefined && found[k] !== wanted[k]);
    if (differ.length === 0) {
        return [];
    }
    const label = { execution: "execution client", network: "network", nodeMode: "node mode" };
    const show = (c: Partial<VolumeContents>) =>
        differ.map((k) => `${label[k]} is ${c[k]}`).join(" and ");
    return [
        {
            key: "chainSnapshotId",
            message: `${config.chainSnapshotId} was taken from a node whose ${show(found)}; this stack's ${show(wanted)}, and its client cannot use that database. Choose a snapshot of a ${describe(wanted)} node`,
        },
    ];
}
