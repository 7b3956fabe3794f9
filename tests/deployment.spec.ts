import { expect } from "chai";
import { readConfig, StackConfig } from "../config";
import { DeployedState, planDeployment } from "../domain/deployment";
import { keepDeployedMode } from "../domain/deployedMode";
import { BASE_CONFIG, PROJECT, REGION, STACK, stringify } from "./helpers";

/** The deployment plan as a pure function: what it keeps of the deployed stack, and what it refuses. */
const config = (c: Record<string, string | object> = {}) =>
    readConfig(stringify({ ...BASE_CONFIG, ...c }), {
        project: PROJECT,
        stack: STACK,
        region: REGION,
    }).config;
const USABLE = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];
const RETH = { execution: "reth", network: "mainnet", nodeMode: "full" };

const deployed = (nodes: DeployedState["nodes"], balancerZones: string[] = []): DeployedState => ({
    nodes,
    balancerZones,
});

describe("the deployment plan (domain/deployment.ts)", () => {
    it("keeps a fresh volume's generation while it holds what the config runs", () => {
        const state = deployed([
            {
                key: "",
                zone: "us-east-1a",
                source: "fresh",
                generation: "reth-mainnet-full",
                contents: RETH,
            },
        ]);
        const { plan, problems } = planDeployment(
            config({ client: "reth-lighthouse", nodeMode: "full", logsFrom: "head-10064" }),
            state,
            USABLE,
        );
        expect(problems).to.deep.equal([]);
        expect(plan.nodes[0]!.generation).to.equal("reth-mainnet-full");
    });

    it("gives other contents a new generation only when a fresh volume is accepted", () => {
        const state = deployed([{ key: "", zone: "us-east-1a", source: "fresh", contents: RETH }]);
        const refused = planDeployment(config(), state, USABLE);
        expect(refused.problems.map((p) => p.key)).to.deep.equal(["client"]);
        expect(refused.problems[0]!.message, "how to keep it, defaults having moved").to.contain(
            "Keep what is deployed (execution client reth, network mainnet, nodeMode full, logsFrom head-10064)",
        );
        const accepted = planDeployment(config({ allowFreshChainVolume: "true" }), state, USABLE);
        expect(accepted.problems).to.deep.equal([]);
        expect(accepted.plan.nodes[0]!.generation).to.equal("geth-mainnet-minimal");
    });

    it("keeps deployed zones, places new nodes in free usable zones, and lets the balancer's zones only grow", () => {
        const three = deployed(
            [
                { key: "", zone: "us-east-1c" },
                { key: "n2", zone: "us-east-1a" },
                { key: "n3", zone: "us-east-1d" },
            ],
            ["us-east-1c", "us-east-1a", "us-east-1d"],
        );
        const two = planDeployment(config({ nodeCount: "2" }), three, USABLE).plan;
        expect(two.nodes.map((n) => n.zone)).to.deep.equal(["us-east-1c", "us-east-1a"]);
        expect(two.balancerZones).to.deep.equal(["us-east-1c", "us-east-1a", "us-east-1d"]);
        expect(two.retiring.map((n) => n.key)).to.deep.equal(["n3"]);
        const four = planDeployment(config({ nodeCount: "4" }), three, USABLE).plan;
        expect(four.nodes.map((n) => n.zone)).to.deep.equal([
            "us-east-1c",
            "us-east-1a",
            "us-east-1d",
            "us-east-1b",
        ]);
        const one = planDeployment(config(), three, USABLE).plan;
        expect(one.balanced).to.equal(false);
        expect(one.balancerZones).to.deep.equal([]);
    });

    it("lets a restore move a node to another zone", () => {
        const state = deployed([{ key: "", zone: "us-east-1a", source: "fresh" }]);
        const moved = planDeployment(
            config({ availabilityZone: "us-east-1b", chainSnapshotId: "snap-0123456789abcdef0" }),
            state,
            USABLE,
        );
        expect(moved.problems).to.deep.equal([]);
        expect(moved.plan.nodes[0]!.zone).to.equal("us-east-1b");
    });

    it("keeps a restored node in its deployed zone when no zone is asked for", () => {
        const state = deployed([{ key: "", zone: "us-east-1c", source: "fresh" }]);
        const kept = planDeployment(
            config({ chainSnapshotId: "snap-0123456789abcdef0" }),
            state,
            USABLE,
        );
        expect(kept.problems).to.deep.equal([]);
        expect(kept.plan.nodes[0]!.zone).to.equal("us-east-1c");
        const two = deployed([
            { key: "", zone: "us-east-1c", source: "fresh" },
            { key: "n2", zone: "us-east-1d", source: "fresh" },
        ]);
        const restored = planDeployment(
            config({ nodeCount: "2", chainSnapshotId: "snap-0123456789abcdef0" }),
            two,
            USABLE,
        );
        expect(restored.plan.nodes.map((n) => n.zone)).to.deep.equal(["us-east-1c", "us-east-1d"]);
    });
});

describe("an unset nodeMode on a running stack (domain/deployedMode.ts)", () => {
    const RETH_ARCHIVE = { execution: "reth", network: "mainnet", nodeMode: "archive" };
    const holding = (contents: typeof RETH_ARCHIVE, source = "fresh") =>
        deployed([{ key: "", zone: "us-east-1a", source, contents }]);
    const reth = (c: Record<string, string> = {}) => config({ client: "reth-lighthouse", ...c });

    it("keeps the deployed mode while it keeps logsFrom, with a warning naming the new default", () => {
        expect(reth().nodeMode, "the default a new volume gets").to.equal("postprague");
        const { config: kept, warnings } = keepDeployedMode(reth(), holding(RETH_ARCHIVE));
        expect(kept.nodeMode).to.equal("archive");
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.match(
            /^nodeMode: unset, so the deployed archive stays .* postprague/,
        );
        expect(planDeployment(kept, holding(RETH_ARCHIVE), USABLE).problems).to.deep.equal([]);
    });

    it("follows the config where the deployed mode cannot serve it, or the user chose", () => {
        const cases: [string, StackConfig, DeployedState][] = [
            ["nodeMode set", reth({ nodeMode: "postprague" }), holding(RETH_ARCHIVE)],
            [
                "logs further back than it keeps",
                reth(),
                holding({ ...RETH_ARCHIVE, nodeMode: "full" }),
            ],
            ["another execution client", config(), holding(RETH_ARCHIVE)],
            ["another network", reth({ network: "sepolia" }), holding(RETH_ARCHIVE)],
            [
                "a restore",
                reth({ chainSnapshotId: "snap-0123456789abcdef0" }),
                holding(RETH_ARCHIVE),
            ],
        ];
        for (const [why, given, state] of cases) {
            const { config: result, warnings } = keepDeployedMode(given, state);
            expect(result.nodeMode, why).to.equal(given.nodeMode);
            expect(warnings, why).to.deep.equal([]);
        }
    });
});
