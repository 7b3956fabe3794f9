import { expect } from "chai";
import { SteadyTotal, steadyTotals, totalOf } from "../tools/servingTable";
import { replaceBlock } from "../tools/readmeBlocks";
import { servingTable } from "../domain/servedHistory";
import { clientPair, diskNeed } from "../catalog/clients";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";
import { NodeMode } from "../catalog/networks";
import { namespaceConfig, readConfig } from "../config";
import { PROJECT, readStackConfig } from "../offline/stackFile";
import { configTable } from "../config/keyDocs";
import * as fs from "fs";
import * as path from "path";
import { buildPlan, formatPlan } from "../tools/plan";
import { releaseCatalogTable } from "../domain/releaseRows";
import { ALL_DOCS, DOC, section } from "./docs";
import { runConfig, runProgram } from "./helpers";
import { evaluate } from "../monitor/readiness";
import { READINESS_HEALTH_CHECK } from "../components/service/loadBalancer";

/** Every document: a generated block sits in whichever one holds its markers. */
const DOCS = ALL_DOCS;

describe("README and docs/ figures", () => {
    it("shows the plan exactly as npm run plan prints it for the committed mainnet stack", async () => {
        const block = /<!-- plan:mainnet -->\n```\n([\s\S]*?)\n```\n<!-- \/plan:mainnet -->/.exec(
            DOCS,
        )?.[1];
        expect(block, "the plan block").to.be.a("string");
        // History is counted in days back from the day the block was printed, which it states.
        const asOf = /days back as of (\d{4}-\d{2}-\d{2})\)/.exec(block ?? "")?.[1];
        const plan = await buildPlan("mainnet", {
            run: (config, mock) => runConfig(config, mock),
            today: new Date(`${asOf}T12:00:00Z`),
        });
        expect(block, "refresh it with: npm run readme").to.equal(formatPlan(plan));
    });

    describe("pairs and modes priced as npm run plan prices them", () => {
        let totals: SteadyTotal[];
        before(async () => {
            totals = await steadyTotals({ run: (config, mock) => runConfig(config, mock) });
        });

        it("shows what each pair and mode serves, and costs, exactly as the catalog and npm run plan give it", () => {
            const block = /<!-- serving -->\n([\s\S]*?)\n<!-- \/serving -->/.exec(DOCS)?.[1];
            const table = servingTable(totalOf(totals));
            expect(block, "the serving table (npm run readme)").to.equal(table.join("\n"));
        });

        it("prices reth-teku postprague within a dollar of geth-teku minimal, as the reference says", () => {
            expect(DOCS).to.contain("reth-teku postprague costs the\nsame within a dollar");
            const total = totalOf(totals);
            const gap =
                total(clientPair("reth-teku"), "postprague") -
                total(clientPair("geth-teku"), "minimal");
            expect(Math.abs(gap)).to.be.below(1);
        });

        it("runs the committed mainnet stack on the cheapest pair and mode that serve its logsFrom", () => {
            const all = readStackConfig("mainnet");
            const committed = namespaceConfig(all, PROJECT);
            const context = { project: PROJECT, stack: "mainnet", region: all["aws:region"] };
            // A pair and mode serves the stack when config accepts it with the stack's logsFrom.
            const serves = ({ pair, mode }: SteadyTotal) =>
                readConfig({ ...committed, client: pair.name, nodeMode: mode }, context).problems
                    .length === 0;
            const serving = totals.filter(serves);
            expect(serving.length, "more than one choice to compare").to.be.above(1);
            const cheapest = serving.reduce((a, b) => (b.usd < a.usd ? b : a));
            expect(`${committed.client} ${committed.nodeMode}`).to.equal(
                `${cheapest.pair.name} ${cheapest.mode}`,
            );
        });
    });

    it("gives each default volume size it names as the catalog sizes it on mainnet", () => {
        const named = [...DOCS.matchAll(/(\d+) GiB for ([a-z]+-[a-z]+) ([a-z]+)/g)];
        expect(named.length, "sizes named in the docs").to.be.above(1);
        for (const [text, , pair, mode] of named) {
            const need = diskNeed(clientPair(pair!), "mainnet", mode as NodeMode);
            expect(`${need.recommendedGiB} GiB for ${pair} ${mode}`).to.equal(text);
        }
    });

    it("shows the configuration table exactly as config/keyDocs.ts writes it from the key table", () => {
        const block = /<!-- config-keys -->\n([\s\S]*?)\n<!-- \/config-keys -->/.exec(DOCS)?.[1];
        expect(block, "the configuration table (npm run readme)").to.equal(
            configTable().join("\n"),
        );
    });

    it("shows every known client release exactly as its record states it", () => {
        const block = /<!-- releases -->\n([\s\S]*?)\n<!-- \/releases -->/.exec(DOCS)?.[1];
        expect(block, "the release table (npm run readme)").to.equal(
            releaseCatalogTable().join("\n"),
        );
    });

    it("gives the failure table's times from npm run plan's recovery rows", async () => {
        const plan = await buildPlan("mainnet", { run: (config, mock) => runConfig(config, mock) });
        const table = section("docs/operations.md", "## When something fails");
        const rowOf = (failure: string) =>
            table.split("\n").find((line) => line.startsWith(`| ${failure} `)) ?? "";
        const minutes = (scenario: string) =>
            plan.recovery.find((r) => r.scenario.startsWith(scenario))!.minutes;
        expect(rowOf("instance lost, same zone")).to.contain(
            `| ${minutes("instance lost, same zone")} min,`,
        );
        expect(rowOf("zone lost")).to.contain(
            `one node: ${minutes("from a snapshot in another zone")} min from a snapshot in another zone`,
        );
    });

    it("names the pinned client versions the catalog pins", async () => {
        const plan = await buildPlan("mainnet", { run: (config, mock) => runConfig(config, mock) });
        for (const version of Object.values(plan.node.versions)) {
            const tag = version.split(" ").pop()!;
            expect(DOCS).to.contain(`:${tag}\``);
        }
    });

    it("npm run readme rewrites only what lies between a block's markers, and names a missing block", () => {
        const text = "a\n<!-- serving -->\nold\n<!-- /serving -->\nb\n";
        expect(replaceBlock(text, "serving", "new\nrows")).to.equal(
            "a\n<!-- serving -->\nnew\nrows\n<!-- /serving -->\nb\n",
        );
        expect(() => replaceBlock(text, "config-keys", "x")).to.throw(
            "the text has no block between <!-- config-keys --> and <!-- /config-keys -->",
        );
    });

    it("mentions only npm scripts that exist", () => {
        const scripts = Object.keys(
            (
                JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
                    scripts: Record<string, string>;
                }
            ).scripts,
        );
        for (const [, script] of DOCS.matchAll(/npm run (?:-s |--silent )?([a-z:-]+)/g)) {
            expect(scripts, `npm run ${script}`).to.include(script);
        }
    });

    it("chains every multi-step recipe so that it stops at the first failure", () => {
        const recipes = [...DOCS.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
        for (const recipe of recipes.filter((r) => r.includes("pulumi up"))) {
            const commands = recipe.split(/\n(?! )/).filter((line) => line.trim() !== "");
            expect(commands, recipe).to.have.length(1);
            expect(recipe).to.contain("&&");
        }
    });

    it("shows a /ready answer in the monitor's own words", () => {
        const example = /\$ curl [^\n]*\/ready\n(\{[^\n]*\})\nHTTP 503/.exec(DOCS)?.[1];
        expect(example, "the /ready example").to.be.a("string");
        const shown = JSON.parse(example!) as {
            ready: boolean;
            reasons: string[];
            headBlock: number;
            forks: string;
        };
        const now = 1_800_000_000_000;
        const real = evaluate(
            {
                at: now,
                execution: {
                    reachable: true,
                    syncing: true,
                    headBlock: shown.headBlock,
                    headTimestamp: now / 1000 - 5400,
                    peers: 41,
                },
                beacon: { reachable: true, isSyncing: true, syncDistance: 12, peers: 80 },
                reference: { answered: 0, failed: [] },
                forks: {
                    status: "ready",
                    notes: [
                        "execution (eth_config): no reference configured",
                        "consensus (fork_schedule): agrees with 3 reference(s)",
                    ],
                },
            },
            { maxHeadAgeSeconds: 60, minPeers: 3 },
        );
        expect(shown.ready).to.equal(false);
        expect(shown.reasons).to.deep.equal(real.reasons);
        expect(shown.forks).to.equal(real.forks);
    });

    it("lists everything the program retains on destroy in the teardown section", async () => {
        const teardown = section("docs/operations.md", "## Teardown: what outlives the stack");
        const { world } = await runProgram({ chainSnapshotId: "snap-0123456789abcdef0" });
        const words: Record<string, string> = {
            "aws:ebs/volume:Volume": "chain volume",
            "aws:ebs/snapshotCopy:SnapshotCopy": "pinned snapshot copy",
        };
        const retained = world.resources.filter((r) => r.options.retainOnDelete);
        expect(retained.length).to.be.greaterThan(0);
        for (const r of retained) {
            expect(words[r.type], `${r.type} is retained: name it in the teardown`).to.be.a(
                "string",
            );
            expect(teardown).to.contain(words[r.type]);
        }
        expect(teardown).to.contain("DLM");
        expect(teardown).to.contain("NS delegation");
    });

    it("says what the handler does with DNS on terminate: it keeps the record, as its code does", () => {
        const terminate = fs.readFileSync(
            path.join(__dirname, "..", "handlers", "lifecycle", "terminate.ts"),
            "utf8",
        );
        expect(terminate, "the terminate path changes no record").to.not.match(/route53|Route53/);
        expect(DOC["README.md"]!.replace(/\s+/g, " ")).to.contain(
            "terminate → drain, final snapshot, keep DNS",
        );
        expect(ALL_DOCS).to.not.match(/drops? DNS/);
    });

    it("states the failover time the registered health check gives", () => {
        const check = READINESS_HEALTH_CHECK;
        const seconds = check.interval * check.unhealthyThreshold;
        expect(
            section("docs/operations.md", "## Several nodes: `nodeCount`").replace(/\s+/g, " "),
        ).to.contain(
            `stops getting traffic within ${seconds} s (${check.unhealthyThreshold} checks ${check.interval} s apart, AWS's shortest interval; a host that does not answer, ${seconds + check.timeout} s with the ${check.timeout} s check timeout)`,
        );
    });

    it("states the mainnet stack's cost all in, as npm run plan gives it, and its restore within the promised 80 minutes", async () => {
        const plan = await buildPlan("mainnet", { run: (config, mock) => runConfig(config, mock) });
        const steady = plan.cost.profiles.steady!;
        const usd = (item: string) => Math.round(steady.find((l) => l.item === item)!.usd);
        const egressLow = Number(
            /^\$([\d.]+)–/.exec(steady.find((l) => l.item === "P2P egress")!.basis)![1],
        );
        expect(DOC["docs/reference.md"]).to.contain(
            `| this stack, steady (us-east-1) | **$${usd("total")} all in**: $${usd("node total (excluding egress)")} for the node + $${Math.round(egressLow)}–${usd("P2P egress")} P2P egress |`,
        );
        const restore = plan.recovery.find((r) => r.scenario.startsWith("from a snapshot"))!;
        expect(restore.minutes).to.be.at.most(80);
        expect(DOC["docs/operations.md"]).to.contain("keeps a restore in another zone within 80");
    });

    it("states the fewest consensus peers the config allows as the catalog's gossipsub D_low", () => {
        const floor = new RegExp(
            `and\\s+${GOSSIP_MESH_LOW.value} for the consensus client, gossipsub's mesh low watermark \`D_low\``,
        );
        expect(DOC["docs/reference.md"]).to.match(floor);
    });

    it("says the entrypoint passes a checkpoint URL on every start, as its code and tests/integration/entrypoint.spec.ts show", () => {
        const entrypoint = fs.readFileSync(
            path.join(__dirname, "..", "docker", "node", "node-entrypoint.sh"),
            "utf8",
        );
        expect(entrypoint).to.contain("checkpoint-sync URL, on every start");
        expect(DOC["docs/design.md"]).to.contain("on every start");
        expect(ALL_DOCS).to.not.match(/checkpoint[^.]*on (a|the) first start/);
    });

    it("keeps the README a short entry: under 250 lines, linking every page of docs/", () => {
        const readme = DOC["README.md"]!;
        expect(readme.split("\n").length).to.be.below(250);
        for (const doc of Object.keys(DOC).filter((d) => d.startsWith("docs/"))) {
            expect(readme, doc).to.contain(`](${doc})`);
        }
    });
});
