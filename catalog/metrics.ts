/** The monitor's CloudWatch metrics: the namespace the task role may write to, and the metric names. */
export const METRIC_NAMESPACE = "EthereumNode";
