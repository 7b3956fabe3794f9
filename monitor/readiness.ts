import { ExecutionState, BeaconState } from "./probes";
import { HistoryState } from "./history";
import { LogsState } from "./logsProbe";
import { ChainCheck } from "./chainCheck";
import { ForkReadiness, describeForkReadiness } from "./forkReadiness";
import { SECONDS_PER_SLOT } from "../catalog/chain";

/**
 * Readiness: synced and at head, all of it, never `eth_syncing == false` alone (clients report that
 * before the consensus client has told them anything). Liveness is the containers' own health check.
 */

export interface Thresholds {
    maxHeadAgeSeconds: number;
    minPeers: number;
}

export interface Sample {
    at: number;
    execution: ExecutionState;
    beacon: BeaconState;
    reference: { head?: number; answered: number; failed: string[] };
    volumeUsedPercent?: number;
    /** The history probe at head; a metric and its alarm, not readiness (recent calls still work). */
    history?: HistoryState;
    /** eth_getLogs at the oldest promised block, at head; a metric and its alarm, not readiness. */
    logs?: LogsState;
    /** The node's block hash against the references' (a forged or split chain is not ready). */
    chain?: ChainCheck;
    /** The node's fork schedule against the network's; a metric and its alarm, not readiness. */
    forks: ForkReadiness;
}

export interface Readiness {
    ready: boolean;
    reasons: string[];
    headBlock?: number;
    headAgeSeconds?: number;
    lagBlocks?: number;
    peerCount?: number;
    beaconSyncDistance?: number;
    /** Fork readiness in words (monitor/forkReadiness.ts): the node serves until the fork it lacks. */
    forks?: string;
}

export function evaluate(sample: Sample, t: Thresholds): Readiness {
    const reasons: string[] = [];
    const el = sample.execution;
    const cl = sample.beacon;
    let headAgeSeconds: number | undefined;
    let lagBlocks: number | undefined;

    if (!el.reachable) {
        reasons.push(`execution client unreachable: ${el.error}`);
    } else {
        if (el.syncing) {
            reasons.push("execution client is syncing");
        }
        headAgeSeconds = Math.max(0, Math.round(sample.at / 1000 - el.headTimestamp!));
        if (headAgeSeconds > t.maxHeadAgeSeconds) {
            reasons.push(
                `head block ${el.headBlock} is ${headAgeSeconds}s old (max ${t.maxHeadAgeSeconds}s)`,
            );
        }
        if (el.peers === undefined) {
            reasons.push(`execution peer count unavailable: ${el.peersError}`);
        } else if (el.peers < t.minPeers) {
            reasons.push(`${el.peers} execution peers (min ${t.minPeers})`);
        }
        if (sample.chain?.mismatch) {
            reasons.push(
                `block ${sample.chain.block} is ${sample.chain.node} here but ${sample.chain.reference} at the references: the node follows another chain`,
            );
        }
        lagBlocks =
            sample.reference.head !== undefined
                ? Math.max(0, sample.reference.head - el.headBlock!)
                : Math.max(0, Math.floor(headAgeSeconds / SECONDS_PER_SLOT));
    }
    if (!cl.reachable) {
        reasons.push(`beacon node unreachable: ${cl.error}`);
    } else {
        if (cl.isSyncing) {
            reasons.push(`beacon node is syncing (distance ${cl.syncDistance} slots)`);
        }
        if (cl.isOptimistic) {
            reasons.push("beacon node is optimistic (execution payloads not yet verified)");
        }
        if (cl.elOffline) {
            reasons.push("beacon node reports the execution client offline");
        }
    }
    return {
        ready: reasons.length === 0,
        reasons,
        headBlock: el.headBlock,
        headAgeSeconds,
        lagBlocks,
        peerCount: el.peers,
        beaconSyncDistance: cl.syncDistance,
        forks: describeForkReadiness(sample.forks),
    };
}
