import { expect } from "chai";
import { spawnSync, ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SHELLCHECK } from "../toolchain";
import { imdsServer, deadUrl, listen, LocalServer } from "../localServers";
import { ENTRYPOINT, EntrypointRun, startEntrypoint } from "../entrypointProcess";
import { CLIENT_USERS, JWT_READER_GID } from "../../catalog/processIsolation";
const { beaconHandler } = require("../fixtures/beaconApi");

const CLIENT = CLIENT_USERS.execution;

const FAKE_CLIENT = path.join(__dirname, "..", "fixtures", "fake-client.sh");

const start = (
    env: Record<string, string>,
    args: string[] = ["node", "--chain", "mainnet"],
): EntrypointRun =>
    startEntrypoint([FAKE_CLIENT, ...args], {
        PATH: process.env.PATH ?? "",
        IMDS_ATTEMPTS: "1",
        ...env,
    });

async function waitFor(file: string, ms = 10000): Promise<string> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (fs.existsSync(file) && fs.statSync(file).size > 0) {
            return fs.readFileSync(file, "utf8");
        }
        await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${file}`);
}

describe("docker/node/node-entrypoint.sh", function () {
    let imds: LocalServer;
    let dir: string;
    let env: Record<string, string>;
    const running: ChildProcess[] = [];

    before(async () => {
        imds = await imdsServer({ "public-ipv4": "203.0.113.7", "local-ipv4": "172.31.5.9" });
    });
    after(() => imds.close());
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrypoint-"));
        // The client runs as its own user, which records into this folder.
        fs.chmodSync(dir, 0o777);
        env = {
            RECORD_DIR: dir,
            IMDS_ENDPOINT: imds.url,
            EXTERNAL_IP_FLAG: "--nat=extip:{ip}",
            JWT_PATH: path.join(dir, "data", "jwt", "jwt.hex"),
            JWT_GROUP: String(JWT_READER_GID),
            RUN_AS: `${CLIENT.uid}:${CLIENT.gid}`,
            CLIENT_DIR: path.join(dir, "data", "client"),
        };
    });
    afterEach(() => {
        // Stop what a test started, by its own pid.
        running.splice(0).forEach((c) => c.exitCode === null && c.kill("SIGKILL"));
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const run = (extra: Record<string, string> = {}, args?: string[]) => {
        const r = start({ ...env, ...extra }, args);
        running.push(r.child);
        return r;
    };
    /** Stops a started client and forgets its argv, ready for the next start. */
    const stop = async (r: EntrypointRun) => {
        r.child.kill("SIGTERM");
        await r.exited;
        fs.rmSync(path.join(dir, "argv"));
    };
    /** Runs the entrypoint against an IMDS that serves other metadata, and returns the finished run. */
    const runWithImds = async (metadata: Record<string, string>) => {
        const server = await imdsServer(metadata);
        try {
            const r = run({ IMDS_ENDPOINT: server.url });
            await r.exited;
            return r;
        } finally {
            await server.close();
        }
    };

    it("is shellcheck-clean as POSIX sh, with the file it sources", () => {
        const lib = path.join(path.dirname(ENTRYPOINT), "checkpoint-trust.sh");
        const result = spawnSync(SHELLCHECK, ["-x", "-s", "sh", ENTRYPOINT, lib], {
            encoding: "utf8",
        });
        expect(result.error, "shellcheck must be installed").to.equal(undefined);
        expect(result.stdout + result.stderr).to.equal("");
        expect(result.status).to.equal(0);
    });

    it("passes the IMDSv2 public IPv4 as the external address, after the client's own flags", async () => {
        run();
        const argv = (await waitFor(path.join(dir, "argv"))).trim().split("\n");
        expect(argv).to.deep.equal(["node", "--chain", "mainnet", "--nat=extip:203.0.113.7"]);
        const calls = imds.requests.slice(-2);
        expect(calls[0]!.method).to.equal("PUT");
        expect(calls[1]!.headers["x-aws-ec2-metadata-token"]).to.match(/^test-token-/);
    });

    it("creates the JWT secret once, root's and readable by the JWT group only, and reuses it", async () => {
        const first = run();
        await waitFor(path.join(dir, "argv"));
        const jwt = fs.readFileSync(env.JWT_PATH!, "utf8");
        expect(jwt).to.match(/^[0-9a-f]{64}$/);
        const stat = fs.statSync(env.JWT_PATH!);
        expect(stat.mode & 0o777).to.equal(0o640);
        expect([stat.uid, stat.gid]).to.deep.equal([0, JWT_READER_GID]);
        await stop(first);
        run();
        await waitFor(path.join(dir, "argv"));
        expect(fs.readFileSync(env.JWT_PATH!, "utf8")).to.equal(jwt);
    });

    it("keeps a stable node key on the volume and passes it with the client's flag", async () => {
        const keyPath = path.join(env.CLIENT_DIR!, "nodekey");
        const first = run({ NODE_KEY_FLAG: "--p2p-secret-key", NODE_KEY_PATH: keyPath });
        const argv = (await waitFor(path.join(dir, "argv"))).trim().split("\n");
        expect(argv.slice(-2)).to.deep.equal(["--p2p-secret-key", keyPath]);
        const key = fs.readFileSync(keyPath, "utf8");
        expect(key).to.match(/^[0-9a-f]{64}$/);
        expect(fs.statSync(keyPath).mode & 0o777).to.equal(0o600);
        expect(fs.statSync(keyPath).uid, "the client's own").to.equal(CLIENT.uid);
        await stop(first);
        run({ NODE_KEY_FLAG: "--p2p-secret-key", NODE_KEY_PATH: keyPath });
        await waitFor(path.join(dir, "argv"));
        expect(fs.readFileSync(keyPath, "utf8")).to.equal(key);
    });

    it("runs the client as its own user, with the JWT group, HOME in its directory, no capabilities", async () => {
        const r = run();
        await waitFor(path.join(dir, "argv"));
        expect(fs.readFileSync(path.join(dir, "uid"), "utf8").trim()).to.equal(String(CLIENT.uid));
        const groups = fs.readFileSync(path.join(dir, "groups"), "utf8").trim().split(" ");
        expect(groups.sort()).to.deep.equal([String(CLIENT.gid), String(JWT_READER_GID)].sort());
        expect(fs.readFileSync(path.join(dir, "home"), "utf8").trim()).to.equal(env.CLIENT_DIR);
        expect(fs.readFileSync(path.join(dir, "jwt"), "utf8").trim()).to.equal("read=yes write=no");
        const status = fs.readFileSync(`/proc/${r.child.pid}/status`, "utf8");
        for (const set of ["CapPrm", "CapEff", "CapBnd", "CapAmb"]) {
            expect(new RegExp(`^${set}:\\s+0+$`, "m").test(status), set).to.equal(true);
        }
        expect(status).to.match(/^NoNewPrivs:\s+1$/m);
        expect(fs.statSync(env.CLIENT_DIR!).uid).to.equal(CLIENT.uid);
        expect(r.stderr()).to.contain(`as ${env.RUN_AS}`);
    });

    it("hands a database written as root to the client's user once, and not again", async () => {
        const db = path.join(env.CLIENT_DIR!, "chaindata", "000001.log");
        fs.mkdirSync(path.dirname(db), { recursive: true });
        fs.writeFileSync(db, "x");
        const first = run();
        await waitFor(path.join(dir, "argv"));
        expect(fs.statSync(db).uid).to.equal(CLIENT.uid);
        expect(first.stderr()).to.contain(`handing ${env.CLIENT_DIR} to uid ${CLIENT.uid}`);
        await stop(first);
        // A file the client did not write (say, copied in by hand) stays as it is on the next start.
        fs.chownSync(db, 0, 0);
        const second = run();
        await waitFor(path.join(dir, "argv"));
        expect(second.stderr()).to.not.contain("handing");
        expect(fs.statSync(db).uid).to.equal(0);
    });

    for (const [label, runAs] of [
        ["root", "0:0"],
        ["root's group", "10001:0"],
        ["no user at all", "client"],
    ] as const) {
        it(`refuses to run the client as ${label} (RUN_AS=${runAs})`, async () => {
            const r = run({ RUN_AS: runAs });
            expect(await r.exited).to.equal(1);
            expect(r.stderr()).to.contain(`RUN_AS=${runAs}`);
            expect(fs.existsSync(path.join(dir, "argv"))).to.equal(false);
        });
    }

    it("execs the client, so SIGTERM reaches it directly", async () => {
        const r = run();
        const pid = Number(await waitFor(path.join(dir, "pid")));
        expect(pid).to.equal(
            r.child.pid,
            "the client must replace the shell (exec), not run under it",
        );
        r.child.kill("SIGTERM");
        expect(await r.exited).to.equal(0);
        expect(fs.readFileSync(path.join(dir, "signal"), "utf8").trim()).to.equal("TERM");
    });

    it("fails with a clear message and never starts the client when IMDS is down", async () => {
        const r = run({ IMDS_ENDPOINT: await deadUrl() });
        expect(await r.exited).to.equal(1);
        expect(r.stderr()).to.match(
            /FATAL: cannot read the public IPv4 from IMDSv2 .* refusing to start with a wrong external address/,
        );
        expect(fs.existsSync(path.join(dir, "argv"))).to.equal(false);
    });

    it("fails when the instance has no public IPv4 (IMDS answers 404)", async () => {
        const r = await runWithImds({ "local-ipv4": "172.31.5.9" });
        expect(await r.exited).to.equal(1);
        expect(r.stderr()).to.contain("FATAL: cannot read the public IPv4");
        expect(fs.existsSync(path.join(dir, "argv"))).to.equal(false);
    });

    it("refuses an IMDS answer that is not an IPv4 address", async () => {
        const r = await runWithImds({ "public-ipv4": "<html>not found</html>" });
        expect(await r.exited).to.equal(1);
        expect(r.stderr()).to.contain("which is not an IPv4 address");
    });

    it("says which container created the shared secret when both race for it", async () => {
        const both = [run(), run({}, ["bn"])];
        await Promise.all(
            both.map(async (r) => {
                const deadline = Date.now() + 10000;
                while (!/exec /.test(r.stderr()) && Date.now() < deadline) {
                    await new Promise((resolve) => setTimeout(resolve, 25));
                }
            }),
        );
        const lines = both.map((r) => r.stderr()).join("");
        const created = lines.match(/fake-client\.sh created \S+jwt\.hex/g) ?? [];
        const reused = lines.match(/jwt\.hex was created by the other container/g) ?? [];
        expect(created, lines).to.have.length(1);
        expect(
            created.length + reused.length,
            "the other either lost the race or found it",
        ).to.be.at.most(2);
    });

    describe("checkpoint sync", () => {
        let beacon: LocalServer;
        before(async () => {
            beacon = await listen((req, res) =>
                res
                    .writeHead(req.url === "/eth/v1/node/version" ? 200 : 404)
                    .end('{"data":{"version":"test"}}'),
            );
        });
        after(() => beacon.close());

        it("skips an unreachable URL and uses the first that answers", async () => {
            const dead = await deadUrl();
            const r = run(
                {
                    CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                    CHECKPOINT_SYNC_URLS: `${dead} ${beacon.url}`,
                },
                ["bn"],
            );
            const argv = (await waitFor(path.join(dir, "argv"))).trim().split("\n");
            expect(argv).to.include(`--checkpoint-sync-url=${beacon.url}`);
            expect(r.stderr()).to.contain(`${dead} did not answer`);
        });

        it("passes a URL with a key in its query string intact, probes it with the key, and logs only its host", async () => {
            const probed: string[] = [];
            const keyed = await listen((req, res) => {
                probed.push(req.url ?? "");
                res.writeHead(req.url === "/v1/eth/v1/node/version?key=s3cr&t=1" ? 200 : 404).end(
                    "{}",
                );
            });
            try {
                const url = `${keyed.url.replace("http://", "http://user:pw@")}/v1?key=s3cr&t=1#x`;
                const r = run(
                    {
                        CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                        CHECKPOINT_SYNC_URLS: url,
                    },
                    ["bn"],
                );
                const argv = (await waitFor(path.join(dir, "argv"))).trim().split("\n");
                expect(argv).to.include(`--checkpoint-sync-url=${url}`);
                expect(probed).to.deep.equal(["/v1/eth/v1/node/version?key=s3cr&t=1"]);
                expect(r.stderr()).to.contain(`checkpoint sync from ${keyed.url} (ignored`);
                expect(r.stderr()).to.not.match(/s3cr|user:pw/);
            } finally {
                await keyed.close();
            }
        });

        it("passes the URL even when a database directory exists: it appears before a first sync ends", async () => {
            const db = path.join(dir, "data", "lighthouse", "beacon");
            fs.mkdirSync(db, { recursive: true });
            run(
                {
                    CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                    CHECKPOINT_SYNC_URLS: beacon.url,
                    CLIENT_DB_PATH: db,
                },
                ["bn"],
            );
            const argv = (await waitFor(path.join(dir, "argv"))).trim().split("\n");
            expect(argv).to.include(`--checkpoint-sync-url=${beacon.url}`);
        });

        it("starts from the database when no URL answers and one exists", async () => {
            const db = path.join(dir, "data", "lighthouse", "beacon");
            fs.mkdirSync(db, { recursive: true });
            const r = run(
                {
                    CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                    CHECKPOINT_SYNC_URLS: await deadUrl(),
                    CLIENT_DB_PATH: db,
                },
                ["bn"],
            );
            const argv = (await waitFor(path.join(dir, "argv"))).trim().split("\n");
            expect(argv.some((a) => a.startsWith("--checkpoint-sync-url"))).to.equal(false);
            expect(r.stderr()).to.contain(`starting from the database at ${db}`);
        });

        describe("with confirmations: the chosen provider's finalized checkpoint, known as canonical by others", () => {
            const ROOT = `0x${"ab".repeat(32)}`;
            const FORGED = `0x${"66".repeat(32)}`;
            const servers: LocalServer[] = [];
            const EPOCH = 400000;
            /** A provider whose head names `root` finalized at `epoch`, holding the blocks `held`. */
            const provider = async (root: string, held = [root], key = "", epoch = EPOCH) => {
                const server = await listen(beaconHandler({ epoch, root }, held));
                servers.push(server);
                return `${server.url}${key}`;
            };
            afterEach(async () => {
                await Promise.all(servers.splice(0).map((s) => s.close()));
            });
            const start = (urls: string[], confirmations = "1", extra = {}) =>
                run(
                    {
                        CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                        CHECKPOINT_SYNC_URLS: urls.join(" "),
                        CHECKPOINT_CONFIRMATIONS: confirmations,
                        ...extra,
                    },
                    ["bn"],
                );
            const chosenUrl = async () =>
                (await waitFor(path.join(dir, "argv")))
                    .split("\n")
                    .find((a) => a.startsWith("--checkpoint-sync-url="));

            it("syncs from the first provider once another knows its finalized block, asking with each URL's key and logging neither", async () => {
                const first = await provider(ROOT, [ROOT], "/?key=s3cr");
                const second = await provider(ROOT, [ROOT], "/?key=0th3r");
                const r = start([first, second]);
                expect(await chosenUrl()).to.equal(`--checkpoint-sync-url=${first}`);
                expect(r.stderr()).to.contain(`block ${ROOT}, confirmed by 1 other provider(s)`);
                expect(servers[1]!.requests.map((q) => q.path)).to.include(
                    "/eth/v1/beacon/states/head/finality_checkpoints?key=0th3r",
                );
                expect(r.stderr()).to.not.match(/s3cr|0th3r/);
            });

            it("passes over a provider on another chain: the honest ones contradict it, and one confirms the next", async () => {
                const forged = await provider(FORGED);
                const honest = await provider(ROOT);
                const other = await provider(ROOT);
                const r = start([forged, honest, other]);
                expect(await chosenUrl()).to.equal(`--checkpoint-sync-url=${honest}`);
                expect(r.stderr()).to.contain(
                    `its finalized block ${FORGED} is confirmed by 0 and contradicted by 2 other provider(s)`,
                );
            });

            it("takes a provider an epoch ahead as confirming when it holds the block, and as silent when it does not", async () => {
                const NEWER = `0x${"cd".repeat(32)}`;
                const chosen = await provider(ROOT);
                const holding = await provider(NEWER, [NEWER, ROOT], "", EPOCH + 1);
                const first = start([chosen, holding]);
                expect(await chosenUrl()).to.contain(servers[0]!.url);
                expect(first.stderr()).to.contain("confirmed by 1 other provider(s)");
                expect(servers[1]!.requests.map((q) => q.path)).to.include(
                    `/eth/v1/beacon/blocks/${ROOT}/root`,
                );
                await stop(first);

                const lacking = await provider(NEWER, [NEWER], "", EPOCH + 1);
                const second = start([servers[0]!.url, lacking]);
                expect(await second.exited).to.equal(1);
                expect(second.stderr()).to.contain("confirmed by 0 and contradicted by 0");
            });

            it("refuses a first start when the only two providers disagree: neither can be told right", async () => {
                const r = start([await provider(FORGED), await provider(ROOT)]);
                expect(await r.exited).to.equal(1);
                expect(r.stderr()).to.contain(
                    "no checkpoint-sync URL answered with a checkpoint 1 other(s) confirm",
                );
                expect(fs.existsSync(path.join(dir, "argv"))).to.equal(false);
            });

            it("refuses a first start when no other provider answers to confirm", async () => {
                const r = start([await provider(ROOT), await deadUrl()]);
                expect(await r.exited).to.equal(1);
                expect(r.stderr()).to.contain("confirmed by 0 and contradicted by 0");
            });

            it("starts from its database when nothing is confirmed, since the client ignores the URL then", async () => {
                const db = path.join(dir, "data", "lighthouse", "beacon");
                fs.mkdirSync(db, { recursive: true });
                const r = start([await provider(ROOT), await deadUrl()], "1", {
                    CLIENT_DB_PATH: db,
                });
                expect(await chosenUrl()).to.equal(undefined);
                expect(r.stderr()).to.contain(`starting from the database at ${db}`);
            });

            it("with 0 confirmations, trusts the first that answers, as it always did", async () => {
                const forged = await provider(FORGED);
                start([forged, await provider(ROOT)], "0");
                expect(await chosenUrl()).to.equal(`--checkpoint-sync-url=${forged}`);
            });
        });

        it("fails clearly when no checkpoint URL answers on a first start", async () => {
            const r = run(
                {
                    CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                    CHECKPOINT_SYNC_URLS: await deadUrl(),
                },
                ["bn"],
            );
            expect(await r.exited).to.equal(1);
            expect(r.stderr()).to.contain("no checkpoint-sync URL answered");
        });
    });
});
