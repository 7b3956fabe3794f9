/**
 * Values AWS accepts for settings the program exposes as config, each with its source. Config
 * validates against these, so a bad value fails before any resource exists.
 */

/** Hours between scheduled snapshots that DLM accepts (DLM API CreateRule.Interval: 1, 2, 3, 4, 6, 8, 12 or 24). */
export const DLM_INTERVAL_HOURS = [1, 2, 3, 4, 6, 8, 12, 24];

/** Retention periods CloudWatch Logs accepts (CloudWatch Logs API PutRetentionPolicy.retentionInDays). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/**
 * ECS registers the kernel's MemTotal, not the instance type's nominal memory: about 1.2 GiB less
 * on a 32 GiB instance. Sized with Karpenter's default VM memory overhead (7.5 % of nominal), which
 * is above the measured gap on every type this program offers, so a task that fits here is placed.
 */
export const ECS_MEMORY_OVERHEAD_FRACTION = 0.075;

/** A Lambda function runs for at most 15 minutes (Lambda quotas: function timeout 900 seconds). */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/**
 * A failed asynchronous invocation is run twice more, one minute and then two minutes later (Lambda
 * Developer Guide, "How Lambda handles errors and retries with asynchronous invocation").
 */
export const LAMBDA_ASYNC_RETRIES = { count: 2, delaysSeconds: [60, 120] };

/** EC2 user data: at most 16 KB in raw form, before base64 (EC2 User Guide, "Run commands at launch"). */
export const USER_DATA_MAX_BYTES = 16 * 1024;

/**
 * What a Network Load Balancer's target-group health check accepts (ELB API CreateTargetGroup:
 * HealthCheckIntervalSeconds 5–300, HealthCheckTimeoutSeconds 2–120, healthy and unhealthy
 * threshold counts 2–10; terraform-provider-aws validates the same, internal/service/elbv2/target_group.go).
 */
export const NLB_HEALTH_CHECK_LIMITS = {
    intervalSeconds: [5, 300],
    timeoutSeconds: [2, 120],
    threshold: [2, 10],
} as const;
