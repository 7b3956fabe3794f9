import { KEY_SPECS } from "../config/keys";
import { expect } from "chai";
import { REPLACEMENT_RULES } from "../catalog/providerRules";
import { runProgram } from "./helpers";
import {
    CLIENT_PAIRS,
    ClientBase,
    CONSENSUS_CLIENTS,
    EXECUTION_CLIENTS,
    runningRelease,
    supportedModes,
} from "../catalog/clients";
import { INSTANCE_TYPES } from "../catalog/instances";
import { NETWORKS } from "../catalog/networks";
import { CAPABILITIES, Capability } from "../catalog/history";
import { PRICES } from "../catalog/prices";
import { PROFILE_NAMES } from "../catalog/profiles";
import { defaultInstanceType } from "../domain/instanceChoice";

/** Keys whose string says where a figure comes from. */
const SOURCE_KEYS = new Set(["source", "growthSource", "basis", "reason"]);

/**
 * Every place in a catalog record where a figure lacks its source: an object holding a `value`
 * without a `source`, or a source key holding an empty string. Paths read like `modes.full.mainnet`.
 */
function unsourcedFigures(record: unknown, path = ""): string[] {
    if (record === null || typeof record !== "object") {
        return [];
    }
    const entries = Object.entries(record as Record<string, unknown>);
    const here = path || "(record)";
    const missing: string[] = [];
    if ("value" in record && !("source" in record)) {
        missing.push(`${here}: a value with no source`);
    }
    for (const [key, value] of entries) {
        const at = path ? `${path}.${key}` : key;
        if (SOURCE_KEYS.has(key) && (typeof value !== "string" || value.trim() === "")) {
            missing.push(`${at}: empty`);
        }
        missing.push(...unsourcedFigures(value, at));
    }
    return missing;
}

/** How each client's own source is cited: the version after it must be the pinned tag. */
const CITED_AS: Record<string, RegExp> = {
    geth: /\b(?:go-ethereum|geth) (v\d+\.\d+\.\d+)\b/g,
    reth: /\breth (v\d+\.\d+\.\d+)\b/g,
    lighthouse: /\b(?:sigp\/)?lighthouse (v\d+\.\d+\.\d+)\b/gi,
    teku: /\bConsensys\/teku (\d+\.\d+\.\d+)\b/g,
};

/** Every string a record holds under a source key, wherever it sits. */
function sourceTexts(record: unknown): string[] {
    if (record === null || typeof record !== "object") {
        return [];
    }
    return Object.entries(record as Record<string, unknown>).flatMap(([key, value]) =>
        SOURCE_KEYS.has(key) && typeof value === "string" ? [value] : sourceTexts(value),
    );
}

/** The versions a client's sources may cite: the pin, and the one its flags were verified at instead. */
const readAt = (client: ClientBase) => [
    client.image.tag,
    ...(runningRelease(client)?.flags ? [runningRelease(client)!.flags!.verifiedAt] : []),
];

describe("catalog completeness", () => {
    it("knows and prices every default instance type in every region with a price table", () => {
        const gaps: string[] = [];
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const profile of PROFILE_NAMES) {
                const type = defaultInstanceType(profile, pair);
                if (INSTANCE_TYPES[type] === undefined) {
                    gaps.push(`${type} (${profile}, ${pair.name}) has no instance record`);
                }
                for (const [region, prices] of Object.entries(PRICES)) {
                    if (prices.instanceHourly[type] === undefined) {
                        gaps.push(`${type} (${profile}, ${pair.name}) has no price in ${region}`);
                    }
                }
            }
        }
        expect(gaps).to.deep.equal([]);
    });

    it("gives every instance record a source, and every priced type a record", () => {
        for (const [type, known] of Object.entries(INSTANCE_TYPES)) {
            expect(known.source.trim(), type).to.not.equal("");
            expect(known.memoryMiB, type).to.be.above(0);
            expect(known.vcpus, type).to.be.above(0);
        }
        for (const [region, prices] of Object.entries(PRICES)) {
            expect(prices.source.trim(), region).to.not.equal("");
            for (const type of Object.keys(prices.instanceHourly)) {
                expect(INSTANCE_TYPES[type], `${type} priced in ${region}`).to.not.equal(undefined);
            }
        }
    });

    it("gives every figure in every client record its source", () => {
        const clients = { ...EXECUTION_CLIENTS, ...CONSENSUS_CLIENTS };
        const gaps = Object.entries(clients).flatMap(([name, client]) =>
            unsourcedFigures(client).map((gap) => `${name}: ${gap}`),
        );
        expect(gaps).to.deep.equal([]);
    });

    it("gives every execution client a sync time for each mode it runs, and a disk figure on every network", () => {
        for (const [name, client] of Object.entries(EXECUTION_CLIENTS)) {
            for (const [mode, figures] of Object.entries(client.modes)) {
                expect(client.mainnetSyncHours, `${name} ${mode}`).to.have.property(mode);
                expect(Object.keys(figures ?? {}), `${name} ${mode}`).to.have.members([
                    ...NETWORKS,
                ]);
            }
        }
    });

    it("states, for every mode an execution client runs, how far back each capability reaches, sourced at the pin or the version read instead", () => {
        const gaps: string[] = [];
        for (const [name, client] of Object.entries(EXECUTION_CLIENTS)) {
            expect(Object.keys(client.history), name).to.have.members(Object.keys(client.modes));
            for (const [mode, history] of Object.entries(client.history)) {
                for (const capability of Object.keys(CAPABILITIES) as Capability[]) {
                    const cell = history?.[capability];
                    if (cell === undefined) {
                        gaps.push(`${name} ${mode} ${capability}: missing`);
                    } else if (!readAt(client).some((v) => cell.source.includes(v))) {
                        gaps.push(
                            `${name} ${mode} ${capability}: source names no ${readAt(client).join(" or ")}`,
                        );
                    }
                }
            }
        }
        expect(gaps).to.deep.equal([]);
    });

    it("cites each client's own source at its pin, or at the version its record says was read where the pin's is not readable, so a bump leaves no stale reference", () => {
        const clients = { ...EXECUTION_CLIENTS, ...CONSENSUS_CLIENTS };
        expect(Object.keys(CITED_AS)).to.have.members(Object.keys(clients));
        const stale = Object.entries(clients).flatMap(([name, client]) =>
            sourceTexts(client).flatMap((text) =>
                [...text.matchAll(CITED_AS[name]!)]
                    .filter((match) => !readAt(client).includes(match[1]!))
                    .map(
                        (match) =>
                            `${name} pinned at ${client.image.tag}: "${match[0]}" in ${text}`,
                    ),
            ),
        );
        expect(stale).to.deep.equal([]);
    });

    it("gives every chain point a block on every network a mode keeping history from it runs on", () => {
        const gaps: string[] = [];
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const network of NETWORKS) {
                for (const mode of supportedModes(pair, network)) {
                    for (const [capability, cell] of Object.entries(
                        pair.execution.history[mode]!,
                    )) {
                        if (
                            cell.reach.kind === "from" &&
                            cell.reach.point.blocks[network] === undefined
                        ) {
                            gaps.push(`${pair.name} ${network} ${mode} ${capability}`);
                        }
                    }
                }
            }
        }
        expect(gaps).to.deep.equal([]);
    });

    it("gives every consensus client a disk figure and enough checkpoint endpoints on every network to confirm one by default", () => {
        const confirmations = KEY_SPECS.checkpointConfirmations.rule.default;
        for (const [name, client] of Object.entries(CONSENSUS_CLIENTS)) {
            for (const network of NETWORKS) {
                expect(client.diskGiB, `${name} ${network}`).to.have.property(network);
                expect(
                    client.checkpointSyncUrls[network]?.length,
                    `${name} ${network}`,
                ).to.be.at.least(confirmations + 1);
            }
        }
    });

    it("has replacement rules for every resource type the program registers (npm run test:clients checks them against the provider's source)", async () => {
        const types = new Set<string>();
        const configs: Record<string, string>[] = [
            {},
            { nodeCount: "2", alertEmail: "ops@acme-chain.net" },
        ];
        for (const config of configs) {
            (await runProgram(config)).world.resources.forEach((r) => types.add(r.type));
        }
        const missing = [...types].filter(
            (t) => t.startsWith("aws:") && REPLACEMENT_RULES[t] === undefined,
        );
        expect(missing).to.deep.equal([]);
    });

    it("finds a missing source wherever it sits in a record", () => {
        expect(
            unsourcedFigures({
                iopsAtHead: { value: 6000 },
                modes: { full: { mainnet: { measuredGiB: 1, source: " " } } },
            }),
        ).to.deep.equal(["iopsAtHead: a value with no source", "modes.full.mainnet.source: empty"]);
    });
});
