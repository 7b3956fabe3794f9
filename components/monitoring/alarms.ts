import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import {
    ALARM_MINUTES,
    METRIC_NAMESPACE,
    NodeMetric,
    nodeMetricDimensions,
} from "../../catalog/metrics";
import { LOGS_PROBE_DEADLINE_MS } from "../../catalog/logIndexes";

/** The node's alarms over the monitor sidecar's metrics (monitor/), one set per node. */

export interface AlarmSpec {
    name: string;
    description: string;
    metric: NodeMetric;
    statistic: "Minimum" | "Maximum" | "SampleCount" | "Average";
    comparison: "LessThanThreshold" | "GreaterThanThreshold";
    threshold: number;
    /**
     * How a gap in the data counts: only the "monitor dead" alarm treats it as a failure; fork
     * readiness leaves it missing, so an unknown schedule reads as insufficient data, never as fine.
     */
    treatMissingData: "breaching" | "notBreaching" | "missing";
}

/** The alarms, as data: each is one CloudWatch alarm over one metric of the monitor. */
export function alarmSpecs(a: {
    maxHeadAgeSeconds: number;
    minPeers: number;
    diskAlarmPercent: number;
}): AlarmSpec[] {
    return [
        {
            name: "not-ready",
            description: `node not ready (synced and at head) for ${ALARM_MINUTES} minutes`,
            metric: "Ready",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        },
        {
            name: "head-age",
            description: `newest block older than ${a.maxHeadAgeSeconds}s for ${ALARM_MINUTES} minutes`,
            metric: "HeadAgeSeconds",
            statistic: "Minimum",
            comparison: "GreaterThanThreshold",
            threshold: a.maxHeadAgeSeconds,
            treatMissingData: "notBreaching",
        },
        {
            name: "peers",
            description: `fewer than ${a.minPeers} execution peers for ${ALARM_MINUTES} minutes`,
            metric: "PeerCount",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: a.minPeers,
            treatMissingData: "notBreaching",
        },
        {
            name: "monitor-missing",
            description: `no metrics from the monitor for ${ALARM_MINUTES} minutes (monitor or host down)`,
            metric: "Ready",
            statistic: "SampleCount",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        },
        {
            name: "history",
            description: `node at head does not answer receipts at the oldest block its mode keeps (logsFrom) for ${ALARM_MINUTES} minutes`,
            metric: "HistoryServed",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        },
        {
            name: "logs",
            description: `node at head does not answer eth_getLogs over the oldest promised blocks within ${LOGS_PROBE_DEADLINE_MS / 1000} s for ${ALARM_MINUTES} minutes: the log index does not reach them (after a first sync or a logsFrom change, until geth has built it) or the node is overloaded. The monitor's log says which blocks and why`,
            metric: "LogsServed",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        },
        {
            name: "fork-readiness",
            description: `for ${ALARM_MINUTES} minutes a client has not scheduled a fork its network schedules (or schedules one the network dropped): the node stops following the chain at it. The fork's name and time are in /ready's "forks" and the monitor's log ("fork readiness:"); DaysToForkGap says how long is left. Bump executionVersion or consensusVersion to a release that schedules it (docs/operations.md, "Keeping up with forks and releases")`,
            metric: "ForkReady",
            statistic: "Maximum",
            comparison: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "missing",
        },
        {
            name: "disk",
            description: `chain volume more than ${a.diskAlarmPercent}% full`,
            metric: "VolumeUsedPercent",
            statistic: "Maximum",
            comparison: "GreaterThanThreshold",
            threshold: a.diskAlarmPercent,
            treatMissingData: "notBreaching",
        },
    ];
}

/** Every node's alarms, to the alert topic; a single node's metrics carry no Node dimension. */
export function createNodeAlarms(
    name: string,
    args: {
        stackId: string;
        network: string;
        maxHeadAgeSeconds: number;
        minPeers: number;
        diskAlarmPercent: number;
        nodeNames?: string[];
        tags: Record<string, string>;
    },
    topicArn: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): void {
    for (const node of args.nodeNames ?? [undefined]) {
        for (const spec of alarmSpecs(args)) {
            new aws.cloudwatch.MetricAlarm(
                node ? `${name}-${node}-${spec.name}` : `${name}-${spec.name}`,
                {
                    alarmDescription: `${args.stackId}${node ? ` ${node}` : ""}: ${spec.description}`,
                    namespace: METRIC_NAMESPACE,
                    metricName: spec.metric,
                    dimensions: nodeMetricDimensions(args.stackId, args.network, node),
                    statistic: spec.statistic,
                    period: 60,
                    evaluationPeriods: ALARM_MINUTES,
                    comparisonOperator: spec.comparison,
                    threshold: spec.threshold,
                    treatMissingData: spec.treatMissingData,
                    alarmActions: [topicArn],
                    okActions: [topicArn],
                    tags: args.tags,
                },
                opts,
            );
        }
    }
}
