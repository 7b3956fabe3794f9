import { ChosenRelease, ConfigProblem, ROLES, Role, StackConfig } from "../config";
import { VERSION_KEYS } from "../config/versions";
import { describeGap, forkGap, releasesFollowing, securityFixesAfter } from "../catalog/forkCheck";
import { DeployedState, DeploymentPlan } from "./deployment";

/**
 * Whether the releases a stack runs can follow its network and carry every known security fix. A
 * release that lacks a fork the network schedules (or schedules one it cancelled), or that a later
 * release fixes security holes in, is refused where this run would start a node on it: a new stack,
 * a new node, or a change of release. A stack that already runs it gets the same words as a warning
 * at every preview, so that an unrelated change still applies. A release the catalog does not know
 * is accepted with a warning naming what is unverified.
 */

export interface ReleaseFinding {
    role: Role;
    /** The key whose value is at fault: the version key when set, else `network` for a fork. */
    key: string;
    message: string;
    /** Refused where a node would start on it; otherwise, or always for an unknown release, a warning. */
    refusesStart: boolean;
}

const label = (chosen: ChosenRelease) => `${chosen.client.displayName} ${chosen.version}`;
const clientName = (chosen: ChosenRelease) => chosen.client.launch.binary;

function forkFinding(chosen: ChosenRelease, config: StackConfig): ReleaseFinding[] {
    const { network } = config;
    const gap = chosen.known && forkGap(chosen.known.forks[network], network);
    if (!gap) {
        return [];
    }
    const following = releasesFollowing(chosen.client.releases, network);
    const key = chosen.explicit ? VERSION_KEYS[chosen.role] : "network";
    const value = chosen.explicit ? chosen.version : network;
    return [
        {
            role: chosen.role,
            key,
            message: `${JSON.stringify(value)}: ${label(chosen)} ${describeGap(gap, network)}; ${clientName(chosen)} releases the catalog knows that follow ${network}: ${following.join(", ") || "none yet"}`,
            refusesStart: true,
        },
    ];
}

function securityFinding(chosen: ChosenRelease): ReleaseFinding[] {
    const fixes = securityFixesAfter(chosen.client.releases, chosen.version);
    if (fixes.length === 0) {
        return [];
    }
    const named = fixes.map((r) => `${r.version} (${r.security})`).join("; ");
    return [
        {
            role: chosen.role,
            key: VERSION_KEYS[chosen.role],
            message: `${JSON.stringify(chosen.version)}: ${label(chosen)} lacks the security fixes of ${named}; use ${fixes.at(-1)!.version} or later`,
            refusesStart: true,
        },
    ];
}

function unknownFinding(chosen: ChosenRelease, config: StackConfig): ReleaseFinding[] {
    if (chosen.known) {
        return [];
    }
    const known = chosen.client.releases.releases.map((r) => r.version).join(", ");
    return [
        {
            role: chosen.role,
            key: VERSION_KEYS[chosen.role],
            message: `${JSON.stringify(chosen.version)}: ${label(chosen)} is not in the catalog (known: ${known}), so nothing here checked its flags against its source or its fork schedule against ${config.network}'s; read its release notes for ${config.network}'s forks (catalog/forks.ts) before relying on it`,
            refusesStart: false,
        },
    ];
}

/** Every finding for the stack's two releases, execution first. */
export function releaseFindings(config: StackConfig): ReleaseFinding[] {
    return ROLES.flatMap((role) => {
        const chosen = config.releases[role];
        return [
            ...unknownFinding(chosen, config),
            ...forkFinding(chosen, config),
            ...securityFinding(chosen),
        ];
    });
}

/**
 * Whether this run starts a node on the role's release: a new stack, a node the last deployment did
 * not run, another network, or a release other than the one deployed. A stack deployed before
 * releases were exported counts as running what it is configured with.
 */
export function startsNodeOn(
    role: Role,
    config: StackConfig,
    deployed: DeployedState,
    plan: DeploymentPlan,
): boolean {
    const newNetwork = deployed.nodes.some(
        (n) => n.contents !== undefined && n.contents.network !== config.network,
    );
    if (deployed.nodes.length === 0 || newNetwork || plan.nodes.some((n) => !n.deployed)) {
        return true;
    }
    const running = deployed.releases?.[role];
    return running !== undefined && running !== config.releases[role].version;
}

/** The findings as problems where a node would start on the release, warnings everywhere else. */
export function releaseReadiness(
    config: StackConfig,
    deployed: DeployedState,
    plan: DeploymentPlan,
): { problems: ConfigProblem[]; warnings: string[] } {
    const problems: ConfigProblem[] = [];
    const warnings: string[] = [];
    for (const finding of releaseFindings(config)) {
        if (finding.refusesStart && startsNodeOn(finding.role, config, deployed, plan)) {
            problems.push({ key: finding.key, message: finding.message });
        } else {
            const running = finding.refusesStart
                ? " (the stack runs it already, so this is a warning; a change that starts a node on it is refused)"
                : "";
            warnings.push(`${finding.key} ${finding.message}${running}`);
        }
    }
    return { problems, warnings };
}
