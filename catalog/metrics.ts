/** The monitor's CloudWatch metrics: the namespace the task role may write to, and the metric names. */
export const METRIC_NAMESPACE = "EthereumNode";

/** Minutes a condition must hold before an alarm fires. */
export const ALARM_MINUTES = 5;
