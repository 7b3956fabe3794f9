import { LAMBDA_MAX_TIMEOUT_SECONDS, LAMBDA_ASYNC_RETRIES } from "../catalog/awsLimits";
import { DEFAULT_WAIT_FOR_CAPACITY_MINUTES, PROVIDER_TIMEOUTS } from "../catalog/providerRules";

/**
 * Every wait in the system, in one model whose clocks must nest: the clients' stop timeouts inside
 * the handler's wait, the wait plus the snapshot and DNS steps inside the Lambda timeout, heartbeats
 * well inside the hook's heartbeat timeout (across Lambda's retries too), a launch's wait longer than
 * a predecessor's terminate, the host's wait for its volume longer than the launch hook's, every hook
 * inside the timeout of the Pulumi operation that waits for it, and a service that waits for its new
 * task longer than the instance that task needs takes to replace. The boot script, the Lambda, the
 * hooks, the groups and the services take their limits from here.
 */
export interface LifecycleTiming {
    /** The hook's heartbeat timeout: how long Auto Scaling waits between signs of life. */
    hookHeartbeatSeconds: number;
    lambdaTimeoutSeconds: number;
    /** How long one invocation waits for the tasks (terminate) or the volume (launch). */
    waitSeconds: number;
    heartbeatEverySeconds: number;
    /** Lambda runs a failed event again this many times, after these delays. */
    lambdaRetries: number;
    retryDelaysSeconds: number[];
    /** Events older than this are dropped instead of retried. */
    maxEventAgeSeconds: number;
    /** How long a launch may wait, over every attempt, for its predecessor to let the volume go. */
    launchBudgetSeconds: number;
    /** The longest a hook can hold an instance: every attempt timing out, then the heartbeat timeout. */
    hookWorstSeconds: number;
    /** What the group's create, update and delete are given: the worst hook and the instance's own stop. */
    groupOperationMinutes: number;
    /** How long the host's boot script waits for the launch hook to attach the chain volume. */
    bootVolumeWaitSeconds: number;
    /**
     * What a service that waits for steady state is given: its new task may need a new instance (the
     * group's worst operation), then the host's boot and the images' pull.
     */
    serviceOperationMinutes: number;
}

/** Time kept after the wait for the final snapshot call, the DNS change and completing the action. */
export const AFTER_WAIT_SECONDS = 120;

/** An instance's own shutdown after its hook completes: the provider's delete waits for it too. */
export const INSTANCE_SHUTDOWN_SECONDS = 300;

/**
 * A new instance's boot after its volume is attached, the agent's start and the images' pull before
 * the task runs. Assumed: no measurement of this stack's boot and pull was found.
 */
export const BOOT_AND_PULL_SECONDS = 900;

/** The longer of what a wait needs and the provider's own default timeout, in whole minutes. */
const atLeastDefault = (neededSeconds: number, defaultMinutes: number) =>
    Math.max(Math.ceil(neededSeconds / 60), defaultMinutes);

export function lifecycleTiming(): LifecycleTiming {
    const lambdaTimeoutSeconds = LAMBDA_MAX_TIMEOUT_SECONDS;
    const waitSeconds = lambdaTimeoutSeconds - AFTER_WAIT_SECONDS;
    const attempts = LAMBDA_ASYNC_RETRIES.count + 1;
    const delays = LAMBDA_ASYNC_RETRIES.delaysSeconds;
    const hookHeartbeatSeconds = lambdaTimeoutSeconds;
    const hookWorstSeconds =
        attempts * lambdaTimeoutSeconds + delays.reduce((a, b) => a + b, 0) + hookHeartbeatSeconds;
    const launchBudgetSeconds = attempts * waitSeconds;
    const groupOperationMinutes = atLeastDefault(
        hookWorstSeconds + INSTANCE_SHUTDOWN_SECONDS,
        Math.max(
            PROVIDER_TIMEOUTS["aws:autoscaling/group:Group"].update,
            DEFAULT_WAIT_FOR_CAPACITY_MINUTES.value,
        ),
    );
    return {
        hookHeartbeatSeconds,
        lambdaTimeoutSeconds,
        waitSeconds,
        heartbeatEverySeconds: 300,
        lambdaRetries: LAMBDA_ASYNC_RETRIES.count,
        retryDelaysSeconds: delays,
        maxEventAgeSeconds: hookWorstSeconds,
        launchBudgetSeconds,
        hookWorstSeconds,
        groupOperationMinutes,
        bootVolumeWaitSeconds: launchBudgetSeconds + AFTER_WAIT_SECONDS,
        serviceOperationMinutes: atLeastDefault(
            groupOperationMinutes * 60 + BOOT_AND_PULL_SECONDS,
            PROVIDER_TIMEOUTS["aws:ecs/service:Service"].update,
        ),
    };
}

/** Problems with a client whose stop timeout the hooks cannot wait out, or clocks that do not nest. */
export function timingProblems(longestStopSeconds: number, t = lifecycleTiming()): string[] {
    const problems: string[] = [];
    // ECS notices a stopped container within seconds; a minute covers it and the first poll.
    if (longestStopSeconds + 60 > t.waitSeconds) {
        problems.push(
            `a client stop timeout of ${longestStopSeconds} s does not fit the handler's ${t.waitSeconds} s wait`,
        );
    }
    if (t.waitSeconds + AFTER_WAIT_SECONDS > t.lambdaTimeoutSeconds) {
        problems.push("the wait and the final steps do not fit the Lambda timeout");
    }
    // The longest silence: the last heartbeat, the rest of that invocation, and Lambda's retry delay.
    const silence =
        t.heartbeatEverySeconds + AFTER_WAIT_SECONDS + Math.max(0, ...t.retryDelaysSeconds);
    if (silence >= t.hookHeartbeatSeconds) {
        problems.push("heartbeats are not sent within the hook's heartbeat timeout");
    }
    // A replacement's launch waits while its predecessor's terminate drains and snapshots.
    if (t.launchBudgetSeconds < t.lambdaTimeoutSeconds) {
        problems.push("a launch gives up before its predecessor's terminate can finish");
    }
    if (t.maxEventAgeSeconds < t.hookWorstSeconds - t.hookHeartbeatSeconds) {
        problems.push("Lambda drops retried events before the hook could complete");
    }
    if (t.groupOperationMinutes * 60 < t.hookWorstSeconds + INSTANCE_SHUTDOWN_SECONDS) {
        problems.push("the group's operation timeout is shorter than a hook can last");
    }
    // The launch hook attaches the volume within its budget; the boot script waits for the device.
    if (t.bootVolumeWaitSeconds < t.launchBudgetSeconds) {
        problems.push(
            "the host's boot script gives up on its volume before the launch hook can attach it",
        );
    }
    if (t.serviceOperationMinutes * 60 < t.groupOperationMinutes * 60 + BOOT_AND_PULL_SECONDS) {
        problems.push("a service gives up on its new task before a replaced instance can run it");
    }
    return problems;
}
