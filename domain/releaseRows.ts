import { ROLES, StackConfig } from "../config";
import { describeFork, forkDate, newestFork } from "../catalog/forks";
import { ForkGap, describeGap, forkGap, securityFixesAfter } from "../catalog/forkCheck";
import { CONSENSUS_CLIENTS, EXECUTION_CLIENTS } from "../catalog/clients";
import { NETWORKS } from "../catalog/networks";

/** What the plan shows of each client's release: what runs, what is newer, what it schedules. */
export interface ReleaseRow {
    client: string;
    runs: string;
    newestKnown: string;
    /** The forks the release schedules on the stack's network, or why that is unknown. */
    forks: string;
    /** How its schedule was read (source, release notes, assumed), or "unknown". */
    scheduleFrom: string;
    /** The version whose source its flags were checked against, or "unchecked". */
    flagsCheckedAt: string;
    /** Its own security notes and those of newer releases it lacks. */
    security: string[];
}

export function releaseRows(config: StackConfig): ReleaseRow[] {
    return ROLES.map((role) => {
        const { client, version, known } = config.releases[role];
        const { releases } = client.releases;
        const security = [
            ...(known?.security ? [`${client.displayName} ${version}: ${known.security}`] : []),
            ...securityFixesAfter(client.releases, version).map(
                (r) => `${client.displayName} ${version} lacks ${r.version}'s fixes: ${r.security}`,
            ),
        ];
        const flags = known?.flags;
        return {
            client: client.displayName,
            runs: version,
            newestKnown: releases[0]!.version,
            forks: known
                ? known.forks[config.network].map((f) => f.name).join(", ")
                : "unknown (not in the catalog)",
            scheduleFrom: known?.forksRead ?? "unknown",
            flagsCheckedAt: !flags
                ? "unchecked"
                : flags.verifiedAt === version
                  ? version
                  : `${flags.verifiedAt} (${version}'s source is not readable here)`,
            security,
        };
    });
}

/** The plan's fork line: the network's newest fork, and whether both releases schedule every fork. */
export function forkLine(config: StackConfig): string {
    const { network } = config;
    const gaps = ROLES.flatMap((role) => {
        const { client, version, known } = config.releases[role];
        const gap = known && forkGap(known.forks[network], network);
        return gap ? [`${client.displayName} ${version} ${describeGap(gap, network)}`] : [];
    });
    const newest = `${network}'s newest: ${describeFork(newestFork(network))}`;
    return gaps.length > 0
        ? `${newest}; ${gaps.join("; ")}`
        : `${newest}; both releases schedule every ${network} fork (catalog/forks.ts)`;
}

/** A gap as a table cell: "follows", "lacks Glamsterdam (2026-12-15)", "splits off 2026-10-26". */
function networkCell(gap: ForkGap | undefined): string {
    if (gap === undefined) {
        return "follows";
    }
    const day = (time: number) => forkDate(time).slice(0, 10);
    return gap.kind === "lacks"
        ? `lacks ${gap.fork.name} (${day(gap.fork.time)})`
        : `splits off ${day(gap.kind === "moved" ? Math.min(gap.releaseTime, gap.fork.time) : gap.fork.time)}`;
}

/** Every release the catalog knows, per client, as the README's table shows it (npm run readme). */
export function releaseCatalogTable(): string[] {
    const clients = [...Object.values(EXECUTION_CLIENTS), ...Object.values(CONSENSUS_CLIENTS)];
    return [
        `| Client | Release | Date | ${NETWORKS.join(" | ")} | Schedule from | Flags checked at | Security notes |`,
        `|---|---|---|${NETWORKS.map(() => "---|").join("")}---|---|---|`,
        ...clients.flatMap((client) =>
            client.releases.releases.map((r) => {
                const pin = r.version === client.releases.pin ? " (pin)" : "";
                const cells = NETWORKS.map((n) => networkCell(forkGap(r.forks[n], n)));
                return `| ${client.displayName} | \`${r.version}\`${pin} | ${r.date ?? "not dated here"} | ${cells.join(" | ")} | ${r.forksRead} | ${r.flags?.verifiedAt ?? "unchecked"} | ${r.security ?? ""} |`;
            }),
        ),
    ];
}
