import { CloudWatchClient, PutMetricDataCommand, MetricDatum } from "@aws-sdk/client-cloudwatch";
import { Readiness, Sample } from "./readiness";
import {
    METRIC_NAMESPACE,
    NODE_METRIC_UNITS,
    NodeMetric,
    nodeMetricDimensions,
} from "../catalog/metrics";

export interface MetricContext {
    stack: string;
    network: string;
    /** Set when the stack runs several nodes: each node's metrics stay apart. */
    node?: string;
}

/** One datum per metric that has a value; a missing value stays missing (alarms treat that explicitly). */
export function metricData(
    r: Readiness,
    measured: Pick<Sample, "volumeUsedPercent" | "history"> &
        Partial<Pick<Sample, "forks" | "logs">>,
    ctx: MetricContext,
    at: Date,
): MetricDatum[] {
    const dimensions = Object.entries(nodeMetricDimensions(ctx.stack, ctx.network, ctx.node)).map(
        ([Name, Value]) => ({ Name, Value }),
    );
    // A Record over every metric name: a metric the catalog adds cannot go unpublished.
    const values: Record<NodeMetric, number | undefined> = {
        HeadBlock: r.headBlock,
        HeadAgeSeconds: r.headAgeSeconds,
        LagBlocks: r.lagBlocks,
        PeerCount: r.peerCount,
        BeaconSyncDistance: r.beaconSyncDistance,
        Ready: r.ready ? 1 : 0,
        VolumeUsedPercent: measured.volumeUsedPercent,
        HistoryServed: measured.history ? (measured.history.served ? 1 : 0) : undefined,
        LogsServed: measured.logs ? (measured.logs.served ? 1 : 0) : undefined,
        LogsQueryMilliseconds: measured.logs?.milliseconds,
        // Unknown (no reference answered) stays missing: the alarm then reads no data, not "fine".
        ForkReady:
            measured.forks && { ready: 1, gap: 0, unknown: undefined }[measured.forks.status],
        DaysToForkGap: measured.forks?.daysLeft,
    };
    return (Object.entries(values) as [NodeMetric, number | undefined][])
        .filter(([, value]) => value !== undefined && Number.isFinite(value))
        .map(([MetricName, Value]) => ({
            MetricName,
            Value,
            Unit: NODE_METRIC_UNITS[MetricName],
            Dimensions: dimensions,
            Timestamp: at,
        }));
}

export async function publish(client: CloudWatchClient, data: MetricDatum[]): Promise<void> {
    await client.send(new PutMetricDataCommand({ Namespace: METRIC_NAMESPACE, MetricData: data }));
}
