import { ConfigProblem, Role, StackConfig } from "../config";
import { AwsLookups } from "./awsLookups";
import { UpstreamImage } from "./upstreamDigests";
import {
    VolumeContents,
    completeContents,
    contentsFromTags,
    contentsOf,
    describe,
    differingFields,
    generationOf,
    keep,
} from "./volumeContents";

/**
 * The deployment plan: which nodes run where, whether a balancer fronts them, and what each chain
 * volume holds, decided once from the config and what the last deployment left. Components, index.ts
 * and the tools read it; nothing else decides "one node or several" or where a node lives.
 */

/** One node as the last deployment left it (components/deployedState.ts reads it back). */
export interface DeployedNode {
    /** "" for the first node, "n2", "n3", … */
    key: string;
    /** Unknown only for a stack deployed before the plan was exported, whose volume AWS no longer has. */
    zone?: string;
    volumeId?: string;
    /** `fresh` or the snapshot the volume was restored from. */
    source?: string;
    /** Set when the volume was created empty for other contents than the one before it. */
    generation?: string;
    contents?: VolumeContents;
}

/** What the stack's last deployment exported; empty before the first. */
export interface DeployedState {
    /** The first node's volume source and size (kept from before the plan was exported). */
    chainVolumeSource?: string;
    chainVolumeSizeGiB?: number;
    nodeCount?: number;
    nodes: DeployedNode[];
    /** Zones the balancer has subnets in; empty when none ran. */
    balancerZones: string[];
    /** The client releases the nodes run; absent for a stack deployed before they were exported. */
    releases?: Partial<Record<Role, string>>;
    /** The upstream images, by role, with the digest each tag served when deployed. */
    images?: Record<string, UpstreamImage>;
}

export interface PlannedNode {
    index: number;
    /** undefined for the first node (its resources keep the single-node names), else `n2`, `n3`, … */
    key?: string;
    /** `node`, `node-n2`, …: names the node's service resources. */
    name: string;
    /** `chain`, `chain-n2`, …: names its ChainVolume. */
    chainName: string;
    zone: string;
    /** Its chain volume exists from an earlier run (and an upgrade of it waits until it is ready again). */
    deployed: boolean;
    /** `fresh` or the chainSnapshotId restored from. */
    source: string;
    /** Distinguishes a new empty volume created for other contents; undefined otherwise. */
    generation?: string;
    contents: VolumeContents;
}

export interface DeploymentPlan {
    nodes: PlannedNode[];
    /** Two or more nodes: an internal NLB fronts them and its alias is the stable name. */
    balanced: boolean;
    /** The balancer's zones: the nodes' and every zone it had before, since an NLB's subnets only grow. */
    balancerZones: string[];
    /** Nodes the last deployment ran that this one removes. */
    retiring: DeployedNode[];
}

/** A node whose volume came from another source than the config's is being restored: it gets a new volume. */
export const isRestore = (config: Pick<StackConfig, "chainSnapshotId">, deployed: DeployedNode) =>
    (deployed.source ?? "fresh") !== (config.chainSnapshotId ?? "fresh");

/**
 * The volume a node keeps, or the new one it gets: a restore (a new chainSnapshotId) always makes a
 * new volume; otherwise the deployed volume stays, and contents it cannot serve are refused unless
 * the user accepts a new, empty volume (allowFreshChainVolume).
 */
function volumeFor(
    config: StackConfig,
    deployed: DeployedNode | undefined,
    label: string,
): { generation?: string; problems: ConfigProblem[] } {
    const source = config.chainSnapshotId ?? "fresh";
    const wanted = contentsOf(config);
    if (deployed === undefined || isRestore(config, deployed)) {
        return { problems: [] };
    }
    const changed = deployed.contents ? differingFields(deployed.contents, wanted) : [];
    if (deployed.contents === undefined || changed.length === 0) {
        return { generation: deployed.generation, problems: [] };
    }
    if (source === "fresh" && config.allowFreshChainVolume) {
        return { generation: generationOf(wanted), problems: [] };
    }
    const key = changed[0] === "execution" ? "client" : changed[0]!;
    const restore =
        "pulumi config set chainSnapshotId <a snapshot of a " +
        `${describe(wanted)} node> (npm run newest-snapshot lists this stack's)`;
    const fresh =
        source === "fresh"
            ? "pulumi config set allowFreshChainVolume true (a new, empty volume: a full sync)"
            : "pulumi config rm chainSnapshotId && pulumi config set allowFreshChainVolume true (a new, empty volume: a full sync)";
    return {
        problems: [
            {
                key,
                message: `${label}'s chain volume holds a ${describe(deployed.contents)} database, which ${describe(wanted)} cannot use (the client would exit or re-sync on top of it). Keep what is deployed (${keep(deployed.contents)}), or give the node a new volume: ${restore}, or ${fresh}`,
            },
        ],
    };
}

const labelOf = (index: number) => `node ${index + 1}`;

/**
 * The nodes' zones: a deployed volume's zone binds its node (moving it would replace the volume),
 * unless the change is a restore, which creates new volumes anyway and so may move the node where the
 * config asks, and otherwise keeps it in its zone. New nodes take the configured zone, or the first
 * usable zones not taken.
 */
function placeNodes(
    config: StackConfig,
    deployed: DeployedNode[],
    usableZones: string[],
): { zones: string[]; problems: ConfigProblem[] } {
    const asked = (i: number) =>
        config.nodeCount === 1 ? config.availabilityZone : config.availabilityZones[i];
    const problems: ConfigProblem[] = [];
    const zones: (string | undefined)[] = [];
    for (let i = 0; i < config.nodeCount; i++) {
        const d = deployed[i];
        const wanted = asked(i);
        if (d?.zone && !isRestore(config, d)) {
            if (wanted !== undefined && wanted !== d.zone) {
                const key = config.nodeCount === 1 ? "availabilityZone" : "availabilityZones";
                problems.push({
                    key,
                    message: `asks for ${wanted}, but ${labelOf(i)}'s chain volume${d.volumeId ? ` ${d.volumeId}` : ""} is in ${d.zone}; a volume cannot move, so this would replace it with an empty one. Keep ${d.zone}, or move the node by restoring a snapshot into the new zone: pulumi config set chainSnapshotId snap-… (npm run newest-snapshot)`,
                });
            }
            zones.push(d.zone);
        } else {
            zones.push(wanted ?? d?.zone);
        }
    }
    const free = usableZones.filter((z) => !zones.includes(z));
    const placed = zones.map((z, i) =>
        z !== undefined
            ? z
            : i === 0 && config.nodeCount === 1
              ? `${config.region}a`
              : free.shift(),
    );
    if (placed.some((z) => z === undefined)) {
        problems.push({
            key: "nodeCount",
            message: `${config.nodeCount} nodes need ${config.nodeCount} zones, but ${config.region} offers the instance types in ${usableZones.length}: ${usableZones.join(", ") || "none"}`,
        });
    }
    return { zones: placed.filter((z): z is string => z !== undefined), problems };
}

/** The plan, and every problem that stops it; `usableZones` are the region's zones that offer both profiles' types. */
export function planDeployment(
    config: StackConfig,
    deployed: DeployedState,
    usableZones: string[],
): { plan: DeploymentPlan; problems: ConfigProblem[] } {
    const placement = placeNodes(config, deployed.nodes, usableZones);
    const problems = [...placement.problems];
    const nodes = placement.zones.map((zone, index): PlannedNode => {
        const key = index === 0 ? undefined : `n${index + 1}`;
        const previous = deployed.nodes[index];
        const volume = volumeFor(config, previous, labelOf(index));
        problems.push(...volume.problems);
        return {
            index,
            key,
            name: key ? `node-${key}` : "node",
            chainName: key ? `chain-${key}` : "chain",
            zone,
            deployed: previous !== undefined,
            source: config.chainSnapshotId ?? "fresh",
            generation: volume.generation,
            contents: contentsOf(config),
        };
    });
    const balanced = nodes.length > 1;
    const zones = nodes.map((n) => n.zone);
    return {
        plan: {
            nodes,
            balanced,
            balancerZones: balanced
                ? [
                      ...deployed.balancerZones,
                      ...zones.filter((z) => !deployed.balancerZones.includes(z)),
                  ]
                : [],
            retiring: deployed.nodes.slice(nodes.length),
        },
        problems,
    };
}

/**
 * A stack deployed before the plan was exported knows only its volumes' ids: their zones and
 * contents come from AWS (the volume's own zone and the tags every chain volume carries).
 */
export async function completeDeployedState(
    state: DeployedState,
    lookups: Pick<AwsLookups, "volume">,
): Promise<DeployedState> {
    const nodes = await Promise.all(
        state.nodes.map(async (node) => {
            if (node.zone !== undefined || node.volumeId === undefined) {
                return node;
            }
            const volume = await lookups.volume(node.volumeId);
            if (volume === undefined) {
                return node;
            }
            const contents = completeContents(contentsFromTags(volume.tags));
            return { ...node, zone: volume.availabilityZone, contents };
        }),
    );
    // Such a stack's balancer had one subnet per node's zone.
    const balancerZones =
        state.balancerZones.length > 0 || nodes.length < 2
            ? state.balancerZones
            : nodes.map((n) => n.zone).filter((z): z is string => z !== undefined);
    return { ...state, nodes, balancerZones };
}
