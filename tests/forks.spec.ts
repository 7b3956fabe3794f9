import { expect } from "chai";
import { parseConfig } from "../config";
import { CLIENT_PAIRS, ClientPair, forkMismatch } from "../catalog/clients";
import { CONSENSUS_CLIENTS } from "../catalog/consensusClients";
import { EXECUTION_CLIENTS } from "../catalog/executionClients";
import { BEACON_GENESIS_TIME, BPO2_EPOCH, NEWEST_FORK, epochTime } from "../catalog/forks";
import { NETWORKS } from "../catalog/networks";
import { PROJECT, STACK, REGION, BASE_CONFIG, stringify, errorOf } from "./helpers";

const parse = (config: Record<string, string>) =>
    parseConfig(stringify({ ...BASE_CONFIG, ...config }), {
        project: PROJECT,
        stack: STACK,
        region: REGION,
    });

const CLIENTS = { ...EXECUTION_CLIENTS, ...CONSENSUS_CLIENTS };

describe("fork schedules: both clients of a pair follow the network's newest fork", () => {
    it("puts the consensus configs' BPO2 epochs on reth's own BPO2 timestamps (alloy-hardforks 0.4.7)", () => {
        // Two independent sources: the beacon genesis times and epochs against reth's constants.
        for (const network of NETWORKS) {
            expect(epochTime(BEACON_GENESIS_TIME[network], BPO2_EPOCH[network]), network).to.equal(
                EXECUTION_CLIENTS.reth.newestForkTime[network].value,
            );
        }
    });

    it("states for each network the newest fork any pinned client schedules, and none later", () => {
        for (const network of NETWORKS) {
            const scheduled = Object.values(CLIENTS).map((c) => c.newestForkTime[network].value);
            expect(Math.max(...scheduled), network).to.equal(NEWEST_FORK[network].time);
        }
    });

    it("lets every pair follow mainnet and hoodi, and none follow sepolia past its Glamsterdam fork", () => {
        const followable = Object.values(CLIENT_PAIRS).flatMap((pair) =>
            NETWORKS.filter((n) => forkMismatch(pair, n) === undefined).map(
                (n) => `${pair.name} ${n}`,
            ),
        );
        expect(followable).to.have.members(
            Object.keys(CLIENT_PAIRS).flatMap((name) => [`${name} mainnet`, `${name} hoodi`]),
        );
    });

    it("refuses a network the pair cannot follow, naming the key, the value, the client behind and what it can follow", async () => {
        expect(await errorOf(() => parse({ network: "sepolia", client: "geth-teku" }))).to.match(
            /network: "sepolia" cannot be followed by client geth-teku: sepolia's newest fork is Glamsterdam \(Amsterdam\/Gloas\) at 2026-10-06 13:53:36 UTC, but Teku 26\.8\.0 schedules no fork after 2025-10-27 23:16:48 UTC, so the node would stop following the chain there; networks it can follow: mainnet, hoodi/,
        );
        expect(parse({ network: "hoodi", client: "geth-teku" }).network).to.equal("hoodi");
    });

    it("refuses a client that schedules a fork the network does not have", () => {
        const ahead: ClientPair = {
            ...CLIENT_PAIRS["geth-teku"]!,
            consensus: {
                ...CONSENSUS_CLIENTS.teku,
                newestForkTime: {
                    ...CONSENSUS_CLIENTS.teku.newestForkTime,
                    hoodi: { value: 1_793_036_568, source: "a later fork" },
                },
            },
        };
        expect(forkMismatch(ahead, "hoodi")).to.equal(
            "hoodi's newest fork is BPO2 at 2025-11-12 13:52:24 UTC, but Teku 26.8.0 schedules a fork at 2026-10-26 17:42:48 UTC that hoodi does not have, so the node would stop following the chain there",
        );
        expect(forkMismatch(ahead, "mainnet")).to.equal(undefined);
    });
});
