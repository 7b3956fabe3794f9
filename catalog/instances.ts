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
};
