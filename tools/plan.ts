import { PricingClient } from "@aws-sdk/client-pricing";
import { runProgram, ProgramRun } from "../offline/engine";
import { MockOptions, offlineAssumptions } from "../offline/mockCloud";

/** Offline runs estimate instance types their table lacks, and the plan says which. */
const OFFLINE: MockOptions = { estimateUnknownInstanceTypes: true };
import { PROJECT, readStackConfig } from "../offline/stackFile";
import { parseConfig, namespaceConfig, StackConfig } from "../config";
import { resolveProfiles } from "../domain/preflight";
import { livePrice } from "./livePrice";
import { pairPorts, diskNeed, freshSyncHours } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import { MONITOR_PORTS } from "../catalog/ports";
import { availability, AvailabilityRow, multiNodeCost } from "../domain/haCost";
import { READINESS_HEALTH_CHECK } from "../components/service/loadBalancer";
import {
    monthlyCost,
    exposure,
    recovery,
    regionPrices,
    DEFAULT_ASSUMPTIONS,
    Assumptions,
    CostLine,
    ExposureRow,
    RecoveryRow,
    PlanError,
} from "../domain/plan";
import { CliSpec, Io, STACK_FLAG, numberFlag, parseCli, runAsProcess, withProgress } from "./cli";

/**
 * `npm run plan -- --stack mainnet [--json] [--live-prices] [--egress-gib N] [--churn-gib N]`
 * What a stack will run, expose, cost and take to recover, from its config under mocks: no AWS needed.
 */

export interface Plan {
    stack: string;
    node: {
        network: string;
        client: string;
        versions: { execution: string; consensus: string };
        nodeMode: string;
        profile: string;
        instanceType: string;
        volume: Record<string, unknown>;
        snapshot: string;
    };
    exposure: ExposureRow[];
    cost: {
        region: string;
        /** Why there are no figures (a region without a price table); undefined when there are. */
        unknown?: string;
        priceSource: string;
        pricesVerified: boolean;
        live: boolean;
        profiles: Record<string, CostLine[]>;
    };
    recovery: RecoveryRow[];
    /** With several nodes: how long trouble lasts for consumers. */
    availability: AvailabilityRow[];
    assumptions: Assumptions;
    /** What the offline run estimated instead of asking AWS. */
    offline: string[];
}

export interface PlanOptions {
    assumptions?: Partial<Assumptions>;
    /** Instance prices from the Price List API, when --live-prices is given. */
    pricing?: PricingClient;
    /** Runs the program under mocks for the stack config; tests share one run per config. */
    run?: (config: Record<string, string>, mock: MockOptions) => Promise<ProgramRun>;
}

export function buildPlan(stack: string, options: PlanOptions = {}): Promise<Plan> {
    return planFor(stack, readStackConfig(stack), options);
}

/** The plan for a stack's config as Pulumi hands it over (`project:key` → value). */
export async function planFor(
    stack: string,
    all: Record<string, string>,
    options: PlanOptions = {},
): Promise<Plan> {
    const config: StackConfig = parseConfig(namespaceConfig(all, PROJECT), {
        project: PROJECT,
        stack,
        region: all["aws:region"],
    });
    const { resolved } = resolveProfiles(config);
    const a = { ...DEFAULT_ASSUMPTIONS, ...options.assumptions };
    const { outputs, world } = await (options.run ?? runProgram)(all, OFFLINE);
    const usedGiB = diskNeed(config.client, config.network, config.nodeMode).minGiB;
    const snapshots = {
        intervalHours: config.snapshotIntervalHours,
        retainCount: config.snapshotRetainCount,
    };

    let unknown: string | undefined;
    let prices: ReturnType<typeof regionPrices> | undefined;
    let profiles: Record<string, CostLine[]> = {};
    try {
        prices = options.pricing ? undefined : regionPrices(config.region);
        for (const name of PROFILE_NAMES) {
            const profile = resolved[name];
            const liveInstanceHourly = options.pricing
                ? await livePrice(options.pricing, config.region, profile.instanceType)
                : undefined;
            const node = monthlyCost(
                { profile, region: config.region, usedGiB, snapshots, liveInstanceHourly },
                a,
            );
            profiles[name] = multiNodeCost(node, config.nodeCount, regionPrices(config.region));
        }
    } catch (e) {
        if (!(e instanceof PlanError)) {
            throw e;
        }
        // A region or type without a price: every other section still holds, the cost says why not.
        unknown = e.message;
        profiles = {};
    }
    const active = resolved[config.profile];
    const plan: Plan = {
        stack,
        node: {
            network: config.network,
            client: config.client.name,
            versions: {
                execution: `${config.client.execution.displayName} ${config.client.execution.image.tag}`,
                consensus: `${config.client.consensus.displayName} ${config.client.consensus.image.tag}`,
            },
            nodeMode: config.nodeMode,
            profile: config.profile,
            instanceType: outputs.instanceType,
            volume: outputs.volume,
            snapshot: config.chainSnapshotId ?? "none (fresh volume)",
        },
        exposure: exposure(world.resources, [...pairPorts(config.client), ...MONITOR_PORTS]),
        cost: {
            region: config.region,
            unknown,
            priceSource: options.pricing
                ? "AWS Price List API for instances; the repository's table for the rest"
                : (prices?.source ?? ""),
            pricesVerified: prices?.verified ?? true,
            live: options.pricing !== undefined,
            profiles,
        },
        recovery: recovery(
            {
                usedGiB,
                initializationRateMiBps: active.volume.initializationRateMiBps,
                snapshotIntervalHours: config.snapshotIntervalHours,
                freshSync: freshSyncHours(config.client, config.network, config.nodeMode),
            },
            a,
        ),
        availability: [],
        assumptions: a,
        offline: offlineAssumptions(world.calls),
    };
    const fromSnapshot =
        plan.recovery.find((r) => r.scenario.startsWith("from a snapshot"))?.minutes ?? 0;
    plan.availability = availability(config.nodeCount, READINESS_HEALTH_CHECK, fromSnapshot);
    return plan;
}

function table(rows: string[][]): string {
    const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
    return rows
        .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  "))
        .join("\n");
}

export function formatPlan(p: Plan): string {
    const v = p.node.volume as {
        type: string;
        sizeGiB: number;
        iops?: number;
        throughputMiBps?: number;
        initializationRateMiBps: number;
    };
    const fast = p.cost.profiles["fast-sync"] ?? [];
    const steady = p.cost.profiles.steady ?? [];
    return [
        `Plan for stack ${p.stack}`,
        "",
        "Node",
        table([
            ["network", p.node.network],
            [
                "client",
                `${p.node.client} (${p.node.versions.execution}, ${p.node.versions.consensus})`,
            ],
            ["node mode", p.node.nodeMode],
            ["profile", p.node.profile],
            ["instance", p.node.instanceType],
            [
                "volume",
                `${v.type}, ${v.sizeGiB} GiB, ${v.iops ?? "baseline"} IOPS, ${v.throughputMiBps ?? "baseline"} MiB/s, init ${v.initializationRateMiBps} MiB/s`,
            ],
            ["snapshot", p.node.snapshot],
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
                            "  NOTE: this region's table is unverified; run with --live-prices to check instance prices.",
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
              ]),
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
        "Recovery",
        table([
            ["SCENARIO", "MINUTES", "ASSUMPTIONS"],
            ...p.recovery.map((r) => [r.scenario, String(r.minutes), r.assumptions]),
        ]),
    ].join("\n");
}

export const CLI: CliSpec = {
    command: "npm run plan --",
    summary:
        "What a stack will run, expose, cost and take to recover, from its stack file under mocks: no AWS account needed.",
    flags: {
        stack: STACK_FLAG,
        json: { type: "boolean", description: "print the plan as JSON" },
        "live-prices": {
            type: "boolean",
            description: "instance prices from the AWS Price List API (needs credentials)",
        },
        "egress-gib": {
            type: "string",
            value: "N",
            description: "assumed P2P egress, GiB per month",
        },
        "churn-gib": {
            type: "string",
            value: "N",
            description: "assumed snapshot churn, GiB per day",
        },
    },
    examples: ["npm run plan -- --stack mainnet", "npm run plan -- --stack hoodi --json"],
};

export async function main(argv: string[], io: Io, options: PlanOptions = {}): Promise<number> {
    const values = parseCli(CLI, argv, io);
    if (values === undefined) {
        return 0;
    }
    const stack = String(values.stack);
    const assumptions: Partial<Assumptions> = { ...options.assumptions };
    const egress = numberFlag(values, "egress-gib");
    const churn = numberFlag(values, "churn-gib");
    if (egress !== undefined) assumptions.egressGiBPerMonth = egress;
    if (churn !== undefined) assumptions.snapshotChurnGiBPerDay = churn;
    const pricing = values["live-prices"]
        ? (options.pricing ?? new PricingClient({ region: "us-east-1" }))
        : undefined;
    const plan = await withProgress(io, `running the program for stack ${stack} under mocks`, () =>
        buildPlan(stack, { ...options, assumptions, pricing }),
    );
    io.out(values.json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
    return 0;
}

if (require.main === module) {
    runAsProcess("plan", main);
}
