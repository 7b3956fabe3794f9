import { PROFILE_NAMES } from "../catalog/profiles";
import { Assumptions, CostLine, RecoveryRow } from "../domain/plan";
import { ExposureRow } from "../domain/exposure";
import { AvailabilityRow } from "../domain/haCost";
import { HistoryRow, showSpan } from "../domain/servedHistory";
import { ReleaseRow } from "../domain/releaseRows";
import { PeerSetting } from "../domain/egress";

/** What `npm run plan` reports for a stack; `--json` prints it as it is. */
export interface Plan {
    stack: string;
    node: {
        network: string;
        client: string;
        versions: { execution: string; consensus: string };
        /** The network's newest fork, and whether both releases schedule every fork of it. */
        forks: string;
        nodeMode: string;
        profile: string;
        instanceType: string;
        volume: Record<string, unknown>;
        snapshot: string;
    };
    /** Each client's release against the newest the catalog knows (catalog/releases/). */
    releases: ReleaseRow[];
    exposure: ExposureRow[];
    /** What RPC calls at old blocks reach, per capability; `logsFrom` is what the config asked for. */
    history: { logsFrom: string; asOf: string; rows: HistoryRow[] };
    cost: {
        region: string;
        /** Why there are no figures (a region without a price table); undefined when there are. */
        unknown?: string;
        priceSource: string;
        pricesVerified: boolean;
        live: boolean;
        profiles: Record<string, CostLine[]>;
        /** The first sync from empty on fast-sync, paid once. */
        firstSync?: CostLine;
    };
    /** Each client's peer settings and the egress each sends: the lever on the largest variable cost. */
    peers: PeerSetting[];
    recovery: RecoveryRow[];
    /** With several nodes: how long trouble lasts for consumers. */
    availability: AvailabilityRow[];
    assumptions: Assumptions;
    /** Every figure the plan rests on, with its source. */
    sources: { what: string; source: string }[];
    /** What the offline run estimated instead of asking AWS. */
    offline: string[];
}

function table(rows: string[][]): string {
    const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
    return rows
        .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  "))
        .join("\n");
}

/** What the node runs. */
function nodeSection(p: Plan): string[] {
    const v = p.node.volume as {
        type: string;
        sizeGiB: number;
        iops?: number;
        throughputMiBps?: number;
        initializationRateMiBps: number;
    };
    return [
        "Node",
        table([
            ["network", p.node.network],
            [
                "client",
                `${p.node.client} (${p.node.versions.execution}, ${p.node.versions.consensus})`,
            ],
            ["forks", p.node.forks],
            ["node mode", p.node.nodeMode],
            ["profile", p.node.profile],
            ["instance", p.node.instanceType],
            [
                "volume",
                [
                    `${v.type}, ${v.sizeGiB} GiB`,
                    // gp2 derives both from its size, io1/io2 their throughput from the IOPS: no number to print.
                    v.iops === undefined ? "IOPS from its size" : `${v.iops} IOPS`,
                    v.throughputMiBps === undefined
                        ? "throughput from the type"
                        : `${v.throughputMiBps} MiB/s`,
                    `init ${v.initializationRateMiBps} MiB/s`,
                ].join(", "),
            ],
            ["snapshot", p.node.snapshot],
        ]),
    ];
}

/** Each client's release against the newest the catalog knows, with security notes. */
function releaseSection(p: Plan): string[] {
    return [
        `Releases (catalog/releases/; executionVersion and consensusVersion move a client)`,
        table([
            [
                "CLIENT",
                "RUNS",
                "NEWEST KNOWN",
                `FORKS ON ${p.node.network.toUpperCase()}`,
                "SCHEDULE FROM",
                "FLAGS CHECKED AT",
            ],
            ...p.releases.map((r) => [
                r.client,
                r.runs,
                r.newestKnown,
                r.forks,
                r.scheduleFrom,
                r.flagsCheckedAt,
            ]),
        ]),
        ...p.releases.flatMap((r) => r.security.map((note) => `security: ${note}`)),
    ];
}

/** The plan as the text `npm run plan` prints. */
/** A low–high range, one figure when both ends agree. */
function range(low: number, high: number, show: (n: number) => string): string {
    return low === high ? show(low) : `${show(low)}–${show(high)}`;
}

/** What each peer setting sends and costs a month. */
function peerSection(peers: PeerSetting[]): string[] {
    const gib = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));
    const usd = (n: number) => `$${n.toFixed(2)}`;
    return [
        "P2P peers (the egress each setting sends a month; the cost above counts the one it runs; the fewest allowed is a floor: no source shows a node stays at head with so few)",
        table([
            ["CLIENT", "SETTING", "PEERS", "GiB/MONTH", "USD/MONTH"],
            ...peers.map((s) => [
                s.client,
                s.setting,
                String(s.peers),
                range(s.lowGiB, s.highGiB, gib),
                s.lowUsd === undefined ? "unknown" : range(s.lowUsd, s.highUsd ?? s.lowUsd, usd),
            ]),
        ]),
    ];
}

export function formatPlan(p: Plan): string {
    const fast = p.cost.profiles["fast-sync"] ?? [];
    const steady = p.cost.profiles.steady ?? [];
    return [
        `Plan for stack ${p.stack}`,
        "",
        ...nodeSection(p),
        "",
        ...releaseSection(p),
        "",
        `History served (logsFrom asks for ${p.history.logsFrom}; days back as of ${p.history.asOf})`,
        table([
            ["WHAT", "REACHES", "DAYS BACK"],
            ...p.history.rows.map((r) => [r.capability, r.reaches, showSpan(r.days)]),
        ]),
        "",
        "Exposure (who reaches each port through the security groups the program registers)",
        table([
            ["PORT", "FROM", "WHAT"],
            ...p.exposure.map((e) => [e.port, e.from, e.description]),
        ]),
        "",
        ...(p.cost.unknown !== undefined
            ? [`Monthly cost in ${p.cost.region}: unknown (${p.cost.unknown})`]
            : [
                  `Monthly cost in ${p.cost.region}, USD (${p.cost.priceSource})`,
                  ...(p.cost.pricesVerified
                      ? []
                      : [
                            p.cost.live
                                ? "  NOTE: instance prices are the Price List API's; the other unit prices are not verified for this region."
                                : "  NOTE: this region's table is unverified; run with --live-prices to check instance prices.",
                        ]),
                  table([
                      ["ITEM", ...PROFILE_NAMES, "BASIS (fast-sync)"],
                      ...fast.map((line, i) => [
                          line.item,
                          line.usd.toFixed(2),
                          (steady[i]?.usd ?? 0).toFixed(2),
                          line.basis,
                      ]),
                  ]),
                  ...(p.cost.firstSync
                      ? [
                            `Once: ${p.cost.firstSync.item} $${p.cost.firstSync.usd.toFixed(2)} (${p.cost.firstSync.basis})`,
                        ]
                      : []),
              ]),
        "",
        ...peerSection(p.peers),
        "",
        ...p.offline.map((note) => `NOTE: ${note}`),
        ...(p.offline.length > 0 ? [""] : []),
        ...(p.availability.length > 0
            ? [
                  "Availability (several nodes behind the load balancer)",
                  table([
                      ["WHEN", "SECONDS", "ASSUMPTIONS"],
                      ...p.availability.map((r) => [r.scenario, String(r.seconds), r.assumptions]),
                  ]),
                  "",
              ]
            : []),
        "Sources",
        table([["FIGURE", "SOURCE"], ...p.sources.map((x) => [x.what, x.source])]),
        "",
        "Recovery",
        table([
            ["SCENARIO", "MINUTES", "ASSUMPTIONS"],
            ...p.recovery.map((r) => [r.scenario, String(r.minutes), r.assumptions]),
        ]),
    ].join("\n");
}
