import { expect } from "chai";
import { CONFIG_KEYS } from "../config";
import { refusedTransition, runTransition, Transition } from "./transition";
import { allViolations, disruptions, VolumeEffect } from "./transitionInvariants";
import { REGION } from "./helpers";
import { section } from "./docs";

/**
 * Every config key, changed on a running stack: the program runs twice, the second run updating
 * what the first deployed (tests/transition.ts), and the invariants of tests/transitionInvariants.ts
 * hold over the steps. The README's transition table says the same per key; a test keeps them equal.
 */

/** What a change does, from its steps; the README table names one of these per key. */
export type Effect =
    | "refused"
    | "new volume"
    | "nodes added or removed"
    | "instance replacement"
    | "task restart"
    | "zone replacement"
    | "in place"
    | "no change";

function effectOf(t: Transition): Effect {
    const nodes = (run: Transition["before"]) => (run.outputs.deployment?.nodes ?? []).length;
    const volumes = t.steps.filter((s) => s.type === "aws:ebs/volume:Volume");
    const nodeNames = (t.after.outputs.deployment?.nodes ?? []).map((n: any) =>
        n.key ? `node-${n.key}` : "node",
    );
    if (nodes(t.before) !== nodes(t.after)) {
        return "nodes added or removed";
    }
    if (volumes.some((s) => s.op === "create")) {
        return "new volume";
    }
    if (t.steps.some((s) => s.type === "aws:autoscaling/group:Group" && s.op !== "same")) {
        if (
            nodeNames.some((n: string) =>
                disruptions(t, n).some((s) => s.type.includes("autoscaling")),
            )
        ) {
            return "instance replacement";
        }
    }
    if (nodeNames.some((n: string) => disruptions(t, n).length > 0)) {
        return "task restart";
    }
    if (t.steps.some((s) => s.type === "aws:route53/zone:Zone" && s.op === "replace")) {
        return "zone replacement";
    }
    return t.steps.some((s) => s.op !== "same") ? "in place" : "no change";
}

const SNAPSHOT = "snap-0123456789abcdef0";
const VOLUME_TAGS = {
    "parity:client": "geth-lighthouse",
    "parity:network": "mainnet",
    "parity:nodeMode": "minimal",
};
const TWO = { nodeCount: "2" };

interface Row {
    key: string;
    what: string;
    from: Record<string, string | object>;
    to: Record<string, string | object>;
    effect: Effect;
    /** What the change may do to the chain volumes (refused rows change nothing). */
    volumes?: VolumeEffect;
    /** For a refused change: what the preview says. */
    refusal?: RegExp;
    /** Outputs consumers hold that this change is documented to move (docs/operations.md). */
    moves?: string[];
}

/** One or more changes per key, from a deployed stack; the first row of a key is its usual change. */
export const TRANSITIONS: Row[] = [
    {
        key: "network",
        what: "mainnet → sepolia",
        from: {},
        to: { network: "sepolia" },
        effect: "refused",
        refusal:
            /network: node 1's chain volume holds a geth mainnet minimal database, which geth sepolia minimal cannot use/,
    },
    {
        key: "client",
        what: "geth → reth",
        from: {},
        to: { client: "reth-lighthouse" },
        effect: "refused",
        refusal:
            /client: node 1's chain volume holds a geth mainnet minimal database, which reth mainnet archive cannot use.*allowFreshChainVolume true/,
    },
    {
        key: "client",
        what: "geth → reth on a new, empty volume",
        from: {},
        to: { client: "reth-lighthouse", allowFreshChainVolume: "true" },
        effect: "new volume",
        volumes: "new",
    },
    {
        key: "client",
        what: "lighthouse → teku: the execution database stays, teku checkpoint-syncs into its own folder",
        from: {},
        to: { client: "geth-teku" },
        effect: "task restart",
        volumes: "modify",
    },
    {
        key: "executionVersion",
        what: "the pin → v1.17.8, a known release that follows mainnet",
        from: {},
        to: { executionVersion: "v1.17.8" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "executionVersion",
        what: "the pin → v1.17.9 on hoodi, a release that schedules Hoodi's cancelled fork date",
        from: {},
        to: { executionVersion: "v1.17.9", network: "hoodi" },
        effect: "refused",
        refusal:
            /executionVersion: "v1\.17\.9": Geth v1\.17\.9 schedules Glamsterdam at 2026-10-26 17:42:48 UTC, but hoodi forks at 2026-12-15 19:12:24 UTC/,
    },
    {
        key: "consensusVersion",
        what: "teku 26.10.2 → 26.9.1, both following mainnet",
        from: { client: "geth-teku" },
        to: { client: "geth-teku", consensusVersion: "26.9.1" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "consensusVersion",
        what: "the pin → v8.2.2, which lacks known security fixes",
        from: {},
        to: { consensusVersion: "v8.2.2" },
        effect: "refused",
        refusal:
            /consensusVersion: "v8\.2\.2": Lighthouse v8\.2\.2 lacks the security fixes of v8\.3\.1/,
    },
    {
        key: "nodeMode",
        what: "geth minimal → full",
        from: { client: "geth-lighthouse", nodeMode: "minimal" },
        to: { client: "geth-lighthouse", nodeMode: "full" },
        effect: "refused",
        refusal:
            /nodeMode: node 1's chain volume holds a geth mainnet minimal database, which geth mainnet full cannot use/,
    },
    {
        key: "logsFrom",
        what: "Prague → the newest day, which the deployed mode keeps",
        from: {},
        to: { logsFrom: "head-7200" },
        effect: "no change",
        volumes: "none",
    },
    {
        key: "logsFrom",
        what: "Prague → the merge, which only another mode keeps",
        from: {},
        to: { logsFrom: "merge" },
        effect: "refused",
        refusal:
            /nodeMode: node 1's chain volume holds a geth mainnet minimal database, which geth mainnet full cannot use/,
    },
    {
        key: "profile",
        what: "fast-sync → steady",
        from: {},
        to: { profile: "steady" },
        effect: "instance replacement",
        volumes: "modify",
    },
    {
        key: "profiles",
        what: "more IOPS",
        from: {},
        to: { profiles: { "fast-sync": { iops: 20000 } } },
        effect: "in place",
        volumes: "modify",
    },
    {
        key: "profiles",
        what: "another instance type",
        from: {},
        to: { profiles: { "fast-sync": { instanceType: "c7i.8xlarge" } } },
        effect: "instance replacement",
        volumes: "none",
    },
    {
        key: "profiles",
        what: "a new initialization rate (read only when a volume is created)",
        from: {},
        to: { profiles: { "fast-sync": { volumeInitializationRateMiBps: 200 } } },
        effect: "no change",
        volumes: "none",
    },
    {
        key: "chainSnapshotId",
        what: "restore a snapshot",
        from: {},
        to: { chainSnapshotId: SNAPSHOT },
        effect: "new volume",
        volumes: "new",
    },
    {
        key: "allowFreshChainVolume",
        what: "false → true",
        from: {},
        to: { allowFreshChainVolume: "true" },
        effect: "no change",
        volumes: "none",
    },
    {
        key: "dnsName",
        what: "a new name",
        from: {},
        to: { dnsName: "rpc2.eth.acme-chain.net" },
        effect: "zone replacement",
        volumes: "none",
        moves: ["rpcUrl", "wsUrl", "zoneId"],
    },
    {
        key: "privateZone",
        what: "private → public",
        from: {},
        to: { privateZone: "false" },
        effect: "zone replacement",
        volumes: "none",
        moves: ["rpcUrl", "wsUrl", "zoneId"],
    },
    {
        key: "vpcId",
        what: "the default VPC → your own (with subnetId)",
        from: {},
        to: { vpcId: "vpc-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0" },
        effect: "instance replacement",
        volumes: "none",
        moves: ["accessSecurityGroupId", "rpcUrl", "wsUrl", "zoneId"],
    },
    {
        key: "subnetId",
        what: "the default subnet → your own (with vpcId)",
        from: {},
        to: { vpcId: "vpc-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0" },
        effect: "instance replacement",
        volumes: "none",
        moves: ["accessSecurityGroupId", "rpcUrl", "wsUrl", "zoneId"],
    },
    {
        key: "availabilityZone",
        what: "move the node",
        from: {},
        to: { availabilityZone: "us-east-1b" },
        effect: "refused",
        refusal:
            /availabilityZone: asks for us-east-1b, but node 1's chain volume chain-data-id is in us-east-1a; .*pulumi config set chainSnapshotId/,
    },
    {
        key: "availabilityZone",
        what: "move the node by restoring a snapshot there",
        from: {},
        to: { availabilityZone: "us-east-1b", chainSnapshotId: SNAPSHOT },
        effect: "new volume",
        volumes: "new",
    },
    {
        key: "nodeCount",
        what: "1 → 2",
        from: {},
        to: TWO,
        effect: "nodes added or removed",
        volumes: "none",
        moves: ["targetGroupArns"],
    },
    {
        key: "nodeCount",
        what: "2 → 3",
        from: TWO,
        to: { nodeCount: "3" },
        effect: "nodes added or removed",
        volumes: "none",
    },
    {
        key: "nodeCount",
        what: "3 → 2",
        from: { nodeCount: "3" },
        to: TWO,
        effect: "nodes added or removed",
        volumes: "none",
    },
    {
        key: "nodeCount",
        what: "2 → 1",
        from: TWO,
        to: {},
        effect: "nodes added or removed",
        volumes: "none",
        moves: ["targetGroupArns"],
    },
    {
        key: "availabilityZones",
        what: "move deployed nodes",
        from: TWO,
        to: { ...TWO, availabilityZones: ["us-east-1c", "us-east-1d"] },
        effect: "refused",
        refusal:
            /availabilityZones: asks for us-east-1c, but node 1's chain volume chain-data-id is in us-east-1a/,
    },
    {
        key: "availabilityZones",
        what: "place a new node",
        from: TWO,
        to: { nodeCount: "3", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1d"] },
        effect: "nodes added or removed",
        volumes: "none",
    },
    {
        key: "alertEmail",
        what: "subscribe an address",
        from: {},
        to: { alertEmail: "ops@acme-chain.net" },
        effect: "in place",
        volumes: "none",
    },
    {
        key: "referenceRpcUrls",
        what: "add a reference",
        from: {},
        to: { referenceRpcUrls: ["https://rpc.acme-chain.net"] },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "maxHeadAgeSeconds",
        what: "60 → 120",
        from: {},
        to: { maxHeadAgeSeconds: "120" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "minPeers",
        what: "3 → 5",
        from: {},
        to: { minPeers: "5" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "executionMaxPeers",
        what: "50 → 80",
        from: {},
        to: { executionMaxPeers: "80" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "consensusTargetPeers",
        what: "200 → 60",
        from: {},
        to: { consensusTargetPeers: "60" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "rpcApis",
        what: "add txpool",
        from: {},
        to: { rpcApis: "eth,net,web3,txpool" },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "rpcAllowedCidrs",
        what: "admit a private range",
        from: {},
        to: { rpcAllowedCidrs: ["10.1.0.0/16"] },
        effect: "in place",
        volumes: "none",
    },
    {
        key: "checkpointSyncUrls",
        what: "another endpoint",
        from: {},
        to: { checkpointSyncUrls: ["https://checkpoint.acme-chain.net"] },
        effect: "task restart",
        volumes: "none",
    },
    {
        key: "logRetentionDays",
        what: "30 → 90",
        from: {},
        to: { logRetentionDays: "90" },
        effect: "in place",
        volumes: "none",
    },
    {
        key: "snapshotIntervalHours",
        what: "12 → 6",
        from: {},
        to: { snapshotIntervalHours: "6" },
        effect: "in place",
        volumes: "none",
    },
    {
        key: "snapshotRetainCount",
        what: "14 → 21",
        from: {},
        to: { snapshotRetainCount: "21" },
        effect: "in place",
        volumes: "none",
    },
];

describe("changing a running stack: every config key", function () {
    this.timeout(120000);

    for (const row of TRANSITIONS) {
        if (row.effect === "refused") {
            it(`${row.key}: ${row.what} is refused at preview, before any resource changes, with the key, the reason and a recipe`, async () => {
                const { message, registered } = await refusedTransition(row.from, row.to);
                expect(message).to.match(row.refusal!);
                expect(registered, "nothing registered").to.deep.equal([]);
            });
            continue;
        }
        it(`${row.key}: ${row.what} is ${row.effect}, and every invariant holds`, async () => {
            const t = await runTransition(row.from, row.to);
            expect(allViolations(t, row.volumes ?? "none", row.moves)).to.deep.equal([]);
            expect(effectOf(t)).to.equal(row.effect);
        });
    }
});

describe("changing a running stack of several nodes", function () {
    this.timeout(120000);

    for (const [what, to, effect, volumes] of [
        [
            "a profile switch replaces the instances one node at a time",
            { ...TWO, profile: "steady" },
            "instance replacement",
            "modify",
        ],
        [
            "a client flag restarts the tasks one node at a time",
            { ...TWO, rpcApis: "eth,net,web3,txpool" },
            "task restart",
            "modify",
        ],
        [
            "a client release restarts the tasks one node at a time, keeping every volume",
            { ...TWO, executionVersion: "v1.17.8" },
            "task restart",
            "none",
        ],
        [
            "a restore gives every node a new volume, one node at a time",
            { ...TWO, chainSnapshotId: SNAPSHOT },
            "new volume",
            "new",
        ],
    ] as const) {
        it(what, async () => {
            const t = await runTransition(TWO, to);
            expect(allViolations(t, volumes)).to.deep.equal([]);
            expect(effectOf(t)).to.equal(effect);
            expect(disruptions(t, "node-n2").length, "node 2 is rolled too").to.be.above(0);
        });
    }

    it("a snapshot appearing later modifies no volume (the seed is read only at creation)", async () => {
        const t = await runTransition(
            TWO,
            TWO,
            { stackSnapshots: [] },
            { stackSnapshots: [SNAPSHOT] },
        );
        expect(allViolations(t, "none")).to.deep.equal([]);
        expect(effectOf(t)).to.equal("no change");
    });

    it("keeps the access group and every output consumers hold from 1 to 2 nodes and back, and replaces no security group", async () => {
        for (const [from, to] of [
            [{}, TWO],
            [TWO, {}],
        ] as const) {
            const t = await runTransition(from, to);
            expect(
                t.steps.filter((s) => s.type.endsWith("SecurityGroup") && s.op === "replace"),
            ).to.deep.equal([]);
            expect(t.after.outputs.accessSecurityGroupId).to.equal(
                t.before.outputs.accessSecurityGroupId,
            );
            expect(allViolations(t, "none", ["targetGroupArns"])).to.deep.equal([]);
        }
    });

    it("keeps the balancer's subnets when a node goes: an NLB's subnets only grow in place", async () => {
        const t = await runTransition({ nodeCount: "3" }, TWO);
        const lb = t.steps.find((s) => s.type === "aws:lb/loadBalancer:LoadBalancer")!;
        expect(lb.op).to.equal("same");
        expect(lb.after!.inputs.subnets).to.have.length(3);
    });

    it("growing to two nodes keeps node 1 in its zone, also for a stack deployed before the plan was exported", async () => {
        for (const legacy of [false, true]) {
            const from = { availabilityZone: `${REGION}b` };
            const t = await runTransition(
                from,
                TWO,
                {},
                {
                    volumes: {
                        "chain-data-id": { availabilityZone: `${REGION}b`, tags: VOLUME_TAGS },
                    },
                },
                // A stack deployed before `deployment` was exported: its zone comes from AWS.
                legacy ? (outputs) => ({ ...outputs, deployment: undefined }) : undefined,
            );
            const zones = (t.after.outputs.deployment.nodes as { zone: string }[]).map(
                (n) => n.zone,
            );
            expect(zones[0], legacy ? "legacy" : "exported").to.equal(`${REGION}b`);
            expect(allViolations(t, "none", ["targetGroupArns"])).to.deep.equal([]);
        }
    });
});

describe("the transition table of docs/operations.md", () => {
    const table = section("docs/operations.md", "## Changing a running stack");
    const rows = new Map([...table.matchAll(/^\| `([^`]+)` \|(.*)$/gm)].map((m) => [m[1]!, m[2]!]));

    it("has a row for every config key, and no other", () => {
        expect([...rows.keys()].sort()).to.deep.equal([...CONFIG_KEYS].sort());
    });

    it("names, for every key, each effect the transition tests observe", () => {
        for (const row of TRANSITIONS) {
            expect(rows.get(row.key), row.key).to.contain(`**${row.effect}**`);
        }
    });
});
