/**
 * Memory of the EC2 instance types the offline tools know (AWS DescribeInstanceTypes, MiB).
 * Deployments read live AWS data instead; this table serves `npm run policy` and the tests.
 */
export const INSTANCE_MEMORY_MIB: Record<string, number> = {
    "t2.medium": 4096,
    "c5.large": 4096,
    "c7i.large": 4096,
    "c7i.2xlarge": 16384,
    "c7i.4xlarge": 32768,
    "m7i.xlarge": 16384,
    "m7i.2xlarge": 32768,
    "r7i.xlarge": 32768,
    "r7i.2xlarge": 65536,
    "r7g.xlarge": 32768,
    "r7g.2xlarge": 65536,
    "m7g.2xlarge": 32768,
};

/** vCPUs of the same types (AWS DescribeInstanceTypes). */
export const INSTANCE_VCPUS: Record<string, number> = {
    "t2.medium": 2,
    "c5.large": 2,
    "c7i.large": 2,
    "c7i.2xlarge": 8,
    "c7i.4xlarge": 16,
    "m7i.xlarge": 4,
    "m7i.2xlarge": 8,
    "r7i.xlarge": 4,
    "r7i.2xlarge": 8,
    "r7g.xlarge": 4,
    "r7g.2xlarge": 8,
    "m7g.2xlarge": 8,
};

/** geth README: "minimum 4+ cores"; below it block processing at head falls behind. */
export const MIN_VCPUS_AT_HEAD = 4;

/** The Graviton (arm64) types of the table above; the others are x86_64. */
export const ARM64_TYPES = ["r7g.xlarge", "r7g.2xlarge", "m7g.2xlarge"];

/**
 * AWS's instance naming convention (EC2 User Guide, "Instance type naming conventions"): family
 * letter, generation, options, then a size. Memory per vCPU follows the family (c: 2 GiB, m: 4 GiB,
 * r: 8 GiB, x: 16 GiB) and vCPUs the size (large: 2, xlarge: 4, Nxlarge: 4N); a `g` among the
 * options means a Graviton (arm64) processor. The offline tools use it for types not in the table
 * above, and say so; a deployment asks AWS.
 */
const GIB_PER_VCPU: Record<string, number> = { c: 2, m: 4, r: 8, x: 16 };
const NAME = /^([cmrx])(\d+)([a-z-]*)\.(large|(\d*)xlarge)$/;

export interface InstanceEstimate {
    memoryMiB: number;
    architectures: string[];
}

export function estimateFromName(instanceType: string): InstanceEstimate | undefined {
    const m = NAME.exec(instanceType);
    if (!m) {
        return undefined;
    }
    const [, family = "", , options = "", size = "", multiple] = m;
    const vcpus = size === "large" ? 2 : 4 * Number(multiple || 1);
    return {
        memoryMiB: vcpus * (GIB_PER_VCPU[family] ?? 0) * 1024,
        architectures: options.includes("g") ? ["arm64"] : ["x86_64"],
    };
}
