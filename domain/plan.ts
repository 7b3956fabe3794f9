import { PRICES, RegionPrices, HOURS_PER_MONTH } from "../catalog/prices";
import { EgressRange, peerCosts } from "./egress";
import { VOLUME_TYPES } from "../catalog/ebs";
import { SECONDS_PER_SLOT, CATCH_UP_ON_EBS } from "../catalog/chain";
import { ResolvedProfile } from "./profile";
import { DAYS_PER_MONTH } from "../catalog/disk";

/**
 * The numbers behind `npm run plan`: monthly cost and recovery time of a stack (its exposure is in
 * domain/exposure.ts). Pure functions over the resolved config.
 */

export interface Assumptions {
    /** P2P traffic out of the instance; undefined: the range from the clients' peer limits. */
    egressGiBPerMonth?: number;
    /** Blocks that change between two snapshots, per day; undefined: from the sourced growth. */
    snapshotChurnGiBPerDay?: number;
    /** From instance launch to a mounted volume and a started node. */
    replaceMinutes: number;
    /** Blocks per second the execution client replays when catching up (measured on EBS). */
    catchUpBlocksPerSecond: number;
    /** A faster case beside it, assumed: newer clients, not measured on EBS. */
    fastCatchUpBlocksPerSecond: number;
    /**
     * Logs one node's containers send a month, GB. No measurement was found; at INFO each client logs
     * a few lines of ~250 bytes per block or slot (7,200 a day each), about 0.3 GB a month together.
     */
    logGBPerNodeMonth: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
    replaceMinutes: 8,
    catchUpBlocksPerSecond: CATCH_UP_ON_EBS.value,
    fastCatchUpBlocksPerSecond: 5,
    logGBPerNodeMonth: 0.5,
};

/**
 * Incremental snapshots hold every block written since the last one: the appended data (the sourced
 * growth) and the blocks the databases rewrite (pebble compactions, MDBX page updates). No published
 * measurement of the rewrites exists: the plan shows the growth alone up to five times it (assumed),
 * and counts the high end.
 */
export const SNAPSHOT_REWRITE_FACTOR = 5;

export class PlanError extends Error {}

export interface CostLine {
    item: string;
    usd: number;
    basis: string;
}

/** The region whose table stands in for a region without one when instance prices come live. */
const STAND_IN_PRICE_REGION = "us-east-1";

/**
 * The unit prices a plan uses. A region without a table has none, unless instance prices come
 * from the Price List API (--live-prices): then every other unit price is the stand-in region's,
 * and the table says so and counts as unverified.
 */
export function regionPrices(region: string, liveInstances = false): RegionPrices {
    const prices = PRICES[region];
    if (prices) {
        const source = `AWS Price List API for instances; the repository's table for the rest (${prices.source})`;
        return liveInstances ? { ...prices, source } : prices;
    }
    const standIn = PRICES[STAND_IN_PRICE_REGION]!;
    if (!liveInstances) {
        throw new PlanError(
            `no price table for region ${JSON.stringify(region)}; known: ${Object.keys(PRICES).join(", ")}; run with --live-prices for instance prices from the AWS Price List API and ${STAND_IN_PRICE_REGION}'s table for the other unit prices (an approximation), or add a table to catalog/prices.ts`,
        );
    }
    return {
        ...standIn,
        source: `no table for ${region}: instances from the AWS Price List API; storage, IPv4, load balancer, CloudWatch, Route 53 and egress at ${STAND_IN_PRICE_REGION}'s unit prices, an approximation (${standIn.source})`,
        verified: false,
        instanceHourly: {},
    };
}

export function instanceHourly(prices: RegionPrices, region: string, instanceType: string): number {
    const hourly = prices.instanceHourly[instanceType];
    if (hourly === undefined) {
        throw new PlanError(
            `no price for instance type ${JSON.stringify(instanceType)} in ${region}; known: ${Object.keys(prices.instanceHourly).join(", ")} (or use --live-prices with AWS credentials)`,
        );
    }
    return hourly;
}

/** To the cent. */
export const round = (usd: number) => Math.round(usd * 100) / 100;

export interface CostInput {
    profile: ResolvedProfile;
    region: string;
    /** Data on the volume today (the first snapshot's size). */
    usedGiB: number;
    snapshots: { intervalHours: number; retainCount: number };
    /** The data's sourced growth (catalog/disk.ts), the floor of the snapshot churn. */
    growthGiBPerMonth: number;
    egress: EgressRange;
    /** Instance price from the Price List API, when asked for. */
    liveInstanceHourly?: number;
}

export function monthlyCost(input: CostInput, a: Assumptions): CostLine[] {
    const prices = regionPrices(input.region, input.liveInstanceHourly !== undefined);
    const { volume, instanceType } = input.profile;
    const hourly = input.liveInstanceHourly ?? instanceHourly(prices, input.region, instanceType);
    const lines: CostLine[] = [
        {
            item: "instance",
            usd: hourly * HOURS_PER_MONTH,
            basis: `${instanceType} at $${hourly}/h × ${HOURS_PER_MONTH} h${input.liveInstanceHourly !== undefined ? " (Price List API)" : ""}`,
        },
        {
            item: "EBS storage",
            usd: volume.sizeGiB * prices.ebsGiBMonth[volume.type],
            basis: `${volume.sizeGiB} GiB ${volume.type} at $${prices.ebsGiBMonth[volume.type]}/GiB-month`,
        },
    ];
    if (volume.type === "gp3") {
        const limits = VOLUME_TYPES.gp3;
        const extraIops = Math.max(0, (volume.iops ?? limits.iops.included) - limits.iops.included);
        const extraThroughput = Math.max(
            0,
            (volume.throughputMiBps ?? limits.throughputMiBps.included) -
                limits.throughputMiBps.included,
        );
        lines.push({
            item: "provisioned IOPS",
            usd: extraIops * prices.iopsMonth.gp3,
            basis: `${extraIops} IOPS above the included 3000 at $${prices.iopsMonth.gp3}`,
        });
        lines.push({
            item: "provisioned throughput",
            usd: extraThroughput * prices.gp3ThroughputMonth,
            basis: `${extraThroughput} MiB/s above the included 125 at $${prices.gp3ThroughputMonth}`,
        });
    } else if (volume.type === "io1" || volume.type === "io2") {
        lines.push({
            item: "provisioned IOPS",
            usd: (volume.iops ?? 0) * prices.iopsMonth[volume.type],
            basis: `${volume.iops} IOPS at $${prices.iopsMonth[volume.type]}`,
        });
        lines.push({
            item: "provisioned throughput",
            usd: 0,
            basis: `included with ${volume.type}`,
        });
    } else {
        lines.push({ item: "provisioned IOPS", usd: 0, basis: "gp2: IOPS follow size" });
        lines.push({
            item: "provisioned throughput",
            usd: 0,
            basis: "gp2: throughput follows size",
        });
    }
    const keptDays = (input.snapshots.retainCount * input.snapshots.intervalHours) / 24;
    const growthPerDay = input.growthGiBPerMonth / DAYS_PER_MONTH;
    const churn = a.snapshotChurnGiBPerDay ?? growthPerDay * SNAPSHOT_REWRITE_FACTOR;
    const snapshotGiB = input.usedGiB + churn * keptDays;
    // Without a given churn, a range: the growth alone up to the assumed rewrite factor; the high end is counted.
    const churnBasis =
        a.snapshotChurnGiBPerDay !== undefined
            ? `${churn} GiB/day churn (given)`
            : `${growthPerDay.toFixed(2)}–${churn.toFixed(1)} GiB/day churn (the growth, up to × ${SNAPSHOT_REWRITE_FACTOR} for rewrites, assumed)`;
    const lowGiB = input.usedGiB + (a.snapshotChurnGiBPerDay ?? growthPerDay) * keptDays;
    lines.push({
        item: "snapshots (estimate)",
        usd: snapshotGiB * prices.snapshotGiBMonth,
        basis: `${input.usedGiB} GiB base + ${churnBasis} × ${keptDays} days kept = ${Math.round(lowGiB)}–${Math.round(snapshotGiB)} GiB at $${prices.snapshotGiBMonth}; the high end is counted`,
    });
    lines.push({
        item: "public IPv4",
        usd: prices.publicIpv4Hourly * HOURS_PER_MONTH,
        basis: `$${prices.publicIpv4Hourly}/h`,
    });
    const egress =
        a.egressGiBPerMonth !== undefined
            ? { low: a.egressGiBPerMonth, high: a.egressGiBPerMonth, basis: "given" }
            : { low: input.egress.lowGiB, high: input.egress.highGiB, basis: input.egress.basis };
    const egressUsd = round(egress.high * prices.egressGiB);
    return withTotals(
        lines.map((l) => ({ ...l, usd: round(l.usd) })),
        {
            item: EGRESS,
            usd: egressUsd,
            basis: `$${(egress.low * prices.egressGiB).toFixed(2)}–${egressUsd.toFixed(2)}: ${Math.round(egress.low)}–${Math.round(egress.high)} GiB/month at $${prices.egressGiB}/GiB (${egress.basis}); the high end is counted${a.egressGiBPerMonth === undefined ? `; ${peerCosts(input.egress, prices.egressGiB)}` : ""}`,
        },
        "instance, EBS, snapshots, IPv4",
    );
}

/**
 * The lines of a cost in their order: the stack's own, its sum without egress, the egress (the
 * high end of its range) and the total with it. `own` holds rounded amounts and no totals.
 */
export function withTotals(own: CostLine[], egress: CostLine, ownWhat: string): CostLine[] {
    const node = round(own.reduce((sum, l) => sum + l.usd, 0));
    return [
        ...own,
        { item: NODE_TOTAL, usd: node, basis: `per month: ${ownWhat}` },
        egress,
        { item: "total", usd: round(node + egress.usd), basis: "per month, with the high egress" },
    ];
}

/** The line of the P2P egress. */
export const EGRESS = "P2P egress";

/** The line that adds up the node's own cost, egress excluded. */
export const NODE_TOTAL = "node total (excluding egress)";

/** Whether a line is a sum of the others. */
export const isTotal = (line: CostLine) => line.item === "total" || line.item === NODE_TOTAL;

/** The first sync's cost: its hours on the fast-sync profile at that profile's hourly price. */
export function firstSyncCost(fastSync: CostLine[], hours: number): CostLine {
    const monthly = fastSync.find((l) => l.item === NODE_TOTAL)?.usd ?? 0;
    const hourly = monthly / HOURS_PER_MONTH;
    return {
        item: "first sync (once)",
        usd: round(hourly * hours),
        basis: `${hours} h on fast-sync at $${hourly.toFixed(3)}/h (its node total / ${HOURS_PER_MONTH} h)`,
    };
}

export interface RecoveryRow {
    scenario: string;
    minutes: number;
    /** What the total is made of, each part in minutes; they add up to `minutes`. */
    parts: { what: string; minutes: number }[];
    assumptions: string;
}

/** A row whose total is exactly the sum of its (rounded) parts, and whose text shows the sum. */
function row(scenario: string, parts: { what: string; minutes: number }[]): RecoveryRow {
    const rounded = parts.map((p) => ({ ...p, minutes: Math.round(p.minutes) }));
    const minutes = rounded.reduce((sum, p) => sum + p.minutes, 0);
    const sum = rounded.map((p) => `${p.minutes} min ${p.what}`).join(" + ");
    return { scenario, minutes, parts: rounded, assumptions: `${sum} = ${minutes} min` };
}

export function recovery(
    input: {
        usedGiB: number;
        initializationRateMiBps: number;
        snapshotIntervalHours: number;
        freshSync: { hours: number; basis: string };
    },
    a: Assumptions,
): RecoveryRow[] {
    const initMinutes = (input.usedGiB * 1024) / input.initializationRateMiBps / 60;
    const catchUp = (seconds: number, rate = a.catchUpBlocksPerSecond) =>
        seconds / SECONDS_PER_SLOT / rate / 60;
    const behind = input.snapshotIntervalHours * 3600 + initMinutes * 60;
    const faster = Math.round(catchUp(behind) - catchUp(behind, a.fastCatchUpBlocksPerSecond));
    const launch = `to launch, attach and start (assumed)`;
    return [
        row("instance lost, same zone (re-attach the volume)", [
            { what: launch, minutes: a.replaceMinutes },
            {
                what: `to replay the blocks missed meanwhile at ${a.catchUpBlocksPerSecond} blocks/s`,
                minutes: catchUp(a.replaceMinutes * 60),
            },
        ]),
        row("from a snapshot in another zone", [
            { what: launch, minutes: a.replaceMinutes },
            {
                what: `to initialize ${input.usedGiB} GiB at ${input.initializationRateMiBps} MiB/s`,
                minutes: initMinutes,
            },
            {
                what: `to catch up a snapshot up to ${input.snapshotIntervalHours} h old (plus the initialization) at ${a.catchUpBlocksPerSecond} blocks/s (measured on EBS; ${faster} minutes less at an assumed ${a.fastCatchUpBlocksPerSecond} blocks/s)`,
                minutes: catchUp(behind),
            },
        ]),
        row("fresh sync (no snapshot)", [
            {
                what: `to sync from empty: ${input.freshSync.basis}`,
                minutes: input.freshSync.hours * 60,
            },
        ]),
    ];
}
