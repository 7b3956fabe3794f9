import { INSTANCE_TYPES } from "./instances";

/**
 * On-demand prices for `npm run plan`, per region. Dated, with their source; `--live-prices` asks the
 * AWS Price List API for instance prices instead.
 */
export interface RegionPrices {
    /** When and where these figures were taken. */
    source: string;
    /** false: not checked against a stored source here; the plan says so next to every figure. */
    verified: boolean;
    /** Linux on-demand, USD per hour. */
    instanceHourly: Record<string, number>;
    /** USD per GiB-month of provisioned storage. */
    ebsGiBMonth: Record<"gp3" | "gp2" | "io1" | "io2", number>;
    /** USD per provisioned IOPS-month: gp3 above 3000, io1/io2 all (io2 first tier). */
    iopsMonth: Record<"gp3" | "io1" | "io2", number>;
    /** USD per MiB/s-month of gp3 throughput above 125. */
    gp3ThroughputMonth: number;
    snapshotGiBMonth: number;
    publicIpv4Hourly: number;
    egressGiB: number;
    /** Network Load Balancer: USD per hour, and per NLCU-hour. */
    nlbHourly: number;
    nlcuHourly: number;
    /** CloudWatch's paid tier, USD: per custom metric-month, alarm-month, dashboard-month, log GB. */
    cloudWatch: {
        metricMonth: number;
        alarmMonth: number;
        dashboardMonth: number;
        logIngestGB: number;
        logStoredGBMonth: number;
        source: string;
    };
    /** Route 53: USD per hosted zone-month (the first 25 zones). */
    hostedZoneMonth: number;
}

export const HOURS_PER_MONTH = 730;

/** Each known instance type's price in a region, from its record (catalog/instances.ts). */
function hourlyIn(region: string): Record<string, number> {
    return Object.fromEntries(
        Object.entries(INSTANCE_TYPES).flatMap(([type, record]) => {
            const hourly = record.hourlyUsd[region];
            return hourly === undefined ? [] : [[type, hourly]];
        }),
    );
}

export const PRICES: Record<string, RegionPrices> = {
    "us-east-1": {
        source: "AWS list prices collected 2026-11-25 (EBS pricing page; instances from the AWS Price List API as Karpenter v1.15.3 generated them on 2026-07-20; public IPv4 since 2024-02-01)",
        verified: true,
        instanceHourly: hourlyIn("us-east-1"),
        ebsGiBMonth: { gp3: 0.08, gp2: 0.1, io1: 0.125, io2: 0.125 },
        iopsMonth: { gp3: 0.005, io1: 0.065, io2: 0.065 },
        gp3ThroughputMonth: 0.04,
        snapshotGiBMonth: 0.05,
        publicIpv4Hourly: 0.005,
        egressGiB: 0.09,
        // ELB pricing as republished in 2025–2026 (awsnegotiations.com, clustercost.com): NLB $0.0225/h, $0.006/NLCU-h.
        nlbHourly: 0.0225,
        nlcuHourly: 0.006,
        cloudWatch: {
            metricMonth: 0.3,
            alarmMonth: 0.1,
            dashboardMonth: 3,
            logIngestGB: 0.5,
            logStoredGBMonth: 0.03,
            source: "CloudWatch pricing for us-east-1 as of February 2026 (cloudburn.io, from the official pricing page): $0.30 per metric for the first 10,000, $0.10 per standard alarm, $3 per dashboard, logs $0.50/GB ingested and $0.03/GB-month stored; free tier (10 metrics, 10 alarms, 3 dashboards, 5 GB of logs per account) not deducted",
        },
        // Route 53 pricing page: $0.50 per hosted zone per month for the first 25.
        hostedZoneMonth: 0.5,
    },
    "eu-central-1": {
        source: "AWS list prices for Frankfurt as published in 2025-2026, not checked against a stored source here, and Graviton rows estimated from the Intel ones: confirm with --live-prices",
        verified: false,
        instanceHourly: hourlyIn("eu-central-1"),
        ebsGiBMonth: { gp3: 0.0952, gp2: 0.119, io1: 0.149, io2: 0.149 },
        iopsMonth: { gp3: 0.006, io1: 0.078, io2: 0.078 },
        gp3ThroughputMonth: 0.048,
        snapshotGiBMonth: 0.054,
        publicIpv4Hourly: 0.005,
        egressGiB: 0.09,
        nlbHourly: 0.027,
        nlcuHourly: 0.0072,
        cloudWatch: {
            metricMonth: 0.3,
            alarmMonth: 0.1,
            dashboardMonth: 3,
            logIngestGB: 0.63,
            logStoredGBMonth: 0.0324,
            source: "CloudWatch list prices for Frankfurt as published in 2025-2026, unverified here; free tier not deducted",
        },
        hostedZoneMonth: 0.5,
    },
};
