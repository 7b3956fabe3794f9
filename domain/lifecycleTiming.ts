import { LAMBDA_MAX_TIMEOUT_SECONDS } from "../catalog/awsLimits";

/**
 * The terminate hook's clocks, which must nest: the clients' stop timeouts inside the handler's wait,
 * the wait plus the snapshot and DNS steps inside the Lambda timeout, and heartbeats well inside the
 * hook's heartbeat timeout, so Auto Scaling never gives up on a node that is still flushing.
 */
export interface LifecycleTiming {
    /** The hook's heartbeat timeout: how long Auto Scaling waits between signs of life. */
    hookHeartbeatSeconds: number;
    lambdaTimeoutSeconds: number;
    /** How long the handler waits for the tasks (and, on launch, for the volume). */
    waitSeconds: number;
    heartbeatEverySeconds: number;
}

/** Time kept after the wait for the final snapshot call, the DNS change and completing the action. */
export const AFTER_WAIT_SECONDS = 120;

export function lifecycleTiming(): LifecycleTiming {
    const lambdaTimeoutSeconds = LAMBDA_MAX_TIMEOUT_SECONDS;
    return {
        hookHeartbeatSeconds: lambdaTimeoutSeconds,
        lambdaTimeoutSeconds,
        waitSeconds: lambdaTimeoutSeconds - AFTER_WAIT_SECONDS,
        heartbeatEverySeconds: 300,
    };
}

/** Problems with a client whose stop timeout the terminate hook cannot wait out. */
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
    if (t.heartbeatEverySeconds >= t.hookHeartbeatSeconds) {
        problems.push("heartbeats are not sent within the hook's heartbeat timeout");
    }
    return problems;
}
