import { expect } from "chai";
import {
    CLIENT_PAIRS,
    CONSENSUS_CLIENTS,
    EXECUTION_CLIENTS,
    followsNetwork,
    runningRelease,
} from "../catalog/clients";
import {
    BEACON_GENESIS_TIME,
    FIRST_LISTED_FORK,
    GLAMSTERDAM,
    NETWORK_FORKS,
    epochTime,
    forkDate,
} from "../catalog/forks";
import { describeGap, forkGap, releasesFollowing, securityFixesAfter } from "../catalog/forkCheck";
import { forksThrough } from "../catalog/releases/types";
import { NETWORKS } from "../catalog/networks";

const CLIENTS = { ...EXECUTION_CLIENTS, ...CONSENSUS_CLIENTS };

describe("fork schedules: the networks' forks and each release's", () => {
    it("lands every consensus fork epoch on the execution clients' timestamp for it", () => {
        // Two independent sources: the beacon configs' epochs and the execution chainspecs' times.
        const epochs = {
            mainnet: { Fusaka: 411_392, BPO1: 412_672, BPO2: 419_072 },
            sepolia: { Fusaka: 272_640, BPO1: 274_176, BPO2: 275_712, Glamsterdam: 353_024 },
            hoodi: { Fusaka: 50_688, BPO1: 52_480, BPO2: 54_016, Glamsterdam: 143_616 },
        } as Record<string, Record<string, number>>;
        for (const network of NETWORKS) {
            for (const fork of NETWORK_FORKS[network]) {
                const epoch = epochs[network]![fork.name]!;
                expect(
                    epochTime(BEACON_GENESIS_TIME[network], epoch),
                    `${network} ${fork.name}`,
                ).to.equal(fork.time);
            }
        }
    });

    it("dates Hoodi's Glamsterdam at 2026-12-15 19:12:24 UTC, as announced", () => {
        const glamsterdam = NETWORK_FORKS.hoodi.find((f) => f.name === GLAMSTERDAM)!;
        expect(forkDate(glamsterdam.time)).to.equal("2026-12-15 19:12:24 UTC");
        expect(glamsterdam.state).to.equal("announced");
    });

    it("lists every network's and release's forks from Fusaka on, in time order", () => {
        const schedules = [
            ...NETWORKS.map((n) => NETWORK_FORKS[n]),
            ...Object.values(CLIENTS).flatMap((c) =>
                c.releases.releases.flatMap((r) => NETWORKS.map((n) => r.forks[n])),
            ),
        ];
        for (const forks of schedules) {
            expect(forks[0]?.name).to.equal(FIRST_LISTED_FORK);
            expect(forks.map((f) => f.time)).to.deep.equal([...forks.map((f) => f.time)].sort());
        }
    });

    it("finds where a release parts from the network: a fork it lacks, one it moved, one the network never had", () => {
        const bpo2 = forksThrough("hoodi", "BPO2");
        expect(describeGap(forkGap(bpo2, "hoodi")!, "hoodi")).to.equal(
            "does not schedule hoodi's Glamsterdam at 2026-12-15 19:12:24 UTC, so the node would stop following the chain there",
        );
        const cancelled = [...bpo2, { name: GLAMSTERDAM, time: 1_793_036_568 }];
        expect(describeGap(forkGap(cancelled, "hoodi")!, "hoodi")).to.equal(
            "schedules Glamsterdam at 2026-10-26 17:42:48 UTC, but hoodi forks at 2026-12-15 19:12:24 UTC, so the node splits off at 2026-10-26 17:42:48 UTC",
        );
        const mainnetCancelled = [
            ...forksThrough("mainnet", "BPO2"),
            { name: GLAMSTERDAM, time: 1_793_036_568 },
        ];
        expect(describeGap(forkGap(mainnetCancelled, "mainnet")!, "mainnet")).to.equal(
            "schedules Glamsterdam at 2026-10-26 17:42:48 UTC, which mainnet does not have (a cancelled date), so the node splits off there",
        );
        expect(forkGap(forksThrough("mainnet", "BPO2"), "mainnet")).to.equal(undefined);
    });

    it("pins, for every client, the newest known release that splits off no network", () => {
        for (const [name, client] of Object.entries(CLIENTS)) {
            const safe = client.releases.releases.filter((r) =>
                NETWORKS.every((n) => {
                    const gap = forkGap(r.forks[n], n);
                    return gap === undefined || gap.kind === "lacks";
                }),
            );
            expect(client.releases.pin, name).to.equal(safe[0]?.version);
            expect(client.image.tag, name).to.equal(client.releases.pin);
        }
    });

    it("pins releases that lack no known security fix", () => {
        for (const [name, client] of Object.entries(CLIENTS)) {
            expect(securityFixesAfter(client.releases, client.releases.pin), name).to.deep.equal(
                [],
            );
        }
        expect(
            securityFixesAfter(CONSENSUS_CLIENTS.lighthouse.releases, "v8.2.2").map(
                (r) => r.version,
            ),
        ).to.deep.equal(["v8.3.1", "v8.3.3"]);
    });

    it("lets every pair follow mainnet and sepolia with the pins, and none follow hoodi past 2026-12-15", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            expect(
                NETWORKS.filter((n) => followsNetwork(pair, n)),
                pair.name,
            ).to.deep.equal(["mainnet", "sepolia"]);
        }
        for (const client of Object.values(CLIENTS)) {
            expect(releasesFollowing(client.releases, "hoodi")).to.deep.equal([]);
        }
    });

    it("marks every release carrying the cancelled Hoodi date as splitting off hoodi, and no pin", () => {
        const carriers = Object.values(CLIENTS).flatMap((c) =>
            c.releases.releases
                .filter((r) => r.forks.hoodi.some((f) => f.time === 1_793_036_568))
                .map((r) => `${c.launch.binary} ${r.version}`),
        );
        expect(carriers).to.have.members([
            "geth v1.17.9",
            "reth v2.8.0",
            "lighthouse v8.3.1",
            "lighthouse v8.3.0",
            "teku 26.10.1",
        ]);
        for (const client of Object.values(CLIENTS)) {
            expect(runningRelease(client)!.forks.hoodi.at(-1)!.name).to.equal("BPO2");
        }
    });
});
