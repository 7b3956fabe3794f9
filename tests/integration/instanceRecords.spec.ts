import { expect } from "chai";
import { INSTANCE_TYPES } from "../../catalog/instances";
import { describedTypes } from "../moto";

/**
 * The catalog's instance records against an oracle that is not ours: the DescribeInstanceTypes data
 * moto ships (moto/ec2/resources/instance_types.json.gz, collected from AWS), read by the pinned moto.
 */
describe("instance records against AWS's DescribeInstanceTypes data (moto's copy)", () => {
    const types = Object.keys(INSTANCE_TYPES);
    let aws: ReturnType<typeof describedTypes>;
    // In a hook: the pinned moto exists only once the global setup has run.
    before(() => {
        aws = describedTypes(types);
    });

    for (const type of types) {
        it(`${type}: memory, vCPUs, architecture and EBS baseline and burst limits`, () => {
            const record = INSTANCE_TYPES[type]!;
            expect(aws[type], `${type} is an instance type AWS describes`).to.be.an("object");
            const described = aws[type]!;
            expect(record.memoryMiB).to.equal(described.MemoryInfo.SizeInMiB);
            expect(record.vcpus).to.equal(described.VCpuInfo.DefaultVCpus);
            expect(described.ProcessorInfo.SupportedArchitectures).to.include(record.architecture);
            expect(record.burstable, "burstable").to.equal(
                described.BurstablePerformanceSupported === true,
            );
            const ebs = described.EbsInfo.EbsOptimizedInfo;
            if (ebs === undefined) {
                expect(record.ebs, "not EBS-optimized: no dedicated limits").to.equal(undefined);
                return;
            }
            expect(record.ebs).to.deep.include({
                baselineIops: ebs.BaselineIops,
                maximumIops: ebs.MaximumIops,
            });
            expect(record.ebs!.baselineMBps).to.be.closeTo(ebs.BaselineThroughputInMBps, 0.01);
            expect(record.ebs!.maximumMBps).to.be.closeTo(ebs.MaximumThroughputInMBps, 0.01);
        });
    }
});
