/** The monitor's CloudWatch metrics: the namespace the task role may write to, and the metric names. */
export const METRIC_NAMESPACE = "EthereumNode";

/** Each metric the monitor publishes, with its CloudWatch unit; alarms and the dashboard read these names. */
export const NODE_METRIC_UNITS = {
    HeadBlock: "None",
    HeadAgeSeconds: "Seconds",
    LagBlocks: "Count",
    PeerCount: "Count",
    BeaconSyncDistance: "Count",
    Ready: "None",
    VolumeUsedPercent: "Percent",
    /** 1 when the node answers receipts at the oldest block its mode keeps; published at head only. */
    HistoryServed: "None",
    /** 1 when eth_getLogs over the oldest promised blocks answers within its deadline; at head only. */
    LogsServed: "None",
    /** How long that eth_getLogs took. */
    LogsQueryMilliseconds: "Milliseconds",
    /** 1 when both clients schedule the forks the references schedule, 0 when not; missing when unknown. */
    ForkReady: "None",
    /** Days until the node and the network part (negative once they have); only while they would. */
    DaysToForkGap: "None",
} as const;

export type NodeMetric = keyof typeof NODE_METRIC_UNITS;

/** The dimensions every node metric carries; a Node dimension only when the stack runs several nodes. */
export function nodeMetricDimensions(
    stack: string,
    network: string,
    node?: string,
): Record<string, string> {
    return { Stack: stack, Network: network, ...(node ? { Node: node } : {}) };
}

/** Minutes a condition must hold before an alarm fires. */
export const ALARM_MINUTES = 5;
