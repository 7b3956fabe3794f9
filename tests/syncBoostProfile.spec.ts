import { expect } from "chai";
import { resolveProfile, ProfileInput, defaultIops } from "../domain/profile";
import { defaultInstanceType } from "../domain/instanceChoice";
import { checkInstanceTypes } from "../domain/instanceChecks";
import { containerMemory, requiredInstanceMemoryMiB, taskReservationMiB } from "../domain/memory";
import { registrableMemoryMiB } from "./memoryModel";
import { SyncBoostProfile } from "../components/syncBoostProfile";
import { CLIENT_PAIRS, clientPair, diskNeed } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import { CARD_2018_PROFILES } from "./oracles/card2018";
import { section } from "./docs";
import { installMocks, promiseOf } from "./helpers";
import { INSTANCE_TYPES, estimateFromName } from "../catalog/instances";

const base: ProfileInput = {
    profile: "fast-sync",
    client: clientPair("reth-lighthouse"),
    network: "mainnet",
    nodeMode: "full",
    overrides: {},
    hasSnapshot: false,
};
const resolve = (change: Partial<ProfileInput>) => resolveProfile({ ...base, ...change });
const problemsOf = (change: Partial<ProfileInput>) =>
    resolve(change).problems.map((p) => `${p.field}: ${p.message}`);
const AT = { region: "us-east-1", zones: ["us-east-1a"] };
const lookup = {
    instanceType: async (type: string) => {
        const memoryMiB = INSTANCE_TYPES[type]?.memoryMiB;
        return memoryMiB === undefined ? undefined : { memoryMiB, architectures: ["x86_64"] };
    },
    // Every type in every zone of the two regions used here, but x2gd.xlarge not in us-east-1e.
    zonesOffering: async (type: string) =>
        ["us-east-1", "eu-central-1"]
            .flatMap((region) => ["a", "b", "c", "d", "e", "f"].map((z) => `${region}${z}`))
            .filter((zone) => !(type === "x2gd.xlarge" && zone === "us-east-1e")),
};

describe("resolveProfile", () => {
    it("resolves fast-sync for reth-lighthouse on mainnet to a compute-optimized instance with provisioned gp3", () => {
        const { resolved, problems } = resolve({});
        expect(problems).to.deep.equal([]);
        expect(resolved.instanceType).to.match(/^c\d/);
        expect(resolved.volume).to.deep.equal({
            type: "gp3",
            sizeGiB: diskNeed(clientPair("reth-lighthouse"), "mainnet", "full").recommendedGiB,
            iops: 16000,
            throughputMiBps: 590,
            initializationRateMiBps: 300,
        });
    });

    it("resolves steady to a smaller instance, the same volume size and lower volume performance", () => {
        const fast = resolve({}).resolved;
        const { resolved, problems } = resolve({ profile: "steady" });
        expect(problems).to.deep.equal([]);
        // reth-lighthouse measures ~28 GiB at head: the cheapest type with headroom has 64 GiB.
        expect(resolved.instanceType).to.equal("x2gd.xlarge");
        expect(resolved.volume.sizeGiB).to.equal(
            fast.volume.sizeGiB,
            "a profile switch must not shrink the volume",
        );
        expect(resolved.volume.iops!).to.be.lessThan(fast.volume.iops!);
        // undefined: gp3's included 125 MiB/s
        expect(resolved.volume.throughputMiBps).to.equal(undefined);
    });

    it("sizes the default volume above the client pair's minimum for every client, mode and network", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const mode of Object.keys(pair.execution.modes) as (
                "full" | "minimal" | "archive"
            )[]) {
                for (const network of ["mainnet", "sepolia", "hoodi"] as const) {
                    const { resolved, problems } = resolve({
                        client: pair,
                        nodeMode: mode,
                        network,
                    });
                    expect(problems, `${pair.name} ${mode} ${network}`).to.deep.equal([]);
                    expect(resolved.volume.sizeGiB).to.be.greaterThan(
                        diskNeed(pair, network, mode).minGiB,
                    );
                }
            }
        }
    });

    it("applies every override", () => {
        const { resolved, problems } = resolve({
            overrides: {
                instanceType: "m7i.2xlarge",
                volumeType: "io2",
                volumeSizeGiB: 2500,
                iops: 20000,
                volumeInitializationRateMiBps: 200,
            },
            hasSnapshot: true,
        });
        expect(problems).to.deep.equal([]);
        expect(resolved.instanceType).to.equal("m7i.2xlarge");
        expect(resolved.volume).to.deep.equal({
            type: "io2",
            sizeGiB: 2500,
            iops: 20000,
            throughputMiBps: undefined,
            initializationRateMiBps: 200,
        });
    });

    it("applies a throughput override", () => {
        expect(
            resolve({ overrides: { throughputMiBps: 600 } }).resolved.volume.throughputMiBps,
        ).to.equal(600);
    });

    it("drops the profile's gp3 IOPS and throughput when the type changes to gp2", () => {
        const { resolved, problems } = resolve({ overrides: { volumeType: "gp2" } });
        expect(problems).to.deep.equal([]);
        expect(resolved.volume.iops).to.equal(undefined);
        expect(resolved.volume.throughputMiBps).to.equal(undefined);
    });

    it("requires IOPS for io1 and io2", () => {
        expect(problemsOf({ overrides: { volumeType: "io1" } })).to.deep.equal([
            "iops: is required for io1; allowed: 100–64000",
        ]);
        expect(problemsOf({ overrides: { volumeType: "io2" } })).to.deep.equal([
            "iops: is required for io2; allowed: 100–256000",
        ]);
    });

    it("rejects IOPS on gp2", () => {
        expect(problemsOf({ overrides: { volumeType: "gp2", iops: 3000 } })).to.deep.equal([
            "iops: 3000 is not allowed: gp2 takes no IOPS setting (its IOPS follow its size)",
        ]);
    });

    it("rejects throughput on a type other than gp3", () => {
        expect(
            problemsOf({ overrides: { volumeType: "io2", iops: 8000, throughputMiBps: 500 } }),
        ).to.deep.equal([
            "throughputMiBps: 500 is not allowed: only gp3 takes a throughput setting, this volume is io2",
        ]);
    });

    it("rejects gp3 IOPS below 3000", () => {
        expect(problemsOf({ overrides: { iops: 2000, throughputMiBps: 125 } })).to.deep.equal([
            "iops: 2000 is out of range for gp3; allowed: 3000–80000",
        ]);
    });

    it("rejects more than 500 gp3 IOPS per GiB", () => {
        const problems = problemsOf({
            overrides: {
                volumeSizeGiB: 20,
                iops: 12000,
                throughputMiBps: 125,
                allowUndersized: true,
            },
        });
        expect(problems).to.deep.equal([
            "iops: 12000 exceeds 500 IOPS per GiB for a 20 GiB gp3 volume; allowed: at most 10000",
        ]);
    });

    it("rejects more than 0.25 MiB/s of gp3 throughput per IOPS", () => {
        expect(problemsOf({ overrides: { iops: 4000, throughputMiBps: 1500 } })).to.deep.equal([
            "throughputMiBps: 1500 exceeds 0.25 MiB/s per IOPS at 4000 IOPS; allowed: at most 1000",
        ]);
    });

    it("rejects io1 IOPS beyond 50 per GiB", () => {
        expect(
            problemsOf({
                overrides: {
                    volumeType: "io1",
                    iops: 64000,
                    volumeSizeGiB: 1200,
                    allowUndersized: true,
                },
            }),
        ).to.deep.equal([
            "iops: 64000 exceeds 50 IOPS per GiB for a 1200 GiB io1 volume; allowed: at most 60000",
        ]);
    });

    it("rejects a volume below the client's minimum unless allowUndersized, which then only warns", () => {
        expect(problemsOf({ overrides: { volumeSizeGiB: 500 } })).to.deep.equal([
            `volumeSizeGiB: 500 GiB is below the ${diskNeed(clientPair("reth-lighthouse"), "mainnet", "full").minGiB} GiB that reth-lighthouse (full) needs on mainnet; set allowUndersized: true to accept it`,
        ]);
        const { resolved, problems } = resolve({
            overrides: { volumeSizeGiB: 500, allowUndersized: true },
        });
        expect(problems).to.deep.equal([]);
        expect(resolved.warnings).to.deep.equal([
            `profiles.fast-sync.volumeSizeGiB: 500 GiB is below the ${diskNeed(clientPair("reth-lighthouse"), "mainnet", "full").minGiB} GiB that reth-lighthouse (full) needs on mainnet (allowed by allowUndersized)`,
        ]);
    });

    it("rejects a malformed instance type name", () => {
        expect(problemsOf({ overrides: { instanceType: "big-box" } })).to.deep.equal([
            'instanceType: "big-box" is not an EC2 instance type name such as m7i.xlarge',
        ]);
    });

    it("warns that an initialization rate without a snapshot has no effect", () => {
        expect(
            resolve({ overrides: { volumeInitializationRateMiBps: 150 } }).resolved.warnings[0],
        ).to.match(/applies only to a volume created from chainSnapshotId/);
    });

    it("rejects the card's 2018 profiles for today's mainnet", () => {
        for (const [name, card] of Object.entries(CARD_2018_PROFILES)) {
            const problems = problemsOf({
                profile: name as "steady",
                overrides: {
                    instanceType: card.instanceType,
                    volumeType: card.volumeType,
                    volumeSizeGiB: card.volumeSizeGiB,
                    iops: card.iops,
                },
            });
            expect(
                problems.some((p) => p.startsWith("volumeSizeGiB: 100 GiB is below")),
                problems.join(),
            ).to.equal(true);
        }
    });

    it("quotes the card's values in the profile table of docs/reference.md", () => {
        const table = section(
            "docs/reference.md",
            "## Profiles: the card's 2018 numbers and today's defaults",
        );
        for (const card of Object.values(CARD_2018_PROFILES)) {
            expect(table).to.contain(card.instanceType);
            expect(table).to.contain(`${card.volumeType}${card.iops ? `, ${card.iops} IOPS` : ""}`);
            expect(table).to.contain(`${card.volumeSizeGiB} GB`);
        }
    });
});

describe("checkInstanceTypes", () => {
    const profiles = () => ({
        "fast-sync": resolve({}).resolved,
        steady: resolve({ profile: "steady" }).resolved,
    });

    it("accepts the default instance types for every client pair", async () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            const resolved = {
                "fast-sync": resolve({ client: pair }).resolved,
                steady: resolve({ client: pair, profile: "steady" }).resolved,
            };
            const { problems } = await checkInstanceTypes(resolved, AT, lookup);
            expect(problems, pair.name).to.deep.equal([]);
        }
    });

    it("rejects an instance with less memory than the pair needs (the card's t2.medium)", async () => {
        const resolved = profiles();
        resolved.steady = resolve({
            profile: "steady",
            overrides: { instanceType: "t2.medium" },
        }).resolved;
        const { problems } = await checkInstanceTypes(resolved, AT, lookup);
        expect(problems).to.deep.equal([
            {
                key: "profiles.steady.instanceType",
                message: `t2.medium has 4096 MiB of memory, below the ${requiredInstanceMemoryMiB(clientPair("reth-lighthouse"))} MiB this client pair needs (ECS registers less than the nominal size); choose a larger type or set allowUndersized: true`,
            },
        ]);
    });

    it("only warns about an undersized instance when allowUndersized is set", async () => {
        const resolved = profiles();
        resolved.steady = resolve({
            profile: "steady",
            overrides: { instanceType: "t2.medium", allowUndersized: true },
        }).resolved;
        expect((await checkInstanceTypes(resolved, AT, lookup)).problems).to.deep.equal([]);
    });

    it("rejects an instance type the chosen zone does not offer, naming both", async () => {
        const { problems } = await checkInstanceTypes(
            profiles(),
            { region: "us-east-1", zones: ["us-east-1e"] },
            lookup,
        );
        expect(problems).to.deep.equal([
            {
                key: "profiles.steady.instanceType",
                message:
                    "x2gd.xlarge is not offered in availabilityZone us-east-1e; choose another type, or another zone of us-east-1 that offers it",
            },
        ]);
    });

    it("rejects an instance type the region does not offer", async () => {
        const resolved = profiles();
        resolved["fast-sync"] = resolve({ overrides: { instanceType: "x9z.huge" } }).resolved;
        const { problems } = await checkInstanceTypes(
            resolved,
            { region: "eu-central-1", zones: ["eu-central-1a"] },
            lookup,
        );
        expect(problems).to.deep.equal([
            {
                key: "profiles.fast-sync.instanceType",
                message: '"x9z.huge" is not an EC2 instance type offered in eu-central-1',
            },
        ]);
    });
});

describe("estimateFromName (AWS's naming convention, for the offline tools)", () => {
    it("agrees with the offline table on every type the table has", () => {
        for (const [type, known] of Object.entries(INSTANCE_TYPES).filter(
            ([t]) => !t.startsWith("t"),
        )) {
            expect(estimateFromName(type), type).to.deep.equal({
                memoryMiB: known.memoryMiB,
                architectures: [known.architecture],
            });
        }
    });

    it("reads Graviton from the name, and refuses names it cannot read", () => {
        expect(estimateFromName("r7g.xlarge")).to.deep.equal({
            memoryMiB: 32768,
            architectures: ["arm64"],
        });
        expect(estimateFromName("m7i.24xlarge")?.memoryMiB).to.equal(96 * 4 * 1024);
        expect(estimateFromName("t3.medium")).to.equal(undefined);
    });
});

describe("container memory", () => {
    it("reserves no more than ECS registers on every default instance (7.5 % below nominal, less the host's share)", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const profile of PROFILE_NAMES) {
                const nominal = INSTANCE_TYPES[defaultInstanceType(profile, pair)]!.memoryMiB;
                const reserved = taskReservationMiB(containerMemory(pair));
                expect(reserved, `${pair.name} on ${profile}`).to.be.at.most(
                    registrableMemoryMiB(nominal),
                );
            }
        }
    });

    it("reserves at least each client's minimum", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            const m = containerMemory(pair);
            expect(m.executionMiB).to.be.at.least(pair.execution.minMemoryMiB);
            expect(m.consensusMiB).to.be.at.least(pair.consensus.minMemoryMiB);
        }
    });

    it("limits each container above its reservation, a client to what the others leave, on every default instance", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const profile of PROFILE_NAMES) {
                const nominal = INSTANCE_TYPES[defaultInstanceType(profile, pair)]!.memoryMiB;
                const m = containerMemory(pair, nominal);
                const label = `${pair.name} on ${profile}`;
                expect(m.limits, label).to.not.equal(undefined);
                const reserved = taskReservationMiB(m);
                for (const role of ["executionMiB", "consensusMiB", "monitorMiB"] as const) {
                    expect(m.limits![role], `${label} ${role}`).to.be.above(m[role]);
                    // Its limit and everyone else's reservation fit in what ECS registers.
                    expect(m.limits![role] + reserved - m[role], `${label} ${role}`).to.be.at.most(
                        registrableMemoryMiB(nominal),
                    );
                }
            }
        }
    });

    it("never limits a client below what it uses at head on the steady default", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            const nominal = INSTANCE_TYPES[defaultInstanceType("steady", pair)]!.memoryMiB;
            const limits = containerMemory(pair, nominal).limits!;
            expect(limits.executionMiB, pair.name).to.be.at.least(
                pair.execution.memoryAtHeadMiB.value,
            );
            expect(limits.consensusMiB, pair.name).to.be.at.least(
                pair.consensus.memoryAtHeadMiB.value,
            );
        }
    });

    it("sets no limit on an instance that leaves no room above the reservations (allowUndersized)", () => {
        const pair = Object.values(CLIENT_PAIRS)[0]!;
        expect(containerMemory(pair, 4096).limits).to.equal(undefined);
        expect(containerMemory(pair).limits, "memory unknown").to.equal(undefined);
    });

    it("takes 32 GiB nominal as about 1.2 GiB short of what it says, like the measured MemTotal gap", () => {
        // 32768 × 0.925 = 30310 MiB before the host's share: below the ~31540 MiB ECS was seen to register.
        expect(registrableMemoryMiB(32768) + 1024).to.be.below(32768 - 1228);
    });
});

describe("SyncBoostProfile", () => {
    it("exposes the resolved spec and registers under its type token", async () => {
        const world = await installMocks({});
        const resolved = resolve({ profile: "steady" }).resolved;
        const sizing = new SyncBoostProfile("sizing", {
            resolved,
            memory: containerMemory(base.client),
        });
        expect(await promiseOf(sizing.instanceType)).to.equal(
            defaultInstanceType("steady", base.client),
        );
        expect((await promiseOf(sizing.volume)).iops).to.equal(defaultIops("steady", base.client));
        expect(world.resources.map((r) => r.type)).to.include("parity:sizing:SyncBoostProfile");
    });
});
