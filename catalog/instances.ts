/**
 * An EBS-optimized type's dedicated EBS performance: sustained at the baseline, and up to the maximum
 * for at most 30 minutes in 24 hours (EC2 User Guide, "Amazon EBS-optimized instance types").
 */
export interface EbsLimits {
    baselineIops: number;
    maximumIops: number;
    /** AWS states throughput in MB/s (10^6 bytes), not MiB/s. */
    baselineMBps: number;
    maximumMBps: number;
}

/** What AWS says of an instance type (EC2 DescribeInstanceTypes), with where the figures come from. */
export interface InstanceTypeRecord {
    memoryMiB: number;
    vcpus: number;
    architecture: "x86_64" | "arm64";
    /** undefined: not EBS-optimized, no dedicated EBS bandwidth. */
    ebs?: EbsLimits;
    /** A burstable type (BurstablePerformanceSupported): full CPU only while its credits last. */
    burstable: boolean;
    source: string;
    /**
     * Linux on-demand USD per hour by region, as catalog/prices.ts dates and sources each region's
     * table. us-east-1: the AWS Price List API's figures (US_EAST_PRICES). Graviton in eu-central-1 is
     * an estimate: the Intel type of the same size × us-east-1's Graviton/Intel ratio (0.81);
     * --live-prices replaces it. Types added for the steady ranking carry an eu-central-1 estimate
     * (EU_CENTRAL_TO_US_EAST).
     */
    hourlyUsd: Partial<Record<string, number>>;
}

const DESCRIBE =
    "AWS DescribeInstanceTypes (MemoryInfo.SizeInMiB, VCpuInfo.DefaultVCpus, ProcessorInfo, EbsInfo.EbsOptimizedInfo)";

/*
 * US_EAST_PRICES: the us-east-1 prices are Linux on-demand figures from the AWS Price List API as
 * Karpenter generates them into its source (karpenter-provider-aws v1.15.3,
 * pkg/providers/pricing/zz_generated.pricing_aws.go, generated 2026-07-20), which
 * tests/clients/instanceChoice.spec.ts reads; AWS's own page cannot be read here, and
 * `npm run plan -- --live-prices` asks AWS instead.
 */

const record = (
    memoryMiB: number,
    vcpus: number,
    architecture: InstanceTypeRecord["architecture"],
    hourly: [usEast1: number, euCentral1?: number],
    ebs?: [baselineIops: number, baselineMBps: number, maximumIops: number, maximumMBps: number],
    burstable = false,
): InstanceTypeRecord => ({
    memoryMiB,
    vcpus,
    architecture,
    burstable,
    ebs: ebs && {
        baselineIops: ebs[0],
        baselineMBps: ebs[1],
        maximumIops: ebs[2],
        maximumMBps: ebs[3],
    },
    source: DESCRIBE,
    hourlyUsd: {
        "us-east-1": hourly[0],
        "eu-central-1": hourly[1] ?? Math.round(hourly[0] * EU_CENTRAL_TO_US_EAST * 1e4) / 1e4,
    },
});

/**
 * For a type with no eu-central-1 figure: its us-east-1 price × r7i.xlarge's eu-central-1/us-east-1
 * ratio (0.3175 / 0.2646 = 1.2), an estimate the plan's eu-central-1 table carries as such.
 */
const EU_CENTRAL_TO_US_EAST = 0.3175 / 0.2646;

/** The 6th-generation Graviton xlarge and larger sizes' burst limits. */
const GEN6G_MAXIMUM = [20000, 593.75] as const;

/** The 7th-generation xlarge and larger sizes share these burst limits. */
const GEN7_MAXIMUM = [40000, 1250] as const;

/**
 * The EC2 instance types the offline tools know, one record each: memory, vCPUs, architecture,
 * hourly price in each priced region, and the EBS limits. Deployments read live AWS data instead;
 * this table serves `npm run policy`, `npm run plan` and the steady profile's ranking.
 */
export const INSTANCE_TYPES: Record<string, InstanceTypeRecord> = {
    "t2.medium": record(4096, 2, "x86_64", [0.0464, 0.0536], undefined, true),
    "c5.large": record(4096, 2, "x86_64", [0.085, 0.097], [4000, 81.25, 20000, 593.75]),
    "c7i.large": record(4096, 2, "x86_64", [0.08925, 0.1018], [3600, 81.25, ...GEN7_MAXIMUM]),
    "c7i.2xlarge": record(16384, 8, "x86_64", [0.357, 0.4071], [12000, 312.5, ...GEN7_MAXIMUM]),
    "c7i.4xlarge": record(32768, 16, "x86_64", [0.714, 0.8142], [20000, 625, ...GEN7_MAXIMUM]),
    "m7i.xlarge": record(16384, 4, "x86_64", [0.2016, 0.2419], [6000, 156.25, ...GEN7_MAXIMUM]),
    "m7i.2xlarge": record(32768, 8, "x86_64", [0.4032, 0.4838], [12000, 312.5, ...GEN7_MAXIMUM]),
    "r7i.xlarge": record(32768, 4, "x86_64", [0.2646, 0.3175], [6000, 156.25, ...GEN7_MAXIMUM]),
    "r7i.2xlarge": record(65536, 8, "x86_64", [0.5292, 0.635], [12000, 312.5, ...GEN7_MAXIMUM]),
    "r7g.xlarge": record(32768, 4, "arm64", [0.2142, 0.257], [6000, 156.25, ...GEN7_MAXIMUM]),
    "r7g.2xlarge": record(65536, 8, "arm64", [0.4284, 0.514], [12000, 312.5, ...GEN7_MAXIMUM]),
    "m7g.2xlarge": record(32768, 8, "arm64", [0.3264, 0.3916], [12000, 312.5, ...GEN7_MAXIMUM]),
    // Every other type of 4 to 8 vCPUs and 32 GiB that the steady ranking must weigh.
    "r6g.xlarge": record(32768, 4, "arm64", [0.2016], [6000, 148.5, ...GEN6G_MAXIMUM]),
    "r8g.xlarge": record(32768, 4, "arm64", [0.23564], [6000, 156.25, ...GEN7_MAXIMUM]),
    "r6a.xlarge": record(32768, 4, "x86_64", [0.2268], [6000, 156.25, ...GEN7_MAXIMUM]),
    "r6i.xlarge": record(32768, 4, "x86_64", [0.252], [6000, 156.25, ...GEN7_MAXIMUM]),
    "r5.xlarge": record(32768, 4, "x86_64", [0.252], [6000, 143.75, 18750, 593.75]),
    "r7a.xlarge": record(32768, 4, "x86_64", [0.3043], [6000, 156.25, ...GEN7_MAXIMUM]),
    "m6g.2xlarge": record(32768, 8, "arm64", [0.308], [12000, 296.875, ...GEN6G_MAXIMUM]),
    "m8g.2xlarge": record(32768, 8, "arm64", [0.35904], [12000, 312.5, ...GEN7_MAXIMUM]),
    "m6a.2xlarge": record(32768, 8, "x86_64", [0.3456], [12000, 312.5, ...GEN7_MAXIMUM]),
    "m6i.2xlarge": record(32768, 8, "x86_64", [0.384], [12000, 312.5, ...GEN7_MAXIMUM]),
    "t4g.2xlarge": record(32768, 8, "arm64", [0.2688], [4000, 86.875, 15700, 347.5], true),
    "x2gd.xlarge": record(65536, 4, "arm64", [0.334], [6000, 148.5, ...GEN6G_MAXIMUM]),
};

/** geth README: "minimum 4+ cores"; below it block processing at head falls behind. */
export const MIN_VCPUS_AT_HEAD = 4;

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
