import { expect } from "chai";
import { CLIENT_PAIRS, clientPair } from "../../catalog/clients";
import { INSTANCE_TYPES } from "../../catalog/instances";
import { ARCHITECTURES } from "../../catalog/host";
import { defaultInstanceType, meetsHeadRule } from "../../domain/instanceChoice";
import { karpenterPrices, KARPENTER_VERSION } from "./instancePrices";
import { DescribedType, describedTypes } from "../moto";

/**
 * The steady instance against every type AWS prices, not only those the catalog records: Karpenter's
 * us-east-1 on-demand table (from the AWS Price List API, in its source at a pinned version) for the
 * prices, moto's copy of DescribeInstanceTypes for what each type offers.
 */

/** The program's own rule (meetsHeadRule), on AWS's description of a current-generation type. */
function qualifies(described: DescribedType, pairName: string): boolean {
    return (
        described.CurrentGeneration &&
        meetsHeadRule(clientPair(pairName), {
            burstable: described.BurstablePerformanceSupported,
            vcpus: described.VCpuInfo.DefaultVCpus,
            memoryMiB: described.MemoryInfo.SizeInMiB,
            baselineIops: described.EbsInfo.EbsOptimizedInfo?.BaselineIops ?? 0,
        })
    );
}

describe(`the steady instance against every type Karpenter ${KARPENTER_VERSION} prices in us-east-1`, () => {
    const { generated, hourly } = karpenterPrices();
    const described = describedTypes(Object.keys(hourly));
    const architectures = Object.keys(ARCHITECTURES);

    it(`prices the catalog's types as Karpenter's table (generated ${generated}) does`, () => {
        const differing = Object.entries(INSTANCE_TYPES)
            .filter(([type, record]) => record.hourlyUsd["us-east-1"] !== hourly[type])
            .map(
                ([type, record]) => `${type}: ${record.hourlyUsd["us-east-1"]} vs ${hourly[type]}`,
            );
        expect(differing).to.deep.equal([]);
    });

    for (const name of Object.keys(CLIENT_PAIRS)) {
        it(`${name}: no cheaper type that AWS prices meets the rule the catalog's choice meets`, () => {
            const chosen = defaultInstanceType("steady", clientPair(name));
            expect(qualifies(described[chosen]!, name), `AWS's ${chosen} meets the rule`).to.equal(
                true,
            );
            const skipped = Object.entries(hourly)
                .filter(([, price]) => price < hourly[chosen]!)
                .filter(([type]) => {
                    const facts = described[type];
                    return (
                        facts !== null &&
                        facts !== undefined &&
                        facts.ProcessorInfo.SupportedArchitectures.some((a) =>
                            architectures.includes(a),
                        ) &&
                        qualifies(facts, name)
                    );
                })
                .map(([type, price]) => `${type} at $${price}/h`);
            expect(skipped, `cheaper than ${chosen} at $${hourly[chosen]}/h`).to.deep.equal([]);
        });
    }
});
