import { expect } from "chai";
import {
    formatPlan,
    buildPlan as buildStackPlan,
    planFor as planForConfig,
    main as planMain,
    Plan,
    PlanOptions,
} from "../tools/plan";
import {
    monthlyCost,
    recovery,
    regionPrices,
    instanceHourly,
    DEFAULT_ASSUMPTIONS,
} from "../domain/plan";
import { resolveProfile } from "../domain/profile";
import { ProfileOverrides } from "../config/types";
import { clientPair } from "../catalog/clients";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";
import { CATCH_UP_ON_EBS } from "../catalog/chain";
import { PricingClient } from "@aws-sdk/client-pricing";
import { listen } from "./localServers";
import { localClientConfig } from "./moto";
import { captureIo, errorOf, runConfig } from "./helpers";

const costOf = (plan: Plan, profile: string) =>
    Object.fromEntries(plan.cost.profiles[profile]!.map((l) => [l.item, l.usd]));
const config = (extra: Record<string, string>) => ({
    "aws:region": "us-east-1",
    "parity-mainnet:dnsName": "rpc.eth.acme-chain.net",
    ...extra,
});

// Every plan in these tests shares the program run of its config.
const shared: PlanOptions = { run: (config, mock) => runConfig(config, mock) };
const buildPlan = (stack: string, options: PlanOptions = {}) =>
    buildStackPlan(stack, { ...shared, ...options });
const planFor = (stack: string, all: Record<string, string>, options: PlanOptions = {}) =>
    planForConfig(stack, all, { ...shared, ...options });
/** Runs the CLI in process; returns what it printed on stdout. */
async function main(argv: string[]): Promise<string[]> {
    const { io, out } = captureIo();
    const code = await planMain(argv, io, shared);
    expect(code).to.equal(0);
    return out;
}

describe("npm run plan", function () {
    this.timeout(60000);

    it("prices the mainnet stack's steady node with every running cost (checked by hand against catalog/prices.ts)", async () => {
        const plan = await buildPlan("mainnet");
        // geth-teku, minimal: 580 GiB (geth) measured 2026-04 + 7 months × 34.7 GiB, + 62 GiB of
        // whole-history indexes, + teku's 80 GiB = 972 GiB today; + 3 months' growth → 1090 GiB.
        // steady: r6g.xlarge 0.2016 × 730 = 147.168; 1090 × 0.08; 3000 IOPS (geth's, assumed) and
        // 125 MiB/s included; snapshots every 4 h kept 7 days (972 + 37.9 / 30.44 × 5 × 7 = 1015.6)
        // × 0.05 = 50.78; IPv4 0.005 × 730; the 40 GiB root volume × 0.08; one zone at 0.50;
        // 12 metrics × 0.30 + 8 alarms × 0.10 + 1 dashboard × 3; logs 0.5 GB × 0.50 + 0.5 GB kept
        // 30 days × 0.03; egress 50 × 12.2 + 100 × 4.5 = 1060 GiB × 0.09 = 95.40 at the high end.
        expect(costOf(plan, "steady")).to.deep.equal({
            instance: 147.17,
            "EBS storage": 87.2,
            "provisioned IOPS": 0,
            "provisioned throughput": 0,
            "snapshots (estimate)": 50.78,
            "public IPv4": 3.65,
            "root volumes": 3.2,
            "hosted zone": 0.5,
            "CloudWatch metrics and alarms": 7.4,
            "CloudWatch logs (estimate)": 0.26,
            "node total (excluding egress)": 300.16,
            "P2P egress": 95.4,
            total: 395.56,
        });
        // fast-sync: c7i.4xlarge 0.714 × 730; (16000 − 3000) × 0.005; (590 − 125) × 0.04.
        expect(costOf(plan, "fast-sync")).to.include({
            instance: 521.22,
            "provisioned IOPS": 65,
            "provisioned throughput": 18.6,
            "node total (excluding egress)": 757.81,
        });
        // The first sync: geth minimal's 12 h × 757.81 / 730.
        expect(plan.cost.firstSync).to.include({ usd: 12.46 });
        expect(plan.cost.pricesVerified).to.equal(true);
    });

    it("counts the running costs from what the program registers, per node and per stack", async () => {
        const plan = await planFor("x", config({ "parity-mainnet:nodeCount": "2" }));
        const basis = (item: string) =>
            plan.cost.profiles.steady!.find((l) => l.item === item)!.basis;
        expect(basis("root volumes")).to.match(/^80 GiB gp3/);
        expect(basis("hosted zone")).to.match(/^1 Route 53 zone/);
        // Eight alarms a node, and a degraded and a down alarm for each of the two target groups.
        expect(basis("CloudWatch metrics and alarms")).to.match(
            /^24 custom metrics at \$0.3, 20 alarms at \$0.1, 1 dashboard at \$3/,
        );
        expect(basis("CloudWatch logs (estimate)")).to.match(/^1 GB\/month ingested/);
    });

    it("lists the source of every figure it rests on", async () => {
        const plan = await buildPlan("mainnet");
        expect(plan.sources.map((x) => x.what)).to.deep.equal([
            "volume size",
            "steady IOPS at head",
            "steady instance",
            "snapshot churn",
            "P2P egress",
            "fewest consensus peers",
            "first sync",
            "history: block bodies and transactions",
            "history: receipts and logs (eth_getLogs)",
            "history: transaction lookup by hash",
            "history: state at an old block (eth_call, eth_getBalance)",
            "history: traces (debug_trace*, trace_*)",
            "catch-up rate",
            "replace time",
        ]);
        const source = (what: string) => plan.sources.find((x) => x.what === what)!.source;
        expect(source("volume size")).to.contain("eth-docker ResourceUsage.md (geth 1.17.2)");
        expect(source("steady IOPS at head")).to.contain("swannynode");
        expect(source("steady instance")).to.contain("~8 GiB after sync");
        expect(source("P2P egress")).to.contain("go-ethereum#30517");
        expect(source("snapshot churn")).to.contain("assumed");
        expect(source("fewest consensus peers")).to.contain("D_low 6");
        expect(source("catch-up rate")).to.contain("go-ethereum#22528");
        expect(source("P2P egress")).to.contain("Consensys/teku#9745");
    });

    it("names the steady type the rule picks for the stack's own pair, with both clients' sources", async () => {
        const plan = await planFor("x", config({ "parity-mainnet:client": "reth-teku" }));
        const source = plan.sources.find((x) => x.what === "steady instance")!.source;
        expect(source).to.contain(": r6g.xlarge for reth-teku;");
        expect(source).to.contain("(reth 2.1.0, Apr 2026): ~14 GiB");
        expect(source).to.contain("(teku 26.4.0, Apr 2026): ~10 GiB");
        expect(source).to.not.contain("lighthouse");
    });

    it("states the network's newest fork and that both releases schedule every fork of it", async () => {
        const plan = await buildPlan("sepolia");
        expect(formatPlan(plan)).to.contain(
            "forks      sepolia's newest: Glamsterdam at 2026-10-06 13:53:36 UTC; both releases schedule every sepolia fork (catalog/forks.ts)",
        );
    });

    it("shows each client's release, the newest the catalog knows, what it schedules, where that was read, and its security notes", async () => {
        const plan = await planFor(
            "x",
            config({
                "parity-mainnet:client": "reth-teku",
                "parity-mainnet:consensusVersion": "26.9.1",
            }),
        );
        expect(
            plan.releases.map((r) => [
                r.client,
                r.runs,
                r.newestKnown,
                r.forks,
                r.scheduleFrom,
                r.flagsCheckedAt,
            ]),
        ).to.deep.equal([
            [
                "Reth",
                "v2.10.1",
                "v2.10.1",
                "Fusaka, BPO1, BPO2",
                "release notes",
                "v2.5.1 (v2.10.1's source is not readable here)",
            ],
            ["Teku", "26.9.1", "26.10.2", "Fusaka, BPO1, BPO2", "release notes", "unchecked"],
        ]);
        const lighthouse = await planFor(
            "x",
            config({ "parity-mainnet:consensusVersion": "v8.3.3" }),
        );
        expect(formatPlan(lighthouse)).to.contain(
            "security: Lighthouse v8.3.3: a high-priority patch release containing security fixes",
        );
    });

    it("shows egress as a range from the configured peer limits", async () => {
        const plan = await planFor(
            "x",
            config({
                "parity-mainnet:client": "geth-lighthouse",
                "parity-mainnet:executionMaxPeers": "25",
                "parity-mainnet:consensusTargetPeers": "50",
            }),
        );
        const egress = plan.cost.profiles.steady!.find((l) => l.item === "P2P egress")!;
        // 25 × 12.2 + 50 × 4.5 = 530 GiB × 0.09 = 47.70; low 25 × 0.24 + 50 × 4.5 = 231 GiB → 20.79.
        expect(egress.usd).to.equal(47.7);
        expect(egress.basis).to.match(/^\$20\.79–47\.70: 231–530 GiB\/month/);
        expect(egress.basis).to.contain(
            "Geth 25 peers × 0.24–12.2 GiB + Lighthouse 50 peers × 4.5 GiB",
        );
    });

    it("shows what each peer setting costs: the runs rows add up to the egress line, the fewest follow minPeers and gossipsub's D_low", async () => {
        const plan = await planFor(
            "x",
            config({
                "parity-mainnet:client": "geth-lighthouse",
                "parity-mainnet:minPeers": "5",
                "parity-mainnet:executionMaxPeers": "25",
                "parity-mainnet:consensusTargetPeers": "50",
            }),
        );
        const rows = plan.peers.map((r) => [r.client, r.setting.split(" (")[0], r.peers]);
        expect(rows).to.deep.equal([
            ["Geth", "runs", 25],
            ["Geth", "the client's own default", 50],
            ["Geth", "fewest allowed", 5],
            ["Lighthouse", "runs", 50],
            ["Lighthouse", "the client's own default", 200],
            ["Lighthouse", "fewest allowed", GOSSIP_MESH_LOW.value],
        ]);
        const runs = plan.peers.filter((r) => r.setting.startsWith("runs"));
        const egress = plan.cost.profiles.steady!.find((l) => l.item === "P2P egress")!;
        const highUsd = runs.reduce((sum, r) => sum + r.highUsd!, 0);
        expect(highUsd).to.be.closeTo(egress.usd, 0.005);
        expect(formatPlan(plan)).to.match(
            /\nLighthouse +fewest allowed \(gossipsub's mesh low watermark D_low\) +6 +27 +\$2\.43\n/,
        );
    });

    it("says a testnet's egress rests on mainnet's figures, assumed, and mainnet's does not", async () => {
        const egressSource = async (stack: string) =>
            (await buildPlan(stack)).sources.find((x) => x.what === "P2P egress")!.source;
        expect(await egressSource("sepolia")).to.match(
            /^mainnet's figures \(assumed for sepolia: no testnet measurement/,
        );
        expect(await egressSource("mainnet")).to.not.contain("assumed for");
    });

    describe("states the history the stack serves, one row per capability", () => {
        const today = new Date("2026-11-30T00:00:00Z");
        const rowsOf = async (extra: Record<string, string>) => {
            const plan = await planForConfig("x", config(extra), { ...shared, today });
            return Object.fromEntries(plan.history.rows.map((r) => [r.capability, r]));
        };

        it("for geth post-Prague: receipts and logs from block 22,431,084, 572 days back", async () => {
            const rows = await rowsOf({});
            const logs = rows["receipts and logs (eth_getLogs)"]!;
            expect(logs.reaches).to.equal("from Prague (block 22,431,084, 2025-05-07)");
            expect(Math.round(logs.days!)).to.equal(572);
            expect(logs.source).to.contain("go-ethereum v1.17.10 core/history/historymode.go");
        });

        it("for reth full: receipts, logs, state and traces over the newest 10,064 blocks, about 1.4 days", async () => {
            const rows = await rowsOf({
                "parity-mainnet:client": "reth-lighthouse",
                "parity-mainnet:nodeMode": "full",
                "parity-mainnet:logsFrom": "head-10064",
            });
            for (const capability of [
                "receipts and logs (eth_getLogs)",
                "state at an old block (eth_call, eth_getBalance)",
                "traces (debug_trace*, trace_*)",
            ]) {
                expect(rows[capability]!.reaches, capability).to.equal("the newest 10,064 blocks");
                expect(rows[capability]!.days!.toFixed(2)).to.equal("1.40");
            }
            expect(rows["block bodies and transactions"]!.reaches).to.match(/^from the merge/);
        });

        it("prints the rows in the text plan", async () => {
            const text = formatPlan(await planForConfig("x", config({}), { ...shared, today }));
            expect(text).to.match(/History served \(logsFrom asks for Prague \(block 22,431,084\)/);
            expect(text).to.match(
                /receipts and logs \(eth_getLogs\) +from Prague \(block 22,431,084, 2025-05-07\) +~572 days/,
            );
        });
    });

    it("prices eu-central-1 from its own table and says the table is unverified", async () => {
        const plan = await planFor(
            "frankfurt",
            config({
                "aws:region": "eu-central-1",
                "parity-mainnet:profile": "steady",
                "parity-mainnet:profiles": JSON.stringify({
                    steady: { instanceType: "r7i.xlarge" },
                }),
            }),
        );
        // r7i.xlarge 0.3175 × 730 = 231.775 → 231.78 (rounded to cents); 1030 × 0.0952 = 98.056.
        expect(costOf(plan, "steady")).to.include({ instance: 231.78, "EBS storage": 98.06 });
        expect(plan.cost.pricesVerified).to.equal(false);
        const text = await main(["--stack", "sepolia"]);
        expect(text[0]).to.not.contain("unverified");
    });

    it("prices io2 and gp2 volumes by their own rules", () => {
        // The monthly lines of a fast-sync reth-lighthouse node whose volume is overridden.
        const linesFor = (overrides: ProfileOverrides) =>
            Object.fromEntries(
                monthlyCost(
                    {
                        profile: resolveProfile({
                            profile: "fast-sync",
                            client: clientPair("reth-lighthouse"),
                            network: "mainnet",
                            nodeMode: "full",
                            overrides,
                            hasSnapshot: false,
                        }).resolved,
                        region: "us-east-1",
                        usedGiB: 1150,
                        snapshots: { intervalHours: 24, retainCount: 7 },
                        growthGiBPerMonth: 35.7,
                        egress: {
                            lowGiB: 0,
                            highGiB: 0,
                            basis: "none",
                            sources: "none",
                            perPeer: [],
                        },
                    },
                    DEFAULT_ASSUMPTIONS,
                ).map((l) => [l.item, l.usd]),
            );
        // node-facts' worked example: io2 1.5 TiB at 16k IOPS ≈ $192 + $1,040.
        expect(linesFor({ volumeType: "io2", iops: 16000, volumeSizeGiB: 1536 })).to.include({
            "EBS storage": 192,
            "provisioned IOPS": 1040,
            "provisioned throughput": 0,
        });
        expect(linesFor({ volumeType: "gp2", volumeSizeGiB: 2000 })).to.include({
            "EBS storage": 200,
            "provisioned IOPS": 0,
        });
    });

    it("takes egress and churn assumptions from the command line", async () => {
        const lines = await main([
            "--stack",
            "mainnet",
            "--json",
            "--egress-gib",
            "3000",
            "--churn-gib",
            "0",
        ]);
        const plan = JSON.parse(lines[0]!) as Plan;
        expect(costOf(plan, "steady")["P2P egress"]).to.equal(270);
        // 972 GiB × 0.05, no churn
        expect(costOf(plan, "steady")["snapshots (estimate)"]).to.equal(48.6);
        expect(await errorOf(() => main(["--stack", "mainnet", "--egress-gib", "lots"]))).to.equal(
            '--egress-gib takes a non-negative number, got "lots"',
        );
    });

    it("shows who reaches each port, from the registered groups and rules", async () => {
        const plan = await buildPlan("mainnet");
        const from = (source: string) =>
            plan.exposure.filter((e) => e.from === source).map((e) => e.port);
        expect(from("internet")).to.have.members([
            "30303/tcp",
            "30303/udp",
            "9000/tcp",
            "9000/udp",
            "9001/udp",
        ]);
        expect(from("access security group")).to.have.members(["8545/tcp", "8546/tcp", "8080/tcp"]);
        expect(from("host only (127.0.0.1)")).to.have.members([
            "8551/tcp",
            "6060/tcp",
            "5052/tcp",
            "5054/tcp",
        ]);
    });

    it("models recovery: 1.2 TiB at 300 MiB/s is about 70 minutes of initialization", () => {
        const rows = recovery(
            {
                usedGiB: 1228.8,
                initializationRateMiBps: 300,
                snapshotIntervalHours: 24,
                freshSync: { hours: 72, basis: "72 h on mainnet" },
            },
            { ...DEFAULT_ASSUMPTIONS, catchUpBlocksPerSecond: 10 },
        );
        // 1228.8 GiB × 1024 / 300 MiB/s / 60 = 69.9 min
        expect(rows[1]!.parts[1]!.minutes).to.equal(70);
        // 8 min + 70 min + (86400 s + 4194 s) / 12 s per block / 10 blocks/s / 60 = 12.6 → 13 min
        expect(rows[1]!.minutes).to.equal(8 + 70 + 13);
        // 8 min + 480 s / 12 / 10 / 60 = 0.07 min
        expect(rows[0]!.minutes).to.equal(8);
        expect(rows[2]!.minutes).to.equal(4320);
    });

    it("restores from a snapshot in another zone within 80 minutes at the catch-up rate measured on EBS, on every committed stack", async () => {
        for (const stack of ["mainnet", "sepolia"]) {
            const plan = await buildPlan(stack);
            const restore = plan.recovery.find((r) => r.scenario.startsWith("from a snapshot"))!;
            expect(plan.assumptions.catchUpBlocksPerSecond).to.equal(CATCH_UP_ON_EBS.value);
            expect(restore.minutes, stack).to.be.at.most(80);
        }
    });

    it("explains every recovery row's whole total: its parts add up to it, and its text shows the sum", async () => {
        for (const stack of ["mainnet", "sepolia"]) {
            for (const r of (await buildPlan(stack)).recovery) {
                const sum = r.parts.reduce((total, p) => total + p.minutes, 0);
                expect(sum, r.scenario).to.equal(r.minutes);
                const shown = [...r.assumptions.matchAll(/(\d+) min /g)].map((m) => Number(m[1]));
                expect(
                    shown.reduce((a, b) => a + b, 0),
                    r.assumptions,
                ).to.equal(r.minutes);
                expect(r.assumptions).to.match(new RegExp(`= ${r.minutes} min$`));
            }
        }
    });

    it("sizes a fresh sync per client, network and mode, from the catalog's sourced mainnet figure", async () => {
        const sepolia = (await buildPlan("sepolia")).recovery[2]!;
        const mainnet = (await buildPlan("mainnet")).recovery[2]!; // the same pair and mode as sepolia
        expect(sepolia.minutes).to.be.below(mainnet.minutes * 0.6);
        expect(sepolia.assumptions).to.contain("for sepolia");
        expect(mainnet.assumptions).to.contain("eth-docker");
    });

    it("plans a real instance type its table lacks, saying it estimated it, and a Graviton one", async () => {
        const plan = await planFor(
            "x",
            config({
                "parity-mainnet:profiles": JSON.stringify({
                    steady: { instanceType: "r6id.xlarge" },
                }),
            }),
        );
        expect(plan.offline).to.deep.equal([
            "r6id.xlarge is not in the offline instance table: its memory (32768 MiB) and architecture (x86_64) are estimated from AWS's naming convention; AWS checks them at preview",
        ]);
        expect(formatPlan(plan)).to.contain(
            "NOTE: r6id.xlarge is not in the offline instance table",
        );
        expect(plan.cost.unknown).to.match(
            /^no price for instance type "r6id.xlarge" in us-east-1/,
        );
        // A Graviton type is planned like any other; its price comes from the dated table.
        const graviton = await planFor(
            "x",
            config({
                "parity-mainnet:profiles": JSON.stringify({
                    steady: { instanceType: "r7g.xlarge" },
                }),
            }),
        );
        expect(costOf(graviton, "steady").instance).to.equal(156.37); // 0.2142 × 730
    });

    it("says it did not look up the restore snapshot, which only AWS can check", async () => {
        const plan = await planFor(
            "x",
            config({ "parity-mainnet:chainSnapshotId": "snap-0123456789abcdef0" }),
        );
        expect(plan.offline).to.deep.equal([
            "snap-0123456789abcdef0 was not looked up: AWS checks at preview that it exists and that the volume is at least its size",
        ]);
    });

    it("reports an unknown region, an unknown instance type and a bad stack name clearly", async () => {
        expect(() => regionPrices("ap-south-1")).to.throw(
            'no price table for region "ap-south-1"; known: us-east-1, eu-central-1; run with --live-prices for instance prices from the AWS Price List API and us-east-1\'s table for the other unit prices (an approximation), or add a table to catalog/prices.ts',
        );
        expect(() =>
            instanceHourly(regionPrices("us-east-1"), "us-east-1", "x2iedn.32xlarge"),
        ).to.throw('no price for instance type "x2iedn.32xlarge" in us-east-1; known: t2.medium');
        // A region without a price table still gets the node, exposure and recovery sections.
        const unpriced = await planFor("x", config({ "aws:region": "ap-south-1" }));
        expect(unpriced.cost.unknown).to.contain('no price table for region "ap-south-1"');
        expect(unpriced.exposure.length).to.be.greaterThan(5);
        expect(unpriced.recovery).to.have.length(3);
        expect(formatPlan(unpriced)).to.contain(
            "Monthly cost in ap-south-1: unknown (no price table",
        );
        expect(await errorOf(() => buildPlan("nope"))).to.match(
            /^no stack file for stack "nope"; known stacks: /,
        );
    });

    it("prints a gp2 volume's performance as the type gives it, never a placeholder", async () => {
        const plan = await planFor(
            "x",
            config({
                "parity-mainnet:profile": "steady",
                "parity-mainnet:profiles": JSON.stringify({ steady: { volumeType: "gp2" } }),
            }),
        );
        const volume = formatPlan(plan)
            .split("\n")
            .find((l) => l.startsWith("volume "))!;
        expect(volume).to.match(
            /^volume +gp2, \d+ GiB, IOPS from its size, throughput from the type,/,
        );
        expect(volume).to.not.contain("baseline");
    });

    it("says what one peer more or less costs for each client, from the figures it sums", async () => {
        const plan = await buildPlan("mainnet");
        const egress = plan.cost.profiles.steady!.find((l) => l.item === "P2P egress")!;
        // geth 0.24–12.2 GiB a peer and teku 4.5 GiB, at $0.09/GiB.
        expect(egress.basis).to.match(
            /a peer more or less: Geth \$0\.02–\$1\.10, Teku \$0\.40 a month$/,
        );
    });

    it("gives the same data as JSON and as a table", async () => {
        const lines = [
            ...(await main(["--stack", "mainnet", "--json"])),
            ...(await main(["--stack", "mainnet"])),
        ];
        const plan = JSON.parse(lines[0]!) as Plan;
        expect(plan.node).to.deep.include({
            network: "mainnet",
            client: "geth-teku",
            nodeMode: "minimal",
            profile: "fast-sync",
            instanceType: "c7i.4xlarge",
        });
        for (const line of plan.cost.profiles["fast-sync"]!) {
            expect(lines[1]).to.contain(line.usd.toFixed(2));
        }
        expect(lines[1]).to.contain("from a snapshot in another zone");
    });

    /**
     * A Price List API on loopback answering GetProducts with one on-demand price per instance
     * type (c7i.4xlarge $0.70, any other $0.25), in the shape AWS returns: PriceList holds JSON strings.
     */
    async function withPriceListApi(
        run: (pricing: PricingClient, requests: any[]) => Promise<void>,
    ): Promise<void> {
        const requests: any[] = [];
        const api = await listen((req, res) => {
            let body = "";
            req.on("data", (d) => (body += d));
            req.on("end", () => {
                requests.push({ target: req.headers["x-amz-target"], body: JSON.parse(body) });
                const type = JSON.parse(body).Filters.find(
                    (f: any) => f.Field === "instanceType",
                ).Value;
                const usd = type === "c7i.4xlarge" ? "0.7000000000" : "0.2500000000";
                const product = {
                    terms: {
                        OnDemand: { t: { priceDimensions: { d: { pricePerUnit: { USD: usd } } } } },
                    },
                };
                res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(
                    JSON.stringify({
                        FormatVersion: "aws_v1",
                        PriceList: [JSON.stringify(product)],
                    }),
                );
            });
        });
        try {
            await run(new PricingClient(localClientConfig(api.url)), requests);
        } finally {
            await api.close();
        }
    }

    it("uses the AWS Price List API for instance prices with --live-prices, and says so", async () => {
        await withPriceListApi(async (pricing, requests) => {
            const plan = await buildPlan("mainnet", { pricing });
            expect(costOf(plan, "fast-sync").instance).to.equal(511); // 0.70 × 730
            expect(costOf(plan, "steady").instance).to.equal(182.5); // 0.25 × 730
            expect(plan.cost.live).to.equal(true);
            expect(plan.cost.priceSource).to.match(
                /^AWS Price List API for instances; the repository's table for the rest \(AWS list prices collected/,
            );
            expect(plan.cost.profiles["fast-sync"]![0]!.basis).to.contain("(Price List API)");
            expect(requests[0].target).to.equal("AWSPriceListService.GetProducts");
            expect(requests[0].body.Filters).to.deep.include({
                Type: "TERM_MATCH",
                Field: "regionCode",
                Value: "us-east-1",
            });
        });
    });

    it("prices a region without a table with --live-prices: instances live, every other line at us-east-1's unit prices, marked as an approximation", async () => {
        await withPriceListApi(async (pricing, requests) => {
            const plan = await planFor("x", config({ "aws:region": "ap-south-1" }), { pricing });
            expect(plan.cost.unknown).to.equal(undefined);
            expect(costOf(plan, "steady").instance).to.equal(182.5);
            const usEast1 = await planFor("x", config({}));
            expect(costOf(plan, "steady")["EBS storage"]).to.equal(
                costOf(usEast1, "steady")["EBS storage"],
            );
            expect(plan.cost.pricesVerified).to.equal(false);
            expect(plan.cost.priceSource).to.match(
                /^no table for ap-south-1: instances from the AWS Price List API; .* at us-east-1's unit prices, an approximation/,
            );
            expect(formatPlan(plan)).to.contain(
                "NOTE: instance prices are the Price List API's; the other unit prices are not verified for this region.",
            );
            for (const request of requests) {
                expect(request.body.Filters).to.deep.include({
                    Type: "TERM_MATCH",
                    Field: "regionCode",
                    Value: "ap-south-1",
                });
            }
        });
    });

    it("prices N nodes and the load balancer, and models availability, when nodeCount is 2 or more", async () => {
        const single = await planFor("x", config({}));
        const two = await planFor("x", config({ "parity-mainnet:nodeCount": "2" }));
        const one = costOf(single, "steady");
        const both = costOf(two, "steady");
        expect(both.instance).to.equal(Math.round(one.instance! * 2 * 100) / 100);
        // internal NLB: (0.0225 + 1 NLCU × 0.006) × 730 = 20.805 → 20.81
        expect(both["load balancer"]).to.equal(20.81);
        expect(one["load balancer"]).to.equal(undefined);
        // Failover within 10 s: two checks 5 s apart; a silent host adds the 3 s timeout.
        expect(two.availability.map((a) => a.seconds).slice(0, 2)).to.deep.equal([10, 13]);
        expect(two.availability[2]!.seconds).to.equal(two.recovery[1]!.minutes * 60);
        expect(single.availability).to.deep.equal([]);
        expect(formatPlan(two)).to.contain("Availability (several nodes behind the load balancer)");
    });
});
