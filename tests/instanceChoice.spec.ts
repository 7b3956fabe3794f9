import { expect } from "chai";
import { CLIENT_PAIRS, clientPair } from "../catalog/clients";
import { PRICES } from "../catalog/prices";
import { MONITOR_MEMORY_MIB } from "../catalog/profiles";
import { INSTANCE_TYPES } from "../catalog/instances";
import { defaultInstanceType, fitsAtHead } from "../domain/instanceChoice";
import { atHeadInstanceMemoryMiB } from "../domain/memory";
import { registrableMemoryMiB } from "./memoryModel";
import { checkAssumedIops, checkSteadyHeadroom } from "../domain/instanceChecks";
import { resolveProfile } from "../domain/profile";

/** What the clients measured at head, plus the monitor, from the catalog's sourced figures. */
const measuredAtHeadMiB = (name: string) => {
    const pair = clientPair(name);
    return (
        pair.execution.memoryAtHeadMiB.value +
        pair.consensus.memoryAtHeadMiB.value +
        MONITOR_MEMORY_MIB
    );
};
const hourly = PRICES["us-east-1"]!.instanceHourly;
/** What AWS says of a type, as checkInstanceTypes hands it over. */
const factsOf = (type: string) => ({
    memoryMiB: INSTANCE_TYPES[type]!.memoryMiB,
    architectures: ["arm64"],
});
const steadyWith = (client: string, instanceType?: string) =>
    resolveProfile({
        profile: "steady",
        client: clientPair(client),
        network: "mainnet",
        nodeMode: "full",
        overrides: instanceType ? { instanceType } : {},
        hasSnapshot: false,
    }).resolved;

describe("the steady profile's instance", () => {
    it("is, for each pair, a priced type with 4+ vCPUs whose ECS memory holds the measured use at head with 10 % to spare, and whose EBS baseline sustains the IOPS at head", () => {
        for (const name of Object.keys(CLIENT_PAIRS)) {
            const type = defaultInstanceType("steady", clientPair(name));
            expect(INSTANCE_TYPES[type]?.vcpus, type).to.be.at.least(4);
            expect(INSTANCE_TYPES[type]?.ebs?.baselineIops, type).to.be.at.least(
                clientPair(name).execution.iopsAtHead.value,
            );
            expect(hourly[type], type).to.be.a("number");
            expect(
                registrableMemoryMiB(INSTANCE_TYPES[type]!.memoryMiB),
                `${name} on ${type}`,
            ).to.be.at.least(measuredAtHeadMiB(name) * 1.1);
        }
    });

    it("is the cheapest such type: every cheaper priced type lacks the vCPUs, the memory or the EBS baseline", () => {
        for (const name of Object.keys(CLIENT_PAIRS)) {
            const chosen = defaultInstanceType("steady", clientPair(name));
            for (const [type, price] of Object.entries(hourly)) {
                if (price >= hourly[chosen]!) continue;
                const fits =
                    INSTANCE_TYPES[type]?.burstable === false &&
                    (INSTANCE_TYPES[type]?.ebs?.baselineIops ?? 0) >=
                        clientPair(name).execution.iopsAtHead.value &&
                    (INSTANCE_TYPES[type]?.vcpus ?? 0) >= 4 &&
                    registrableMemoryMiB(INSTANCE_TYPES[type]?.memoryMiB ?? 0) >=
                        measuredAtHeadMiB(name) * 1.1;
                expect(fits, `${type} is cheaper than ${chosen} for ${name}`).to.equal(false);
            }
        }
    });

    it("warns that geth's steady IOPS are assumed, and stays quiet for reth's measurement or an operator's own figure", () => {
        expect(checkAssumedIops(steadyWith("geth-teku"), clientPair("geth-teku"))[0]).to.match(
            /^profiles\.steady\.iops: 3000 IOPS for Geth at head is assumed, not measured/,
        );
        expect(checkAssumedIops(steadyWith("reth-teku"), clientPair("reth-teku"))).to.deep.equal(
            [],
        );
        const own = resolveProfile({
            profile: "steady",
            client: clientPair("geth-teku"),
            network: "mainnet",
            nodeMode: "full",
            overrides: { iops: 6000 },
            hasSnapshot: false,
        }).resolved;
        expect(checkAssumedIops(own, clientPair("geth-teku"))).to.deep.equal([]);
    });

    it("never picks a burstable type, which would run out of CPU credits at head, though t4g.2xlarge holds geth-teku otherwise", () => {
        const t4g = INSTANCE_TYPES["t4g.2xlarge"]!;
        const pair = clientPair("geth-teku");
        expect(t4g.burstable).to.equal(true);
        expect(t4g.vcpus).to.be.at.least(4);
        expect(t4g.memoryMiB).to.be.at.least(atHeadInstanceMemoryMiB(pair));
        expect(t4g.ebs!.baselineIops).to.be.at.least(pair.execution.iopsAtHead.value);
        expect(fitsAtHead(pair, "t4g.2xlarge")).to.equal(false);
    });

    it("is Graviton for both pairs today: r6g.xlarge for geth (~22 GiB at head), x2gd.xlarge for reth (~28 GiB)", () => {
        expect(defaultInstanceType("steady", clientPair("geth-lighthouse"))).to.equal("r6g.xlarge");
        expect(defaultInstanceType("steady", clientPair("reth-lighthouse"))).to.equal(
            "x2gd.xlarge",
        );
        expect(defaultInstanceType("fast-sync", clientPair("reth-lighthouse"))).to.equal(
            "c7i.4xlarge",
        );
    });

    it("warns when an override holds the clients' minimums but not their use at head", () => {
        expect(
            checkSteadyHeadroom(
                steadyWith("reth-lighthouse", "r7g.xlarge"),
                clientPair("reth-lighthouse"),
                factsOf("r7g.xlarge"),
            ),
        ).to.deep.equal([
            "profiles.steady.instanceType: r7g.xlarge holds reth-lighthouse's minimums, but not its measured memory at head with 10 % headroom (an instance of 35508 MiB or more); under load a client may be killed for memory",
        ]);
        expect(
            checkSteadyHeadroom(
                steadyWith("geth-lighthouse", "r7g.xlarge"),
                clientPair("geth-lighthouse"),
                factsOf("r7g.xlarge"),
            ),
        ).to.deep.equal([]);
        expect(
            checkSteadyHeadroom(
                steadyWith("reth-lighthouse"),
                clientPair("reth-lighthouse"),
                factsOf("r7g.2xlarge"),
            ),
        ).to.deep.equal([]);
    });
});
