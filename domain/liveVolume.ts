import { ConfigProblem, StackConfig } from "../config";
import { ResolvedProfile } from "./profile";

/** What the deployed chain volume allows the next run to do: never shrink it, never drop a restore. */

/**
 * A restored volume is never silently swapped for an empty one: with chainSnapshotId unset the
 * volume is a fresh one, so clearing the key after a restore means days of re-sync.
 */
export function checkChainVolumeSource(
    config: Pick<StackConfig, "chainSnapshotId" | "allowFreshChainVolume">,
    deployedSource: string | undefined,
): ConfigProblem[] {
    if (
        deployedSource === undefined ||
        deployedSource === "fresh" ||
        config.chainSnapshotId !== undefined ||
        config.allowFreshChainVolume
    ) {
        return [];
    }
    return [
        {
            key: "chainSnapshotId",
            message: `is unset, but the deployed chain volume was restored from ${deployedSource}: this would replace it with a new, empty volume and re-sync the chain for days. Keep \`pulumi config set chainSnapshotId ${deployedSource}\`, or set allowFreshChainVolume true to accept the re-sync`,
        },
    ];
}

/** The active volume after a size floor, and what the floor asked of the config. */
export interface SizeFloorResult {
    active: ResolvedProfile;
    problems: ConfigProblem[];
    warnings: string[];
}

const unchanged = (active: ResolvedProfile): SizeFloorResult => ({
    active,
    problems: [],
    warnings: [],
});

/**
 * A size the volume may not go below: a default size under it is raised to it (with a note), an
 * explicit override under it is an error. The texts say why, given the configured and floor sizes.
 */
function applySizeFloor(
    config: Pick<StackConfig, "profile" | "profiles">,
    active: ResolvedProfile,
    floorGiB: number,
    texts: {
        refused: (sizeGiB: number) => string;
        raised: (sizeGiB: number) => string;
    },
): SizeFloorResult {
    const sizeGiB = active.volume.sizeGiB;
    if (sizeGiB >= floorGiB) {
        return unchanged(active);
    }
    const key = `profiles.${config.profile}.volumeSizeGiB`;
    if (config.profiles[config.profile].volumeSizeGiB !== undefined) {
        return { active, problems: [{ key, message: texts.refused(sizeGiB) }], warnings: [] };
    }
    return {
        active: { ...active, volume: { ...active.volume, sizeGiB: floorGiB } },
        problems: [],
        warnings: [`${key}: ${texts.raised(sizeGiB)}`],
    };
}

/**
 * The deployed volume never shrinks: a default size below it keeps the live size (with a note); an
 * explicit override below it is an error. A restore creates a new volume, so it is free to differ.
 */
export function keepLiveSize(
    config: Pick<StackConfig, "profile" | "profiles" | "chainSnapshotId">,
    active: ResolvedProfile,
    deployed: DeployedVolume,
): SizeFloorResult {
    const live = deployed.chainVolumeSizeGiB;
    const sameVolume = deployed.chainVolumeSource === (config.chainSnapshotId ?? "fresh");
    if (live === undefined || !sameVolume) {
        return unchanged(active);
    }
    return applySizeFloor(config, active, live, {
        refused: (size) =>
            `${size} GiB is below the deployed volume's ${live} GiB; EBS volumes cannot shrink. Use at least ${live}`,
        raised: (size) =>
            `keeping the deployed ${live} GiB; the recommended ${size} GiB is smaller and EBS volumes cannot shrink`,
    });
}

/**
 * A volume restored from a snapshot must be at least the snapshot's size (EC2 CreateVolume). A
 * default below it takes the snapshot's size, with a note; an explicit override below it is an
 * error. A snapshot AWS does not know is an error before anything is created.
 */
export function fitSnapshotSize(
    config: Pick<StackConfig, "profile" | "profiles" | "chainSnapshotId" | "region">,
    active: ResolvedProfile,
    snapshot: { volumeSizeGiB: number } | undefined,
): SizeFloorResult {
    const id = config.chainSnapshotId;
    if (id === undefined) {
        return unchanged(active);
    }
    if (snapshot === undefined) {
        const message = `${id} is not a snapshot this account can read in ${config.region}; list them with npm run newest-snapshot`;
        return { active, problems: [{ key: "chainSnapshotId", message }], warnings: [] };
    }
    const floor = snapshot.volumeSizeGiB;
    return applySizeFloor(config, active, floor, {
        refused: (size) =>
            `${size} GiB is below the ${floor} GiB of snapshot ${id}; a volume restored from it must be at least that large. Use at least ${floor}`,
        raised: (size) =>
            `restoring ${id} at its own ${floor} GiB; the recommended ${size} GiB is smaller`,
    });
}

/** What the last deployment says about its chain volume. */
export interface DeployedVolume {
    /** Nodes the last deployment ran. */
    nodeCount?: number;
    chainVolumeSource?: string;
    chainVolumeSizeGiB?: number;
}
