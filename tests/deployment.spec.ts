import { expect } from "chai";
import { readConfig } from "../config";
import { DeployedState, planDeployment } from "../domain/deployment";
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
