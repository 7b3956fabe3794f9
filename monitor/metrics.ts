import {
    CloudWatchClient,
    PutMetricDataCommand,
    MetricDatum,
    StandardUnit,
} from "@aws-sdk/client-cloudwatch";
import { Readiness } from "./readiness";
import { METRIC_NAMESPACE } from "../catalog/metrics";

export interface MetricContext {
    stack: string;
    network: string;
    /** Set when the stack runs several nodes: each node's metrics stay apart. */
    node?: string;
}

/** One datum per metric that has a value; a missing value stays missing (alarms treat that explicitly). */
export function metricData(
    r: Readiness,
    volumeUsedPercent: number | undefined,
    ctx: MetricContext,
    at: Date,
): MetricDatum[] {
    const dimensions = [
        { Name: "Stack", Value: ctx.stack },
        { Name: "Network", Value: ctx.network },
        ...(ctx.node ? [{ Name: "Node", Value: ctx.node }] : []),
    ];
    const values: [string, number | undefined, StandardUnit][] = [
        ["HeadBlock", r.headBlock, "None"],
        ["HeadAgeSeconds", r.headAgeSeconds, "Seconds"],
        ["LagBlocks", r.lagBlocks, "Count"],
        ["PeerCount", r.peerCount, "Count"],
        ["BeaconSyncDistance", r.beaconSyncDistance, "Count"],
        ["Ready", r.ready ? 1 : 0, "None"],
        ["VolumeUsedPercent", volumeUsedPercent, "Percent"],
    ];
    return values
        .filter(([, value]) => value !== undefined && Number.isFinite(value))
        .map(([MetricName, Value, Unit]) => ({
            MetricName,
            Value,
            Unit,
            Dimensions: dimensions,
            Timestamp: at,
        }));
}

export async function publish(client: CloudWatchClient, data: MetricDatum[]): Promise<void> {
    await client.send(new PutMetricDataCommand({ Namespace: METRIC_NAMESPACE, MetricData: data }));
}
