import { PricingClient } from "@aws-sdk/client-pricing";
import { readStackConfig } from "./policyCheck";
import { runProgram, PROJECT } from "../lib/mockProgram";
import { parseConfig, namespaceConfig, StackConfig } from "../config";
import { pairPorts, diskNeed } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import {
    monthlyCost,
    exposure,
    recovery,
    livePrice,
    regionPrices,
    DEFAULT_ASSUMPTIONS,
    Assumptions,
    CostLine,
    ExposureRow,
    RecoveryRow,
    PlanError,
} from "../lib/plan";

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
        priceSource: string;
        pricesVerified: boolean;
        live: boolean;
        profiles: Record<string, CostLine[]>;
    };
    recovery: RecoveryRow[];
    assumptions: Assumptions;
}

export interface PlanOptions {
    assumptions?: Partial<Assumptions>;
    /** Instance prices from the Price List API, when --live-prices is given. */
    pricing?: PricingClient;
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
    const a = { ...DEFAULT_ASSUMPTIONS, ...options.assumptions };
    const prices = options.pricing ? undefined : regionPrices(config.region);
    const { outputs, world } = await runProgram(all);
    const usedGiB = diskNeed(config.client, config.network, config.nodeMode).minGiB;
    const snapshots = {
        intervalHours: config.snapshotIntervalHours,
        retainCount: config.snapshotRetainCount,
    };

    const profiles: Record<string, CostLine[]> = {};
    for (const name of PROFILE_NAMES) {
        const profile = config.resolved[name];
        const liveInstanceHourly = options.pricing
            ? await livePrice(options.pricing, config.region, profile.instanceType)
            : undefined;
        profiles[name] = monthlyCost(
            { profile, region: config.region, usedGiB, snapshots, liveInstanceHourly },
            a,
        );
    }
    const active = config.resolved[config.profile];
    return {
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
        exposure: exposure(
            world.resources,
            pairPorts(config.client).filter((p) => p.exposure === "host"),
        ),
        cost: {
            region: config.region,
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
                freshSyncHours: config.client.execution.typicalFreshSyncHours,
            },
            a,
        ),
        assumptions: a,
    };
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
        "Exposure (from the security groups the program registers)",
        table([
            ["PORT", "FROM", "WHAT"],
            ...p.exposure.map((e) => [e.port, e.from, e.description]),
        ]),
        "",
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
        "",
        "Recovery",
        table([
            ["SCENARIO", "MINUTES", "ASSUMPTIONS"],
            ...p.recovery.map((r) => [r.scenario, String(r.minutes), r.assumptions]),
        ]),
    ].join("\n");
}

function numberArg(args: string[], flag: string): number | undefined {
    const i = args.indexOf(flag);
    if (i < 0) {
        return undefined;
    }
    const n = Number(args[i + 1]);
    if (!Number.isFinite(n) || n < 0) {
        throw new PlanError(
            `${flag} takes a non-negative number, got ${JSON.stringify(args[i + 1])}`,
        );
    }
    return n;
}

export async function main(
    args: string[],
    out: (s: string) => void = console.log,
): Promise<number> {
    const i = args.indexOf("--stack");
    const stack = i >= 0 ? (args[i + 1] ?? "") : "mainnet";
    const assumptions: Partial<Assumptions> = {};
    const egress = numberArg(args, "--egress-gib");
    const churn = numberArg(args, "--churn-gib");
    if (egress !== undefined) assumptions.egressGiBPerMonth = egress;
    if (churn !== undefined) assumptions.snapshotChurnGiBPerDay = churn;
    const pricing = args.includes("--live-prices")
        ? new PricingClient({ region: "us-east-1" })
        : undefined;
    const plan = await buildPlan(stack, { assumptions, pricing });
    out(args.includes("--json") ? JSON.stringify(plan, null, 2) : formatPlan(plan));
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e) => {
            console.error(`plan failed: ${(e as Error).message}`);
            process.exit(2);
        },
    );
}
