import { ClientPair } from "../catalog/clients";
import { HOST_RESERVED_MEMORY_MIB, MONITOR_MEMORY_MIB } from "../catalog/profiles";
import { ECS_MEMORY_OVERHEAD_FRACTION } from "../catalog/awsLimits";

/** Soft memory reservations (ECS memoryReservation) of the node's three containers, in MiB. */
export interface ContainerMemory {
    executionMiB: number;
    consensusMiB: number;
    monitorMiB: number;
}

/**
 * Each container reserves its client's minimum as a soft reservation: ECS places the task only
 * where that much is free, and the clients may still use whatever else the host has (page cache,
 * caches), since no hard limit is set.
 */
export function containerMemory(client: ClientPair): ContainerMemory {
    return {
        executionMiB: client.execution.minMemoryMiB,
        consensusMiB: client.consensus.minMemoryMiB,
        monitorMiB: MONITOR_MEMORY_MIB,
    };
}

export function taskReservationMiB(memory: ContainerMemory): number {
    return memory.executionMiB + memory.consensusMiB + memory.monitorMiB;
}

/** The smallest nominal instance memory on which ECS can place the pair's task. */
export function requiredInstanceMemoryMiB(client: ClientPair): number {
    const need = taskReservationMiB(containerMemory(client)) + HOST_RESERVED_MEMORY_MIB;
    return Math.ceil(need / (1 - ECS_MEMORY_OVERHEAD_FRACTION));
}

/** Headroom the steady instance keeps above the clients' measured memory at head. */
export const AT_HEAD_HEADROOM = 0.1;

/**
 * The smallest nominal instance memory whose ECS share holds the pair's measured memory at head
 * (catalog memoryAtHeadMiB) and the monitor, with AT_HEAD_HEADROOM to spare.
 */
export function atHeadInstanceMemoryMiB(client: ClientPair): number {
    const atHead =
        client.execution.memoryAtHeadMiB.value +
        client.consensus.memoryAtHeadMiB.value +
        MONITOR_MEMORY_MIB;
    const need = atHead * (1 + AT_HEAD_HEADROOM) + HOST_RESERVED_MEMORY_MIB;
    return Math.ceil(need / (1 - ECS_MEMORY_OVERHEAD_FRACTION));
}
