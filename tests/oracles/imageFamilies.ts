import { ImageFamily } from "../../catalog/clientTypes";

/**
 * What the upstream client images are built on, and what each base already has, so a test can show
 * that docker/node/Dockerfile adds every command the entrypoint and the liveness checks call.
 */

export interface FamilySpec {
    /** The package manager the Dockerfile uses on this base. */
    packageManager: "apk" | "apt-get";
    /** Commands the base image provides (the ones the entrypoint may call). */
    commands: string[];
    source: string;
}

/** What both bases provide of what the entrypoint calls (coreutils, or busybox applets). */
const SHELL_TOOLS = [
    "sh",
    "cat",
    "chmod",
    "chown",
    "date",
    "dirname",
    "grep",
    "ln",
    "mkdir",
    "mktemp",
    "od",
    "rm",
    "sed",
    "sleep",
    "tr",
];

export const IMAGE_FAMILIES: Record<ImageFamily, FamilySpec> = {
    alpine: {
        packageManager: "apk",
        commands: SHELL_TOOLS,
        source: "Alpine base images: busybox applets (aports main/busybox busyboxconfig); no curl",
    },
    ubuntu: {
        packageManager: "apt-get",
        commands: SHELL_TOOLS,
        source: "Ubuntu base images: Essential packages coreutils, dash, grep, sed; no curl",
    },
};

/** Commands each package the Dockerfile installs brings. */
export const PACKAGE_COMMANDS: Record<string, string[]> = {
    curl: ["curl"],
    "ca-certificates": [],
    // Alpine packages util-linux's setpriv on its own (aports main/util-linux, subpackage setpriv);
    // Debian 11+ and Ubuntu 22.04+ ship it in util-linux itself (here: dpkg -S /usr/bin/setpriv).
    setpriv: ["setpriv"],
    "util-linux": ["setpriv"],
};
