import { ClientPair } from "../catalog/clients";
import { HOST_RESERVED_MEMORY_MIB, MONITOR_MEMORY_MIB } from "../catalog/profiles";
import { ECS_MEMORY_OVERHEAD_FRACTION } from "../catalog/awsLimits";

/** Memory per container of the node, in MiB. */
export interface ContainerMemory {
    /** Soft reservations (ECS memoryReservation): what placement counts. */
    executionMiB: number;
    consensusMiB: number;
    monitorMiB: number;
    /** Hard limits (ECS memory), where the instance's memory is known and leaves room for them. */
    limits?: { executionMiB: number; consensusMiB: number; monitorMiB: number };
}

/** The monitor's hard limit: twice what it reserves (assumed headroom; it holds a few JSON answers). */
const MONITOR_LIMIT_FACTOR = 2;

/**
 * Each container reserves its client's minimum as a soft reservation: ECS places the task only
 * where that much is free (ECS ContainerDefinition: "if you specify memoryReservation, then that
 * value is subtracted from the available memory"). Given the instance's memory, each also gets a
 * hard limit: a client may use everything the host registers except what the other containers
 * reserve, so a runaway one is killed in its own cgroup instead of taking the other's memory; the
 * monitor may use MONITOR_LIMIT_FACTOR times its reservation. ECS requires a limit above its
 * reservation; where the instance leaves no such room (allowUndersized) no limit is set.
 */
export function containerMemory(client: ClientPair, instanceMemoryMiB?: number): ContainerMemory {
    const reserved = {
        executionMiB: client.execution.minMemoryMiB,
        consensusMiB: client.consensus.minMemoryMiB,
        monitorMiB: MONITOR_MEMORY_MIB,
    };
    if (instanceMemoryMiB === undefined) {
        return reserved;
    }
    const registered = registeredMemoryMiB(instanceMemoryMiB);
    const total = taskReservationMiB(reserved);
    const limits = {
        executionMiB: registered - (total - reserved.executionMiB),
        consensusMiB: registered - (total - reserved.consensusMiB),
        monitorMiB: reserved.monitorMiB * MONITOR_LIMIT_FACTOR,
    };
    const roomy = (Object.keys(limits) as (keyof typeof limits)[]).every(
        (role) => limits[role] > reserved[role],
    );
    return roomy ? { ...reserved, limits } : reserved;
}

/** What ECS can hand to tasks on an instance of this nominal memory (the same model as placement's). */
function registeredMemoryMiB(instanceMemoryMiB: number): number {
    return (
        Math.floor(instanceMemoryMiB * (1 - ECS_MEMORY_OVERHEAD_FRACTION)) -
        HOST_RESERVED_MEMORY_MIB
    );
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
