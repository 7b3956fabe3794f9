import { ClientPair } from "../catalog/clients";
import { INSTANCE_TYPES, MIN_VCPUS_AT_HEAD } from "../catalog/instances";
import { PRICES } from "../catalog/prices";
import { PROFILES, ProfileName } from "../catalog/profiles";
import { atHeadInstanceMemoryMiB } from "./memory";

/**
 * Which known instance types can follow head for a pair: not burstable (a node at head uses its CPU
 * all day, past any credit balance), enough vCPUs, memory for the clients' measured use at head
 * with headroom, and an EBS baseline that sustains the IOPS the execution client needs at head
 * (above it the instance bursts for 30 minutes a day only). The steady profile's default is the
 * cheapest of them.
 */
export function fitsAtHead(client: ClientPair, instanceType: string): boolean {
    const known = INSTANCE_TYPES[instanceType];
    return (
        known !== undefined &&
        meetsHeadRule(client, { ...known, baselineIops: known.ebs?.baselineIops ?? 0 })
    );
}

/** What the rule asks of a type: from the catalog's records, or from AWS's own description. */
export interface HeadFacts {
    burstable: boolean;
    vcpus: number;
    memoryMiB: number;
    /** 0 for a type with no dedicated EBS bandwidth. */
    baselineIops: number;
}

/** The rule itself, on a type's facts. */
export function meetsHeadRule(client: ClientPair, facts: HeadFacts): boolean {
    return (
        !facts.burstable &&
        facts.vcpus >= MIN_VCPUS_AT_HEAD &&
        facts.memoryMiB >= atHeadInstanceMemoryMiB(client) &&
        facts.baselineIops >= client.execution.iopsAtHead.value
    );
}

/** The cheapest type in a price table that fits the pair at head; undefined when none does. */
export function cheapestAtHead(
    client: ClientPair,
    hourlyPrices: Record<string, number>,
): string | undefined {
    return Object.entries(hourlyPrices)
        .filter(([type]) => fitsAtHead(client, type))
        .sort(([, a], [, b]) => a - b)[0]?.[0];
}

/** Prices that rank the candidates: the verified table; other regions keep the same order. */
const RANKING_REGION = "us-east-1";

/** A profile's default instance type for a pair (PROFILES, resolved for "cheapestAtHead"). */
export function defaultInstanceType(profile: ProfileName, client: ClientPair): string {
    const type = PROFILES[profile].instanceType;
    if (type !== "cheapestAtHead") {
        return type;
    }
    const chosen = cheapestAtHead(client, PRICES[RANKING_REGION]?.instanceHourly ?? {});
    if (chosen === undefined) {
        throw new Error(`no priced instance type holds ${client.name} at head`);
    }
    return chosen;
}
