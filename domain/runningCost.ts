import { RegionPrices, HOURS_PER_MONTH } from "../catalog/prices";
import { CostLine, EGRESS, isTotal, round, withTotals } from "./plan";
import { RegisteredResource } from "./exposure";

/**
 * The running costs beside the nodes' instances and chain volumes, counted from what the program
 * registers: root volumes, hosted zones, CloudWatch alarms and dashboards, the monitor's custom
 * metrics and the log groups' ingestion and storage. Every node and stack pays them monthly.
 */

export interface RunningCostInput {
    resources: RegisteredResource[];
    prices: RegionPrices;
    /** Custom metrics the monitors publish: each metric name × each node. */
    customMetrics: number;
    logRetentionDays: number;
    /** Log volume of one node's containers and handlers a month, GB (an assumption). */
    logGBPerNodeMonth: number;
    nodeCount: number;
}

const ofType = (resources: RegisteredResource[], type: string) =>
    resources.filter((r) => r.type === type);

/** Root volumes: each launch template's block devices (one instance per template). */
function rootVolumeGiB(resources: RegisteredResource[]): number {
    return ofType(resources, "aws:ec2/launchTemplate:LaunchTemplate")
        .flatMap((t) => (t.inputs.blockDeviceMappings ?? []) as { ebs?: { volumeSize?: number } }[])
        .reduce((sum, m) => sum + Number(m.ebs?.volumeSize ?? 0), 0);
}

export function runningCostLines(input: RunningCostInput): CostLine[] {
    const { resources, prices } = input;
    const cw = prices.cloudWatch;
    const rootGiB = rootVolumeGiB(resources);
    const zones = ofType(resources, "aws:route53/zone:Zone").length;
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").length;
    const dashboards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard").length;
    const ingestedGB = input.logGBPerNodeMonth * input.nodeCount;
    // Kept for the retention at a steady rate: a month's logs × the months kept (never-expiring: a year).
    const storedGB = ingestedGB * ((input.logRetentionDays || 365) / (HOURS_PER_MONTH / 24));
    return [
        {
            item: "root volumes",
            usd: rootGiB * prices.ebsGiBMonth.gp3,
            basis: `${rootGiB} GiB gp3 (the launch templates' root devices) at $${prices.ebsGiBMonth.gp3}/GiB-month`,
        },
        {
            item: "hosted zone",
            usd: zones * prices.hostedZoneMonth,
            basis: `${zones} Route 53 zone at $${prices.hostedZoneMonth}/month (queries not counted)`,
        },
        {
            item: "CloudWatch metrics and alarms",
            usd:
                input.customMetrics * cw.metricMonth +
                alarms * cw.alarmMonth +
                dashboards * cw.dashboardMonth,
            basis: `${input.customMetrics} custom metrics at $${cw.metricMonth}, ${alarms} alarms at $${cw.alarmMonth}, ${dashboards} dashboard at $${cw.dashboardMonth} (free tier not deducted)`,
        },
        {
            item: "CloudWatch logs (estimate)",
            usd: ingestedGB * cw.logIngestGB + storedGB * cw.logStoredGBMonth,
            basis: `${ingestedGB} GB/month ingested (assumed ${input.logGBPerNodeMonth} GB a node) at $${cw.logIngestGB}/GB, ~${Math.round(storedGB)} GB kept for ${input.logRetentionDays || "unlimited (a year counted)"} days at $${cw.logStoredGBMonth}/GB-month`,
        },
    ].map((l) => ({ ...l, usd: round(l.usd) }));
}

/** A cost with more lines of its own: the same order, totals recomputed. */
export function withRunningCosts(
    lines: CostLine[],
    running: CostLine[],
    ownWhat: string,
): CostLine[] {
    const own = lines.filter((l) => !isTotal(l) && l.item !== EGRESS);
    const egress = lines.find((l) => l.item === EGRESS)!;
    return withTotals([...own, ...running], egress, ownWhat);
}
