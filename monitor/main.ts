import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import * as fs from "fs";
import { probeExecution, probeBeacon, referenceHead } from "./probes";
import { evaluate, Readiness, Sample, Thresholds } from "./readiness";
import { metricData, publish, MetricContext } from "./metrics";
import { readinessServer } from "./server";
import { requireEnv } from "../runtime/env";
import { redactUrl } from "../runtime/redact";
import { HistoryPromise, parsePromise, probeHistory } from "./history";
import { probeLogs } from "./logsProbe";
import { checkChain } from "./chainCheck";
import { RPC_HTTP_PORT } from "../catalog/ports";
import { DATA_DIR } from "../catalog/host";
import { Network } from "../catalog/networks";
import { describeForkReadiness, forkReadiness } from "./forkReadiness";

/**
 * The monitor sidecar: every interval it samples the node, evaluates readiness, serves it on the host
 * and publishes the metrics to CloudWatch. It is not essential in the task: its failure never restarts
 * the clients, and the "missing data" alarm notices it.
 */

export interface MonitorSettings {
    rpcUrl: string;
    beaconUrl: string;
    referenceRpcUrls: string[];
    /** Beacon APIs to compare the node's fork schedule with: the checkpoint-sync servers. */
    beaconReferenceUrls: string[];
    network: Network;
    dataDir: string;
    thresholds: Thresholds;
    /** The receipts the node's mode keeps, probed once it is at head; unset: not probed. */
    receiptsKept?: HistoryPromise;
    /** The blocks one eth_getLogs filter may span (`to − from`; 0: no cap): the logs probe stays within. */
    logsMaxBlockRange: number;
    metrics: MetricContext;
    intervalMs: number;
    timeoutMs: number;
    readyPort: number;
}

export function volumeUsedPercent(dir: string): number | undefined {
    try {
        const s = fs.statfsSync(dir);
        // Used over what is usable by non-root writers, as df reports it.
        const used = s.blocks - s.bfree;
        return Math.round((1000 * used) / (used + s.bavail)) / 10;
    } catch {
        return undefined;
    }
}

export async function sample(s: MonitorSettings, now: () => number = Date.now): Promise<Sample> {
    const [execution, beacon, reference, forks] = await Promise.all([
        probeExecution(s.rpcUrl, s.timeoutMs),
        probeBeacon(s.beaconUrl, s.timeoutMs),
        referenceHead(s.referenceRpcUrls, s.timeoutMs),
        forkReadiness(s, now()),
    ]);
    // History is only there once the node has synced; before that its absence says nothing.
    const atHead = execution.reachable && execution.syncing === false;
    const head = execution.headBlock ?? 0;
    const promised = Boolean(s.receiptsKept) && atHead;
    // Independent probes of one head: run together, so a slow one does not delay the others.
    const [chain, history, logs] = await Promise.all([
        execution.reachable && reference.head !== undefined
            ? checkChain(s.rpcUrl, s.referenceRpcUrls, head, reference.head, s.timeoutMs)
            : undefined,
        promised ? probeHistory(s.rpcUrl, s.receiptsKept!, head, s.timeoutMs) : undefined,
        promised ? probeLogs(s.rpcUrl, s.receiptsKept!, head, s.logsMaxBlockRange) : undefined,
    ]);
    return {
        at: now(),
        execution,
        beacon,
        reference,
        volumeUsedPercent: volumeUsedPercent(s.dataDir),
        history,
        logs,
        chain,
        forks,
    };
}

/** One round: sample, evaluate, publish. Publishing errors are logged, never fatal. */
export async function tick(
    s: MonitorSettings,
    cloudwatch: CloudWatchClient,
    log: (m: string) => void = console.log,
): Promise<Readiness> {
    const current = await sample(s);
    const readiness = evaluate(current, s.thresholds);
    if (current.reference.failed.length > 0) {
        log(
            `reference endpoints that did not answer: ${current.reference.failed.map(redactUrl).join(", ")}`,
        );
    }
    try {
        await publish(cloudwatch, metricData(readiness, current, s.metrics, new Date(current.at)));
    } catch (e) {
        log(`publishing metrics failed: ${(e as Error).message}`);
    }
    if (current.forks.status !== "ready") {
        log(describeForkReadiness(current.forks));
    }
    if (current.history && !current.history.served) {
        log(`history promise broken: ${current.history.reason}`);
    }
    if (current.logs && !current.logs.served) {
        log(`log query at the oldest promised block failed: ${current.logs.reason}`);
    }
    log(
        `${readiness.ready ? "ready" : "not ready"}: head ${readiness.headBlock ?? "?"}, age ${readiness.headAgeSeconds ?? "?"}s, lag ${readiness.lagBlocks ?? "?"}${readiness.reasons.length ? ` (${readiness.reasons.join("; ")})` : ""}`,
    );
    return readiness;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv): MonitorSettings {
    const need = (key: string) => requireEnv(env, key);
    return {
        rpcUrl: env.RPC_URL ?? `http://127.0.0.1:${RPC_HTTP_PORT}`,
        beaconUrl: need("BEACON_URL"),
        referenceRpcUrls: (env.REFERENCE_RPC_URLS ?? "").split(" ").filter(Boolean),
        beaconReferenceUrls: (env.CHECKPOINT_SYNC_URLS ?? "").split(" ").filter(Boolean),
        network: need("NETWORK") as Network,
        dataDir: env.DATA_DIR ?? DATA_DIR,
        thresholds: {
            maxHeadAgeSeconds: Number(need("MAX_HEAD_AGE_SECONDS")),
            minPeers: Number(need("MIN_PEERS")),
        },
        receiptsKept: env.RECEIPTS_KEPT ? parsePromise(env.RECEIPTS_KEPT) : undefined,
        logsMaxBlockRange: Number(env.LOGS_MAX_BLOCK_RANGE ?? "0"),
        metrics: { stack: need("STACK"), network: need("NETWORK"), node: env.NODE || undefined },
        intervalMs: Number(env.INTERVAL_MS ?? "60000"),
        timeoutMs: Number(env.TIMEOUT_MS ?? "10000"),
        readyPort: Number(need("READY_PORT")),
    };
}

async function main(): Promise<void> {
    const settings = settingsFromEnv(process.env);
    const cloudwatch = new CloudWatchClient({});
    let latest: Readiness | undefined;
    readinessServer(() => latest).listen(settings.readyPort, "0.0.0.0");
    for (;;) {
        const started = Date.now();
        try {
            latest = await tick(settings, cloudwatch);
        } catch (e) {
            console.error(`monitor round failed: ${(e as Error).message}`);
        }
        await new Promise((r) =>
            setTimeout(r, Math.max(0, settings.intervalMs - (Date.now() - started))),
        );
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(`monitor stopped: ${(e as Error).message}`);
        process.exit(1);
    });
}
