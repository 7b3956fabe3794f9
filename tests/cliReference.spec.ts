import { expect } from "chai";
import { RPC_REQUEST_BODY_MIB } from "../catalog/rpcLimits";
import {
    CLIENT_PAIRS,
    ExecutionClient,
    ConsensusClient,
    followsNetwork,
    runningRelease,
} from "../catalog/clients";
import { CLI_REFERENCES, LIGHTHOUSE_CLI, TEKU_CLI, CliReference } from "./oracles/cliReferences";
import { NETWORKS, NODE_MODES } from "../catalog/networks";
import { readConfig } from "../config";
import { containerMemory } from "../domain/memory";
import { taskContainers } from "../domain/containers";
import { DEFAULT_LOGS_MAX_BLOCK_RANGE } from "../catalog/logIndexes";
import { BASE_CONFIG, PROJECT, REGION, STACK, stringify } from "./helpers";

/** Every `--flag` of a command line, without its `=value`. */
const flagsOf = (args: string[]) =>
    args.filter((a) => a.startsWith("--")).map((a) => a.split("=")[0] as string);

/** Flags the command line uses that the client's CLI reference does not list. */
function unknownFlags(cli: CliReference, command: string[]): string[] {
    return flagsOf(command).filter((f) => !cli.flags.includes(f));
}

/** The flags the entrypoint adds at run time (docker/node/node-entrypoint.sh), from the catalog. */
const runtimeFlags = (client: ExecutionClient | ConsensusClient) =>
    [client.launch.externalIpFlag, client.launch.nodeKeyFlag, client.launch.checkpointSyncFlag]
        .filter((f): f is string => f !== undefined)
        .map((f) => f.split("=")[0] as string);

/** Every network × mode × client pair that config accepts, with the commands the program generates. */
function acceptedCommandLines() {
    const lines: {
        label: string;
        role: "execution" | "consensus";
        client: ExecutionClient | ConsensusClient;
        command: string[];
    }[] = [];
    for (const [name, pair] of Object.entries(CLIENT_PAIRS)) {
        for (const network of NETWORKS) {
            for (const nodeMode of NODE_MODES) {
                const { config, problems } = readConfig(
                    // The least history need, so that every mode the pair can run is accepted.
                    stringify({
                        ...BASE_CONFIG,
                        client: name,
                        network,
                        nodeMode,
                        logsFrom: "head-64",
                    }),
                    { project: PROJECT, stack: STACK, region: REGION },
                );
                if (problems.length > 0) {
                    continue;
                }
                const containers = taskContainers(
                    {
                        ...config,
                        stackId: "p/s",
                        readiness: { maxHeadAgeSeconds: 60, minPeers: 3 },
                        memory: containerMemory(pair),
                        secretRefs: {
                            CHECKPOINT_SYNC_URLS: "arn:aws:ssm:us-east-1:1:parameter/c",
                            REFERENCE_RPC_URLS: "arn:aws:ssm:us-east-1:1:parameter/r",
                        },
                    },
                    () => ({}),
                );
                for (const role of ["execution", "consensus"] as const) {
                    const container = containers.find((c) => c.name === role) as {
                        command: string[];
                    };
                    lines.push({
                        label: `${name} ${network} ${nodeMode} ${role}`,
                        role,
                        client: pair[role],
                        command: container.command,
                    });
                }
            }
        }
    }
    return lines;
}

/**
 * Each execution client's eth_getLogs bounds, read from its source at the tag its flags were checked
 * at (geth v1.17.10 eth/ethconfig/config.go, cmd/utils/flags.go; reth v2.5.1
 * crates/rpc/rpc-server-types/src/constants.rs): the flag and the value without it (0: none).
 */
const LOG_BOUNDS: Record<string, { range: [string, number]; results?: [string, number] }> = {
    geth: { range: ["--rpc.rangelimit", 0] },
    reth: {
        range: ["--rpc.max-blocks-per-filter", 100_000],
        results: ["--rpc.max-logs-per-response", 20_000],
    },
};

/**
 * Each execution client's request-body flag and its size without it, in MiB (geth v1.17.10
 * node/defaults.go:70; reth v2.5.1 crates/node/core/src/args/rpc_server.rs:35).
 */
const REQUEST_BODY: Record<string, [string, number]> = {
    geth: ["--rpc.http-body-limit", 5],
    reth: ["--rpc.max-request-size", 15],
};

/** What a command line leaves a flag at: its value, or the client's own default. */
function effective(command: string[], [flag, fallback]: [string, number]): number {
    const at = command.indexOf(flag);
    return at < 0 ? fallback : Number(command[at + 1]);
}

describe("client command lines against each pinned client's own CLI reference", () => {
    const lines = acceptedCommandLines();

    it("covers every client with a reference, on every network its pairs can follow", () => {
        const labels = lines.map((l) => l.label);
        const followed = NETWORKS.filter((n) =>
            Object.values(CLIENT_PAIRS).every((pair) => followsNetwork(pair, n)),
        );
        expect(followed).to.have.members(["mainnet", "sepolia"]);
        for (const network of followed) {
            expect(labels).to.include(`reth-lighthouse ${network} full execution`);
            expect(labels).to.include(`reth-lighthouse ${network} full consensus`);
            expect(labels).to.include(`geth-teku ${network} minimal consensus`);
        }
    });

    for (const [binary, cli] of Object.entries(CLI_REFERENCES)) {
        it(`${cli.client} ${cli.version}: every generated flag, and every flag the entrypoint adds, is in ${cli.source.split(" ")[0]}`, () => {
            const mine = lines.filter((l) => l.client.launch.binary === binary);
            expect(mine.length).to.be.greaterThan(0);
            for (const line of mine) {
                if (cli.subcommand === undefined) {
                    // The command itself is the node: its flags follow the binary at once.
                    expect(line.command[1], `${line.label}: first flag`).to.match(/^--/);
                } else {
                    expect(line.command[1], `${line.label}: subcommand`).to.equal(cli.subcommand);
                }
                expect(unknownFlags(cli, line.command), line.label).to.deep.equal([]);
                expect(
                    unknownFlags(cli, runtimeFlags(line.client)),
                    `${line.label} runtime`,
                ).to.deep.equal([]);
            }
        });

        it(`${cli.client}: the pin's record names ${cli.version}, where this reference was read, as where its flags were verified`, () => {
            const client = lines.find((l) => l.client.launch.binary === binary)!.client;
            const flags = runningRelease(client)!.flags!;
            expect(flags.verifiedAt).to.equal(cli.version);
            expect(flags.source).to.include(cli.source.split(" (")[0]!.split(",")[0]!);
        });
    }

    it("gives eth_getLogs the same bounds on every pair: the configured range, no cap on results", () => {
        const execution = lines.filter((l) => l.role === "execution");
        expect(execution.length).to.be.greaterThan(0);
        for (const line of execution) {
            const bounds = LOG_BOUNDS[line.client.launch.binary]!;
            expect(effective(line.command, bounds.range), line.label).to.equal(
                DEFAULT_LOGS_MAX_BLOCK_RANGE.value,
            );
            if (bounds.results) {
                expect(effective(line.command, bounds.results), line.label).to.equal(0);
            }
        }
        expect(effective(["geth"], LOG_BOUNDS.geth!.range), "geth alone caps nothing").to.equal(0);
        for (const line of execution) {
            // Both clients take --rpc.gascap; the pinned value reads the same on every pair.
            expect(effective(line.command, ["--rpc.gascap", 0]), line.label).to.equal(50_000_000);
            const body = REQUEST_BODY[line.client.launch.binary]!;
            expect(effective(line.command, body), `${line.label} request body`).to.equal(
                RPC_REQUEST_BODY_MIB.value,
            );
        }
    });

    it("would catch a flag teku 26 never had (lighthouse's name for its peer target)", () => {
        expect(unknownFlags(TEKU_CLI, ["teku", "--target-peers=100"])).to.deep.equal([
            "--target-peers",
        ]);
    });

    it("would catch a flag lighthouse v8 removed", () => {
        expect(
            unknownFlags(LIGHTHOUSE_CLI, ["lighthouse", "bn", "--disable-deposit-contract-sync"]),
        ).to.deep.equal(["--disable-deposit-contract-sync"]);
    });

    it("leaves only geth without a reference: the real binary checks it (npm run test:clients)", () => {
        const withoutReference = [
            ...new Set(
                lines
                    .map((l) => l.client.launch.binary)
                    .filter((binary) => CLI_REFERENCES[binary] === undefined),
            ),
        ];
        expect(withoutReference).to.deep.equal(["geth"]);
    });
});
