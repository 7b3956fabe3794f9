import { ECS_MEMORY_OVERHEAD_FRACTION } from "../catalog/awsLimits";
import { HOST_RESERVED_MEMORY_MIB } from "../catalog/profiles";

/**
 * What the ECS agent offers to tasks on an instance of a nominal size: the forward model the tests
 * hold the pre-flight's inverse (domain/memory.ts, the instance memory a pair needs) against.
 */
export function registrableMemoryMiB(nominalMiB: number): number {
    return Math.floor(nominalMiB * (1 - ECS_MEMORY_OVERHEAD_FRACTION)) - HOST_RESERVED_MEMORY_MIB;
}
