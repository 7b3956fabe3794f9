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
import { availability, multiNodeCost } from "../domain/haCost";
import { egressRange, peerSettings } from "../domain/egress";
import { exposure, RegisteredResource } from "../domain/exposure";
import { historyRows } from "../domain/servedHistory";
import { planSources } from "../domain/planSources";
import { runningCostLines, withRunningCosts } from "../domain/runningCost";
import { NODE_METRIC_UNITS } from "../catalog/metrics";
import { describeNeed } from "../catalog/history";
import { forkLine, releaseRows } from "../domain/releaseRows";
import { READINESS_HEALTH_CHECK } from "../components/service/loadBalancer";
import {
    monthlyCost,
    recovery,
    regionPrices,
    DEFAULT_ASSUMPTIONS,
    Assumptions,
    CostLine,
    PlanError,
    firstSyncCost,
} from "../domain/plan";
import { formatPlan, Plan } from "./planText";
import { CliSpec, Io, STACK_FLAG, numberFlag, parseCli, runAsProcess, withProgress } from "./cli";

export { formatPlan } from "./planText";
export type { Plan } from "./planText";

/**
 * `npm run plan -- --stack mainnet [--json] [--live-prices] [--egress-gib N] [--churn-gib N]`
 * What a stack will run, expose, cost and take to recover, from its config under mocks: no AWS needed.
 */

export interface PlanOptions {
    assumptions?: Partial<Assumptions>;
    /** Instance prices from the Price List API, when --live-prices is given. */
    pricing?: PricingClient;
    /** Runs the program under mocks for the stack config; tests share one run per config. */
    run?: (config: Record<string, string>, mock: MockOptions) => Promise<ProgramRun>;
    /** The day "days back" is counted from; today unless a test fixes it. */
    today?: Date;
}

export function buildPlan(stack: string, options: PlanOptions = {}): Promise<Plan> {
    return planFor(stack, readStackConfig(stack), options);
}

/**
 * Each profile's monthly cost lines for the stack's nodes; a region or type without a price leaves
 * them empty, with the reason, since every other section still holds.
 */
async function profileCosts(
    config: StackConfig,
    resolved: ReturnType<typeof resolveProfiles>["resolved"],
    options: PlanOptions,
    a: Assumptions,
    volume: {
        usedGiB: number;
        snapshots: { intervalHours: number; retainCount: number };
        growthGiBPerMonth: number;
        egress: ReturnType<typeof egressRange>;
    },
    resources: RegisteredResource[],
): Promise<{
    profiles: Record<string, CostLine[]>;
    unknown?: string;
    prices?: ReturnType<typeof regionPrices>;
}> {
    let prices: ReturnType<typeof regionPrices> | undefined;
    try {
        prices = regionPrices(config.region, options.pricing !== undefined);
        // The same for every profile: what the program registers beside the nodes.
        const running = runningCostLines({
            resources,
            prices,
            customMetrics: Object.keys(NODE_METRIC_UNITS).length * config.nodeCount,
            logRetentionDays: config.logRetentionDays,
            logGBPerNodeMonth: a.logGBPerNodeMonth,
            nodeCount: config.nodeCount,
        });
        const profiles: Record<string, CostLine[]> = {};
        for (const name of PROFILE_NAMES) {
            const profile = resolved[name];
            const liveInstanceHourly = options.pricing
                ? await livePrice(options.pricing, config.region, profile.instanceType)
                : undefined;
            const node = monthlyCost(
                { profile, region: config.region, ...volume, liveInstanceHourly },
                a,
            );
            profiles[name] = withRunningCosts(
                multiNodeCost(node, config.nodeCount, prices),
                running,
                config.nodeCount > 1
                    ? "nodes, load balancer and running costs"
                    : "instance, EBS, snapshots, IPv4 and running costs",
            );
        }
        return { profiles, prices };
    } catch (e) {
        if (!(e instanceof PlanError)) {
            throw e;
        }
        return { profiles: {}, unknown: e.message, prices };
    }
}

/** What the node runs, as the plan's first section shows it. */
function nodeSection(config: StackConfig, outputs: ProgramRun["outputs"]): Plan["node"] {
    const { execution, consensus } = config.client;
    return {
        network: config.network,
        client: config.client.name,
        versions: {
            execution: `${execution.displayName} ${execution.image.tag}`,
            consensus: `${consensus.displayName} ${consensus.image.tag}`,
        },
        forks: forkLine(config),
        nodeMode: config.nodeMode,
        profile: config.profile,
        instanceType: outputs.instanceType,
        volume: outputs.volume,
        snapshot: config.chainSnapshotId ?? "none (fresh volume)",
    };
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
    // Whole days: the plan reads the same all day.
    const today = new Date(`${(options.today ?? new Date()).toISOString().slice(0, 10)}T00:00:00Z`);
    const a = { ...DEFAULT_ASSUMPTIONS, ...options.assumptions };
    const { outputs, world } = await (options.run ?? runProgram)(all, OFFLINE);
    const need = diskNeed(config.client, config.network, config.nodeMode);
    const usedGiB = need.minGiB;
    const egress = egressRange(config.client, config.peers, config.network);
    const snapshots = {
        intervalHours: config.snapshotIntervalHours,
        retainCount: config.snapshotRetainCount,
    };

    const { profiles, unknown, prices } = await profileCosts(
        config,
        resolved,
        options,
        a,
        { usedGiB, snapshots, growthGiBPerMonth: need.growthGiBPerMonth, egress },
        world.resources,
    );
    const active = resolved[config.profile];
    const freshSync = freshSyncHours(config.client, config.network, config.nodeMode);
    const fastSync = profiles["fast-sync"];
    const history = historyRows(config.client, config.nodeMode, config.network, today);
    const plan: Plan = {
        stack,
        node: nodeSection(config, outputs),
        releases: releaseRows(config),
        exposure: exposure(world.resources, [...pairPorts(config.client), ...MONITOR_PORTS]),
        history: {
            logsFrom: describeNeed(config.logsFrom),
            asOf: today.toISOString().slice(0, 10),
            rows: history,
        },
        cost: {
            region: config.region,
            unknown,
            priceSource: prices?.source ?? "",
            pricesVerified: prices?.verified ?? true,
            live: options.pricing !== undefined,
            profiles,
            firstSync: fastSync ? firstSyncCost(fastSync, freshSync.hours) : undefined,
        },
        peers: peerSettings(config.client, config, prices?.egressGiB),
        recovery: recovery(
            {
                usedGiB,
                initializationRateMiBps: active.volume.initializationRateMiBps,
                snapshotIntervalHours: config.snapshotIntervalHours,
                freshSync,
            },
            a,
        ),
        availability: [],
        assumptions: a,
        sources: planSources(config, need.basis, egress.sources, freshSync.basis, a, history),
        offline: offlineAssumptions(world.calls),
    };
    const fromSnapshot =
        plan.recovery.find((r) => r.scenario.startsWith("from a snapshot"))?.minutes ?? 0;
    plan.availability = availability(config.nodeCount, READINESS_HEALTH_CHECK, fromSnapshot);
    return plan;
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
    examples: ["npm run plan -- --stack mainnet", "npm run plan -- --stack sepolia --json"],
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
