import { expect } from "chai";
import { spawn, ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DATA_DIR } from "../../catalog/host";
import { one, relocateDataDir, runProgram } from "../helpers";
import { ENTRYPOINT } from "../entrypointProcess";
import { ensureIptables } from "../iptablesTool";
import { clientGuardEnvironment } from "../../domain/clientGuard";
import { CLIENT_USERS } from "../../catalog/processIsolation";

/**
 * Fault injection for the node's own processes. The entrypoint runs the consensus container's
 * registered command line and environment as PID 1 of its own PID namespace, inside a network
 * namespace with only loopback, IMDSv2 at the real address and a local checkpoint endpoint
 * (tests/fixtures/pod.sh). A stand-in consensus client dies where the real one does; signals come
 * from outside the namespace, as ECS sends them to a container's PID 1.
 */

const POD = path.join(__dirname, "..", "fixtures", "pod.sh");
const STANDIN = path.join(__dirname, "..", "fixtures", "standin-consensus.sh");
const GUARD_SCRIPT = path.join(__dirname, "..", "..", "bootstrap", "client-guard.sh");

/**
 * Where each consensus client creates its database inside its data directory, read from its
 * source: lighthouse's <datadir>/beacon (beacon_node/src/config.rs:77, at the start of its
 * configuration), teku's <data-path>/beacon/db (SeparateServiceDataDirLayout.java
 * BEACON_DATA_DIR_NAME, VersionedDatabaseFactory.java DB_PATH).
 */
const DATABASE_DIRS = { lighthouse: "beacon", teku: "beacon/db" } as const;
const CHECKPOINT = "http://127.0.0.1:5052";
/** A second provider on the same chain, which confirms the first one's finalized checkpoint. */
const CONFIRMING = "http://127.0.0.1:5054";
const HANGING = "http://127.0.0.1:5053";
/** Nothing listens here: a checkpoint server that is down. */
const DOWN = "http://127.0.0.1:5059";

interface Container {
    name: string;
    command: string[];
    environment: { name: string; value: string }[];
}

interface Pod {
    child: ChildProcess;
    stderr: () => string;
    exited: Promise<number | null>;
}

/** The host pid of the namespace's PID 1: unshare's only child. */
async function pidOne(pod: Pod): Promise<number> {
    const file = `/proc/${pod.child.pid}/task/${pod.child.pid}/children`;
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
        const children = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
        if (children !== "") {
            return Number(children.split(" ")[0]);
        }
        await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("the pod's PID 1 did not start");
}

async function until(what: () => boolean, ms: number, label: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!what()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${label}`);
        }
        await new Promise((r) => setTimeout(r, 25));
    }
}

for (const [consensusName, databaseDir] of Object.entries(DATABASE_DIRS)) {
    describe(`the node's processes under faults, ${consensusName} (PID 1 in its own namespaces)`, function () {
        this.timeout(60000);
        let consensus: Container;
        let dir: string;
        let bin: string;
        const pods: Pod[] = [];

        before(async () => {
            const { world } = await runProgram({ client: `geth-${consensusName}` });
            const containers: Container[] = JSON.parse(
                one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
            );
            consensus = containers.find((c) => c.name === "consensus")!;
        });
        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "pod-"));
            // The client runs as its own user and records here.
            fs.chmodSync(dir, 0o777);
            bin = path.join(dir, "bin");
            fs.mkdirSync(bin);
            fs.symlinkSync(STANDIN, path.join(bin, consensus.command[0]!));
        });
        afterEach(async () => {
            // Stop what a test started, by its own pid: SIGKILL to PID 1 ends its whole namespace.
            for (const pod of pods.splice(0)) {
                if (pod.child.exitCode === null) {
                    process.kill(await pidOne(pod), "SIGKILL");
                    await pod.exited;
                }
            }
            fs.rmSync(dir, { recursive: true, force: true });
        });

        /** The registered consensus container, with /data moved to the test's folder. */
        function start(env: Record<string, string> = {}): Pod {
            const data = path.join(dir, "data");
            const relocate = (v: string) => relocateDataDir(v, data);
            const registered = Object.fromEntries(
                consensus.environment.map((e) => [e.name, relocate(e.value)]),
            );
            const child = spawn(
                "unshare",
                [
                    "--net",
                    "--pid",
                    "--fork",
                    "--mount-proc",
                    "sh",
                    POD,
                    ENTRYPOINT,
                    ...consensus.command.map(relocate),
                ],
                {
                    env: {
                        ...registered,
                        // The pod's own endpoint instead of the public ones; nothing else changes.
                        CHECKPOINT_SYNC_URLS: `${CHECKPOINT} ${CONFIRMING}`,
                        PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? ""}`,
                        POD_DIR: dir,
                        RECORD_DIR: dir,
                        STANDIN_CLIENT: consensusName,
                        STANDIN_DB_DIR: databaseDir,
                        ...env,
                    },
                },
            );
            let stderr = "";
            child.stderr!.on("data", (d) => (stderr += d));
            const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
            const pod = { child, stderr: () => stderr, exited };
            pods.push(pod);
            return pod;
        }

        it(`a first sync cut short after ${consensusName} made its database directory starts again with a checkpoint URL`, async () => {
            const first = start({ STANDIN_FAULT: "die-during-download" });
            expect(await first.exited, first.stderr()).to.equal(1);
            const database = path.join(dir, "data", consensusName, databaseDir);
            expect(fs.existsSync(database), "the directory outlives the failed download").to.equal(
                true,
            );

            // ECS restarts the container: the same command line and environment.
            const second = start();
            await until(() => /running from/.test(second.stderr()), 20000, "the stand-in to run");
            const argv = fs.readFileSync(path.join(dir, "argv"), "utf8").split("\n");
            expect(argv).to.include(`--checkpoint-sync-url=${CHECKPOINT}`);
            process.kill(await pidOne(second), "SIGTERM");
            expect(await second.exited).to.equal(0);
        });

        /** A consensus database holding a chain older than the weak-subjectivity period, and an execution database beside it. */
        function staleDatabases(): { consensus: string; execution: string } {
            const consensusDb = path.join(dir, "data", consensusName, databaseDir);
            fs.mkdirSync(consensusDb, { recursive: true });
            fs.writeFileSync(path.join(consensusDb, "finalized"), "an old chain");
            fs.writeFileSync(path.join(consensusDb, "stale"), "");
            const executionDb = path.join(dir, "data", "geth", "chaindata");
            fs.mkdirSync(executionDb, { recursive: true });
            fs.writeFileSync(path.join(executionDb, "CURRENT"), "the execution database");
            return { consensus: consensusDb, execution: executionDb };
        }
        const starts = () =>
            fs.existsSync(path.join(dir, "starts"))
                ? fs.readFileSync(path.join(dir, "starts"), "utf8").trim().split("\n").length
                : 0;

        it(`a stored chain too old to resume: ${consensusName === "teku" ? "teku's database is moved aside and it starts again from the checkpoint" : "lighthouse resumes from it"}, the execution database untouched`, async () => {
            const { consensus: db, execution } = staleDatabases();
            const pod = start();
            await until(() => /running from/.test(pod.stderr()), 20000, "the stand-in to run");
            if (consensusName === "teku") {
                expect(pod.stderr()).to.contain("Cannot sync outside of weak subjectivity period");
                expect(pod.stderr()).to.contain(`moved ${db} aside to ${db}.too-old`);
                expect(
                    fs.existsSync(path.join(`${db}.too-old`, "stale")),
                    "the old one, aside",
                ).to.equal(true);
                expect(fs.readFileSync(path.join(db, "finalized"), "utf8").trim()).to.equal(
                    CHECKPOINT,
                );
                expect(starts()).to.equal(2);
            } else {
                expect(fs.existsSync(`${db}.too-old`)).to.equal(false);
                expect(starts()).to.equal(1);
            }
            expect(fs.readFileSync(path.join(execution, "CURRENT"), "utf8")).to.equal(
                "the execution database",
            );
            // ECS stops the task: TERM to PID 1 reaches the client, whose status is the container's.
            process.kill(await pidOne(pod), "SIGTERM");
            expect(await pod.exited).to.equal(0);
        });

        if (consensusName === "teku") {
            it("a stored chain too old to resume, with no checkpoint server answering: the database stays, one start, no loop", async () => {
                const { consensus: db } = staleDatabases();
                const pod = start({ CHECKPOINT_SYNC_URLS: DOWN });
                expect(await pod.exited).to.equal(1);
                expect(pod.stderr()).to.contain(
                    "stored chain is too old to resume, and no checkpoint-sync URL answered: keeping its database",
                );
                expect(fs.existsSync(path.join(db, "stale")), "kept for the next start").to.equal(
                    true,
                );
                expect(fs.existsSync(`${db}.too-old`)).to.equal(false);
                expect(starts()).to.equal(1);
            });
        }

        it(`runs ${consensusName} as its own user, which the host's guard refuses the IMDS its entrypoint read as root`, async () => {
            const iptables = ensureIptables();
            const guarded = start({
                CLIENT_GUARD: GUARD_SCRIPT,
                ...clientGuardEnvironment(),
                IPTABLES: `env ${Object.entries(iptables.env)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(" ")} ${iptables.command}`,
            });
            await until(() => /running from/.test(guarded.stderr()), 20000, "the stand-in to run");
            const argv = fs.readFileSync(path.join(dir, "argv"), "utf8");
            expect(argv, "the entrypoint, as root, read IMDS").to.contain("203.0.113.7");
            const user = CLIENT_USERS.consensus;
            expect(fs.readFileSync(path.join(dir, "uid"), "utf8").trim()).to.equal(`${user.uid}`);
            expect(fs.readFileSync(path.join(dir, "imds"), "utf8").trim()).to.equal("refused");
            process.kill(await pidOne(guarded), "SIGTERM");
            expect(await guarded.exited).to.equal(0);

            // The same pod without the guard: the client's user reaches IMDS, so the guard is what refuses it.
            const open = start();
            await until(() => /running from/.test(open.stderr()), 20000, "the stand-in to run");
            expect(fs.readFileSync(path.join(dir, "imds"), "utf8").trim()).to.equal("reached");
            process.kill(await pidOne(open), "SIGTERM");
            expect(await open.exited).to.equal(0);
        });

        it(`points the entrypoint at the folder ${consensusName} itself creates its database in`, () => {
            const env = Object.fromEntries(consensus.environment.map((e) => [e.name, e.value]));
            expect(env.CLIENT_DB_PATH).to.equal(`${DATA_DIR}/${consensusName}/${databaseDir}`);
        });

        // Each case: the wait PID 1 is in when the signal comes (its child's command line), and
        // what would have been logged after that wait, had it ended.
        const IMDS = "http://169.254.169.254:81";
        for (const [what, signal, env, code, waitingOn, after] of [
            [
                "TERM while IMDS does not answer yet",
                "SIGTERM",
                { IMDS_ENDPOINT: IMDS, IMDS_ATTEMPTS: "30" },
                143,
                /^(curl .*169\.254\.169\.254|sleep) /m,
                /public IPv4 /,
            ],
            [
                "TERM while a checkpoint endpoint hangs",
                "SIGTERM",
                { CHECKPOINT_SYNC_URLS: `${HANGING} ${CHECKPOINT} ${CONFIRMING}` },
                143,
                new RegExp(`^curl .*${HANGING}`, "m"),
                /did not answer; trying the next/,
            ],
            [
                "INT while IMDS does not answer yet",
                "SIGINT",
                { IMDS_ENDPOINT: IMDS, IMDS_ATTEMPTS: "30" },
                130,
                /^(curl .*169\.254\.169\.254|sleep) /m,
                /public IPv4 /,
            ],
        ] as const) {
            it(`ends on ${what}, before the wait it interrupts could end: PID 1 handles the signal while it prepares`, async () => {
                const pod = start(env);
                const pid = await pidOne(pod);
                // PID 1 is the entrypoint (pod.sh has exec'd `sh <entrypoint> …`), waiting on a
                // background curl or sleep of its own.
                const isEntrypoint = () => readlinkArgs(pid).split(" ")[1] === ENTRYPOINT;
                await until(isEntrypoint, 10000, "the entrypoint");
                await until(() => waitingOn.test(childArgs(pid)), 10000, "its wait");
                process.kill(pid, signal);
                expect(await pod.exited).to.equal(code);
                expect(pod.stderr()).to.contain(`stopped by ${signal} while preparing the client`);
                // The order, not the clock: nothing after the interrupted wait ran.
                expect(pod.stderr()).to.not.match(after);
                expect(fs.existsSync(path.join(dir, "argv")), "the client never started").to.equal(
                    false,
                );
            });
        }
    });
}

/** The command lines of a process's children, from /proc, one a line. */
function childArgs(pid: number): string {
    try {
        const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
        return children === "" ? "" : children.split(" ").map(Number).map(readlinkArgs).join("\n");
    } catch {
        return "";
    }
}

/** A process's command line, from /proc. */
function readlinkArgs(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
        return "";
    }
}
