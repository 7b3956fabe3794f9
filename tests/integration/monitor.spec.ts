import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { probeExecution, probeBeacon, referenceHead } from "../../monitor/probes";
import { evaluate, Thresholds } from "../../monitor/readiness";
import {
    tick,
    sample,
    volumeUsedPercent,
    settingsFromEnv,
    MonitorSettings,
} from "../../monitor/main";
import { readinessServer } from "../../monitor/server";
import { metricData } from "../../monitor/metrics";
import { blockToProbe, parsePromise } from "../../monitor/history";
import { LogsState, logsProbeRange, probeLogs } from "../../monitor/logsProbe";
import { METRIC_NAMESPACE } from "../../catalog/metrics";
import { startAnvil, withPeerCount, Anvil } from "../anvil";
import { sharedMoto, localClientConfig, Moto } from "../moto";
import { listen, deadUrl, LocalServer } from "../localServers";

/** A beacon node's two routes the monitor reads, with a state each test sets. */
async function beaconServer(
    state: Record<string, unknown>,
    peers = 40,
): Promise<LocalServer & { state: Record<string, unknown> }> {
    const holder = { state };
    const server = await listen((req, res) => {
        if (req.url === "/eth/v1/node/syncing") {
            res.writeHead(200, { "content-type": "application/json" }).end(
                JSON.stringify({ data: holder.state }),
            );
        } else if (req.url === "/eth/v1/node/peer_count") {
            res.writeHead(200, { "content-type": "application/json" }).end(
                JSON.stringify({
                    data: {
                        connected: String(peers),
                        disconnected: "0",
                        connecting: "0",
                        disconnecting: "0",
                    },
                }),
            );
        } else {
            res.writeHead(404).end();
        }
    });
    // The routes read `state` live, so tests can change the beacon node's answer between samples.
    return Object.defineProperty(server, "state", {
        get: () => holder.state,
        set: (value: Record<string, unknown>) => (holder.state = value),
    }) as LocalServer & {
        state: Record<string, unknown>;
    };
}

const SYNCED = {
    head_slot: "100",
    sync_distance: "0",
    is_syncing: false,
    is_optimistic: false,
    el_offline: false,
};
const thresholds: Thresholds = { maxHeadAgeSeconds: 60, minPeers: 3 };

describe("monitor against real JSON-RPC peers (anvil)", function () {
    this.timeout(60000);
    const started: Anvil[] = [];
    const proxies: LocalServer[] = [];
    const anvil = async (args: string[] = []) => {
        const a = await startAnvil(args);
        started.push(a);
        return a;
    };
    /** The node under test: anvil behind the net_peerCount proxy, reporting `peers` peers. */
    const node = async (args: string[] = [], peers = 25) => {
        const chain = await anvil(args);
        const proxy = await withPeerCount(chain, peers);
        proxies.push(proxy);
        return { ...chain, url: proxy.url };
    };
    let beacon: Awaited<ReturnType<typeof beaconServer>>;
    before(async () => {
        beacon = await beaconServer({ ...SYNCED });
    });
    after(async () => {
        await Promise.all(proxies.map((p) => p.close()));
        await Promise.all(started.map((a) => a.stop()));
        await beacon.close();
    });
    beforeEach(() => {
        beacon.state = { ...SYNCED };
    });

    const settings = (
        node: Anvil | string,
        references: string[] = [],
        extra: Partial<MonitorSettings> = {},
    ): MonitorSettings => ({
        rpcUrl: typeof node === "string" ? node : node.url,
        beaconUrl: beacon.url,
        referenceRpcUrls: references,
        beaconReferenceUrls: [],
        network: "mainnet",
        dataDir: os.tmpdir(),
        thresholds,
        metrics: { stack: "parity-mainnet/test", network: "mainnet" },
        intervalMs: 60000,
        timeoutMs: 2000,
        readyPort: 0,
        logsMaxBlockRange: 100_000,
        ...extra,
    });

    it("is ready when the node is at a fresh head, not syncing, with enough peers and a synced beacon node", async () => {
        const r = evaluate(await sample(settings(await node())), thresholds);
        expect(r.reasons).to.deep.equal([]);
        expect(r.ready).to.equal(true);
        expect(r.headBlock).to.equal(0);
        expect(r.headAgeSeconds).to.be.lessThan(10);
    });

    it("measures lag against the median of the references that answered", async () => {
        const behind = await node();
        const ahead = await anvil();
        const further = await anvil();
        await behind.call("anvil_mine", ["0xa"]);
        await ahead.call("anvil_mine", ["0x19"]);
        await further.call("anvil_mine", ["0x23"]);
        const r = evaluate(await sample(settings(behind, [ahead.url, further.url])), thresholds);
        expect(r.headBlock).to.equal(10);
        expect(r.lagBlocks).to.equal(20); // median of 25 and 35 is 30
    });

    it("compares block hashes with the references, not only heights: another chain is not ready", async () => {
        const chain = await node();
        await chain.call("anvil_mine", ["0x64"]); // head 100
        // The same chain, ahead: anvil forked from the node (over loopback), five blocks further.
        const same = await anvil(["--fork-url", chain.url, "--no-mining"]);
        await same.call("anvil_mine", ["0x5"]);
        const agreed = await sample(settings(chain, [same.url]));
        expect(agreed.chain).to.include({ block: 36, mismatch: false });
        expect(agreed.chain!.reference).to.equal(agreed.chain!.node);
        expect(evaluate(agreed, thresholds).ready).to.equal(true);
        // Another chain of the same height: another genesis time, so every block differs (two
        // default anvils mining empty blocks in the same second would build the same chain).
        const other = await anvil(["--timestamp", "1000000000"]);
        await other.call("anvil_mine", ["0x64"]);
        const split = await sample(settings(chain, [other.url]));
        expect(split.chain).to.include({ block: 36, mismatch: true });
        const r = evaluate(split, thresholds);
        expect(r.ready).to.equal(false);
        expect(r.reasons).to.deep.equal([
            `block 36 is ${split.chain!.node} here but ${split.chain!.reference} at the references: the node follows another chain`,
        ]);
        // References that disagree with each other prove nothing either way.
        const unsure = await sample(settings(chain, [same.url, other.url]));
        expect(unsure.chain).to.include({ mismatch: false, reference: undefined });
    });

    it("keeps measuring lag when a reference is down, and reports the one that failed by its host alone", async () => {
        const behind = await node();
        const ahead = await anvil();
        await ahead.call("anvil_mine", ["0x7"]);
        // A provider's key in the path and the query stays out of the log.
        const dead = `${await deadUrl()}/v3/0123456789abcdef?apikey=s3cret`;
        const ref = await referenceHead([dead, ahead.url], 2000);
        expect(ref).to.deep.equal({ head: 7, answered: 1, failed: [dead] });
        const logs: string[] = [];
        const cw = new CloudWatchClient(localClientConfig(await deadUrl()));
        const r = await tick(settings(behind, [dead, ahead.url]), cw, (m) => logs.push(m));
        expect(r.lagBlocks).to.equal(7);
        expect(logs[0]).to.equal(
            `reference endpoints that did not answer: ${new URL(dead).origin}`,
        );
        expect(logs[1], "a CloudWatch outage is logged, not fatal").to.match(
            /^publishing metrics failed/,
        );
    });

    it("derives lag from head age when no reference answers", async () => {
        const stale = await node([
            "--no-mining",
            "--timestamp",
            String(Math.floor(Date.now() / 1000) - 600),
        ]);
        const r = evaluate(await sample(settings(stale, [await deadUrl()])), thresholds);
        expect(r.lagBlocks).to.be.within(49, 51); // 600 s / 12 s per slot
    });

    it("is not ready when block production has paused, although eth_syncing says false", async () => {
        const stale = await node([
            "--no-mining",
            "--timestamp",
            String(Math.floor(Date.now() / 1000) - 600),
        ]);
        const s = await sample(settings(stale));
        expect(s.execution.syncing).to.equal(false);
        const r = evaluate(s, thresholds);
        expect(r.ready).to.equal(false);
        expect(r.reasons).to.have.length(1);
        expect(r.reasons[0]).to.match(/^head block 0 is (59\d|60\d)s old \(max 60s\)$/);
    });

    it("is not ready with fewer peers than required", async () => {
        const r = evaluate(await sample(settings(await node([], 2))), thresholds);
        expect(r.reasons).to.deep.equal(["2 execution peers (min 3)"]);
    });

    it("is not ready when the node cannot report its peers", async () => {
        const r = evaluate(await sample(settings(await anvil())), thresholds);
        expect(r.reasons).to.have.length(1);
        expect(r.reasons[0]).to.match(/^execution peer count unavailable: net_peerCount: /);
    });

    it("is not ready when the execution client is unreachable", async () => {
        const dead = await deadUrl();
        const state = await probeExecution(dead, 1000);
        expect(state.reachable).to.equal(false);
        const r = evaluate(await sample(settings(dead)), thresholds);
        expect(r.ready).to.equal(false);
        expect(r.reasons[0]).to.equal(
            "execution client unreachable: eth_syncing: connection refused",
        );
    });

    it("says a probe timed out, and after how long", async () => {
        // Accepts the connection and never answers.
        const silent = await listen(() => undefined);
        try {
            const state = await probeExecution(silent.url, 200);
            expect(state.error).to.equal("eth_syncing: timed out after 200 ms");
        } finally {
            await silent.close();
        }
    });

    it("names the HTTP status of a probe that got an error answer", async () => {
        const failing = await listen((_req, res) => res.writeHead(503).end());
        try {
            expect((await probeExecution(failing.url, 1000)).error).to.equal(
                "eth_syncing: HTTP 503",
            );
            expect((await probeBeacon(failing.url, 1000)).error).to.equal(
                "GET /eth/v1/node/syncing: HTTP 503",
            );
        } finally {
            await failing.close();
        }
    });

    const beaconCases: [string, Record<string, unknown>, string][] = [
        [
            "syncing",
            { is_syncing: true, sync_distance: "5400" },
            "beacon node is syncing (distance 5400 slots)",
        ],
        [
            "optimistic",
            { is_optimistic: true },
            "beacon node is optimistic (execution payloads not yet verified)",
        ],
        [
            "reporting the execution client offline",
            { el_offline: true },
            "beacon node reports the execution client offline",
        ],
    ];
    for (const [what, state, reason] of beaconCases) {
        it(`is not ready when the beacon node is ${what}`, async () => {
            const synced = await node();
            beacon.state = { ...SYNCED, ...state };
            const r = evaluate(await sample(settings(synced)), thresholds);
            expect(r.reasons).to.deep.equal([reason]);
        });
    }

    it("reads the beacon node's sync distance and peers", async () => {
        beacon.state = { ...SYNCED, sync_distance: "3" };
        expect(await probeBeacon(beacon.url, 1000)).to.deep.equal({
            reachable: true,
            isSyncing: false,
            isOptimistic: false,
            elOffline: false,
            syncDistance: 3,
            peers: 40,
        });
        expect((await probeBeacon(await deadUrl(), 1000)).reachable).to.equal(false);
    });

    it("serves readiness on HTTP: 200 with reasons when ready, 503 when not", async () => {
        const synced = await node();
        let current = evaluate(await sample(settings(synced)), thresholds);
        const server = readinessServer(() => current);
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/ready`;
        try {
            let response = await fetch(url);
            expect(response.status).to.equal(200);
            expect(((await response.json()) as { ready: boolean }).ready).to.equal(true);
            beacon.state = { ...SYNCED, is_syncing: true, sync_distance: "9" };
            current = evaluate(await sample(settings(synced)), thresholds);
            response = await fetch(url);
            expect(response.status).to.equal(503);
            expect(await response.json()).to.deep.include({
                ready: false,
                reasons: ["beacon node is syncing (distance 9 slots)"],
            });
        } finally {
            await new Promise((r) => server.close(r));
        }
    });

    it("measures how full the data volume is", () => {
        const used = volumeUsedPercent(os.tmpdir());
        expect(used).to.be.within(0, 100);
        expect(volumeUsedPercent(path.join(os.tmpdir(), "does-not-exist-" + Date.now()))).to.equal(
            undefined,
        );
    });

    describe("the history promise: receipts at the oldest block the mode keeps", () => {
        it("is kept when the node has the promised block, and broken when it does not", async () => {
            const chain = await node();
            await chain.call("anvil_mine", ["0x14"]);
            const kept = await sample(
                settings(chain, [], { receiptsKept: parsePromise("from:7") }),
            );
            expect(kept.history).to.deep.equal({ block: 7, served: true });
            expect(kept.logs).to.include({ from: 7, to: 20, served: true });
            const beyond = await sample(
                settings(chain, [], { receiptsKept: parsePromise("from:99") }),
            );
            expect(beyond.history).to.include({ block: 99, served: false });
            expect(beyond.history!.reason).to.equal("no receipts for block 99 (answered null)");
            expect(beyond.logs).to.include({
                served: false,
                reason: "the oldest promised block 99 is past the head 20",
            });
        });

        it("probes a window just inside its oldest edge, where the client keeps it", async () => {
            const chain = await node();
            await chain.call("anvil_mine", ["0x64"]); // head 100
            const window = await sample(
                settings(chain, [], { receiptsKept: parsePromise("newest:64") }),
            );
            expect(window.history).to.deep.equal({ block: 69, served: true }); // 100 − 64 + 1 + 32
            expect(blockToProbe({ kind: "newest", blocks: 10_064 }, 24_000_000)).to.equal(
                23_989_969,
            );
        });

        it("queries logs over at most 10,000 blocks from the oldest promised one, within the range cap", () => {
            const from = { kind: "from", block: 22_431_084 } as const;
            expect(logsProbeRange(from, 26_000_000, 100_000)).to.deep.equal({
                from: 22_431_084,
                to: 22_441_083,
            });
            // A cap of 999 (`to − from`) allows 1,000 blocks; 0 is no cap.
            expect(logsProbeRange(from, 26_000_000, 999).to).to.equal(22_432_083);
            expect(logsProbeRange(from, 26_000_000, 0).to).to.equal(22_441_083);
            expect(logsProbeRange({ kind: "newest", blocks: 64 }, 100, 100_000)).to.deep.equal({
                from: 69,
                to: 100,
            });
        });

        it("reports a log query that does not come back within its deadline, or fails, as not served", async () => {
            // A node that answers everything at once but eth_getLogs (an unindexed search) late.
            const { url, close } = await listen((req, res) => {
                let body = "";
                req.on("data", (d) => (body += d));
                req.on("end", () => {
                    const { id, method } = JSON.parse(body) as { id: number; method: string };
                    const answer = (result: unknown) =>
                        res.end(JSON.stringify({ jsonrpc: "2.0", id, result }));
                    if (method === "eth_getLogs") {
                        setTimeout(() => answer([]), 400).unref();
                        return;
                    }
                    answer(null);
                });
            });
            try {
                const slow = await probeLogs(url, { kind: "from", block: 1 }, 50, 100_000, 100);
                expect(slow).to.include({ from: 1, to: 50, served: false });
                expect(slow.reason).to.equal(
                    "eth_getLogs over blocks 1–50: eth_getLogs: timed out after 100 ms",
                );
                expect(slow.milliseconds).to.be.at.least(100);
                const timely = await probeLogs(url, { kind: "from", block: 1 }, 50, 100_000, 5000);
                expect(timely).to.include({ served: true });
                expect(timely.milliseconds).to.be.at.least(400);
            } finally {
                await close();
            }
        });

        it("publishes LogsServed and the query's milliseconds at head, and nothing while the node syncs", () => {
            const at = new Date(0);
            const ctx = { stack: "p/s", network: "mainnet" };
            const ready = { ready: true, reasons: [] };
            const values = (logs?: LogsState) =>
                Object.fromEntries(
                    metricData(ready, { logs }, ctx, at)
                        .filter((d) => d.MetricName!.startsWith("Logs"))
                        .map((d) => [d.MetricName, d.Value]),
                );
            expect(values({ from: 1, to: 2, served: true, milliseconds: 12 })).to.deep.equal({
                LogsServed: 1,
                LogsQueryMilliseconds: 12,
            });
            expect(values({ from: 1, to: 2, served: false, milliseconds: 5000 })).to.deep.equal({
                LogsServed: 0,
                LogsQueryMilliseconds: 5000,
            });
            expect(values(undefined)).to.deep.equal({});
        });

        it("publishes HistoryServed 1 or 0 at head, and nothing while the node syncs", () => {
            const at = new Date(0);
            const ctx = { stack: "p/s", network: "mainnet" };
            const ready = { ready: true, reasons: [] };
            const value = (history?: { block: number; served: boolean }) =>
                metricData(ready, { history }, ctx, at).find(
                    (d) => d.MetricName === "HistoryServed",
                )?.Value;
            expect(value({ block: 1, served: true })).to.equal(1);
            expect(value({ block: 1, served: false })).to.equal(0);
            expect(value(undefined)).to.equal(undefined);
        });

        it("does not probe a node that is still syncing", async () => {
            const { url, close } = await listen((req, res) => {
                let body = "";
                req.on("data", (d) => (body += d));
                req.on("end", () => {
                    const { id, method } = JSON.parse(body) as { id: number; method: string };
                    const result =
                        method === "eth_syncing"
                            ? { currentBlock: "0x1", highestBlock: "0x9" }
                            : method === "eth_getBlockByNumber"
                              ? { number: "0x1", timestamp: "0x0" }
                              : method === "eth_getBlockReceipts"
                                ? null
                                : "0x5";
                    res.end(JSON.stringify({ jsonrpc: "2.0", id, result }));
                });
            });
            const syncing = await sample(
                settings(url, [], { receiptsKept: parsePromise("from:1") }),
            );
            await close();
            expect(syncing.execution.syncing).to.equal(true);
            expect(syncing.history).to.equal(undefined);
        });

        it("reads the promise from the container environment, and refuses a malformed one", () => {
            expect(parsePromise("from:22431084")).to.deep.equal({
                kind: "from",
                block: 22_431_084,
            });
            expect(parsePromise("newest:10064")).to.deep.equal({ kind: "newest", blocks: 10_064 });
            expect(() => parsePromise("prague")).to.throw(
                'RECEIPTS_KEPT "prague" is not from:<block> or newest:<blocks>',
            );
        });
    });

    describe("metric publishing (moto server's CloudWatch)", () => {
        let moto: Moto;
        before(async () => {
            moto = await sharedMoto();
        });

        it("publishes every metric with stack and network dimensions, readable back", async () => {
            const synced = await node();
            const ahead = await anvil();
            await ahead.call("anvil_mine", ["0x4"]);
            const cw = new CloudWatchClient(localClientConfig(moto.url));
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-"));
            await tick(settings(synced, [ahead.url], { dataDir: dir }), cw, () => undefined);
            fs.rmSync(dir, { recursive: true });
            const names = [
                "HeadBlock",
                "HeadAgeSeconds",
                "LagBlocks",
                "PeerCount",
                "BeaconSyncDistance",
                "Ready",
                "VolumeUsedPercent",
            ];
            const out = await cw.send(
                new GetMetricDataCommand({
                    StartTime: new Date(Date.now() - 600_000),
                    EndTime: new Date(Date.now() + 600_000),
                    MetricDataQueries: names.map((name, i) => ({
                        Id: `m${i}`,
                        MetricStat: {
                            Metric: {
                                Namespace: METRIC_NAMESPACE,
                                MetricName: name,
                                Dimensions: [
                                    { Name: "Stack", Value: "parity-mainnet/test" },
                                    { Name: "Network", Value: "mainnet" },
                                ],
                            },
                            Period: 60,
                            Stat: "Maximum",
                        },
                    })),
                }),
            );
            const read = Object.fromEntries(
                out.MetricDataResults!.map((r) => [names[Number(r.Id!.slice(1))], r.Values![0]]),
            );
            expect(read).to.include({
                HeadBlock: 0,
                LagBlocks: 4,
                PeerCount: 25,
                BeaconSyncDistance: 0,
                Ready: 1,
            });
            expect(read.HeadAgeSeconds).to.be.lessThan(30);
            expect(read.VolumeUsedPercent).to.be.within(0, 100);
        });
    });

    it("reads its settings from the container environment and names a missing variable", () => {
        const env = {
            BEACON_URL: "http://127.0.0.1:5052",
            MAX_HEAD_AGE_SECONDS: "60",
            MIN_PEERS: "3",
            STACK: "s",
            NETWORK: "mainnet",
            READY_PORT: "8080",
            REFERENCE_RPC_URLS: "https://a https://b",
        };
        expect(settingsFromEnv(env)).to.deep.include({
            rpcUrl: "http://127.0.0.1:8545",
            referenceRpcUrls: ["https://a", "https://b"],
            thresholds: { maxHeadAgeSeconds: 60, minPeers: 3 },
        });
        expect(() => settingsFromEnv({ ...env, MIN_PEERS: "" })).to.throw(
            "environment variable MIN_PEERS is not set",
        );
    });

    it("adds a Node dimension to every metric when the stack runs several nodes", () => {
        const data = metricData(
            { ready: true, reasons: [], headBlock: 5 },
            {},
            { stack: "p/s", network: "mainnet", node: "node-n2" },
            new Date(0),
        );
        for (const datum of data) {
            expect(datum.Dimensions).to.deep.include({ Name: "Node", Value: "node-n2" });
        }
        const single = metricData(
            { ready: true, reasons: [] },
            {},
            { stack: "p/s", network: "mainnet" },
            new Date(0),
        );
        expect(single[0]!.Dimensions!.map((d) => d.Name)).to.deep.equal(["Stack", "Network"]);
    });
});
