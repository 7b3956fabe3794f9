import { expect } from "chai";
import { CLIENT_USERS } from "../../catalog/processIsolation";
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXECUTION_CLIENTS, runningRelease } from "../../catalog/clients";
import { NETWORKS, NODE_MODES, Network, NodeMode } from "../../catalog/networks";
import { CHAIN_IDS } from "../oracles/chainIds";
import { NAMED_POINTS } from "../../catalog/history";
import { DEFAULT_LOGS_MAX_BLOCK_RANGE } from "../../catalog/logIndexes";
import { ENGINE_API_PORT, RPC_HTTP_PORT } from "../../catalog/ports";
import { readConfig } from "../../config";
import { releaseFindings } from "../../domain/releaseReadiness";
import { sample, settingsFromEnv } from "../../monitor/main";
import { evaluate } from "../../monitor/readiness";
import { readinessServer } from "../../monitor/server";
import { forkReadiness } from "../../monitor/forkReadiness";
import { probeLogs } from "../../monitor/logsProbe";
import {
    BASE_CONFIG,
    PROJECT,
    REGION,
    STACK,
    runProgram,
    stringify,
    one,
    relocateDataDir,
} from "../helpers";
import { deadUrl, imdsServer, listen, LocalServer } from "../localServers";
import { EntrypointRun, startEntrypoint } from "../entrypointProcess";
import { gethPath } from "./gethBinary";
import { gethForks } from "./releaseSources";

/**
 * The pinned geth, built at its tag, runs the exact command line and environment the program
 * registers in its task definition, through the real docker/node/node-entrypoint.sh and against an
 * IMDSv2 server at the real IMDS address. Only inside a network namespace that has nothing but
 * loopback (npm run test:clients enters it), with --nodiscover --maxpeers 0: no packet leaves.
 */

const GETH = EXECUTION_CLIENTS.geth;
const PUBLIC_IP = "203.0.113.7";
const RPC = `http://127.0.0.1:${RPC_HTTP_PORT}`;

interface Container {
    name: string;
    command: string[];
    environment: { name: string; value: string }[];
    stopTimeout?: number;
    healthCheck?: { command: string[] };
}

/** Every network × mode a new geth stack's preview accepts: its config, and its releases' forks. */
function acceptedForGeth(): { network: Network; nodeMode: NodeMode }[] {
    return NETWORKS.flatMap((network) =>
        NODE_MODES.filter((nodeMode) => {
            const reading = readConfig(
                stringify({ ...BASE_CONFIG, client: "geth-lighthouse", network, nodeMode }),
                { project: PROJECT, stack: STACK, region: REGION },
            );
            const refused = releaseFindings(reading.config).filter((f) => f.refusesStart);
            return reading.problems.length === 0 && refused.length === 0;
        }).map((nodeMode) => ({ network, nodeMode })),
    );
}

async function registeredContainers(
    network: Network,
    nodeMode: NodeMode,
    config: Record<string, string> = {},
): Promise<Container[]> {
    const { world } = await runProgram({ client: "geth-lighthouse", network, nodeMode, ...config });
    return JSON.parse(
        one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
    );
}

async function rpc(url: string, method: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
        signal: AbortSignal.timeout(5000),
    });
    return {
        status: response.status,
        body: response.status === 200 ? await response.json() : undefined,
    };
}

/** eth_getLogs over `blocks` blocks (`to − from`) from a block the mode keeps: the answer's error, if any. */
async function logsRangeError(from: number, blocks: number): Promise<string | undefined> {
    const hex = (n: number) => `0x${n.toString(16)}`;
    const response = await fetch(RPC, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "eth_getLogs",
            params: [{ fromBlock: hex(from), toBlock: hex(from + blocks) }],
        }),
        signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { error?: { message: string } };
    return body.error?.message;
}

/** An engine-API token as the consensus client makes it: HS256 over {iat} with the shared secret. */
function engineJwt(secretHex: string): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ iat: Math.floor(Date.now() / 1000) })}`;
    const signature = crypto
        .createHmac("sha256", Buffer.from(secretHex.trim(), "hex"))
        .update(unsigned)
        .digest("base64url");
    return `${unsigned}.${signature}`;
}

/** geth as registered, with discovery off; `--maxpeers 0` too unless the peer limit is under test. */
function startGeth(container: Container, dataDir: string, ownPeerLimit = false): EntrypointRun {
    const env = Object.fromEntries(
        container.environment.map((e) => [e.name, relocateDataDir(e.value, dataDir)]),
    );
    const command = container.command.map((arg) => relocateDataDir(arg, dataDir));
    const offline = ["--nodiscover", ...(ownPeerLimit ? [] : ["--maxpeers", "0"])];
    return startEntrypoint([...command, ...offline], {
        PATH: `${path.dirname(gethPath(GETH.image.tag))}:${process.env.PATH}`,
        HOME: dataDir,
        ...env,
    });
}

async function answersChainId(run: EntrypointRun): Promise<number> {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
        if (run.child.exitCode !== null) {
            throw new Error(
                `geth exited with ${run.child.exitCode}:\n${run.stderr().slice(-2000)}`,
            );
        }
        try {
            const { body } = await rpc(RPC, "eth_chainId");
            return parseInt(body.result, 16);
        } catch {
            await new Promise((r) => setTimeout(r, 250));
        }
    }
    throw new Error(`geth did not answer eth_chainId within 60 s:\n${run.stderr().slice(-2000)}`);
}

const enodeOf = (stderr: string) => /enode:\/\/([0-9a-f]{128})@/.exec(stderr)?.[1];

async function stop(
    run: EntrypointRun,
    stopTimeoutSeconds: number,
): Promise<{ code: number | null; seconds: number }> {
    const started = Date.now();
    run.child.kill("SIGTERM");
    const code = await Promise.race([
        run.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), stopTimeoutSeconds * 1000)),
    ]);
    if (run.child.exitCode === null) {
        run.child.kill("SIGKILL");
    }
    return { code, seconds: (Date.now() - started) / 1000 };
}

/**
 * The monitor's fork readiness with the real geth's eth_config as the node's schedule: against a
 * reference that answers what geth answers (ready), one that schedules a later fork (a gap named by
 * its time), and one that does not answer (unknown).
 */
async function checkForkReadiness(network: Network): Promise<void> {
    const own = (await rpc(RPC, "eth_config")).body.result;
    expect(own.last.activationTime, "geth's last fork is its release record's").to.equal(
        runningRelease(GETH)!.forks[network].at(-1)!.time,
    );
    const later = own.last.activationTime + 30 * 86_400;
    const ahead = { ...own, last: { ...own.last, activationTime: later, forkId: "0x0badf00d" } };
    const references = await Promise.all([own, ahead].map((answer) => ethConfigServer(answer)));
    try {
        const check = async (referenceRpcUrls: string[]) =>
            forkReadiness(
                {
                    network,
                    rpcUrl: RPC,
                    beaconUrl: await deadUrl(),
                    referenceRpcUrls,
                    beaconReferenceUrls: [],
                    timeoutMs: 5000,
                },
                Date.now(),
            );
        const same = await check([references[0]!.url]);
        expect(same.status, same.notes.join("; ")).to.equal("ready");
        const gap = await check([references[1]!.url]);
        expect(gap.gap).to.deep.include({ layer: "execution", kind: "missing", time: later });
        expect((await check([await deadUrl()])).status).to.equal("unknown");
    } finally {
        await Promise.all(references.map((r) => r.close()));
    }
}

/** A JSON-RPC stand-in on loopback answering eth_config. */
function ethConfigServer(answer: unknown): Promise<LocalServer> {
    return listen((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () =>
            res
                .writeHead(200, { "content-type": "application/json" })
                .end(JSON.stringify({ jsonrpc: "2.0", id: JSON.parse(body).id, result: answer })),
        );
    });
}

describe(`real geth ${GETH.image.tag} running the program's own command lines`, function () {
    this.timeout(300000);
    let imds: LocalServer;

    before(async function () {
        // Network safety: refuse to start a client anywhere but a loopback-only namespace.
        // /proc/net/dev lists the interfaces of this process's own namespace (sysfs may show the host's).
        const interfaces = fs
            .readFileSync("/proc/net/dev", "utf8")
            .split("\n")
            .slice(2)
            .map((line) => line.split(":")[0]!.trim())
            .filter((name) => name !== "");
        if (interfaces.join() !== "lo") {
            throw new Error(
                `not in a loopback-only network namespace (interfaces: ${interfaces.join(", ")}); run npm run test:clients`,
            );
        }
        if (!fs.existsSync(gethPath(GETH.image.tag))) {
            throw new Error(
                `no geth at ${gethPath(GETH.image.tag)}; npm run test:clients builds it first`,
            );
        }
        // The entrypoint asks the real IMDS address; inside the namespace it is ours.
        spawnSync("ip", ["addr", "add", "169.254.169.254/32", "dev", "lo"]);
        imds = await imdsServer({ "public-ipv4": PUBLIC_IP }, "169.254.169.254", 80);
    });
    after(() => imds?.close());

    const combinations = acceptedForGeth();

    it("runs every network and mode config accepts for geth, and nothing config refuses", () => {
        expect(combinations.map((c) => `${c.network}/${c.nodeMode}`)).to.have.members([
            "mainnet/full",
            "mainnet/minimal",
            "sepolia/full",
            "sepolia/minimal",
        ]);
    });

    for (const network of NETWORKS) {
        it(`${network}: schedules exactly the forks its release record states (geth dumpgenesis)`, () => {
            const dumped = spawnSync(gethPath(GETH.image.tag), ["dumpgenesis", `--${network}`], {
                encoding: "utf8",
            });
            expect(dumped.status, dumped.stderr).to.equal(0);
            expect(gethForks(JSON.parse(dumped.stdout).config)).to.deep.equal(
                runningRelease(GETH)!.forks[network],
            );
        });
    }

    it("takes the peer limit the program registers (geth logs the limit it applies)", async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "geth-peers-"));
        fs.chmodSync(dataDir, 0o755);
        const containers = await registeredContainers("mainnet", "minimal", {
            executionMaxPeers: "17",
        });
        const execution = containers.find((c) => c.name === "execution")!;
        try {
            const run = startGeth(execution, dataDir, true);
            expect(await answersChainId(run)).to.equal(CHAIN_IDS.mainnet);
            expect(run.stderr()).to.match(/Maximum peer count\s+ETH=17\s+total=17/);
            expect((await stop(run, execution.stopTimeout ?? 30)).code).to.equal(0);
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });

    for (const { network, nodeMode } of combinations) {
        it(`${network} / ${nodeMode}: starts, serves the chain, guards the engine API, keeps its identity, stops cleanly`, async () => {
            const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `geth-${network}-`));
            // geth runs as its own user, as in the container: it must reach its directory.
            fs.chmodSync(dataDir, 0o755);
            const containers = await registeredContainers(network, nodeMode);
            const execution = containers.find((c) => c.name === "execution")!;
            const stopTimeout = execution.stopTimeout ?? 30;
            try {
                const first = startGeth(execution, dataDir);
                expect(await answersChainId(first)).to.equal(CHAIN_IDS[network]);
                expect(first.stderr()).to.contain(`exec geth`);
                expect(first.stderr()).to.contain(`--nat=extip:${PUBLIC_IP}`);
                const status = fs.readFileSync(`/proc/${first.child.pid}/status`, "utf8");
                expect(/^Uid:\s+(\d+)/m.exec(status)![1], "geth runs as its own user").to.equal(
                    String(CLIENT_USERS.execution.uid),
                );
                // ECS's liveness check, as registered, against the running geth (its metrics port).
                const liveness = spawnSync("sh", ["-c", execution.healthCheck!.command[1]!]);
                expect(liveness.status, "the registered liveness check passes").to.equal(0);

                const secret = fs.readFileSync(path.join(dataDir, "jwt", "jwt.hex"), "utf8");
                const engine = `http://127.0.0.1:${ENGINE_API_PORT}`;
                const authorized = await rpc(engine, "engine_exchangeCapabilities", {
                    authorization: `Bearer ${engineJwt(secret)}`,
                });
                expect(authorized.status, "a token signed with the entrypoint's secret").to.equal(
                    200,
                );
                expect(
                    (await rpc(engine, "engine_exchangeCapabilities")).status,
                    "no token",
                ).to.equal(401);

                const enode = enodeOf(first.stderr());
                expect(enode, "geth logs its enode").to.be.a("string");
                const stopped = await stop(first, stopTimeout);
                expect(stopped.code, first.stderr().slice(-1000)).to.equal(0);
                expect(stopped.seconds).to.be.below(stopTimeout);

                const second = startGeth(execution, dataDir);
                expect(await answersChainId(second)).to.equal(CHAIN_IDS[network]);
                expect(enodeOf(second.stderr()), "same node key after a restart").to.equal(enode);
                expect(
                    fs.readFileSync(path.join(dataDir, "jwt", "jwt.hex"), "utf8"),
                    "same JWT",
                ).to.equal(secret);

                if (network === "mainnet") {
                    // The same query contract as every pair: a range at the limit passes the
                    // check (it fails later only for want of blocks), one block more is refused.
                    const limit = DEFAULT_LOGS_MAX_BLOCK_RANGE.value;
                    const from = NAMED_POINTS.prague.blocks.mainnet;
                    expect(execution.command.join(" ")).to.contain(
                        `--history.logs 0 --history.transactions 0`,
                    );
                    expect((await logsRangeError(from, limit)) ?? "").to.not.contain(
                        "maximum block range",
                    );
                    expect(await logsRangeError(from, limit + 1)).to.equal(
                        `exceed maximum block range ${limit}`,
                    );
                    // The monitor's log probe, at a block before the mode's cutoff: geth's own refusal.
                    const pruned = await probeLogs(RPC, { kind: "from", block: 0 }, 0, limit);
                    expect(pruned).to.include({ served: false });
                    expect(pruned.reason).to.equal(
                        "eth_getLogs over blocks 0–0: eth_getLogs: pruned history unavailable",
                    );
                }
                if (network === "mainnet" && nodeMode === "full") {
                    // The monitor with the environment the program registers for it: not ready, and why.
                    const monitor = containers.find((c) => c.name === "monitor")!;
                    const env = Object.fromEntries(
                        monitor.environment.map((e) => [e.name, relocateDataDir(e.value, dataDir)]),
                    );
                    // The public checkpoint servers are the fork-schedule references; none here.
                    env.CHECKPOINT_SYNC_URLS = "";
                    const readiness = evaluate(
                        await sample(settingsFromEnv(env)),
                        settingsFromEnv(env).thresholds,
                    );
                    expect(readiness.ready).to.equal(false);
                    expect(readiness.reasons.join("\n")).to.match(/head block 0 is \d+s old/);
                    expect(readiness.reasons.join("\n")).to.contain(
                        "beacon node unreachable: GET /eth/v1/node/syncing: connection refused",
                    );
                    const server = readinessServer(() => readiness).listen(0, "127.0.0.1");
                    await new Promise((r) => server.once("listening", r));
                    const port = (server.address() as { port: number }).port;
                    const answer = await fetch(`http://127.0.0.1:${port}/ready`);
                    expect(answer.status).to.equal(503);
                    expect(((await answer.json()) as { reasons: string[] }).reasons).to.deep.equal(
                        readiness.reasons,
                    );
                    server.close();
                }
                if (network === "sepolia" && nodeMode === "minimal") {
                    await checkForkReadiness(network);
                }
                expect((await stop(second, stopTimeout)).code).to.equal(0);
            } finally {
                fs.rmSync(dataDir, { recursive: true, force: true });
            }
        });
    }
});
