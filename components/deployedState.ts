import * as pulumi from "@pulumi/pulumi";
import { DeployedNode, DeployedState } from "../domain/deployment";
import { ROLES, Role } from "../config";
import { completeContents, VolumeContents } from "../domain/volumeContents";
import { assertBackendServesSelfReference } from "./backend";
import { UpstreamImage } from "../domain/upstreamDigests";

/**
 * What the stack's last deployment exported, read back in this one place before anything else is
 * decided. index.ts writes `deployment` (the plan as deployed); stacks deployed before it was
 * exported have only `chainVolumeIds`, whose zones and contents the pre-flight asks AWS for.
 */

/** The `deployment` output: what a later run must know of each node and of the balancer. */
export interface DeploymentOutput {
    nodes: {
        key: string;
        zone: string;
        volumeId: pulumi.Input<string>;
        source: string;
        generation?: string;
        contents: VolumeContents;
    }[];
    balancerZones: string[];
    /** The releases the nodes run (execution, consensus): a later run knows what a change starts. */
    releases: Record<Role, string>;
    /** Each upstream image and the digest its tag served: a re-pushed tag is caught next time. */
    images: Record<string, UpstreamImage>;
}

const isString = (v: unknown): v is string => typeof v === "string";
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);

/** The recorded upstream images; a malformed entry is left out (unknown, so not checked). */
function readImages(raw: Record<string, unknown> | undefined): Record<string, UpstreamImage> {
    return Object.fromEntries(
        Object.entries(raw ?? {}).flatMap(([role, value]) => {
            const v = value as Record<string, unknown> | undefined;
            return isString(v?.image) && isString(v?.digest)
                ? [[role, { image: v.image, digest: v.digest }]]
                : [];
        }),
    );
}

/** Reads the exported outputs into the deployed state; anything malformed counts as unknown. */
export function readDeployedState(outputs: Record<string, unknown>): DeployedState {
    const source = isString(outputs.chainVolumeSource) ? outputs.chainVolumeSource : undefined;
    const size = outputs.chainVolumeSizeGiB;
    const count = outputs.nodeCount;
    const state: DeployedState = {
        chainVolumeSource: source,
        chainVolumeSizeGiB: typeof size === "number" ? size : undefined,
        nodeCount: typeof count === "number" ? count : undefined,
        nodes: [],
        balancerZones: [],
    };
    const deployment = outputs.deployment as
        | {
              nodes?: unknown;
              balancerZones?: unknown;
              releases?: Record<string, unknown>;
              images?: Record<string, unknown>;
          }
        | undefined;
    if (deployment && Array.isArray(deployment.nodes)) {
        state.nodes = deployment.nodes.map((raw): DeployedNode => {
            const n = raw as Record<string, unknown>;
            return {
                key: isString(n.key) ? n.key : "",
                zone: isString(n.zone) ? n.zone : undefined,
                volumeId: isString(n.volumeId) ? n.volumeId : undefined,
                source: isString(n.source) ? n.source : undefined,
                generation: isString(n.generation) ? n.generation : undefined,
                contents: completeContents(n.contents),
            };
        });
        state.balancerZones = strings(deployment.balancerZones);
        state.images = readImages(deployment.images);
        const releases = ROLES.filter((role) => isString(deployment.releases?.[role]));
        if (releases.length > 0) {
            state.releases = Object.fromEntries(
                releases.map((role) => [role, deployment.releases![role] as string]),
            );
        }
        return state;
    }
    // Before the plan was exported: the volumes' ids, one source for all, and the node count.
    const ids = strings(outputs.chainVolumeIds);
    const nodes = state.nodeCount ?? (source !== undefined ? 1 : 0);
    state.nodes = Array.from({ length: nodes }, (_, i) => ({
        key: i === 0 ? "" : `n${i + 1}`,
        volumeId: ids[i],
        source,
    }));
    return state;
}

/** Whose outputs to read: the stack itself, named as the backend names it. */
export interface SelfReference {
    organization: string;
    project: string;
    stack: string;
}

/** The stack reads its own last outputs (an empty stack answers nothing). */
export async function deployedOutputs(self: SelfReference): Promise<Record<string, unknown>> {
    // A failed read of the reference fails the whole run with the engine's words: check first.
    assertBackendServesSelfReference();
    const reference = new pulumi.StackReference(
        `${self.organization}/${self.project}/${self.stack}`,
    );
    const keys = [
        "deployment",
        "chainVolumeSource",
        "chainVolumeSizeGiB",
        "nodeCount",
        "chainVolumeIds",
    ];
    const values = await Promise.all(
        keys.map(async (k) => (await reference.getOutputDetails(k)).value),
    );
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

export async function deployedState(self: SelfReference): Promise<DeployedState> {
    return readDeployedState(await deployedOutputs(self));
}
