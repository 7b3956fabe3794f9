import { ClientPair, ImageRef } from "./clients";

/** The images a node runs, by role: the pair's clients and the monitor's base. */
export const IMAGE_ROLES = ["execution", "consensus", "monitor"] as const;
export type ImageRole = (typeof IMAGE_ROLES)[number];

/** The monitor's base image, pinned by tag here and by digest at build time. */
export const MONITOR_BASE: ImageRef = { repository: "node", tag: "22-alpine" };

/** The upstream image each role builds on. */
export function upstreamImages(client: ClientPair): Record<ImageRole, ImageRef> {
    return {
        execution: client.execution.image,
        consensus: client.consensus.image,
        monitor: MONITOR_BASE,
    };
}

/** `repository:tag`, as a registry names it. */
export const imageName = (ref: ImageRef) => `${ref.repository}:${ref.tag}`;
