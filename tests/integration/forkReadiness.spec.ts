import { expect } from "chai";
import {
    compareBeacon,
    compareExecution,
    beaconApiUrl,
    describeForkReadiness,
    forkReadiness,
} from "../../monitor/forkReadiness";
import { metricData } from "../../monitor/metrics";
import { evaluate } from "../../monitor/readiness";
import { alarmSpecs } from "../../components/monitoring/alarms";
import { startAnvil, Anvil } from "../anvil";
import { listen, deadUrl, LocalServer } from "../localServers";

/**
 * The monitor's fork readiness: the node's own schedule (anvil's real eth_config; a beacon stand-in)
 * against references that schedule the same forks, a fork it lacks, or cannot be reached.
 */

const HOODI_GLAMSTERDAM = 1_797_361_944;
const NOW = Date.UTC(2026, 11, 7) / 1000;

/** An eth_config answer (EIP-7910) whose newest fork activates at `last`. */
const ethConfigAnswer = (last?: number) => ({
    current: { activationTime: 0, forkId: "0x00000000" },
    next: last === undefined ? null : { activationTime: last, forkId: "0xfeedf00d" },
    last: last === undefined ? null : { activationTime: last, forkId: "0xfeedf00d" },
});

/** A JSON-RPC server answering eth_config with `answer`. */
const rpcStandIn = (answer: object) =>
    listen((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => {
            const { id } = JSON.parse(body);
            res.writeHead(200, { "content-type": "application/json" }).end(
                JSON.stringify({ jsonrpc: "2.0", id, result: answer }),
            );
        });
    });

/** A beacon API answering /eth/v1/config/fork_schedule with forks at these epochs (Gloas at 143616 on hoodi). */
const beaconStandIn = (epochs: Record<string, string>) =>
    listen((req, res) => {
        if (req.url !== "/eth/v1/config/fork_schedule") {
            res.writeHead(404).end();
            return;
        }
        const data = Object.entries(epochs).map(([version, epoch]) => ({
            previous_version: "0x00000000",
            current_version: version,
            epoch,
        }));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
    });

const FULU = { "0x70000910": "50688" };
const GLOAS = { ...FULU, "0x80000910": "143616" };
const GLOAS_UNSCHEDULED = { ...FULU, "0x80000910": "18446744073709551615" };

describe("fork readiness: the node's own fork schedule against the network's", function () {
    this.timeout(60000);
    const servers: LocalServer[] = [];
    let node: Anvil;
    let beacon: LocalServer;
    const serve = async (s: Promise<LocalServer>) => {
        const server = await s;
        servers.push(server);
        return server.url;
    };
    before(async () => {
        node = await startAnvil();
        beacon = await beaconStandIn(GLOAS_UNSCHEDULED);
        servers.push(beacon);
    });
    after(async () => {
        await Promise.all(servers.map((s) => s.close()));
        await node.stop();
    });

    const check = (referenceRpcUrls: string[], beaconReferenceUrls: string[] = []) =>
        forkReadiness(
            {
                network: "hoodi",
                rpcUrl: node.url,
                beaconUrl: beacon.url,
                referenceRpcUrls,
                beaconReferenceUrls,
                timeoutMs: 2000,
            },
            NOW * 1000,
        );

    it("is ready when the references schedule what the node schedules (anvil's own eth_config against another anvil's)", async () => {
        const other = await startAnvil();
        try {
            const r = await check([other.url]);
            expect(r.status).to.equal("ready");
            expect(r.notes[0]).to.equal("execution (eth_config): agrees with 1 reference(s)");
        } finally {
            await other.stop();
        }
    });

    it("names the first fork the network schedules and the node does not, with its time and the days left", async () => {
        const reference = await serve(rpcStandIn(ethConfigAnswer(HOODI_GLAMSTERDAM)));
        const r = await check([reference]);
        expect(r.status).to.equal("gap");
        expect(r.gap).to.deep.equal({
            layer: "execution",
            kind: "missing",
            time: HOODI_GLAMSTERDAM,
            name: "Glamsterdam",
        });
        expect(r.daysLeft).to.equal(8.8);
        expect(describeForkReadiness(r)).to.equal(
            "fork readiness: the network schedules Glamsterdam at 2026-12-15 19:12:24 UTC and this node's execution client does not (8.8 days); bump executionVersion to a release that schedules the network's forks",
        );
    });

    it("finds the same on the beacon side, against a checkpoint server that schedules Gloas", async () => {
        const checkpoint = await serve(beaconStandIn(GLOAS));
        const r = await check([], [checkpoint]);
        expect(r.gap).to.deep.equal({
            layer: "consensus",
            kind: "missing",
            time: HOODI_GLAMSTERDAM,
            name: "Glamsterdam",
        });
    });

    it("says unknown, never ready, when no reference answers or none is configured", async () => {
        const unreachable = await check([await deadUrl()]);
        expect(unreachable.status).to.equal("unknown");
        expect(unreachable.notes[0]).to.equal("execution (eth_config): no reference answered");
        expect((await check([])).status).to.equal("unknown");
    });

    it("says unknown when the references disagree with each other", async () => {
        const ahead = await serve(rpcStandIn(ethConfigAnswer(HOODI_GLAMSTERDAM)));
        const same = await serve(rpcStandIn(ethConfigAnswer()));
        expect((await check([ahead, same])).status).to.equal("unknown");
    });

    it("publishes ForkReady 1 or 0 and the days left, and nothing when unknown, so the alarm reads no data as unknown", async () => {
        const publish = async (referenceRpcUrls: string[]) => {
            const forks = await check(referenceRpcUrls);
            const names = metricData(
                { ready: true, reasons: [] },
                { forks },
                { stack: "s", network: "hoodi" },
                new Date(NOW * 1000),
            ).map((d) => `${d.MetricName}=${d.Value}`);
            return names.filter((n) => n.startsWith("Fork") || n.startsWith("DaysTo"));
        };
        expect(
            await publish([await serve(rpcStandIn(ethConfigAnswer(HOODI_GLAMSTERDAM)))]),
        ).to.deep.equal(["ForkReady=0", "DaysToForkGap=8.8"]);
        expect(await publish([await serve(rpcStandIn(ethConfigAnswer()))])).to.deep.equal([
            "ForkReady=1",
        ]);
        expect(await publish([await deadUrl()])).to.deep.equal([]);
        const alarm = alarmSpecs({ maxHeadAgeSeconds: 60, minPeers: 3, diskAlarmPercent: 90 }).find(
            (a) => a.name === "fork-readiness",
        )!;
        expect(alarm).to.deep.include({
            metric: "ForkReady",
            threshold: 1,
            treatMissingData: "missing",
        });
    });

    it("serves the finding on /ready without making a serving node unready", async () => {
        const forks = await check([await serve(rpcStandIn(ethConfigAnswer(HOODI_GLAMSTERDAM)))]);
        const r = evaluate(
            {
                at: NOW * 1000,
                execution: {
                    reachable: true,
                    syncing: false,
                    headBlock: 9,
                    headTimestamp: NOW,
                    peers: 9,
                },
                beacon: {
                    reachable: true,
                    isSyncing: false,
                    isOptimistic: false,
                    elOffline: false,
                },
                reference: { answered: 0, failed: [] },
                forks,
            },
            { maxHeadAgeSeconds: 60, minPeers: 3 },
        );
        expect(r.ready).to.equal(true);
        expect(r.forks).to.match(
            /^fork readiness: the network schedules Glamsterdam at 2026-12-15 19:12:24 UTC/,
        );
    });
});

describe("a checkpoint server's beacon API address", () => {
    it("puts the path before a query string, so a provider's key stays a key", () => {
        expect(
            beaconApiUrl("https://b.example.org/?apikey=k", "/eth/v1/config/fork_schedule"),
        ).to.equal("https://b.example.org/eth/v1/config/fork_schedule?apikey=k");
        expect(beaconApiUrl("https://b.example.org/base/", "/eth/v1/x")).to.equal(
            "https://b.example.org/base/eth/v1/x",
        );
    });
});

describe("fork schedule comparison", () => {
    const at = (last: number, forkId = "0x1") => ({
        current: { activationTime: 0, forkId: "0x0" },
        next: null,
        last: { activationTime: last, forkId },
    });

    it("reads a fork the node schedules and the network does not as a split at its time", () => {
        expect(compareExecution(at(2_000), at(1_000))).to.deep.equal({
            layer: "execution",
            kind: "extra",
            time: 2_000,
        });
        expect(compareBeacon([{ version: "0x1", epoch: 10 }], [], "mainnet")).to.deep.include({
            kind: "extra",
        });
    });

    it("compares a node still before every timestamp fork, whose eth_config has no current fork (geth at genesis)", () => {
        const atGenesis = { current: null, next: at(1_000).last, last: at(2_000).last };
        expect(compareExecution(atGenesis, at(2_000))).to.equal(undefined);
        expect(compareExecution(atGenesis, at(3_000))).to.deep.include({
            kind: "missing",
            time: 3_000,
        });
    });

    it("reads the same time with another fork id as a schedule that differs there", () => {
        expect(compareExecution(at(1_000, "0xa"), at(1_000, "0xb"))).to.deep.equal({
            layer: "execution",
            kind: "missing",
            time: 1_000,
        });
        expect(compareExecution(at(1_000), at(1_000))).to.equal(undefined);
    });
});
