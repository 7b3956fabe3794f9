import { expect } from "chai";
import { runProgram, runFailingProgram, one, parentTypeOf, registered } from "./helpers";
import { CLIENT_PAIRS, clientPair } from "../catalog/clients";
import { defaultIops } from "../domain/profile";
import { defaultInstanceType } from "../domain/instanceChoice";
import { PROFILES, PROFILE_NAMES } from "../catalog/profiles";

const COMPONENTS = {
    "parity:sizing:SyncBoostProfile": "sizing",
    "parity:storage:ChainVolume": "chain",
    "parity:image:ParityImage": "image",
    "parity:compute:ParityService": "node",
    "parity:dns:PrivateEndpointDns": "endpoint",
};

describe("the program (index.ts) under mocks", () => {
    for (const profile of PROFILE_NAMES) {
        for (const client of Object.keys(CLIENT_PAIRS)) {
            it(`composes the ${profile} profile for ${client}`, async () => {
                const { outputs, world } = await runProgram({ profile, client });
                expect(outputs.profile).to.equal(profile);
                expect(outputs.instanceType).to.equal(
                    defaultInstanceType(profile, clientPair(client)),
                );
                const volume = one(world, "aws:ebs/volume:Volume");
                expect(volume.inputs.type).to.equal(PROFILES[profile].volumeType);
                expect(volume.inputs.iops).to.equal(defaultIops(profile, clientPair(client)));
                expect(volume.inputs.encrypted).to.equal(true);
            });
        }
    }

    it("registers the five components with their type tokens, at the top level", async () => {
        const { world } = await runProgram({});
        for (const [type, name] of Object.entries(COMPONENTS)) {
            expect(one(world, type).name).to.equal(name);
            expect(parentTypeOf(world, type, name)).to.equal(undefined);
        }
    });

    it("parents every cloud resource to one of the five components", async () => {
        const { world } = await runProgram({});
        const cloud = registered(world).filter((r) => !r.type.startsWith("parity:"));
        expect(cloud.length).to.be.greaterThan(3);
        for (const r of cloud) {
            expect(Object.keys(COMPONENTS), `${r.type} ${r.name}`).to.include(
                parentTypeOf(world, r.type, r.name),
            );
        }
    });

    it("reads its own last outputs through a reference to the stack named by its config", async () => {
        const { world } = await runProgram({});
        const self = one(world, "pulumi:pulumi:StackReference");
        expect(self.name).to.equal("organization/parity-mainnet/test");
    });

    it("exports the endpoint the seed exported, one to one", async () => {
        const { outputs } = await runProgram({ dnsName: "rpc.eth.acme-chain.net" });
        expect(outputs.rpcUrl).to.equal("http://rpc.eth.acme-chain.net:8545");
        expect(outputs.wsUrl).to.equal("ws://rpc.eth.acme-chain.net:8546");
        expect(outputs.nameServersCsv).to.equal(outputs.nameServers.join(","));
        expect(outputs.accessSecurityGroupId).to.be.a("string");
    });

    it("fails on bad config before registering anything, listing every problem", async () => {
        const { message, world } = await runFailingProgram({
            network: "ropsten",
            chainSnapshotId: "snap-nothex!",
        });
        expect(message).to.contain('parity-mainnet:network: "ropsten" is not allowed');
        expect(message).to.contain('parity-mainnet:chainSnapshotId: "snap-nothex!" is malformed');
        expect(registered(world)).to.deep.equal([]);
    });

    it("fails on an undersized instance from AWS instance-type data before registering anything", async () => {
        const { message, world } = await runFailingProgram({
            profiles: { steady: { instanceType: "c5.large" } },
        });
        expect(message).to.match(
            /parity-mainnet:profiles.steady.instanceType: c5.large has 4096 MiB of memory/,
        );
        expect(world.calls.map((c) => c.token)).to.include(
            "aws:ec2/getInstanceType:getInstanceType",
        );
        expect(registered(world)).to.deep.equal([]);
    });

    it("fails on an instance type the zone does not offer, asked of AWS, before registering anything", async () => {
        const { message, world } = await runFailingProgram(
            { availabilityZone: "us-east-1e" },
            { notOffered: ["c7i.4xlarge@us-east-1e"] },
        );
        expect(message).to.contain(
            "parity-mainnet:profiles.fast-sync.instanceType: c7i.4xlarge is not offered in availabilityZone us-east-1e",
        );
        expect(world.calls.map((c) => c.token)).to.include(
            "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings",
        );
        expect(registered(world)).to.deep.equal([]);
    });

    describe("a restored chain volume is never silently replaced by an empty one", () => {
        const deployedOutputs = { chainVolumeSource: "snap-0123456789abcdef0" };

        it("refuses to clear chainSnapshotId after a restore, naming the snapshot and the way out", async () => {
            const { message, world } = await runFailingProgram({}, { deployedOutputs });
            expect(message).to.contain(
                "parity-mainnet:chainSnapshotId: is unset, but the deployed chain volume was restored from snap-0123456789abcdef0",
            );
            expect(message).to.contain("set allowFreshChainVolume true");
            expect(registered(world)).to.deep.equal([]);
        });

        it("goes ahead when the user accepts the re-sync, or keeps the snapshot", async () => {
            const accepted: Record<string, string>[] = [
                { allowFreshChainVolume: "true" },
                { chainSnapshotId: "snap-0123456789abcdef0" },
            ];
            for (const config of accepted) {
                const { outputs } = await runProgram(config, { deployedOutputs });
                expect(outputs.chainVolumeSource).to.be.a("string");
            }
        });

        it("exports where the volume came from, for the next run", async () => {
            expect((await runProgram({})).outputs.chainVolumeSource).to.equal("fresh");
        });
    });
});
