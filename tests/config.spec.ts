import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { section } from "./docs";
import { parseConfig, readConfig, CONFIG_KEYS } from "../config";
import { preflight, resolveProfiles, usableZones } from "../domain/preflight";
import { planDeployment } from "../domain/deployment";
import { PROJECT, STACK, REGION, BASE_CONFIG, stringify, errorOf } from "./helpers";
import { INSTANCE_TYPES } from "../catalog/instances";
import { CLIENT_PAIRS } from "../catalog/clients";
import { GOSSIP_MESH_LOW } from "../catalog/consensusClients";
import { BooleanRule, IntegerRule, KEY_SPECS, RULE_KEYS } from "../config/keys";

const ctx = { project: PROJECT, stack: STACK, region: REGION };
const read = (config: Record<string, string | object>, region = REGION) =>
    readConfig(stringify({ ...BASE_CONFIG, ...config }), { ...ctx, region });
const parse = (config: Record<string, string | object>, region = REGION) =>
    parseConfig(stringify({ ...BASE_CONFIG, ...config }), { ...ctx, region });
/** The problems config and sizing find (everything but the AWS lookups), as `key: message`. */
const problemsOf = (config: Record<string, string | object>, region = REGION): string[] => {
    const reading = read(config, region);
    const problems = [...reading.problems, ...resolveProfiles(reading.config).problems];
    if (problems.length === 0) {
        throw new Error("expected the config to be rejected");
    }
    return problems.map((p) => `${p.key}: ${p.message}`);
};
const lookups = {
    instanceType: async (type: string) => {
        const known = INSTANCE_TYPES[type];
        return known && { memoryMiB: known.memoryMiB, architectures: ["x86_64"], ebs: known.ebs };
    },
    zonesOffering: async () => ["us-east-1a", "us-east-1b", "us-east-1c"],
    subnet: async () => undefined,
    vpcCidrs: async () => ["172.31.0.0/16"],
    registryDigest: async () => `sha256:${"cd".repeat(32)}`,
    snapshot: async () => undefined,
    volume: async () => undefined,
};

/** A stack that has never been deployed. */
const NEW_STACK = { nodes: [], balancerZones: [] };

describe("parseConfig", () => {
    it("gives today's defaults for a config with only dnsName", () => {
        const config = parse({});
        expect(config.network).to.equal("mainnet");
        expect(config.client.name).to.equal("geth-lighthouse");
        expect(config.logsFrom).to.deep.equal({ kind: "from", block: 22_431_084, label: "Prague" });
        expect(config.nodeMode, "the cheapest mode keeping logs from Prague").to.equal("minimal");
        expect(config.profile).to.equal("fast-sync");
        expect(config.chainSnapshotId).to.equal(undefined);
        expect(config.availabilityZone, "the deployment plan decides it").to.equal(undefined);
        expect(config.referenceRpcUrls).to.deep.equal([]);
        expect(config.alertEmail).to.equal(undefined);
        expect(config.vpcId).to.equal(undefined);
        expect(config.rpcApis).to.deep.equal(["eth", "net", "web3"]);
        expect(config.rpcAllowedCidrs).to.deep.equal([]);
        expect(config.checkpointSyncUrls[0]).to.equal("https://mainnet.checkpoint.sigp.io");
        expect(config.logRetentionDays).to.equal(30);
        expect(config.privateZone).to.equal(true);
        expect(config.snapshotIntervalHours, "a restore within 80 minutes").to.equal(4);
        expect(config.snapshotIntervalHours * config.snapshotRetainCount, "a week").to.equal(
            7 * 24,
        );
        expect(config.maxHeadAgeSeconds).to.equal(60);
        expect(config.minPeers).to.equal(3);
        // The clients' peer limits: geth's own default of 50, lighthouse's 100.
        expect(config.peers).to.deep.equal({ execution: 50, consensus: 200 });
    });

    it("refuses more checkpoint confirmations than other URLs, naming both keys", () => {
        expect(() =>
            parse({
                checkpointSyncUrls: ["https://a.example.org", "https://b.example.org"],
                checkpointConfirmations: "2",
            }),
        ).to.throw(
            /checkpointConfirmations: 2 other provider\(s\) must confirm a checkpoint, but checkpointSyncUrls lists 2; list at least 3 URLs, or set checkpointConfirmations to at most 1/,
        );
        expect(
            parse({ checkpointConfirmations: "2" }).checkpointConfirmations,
            "mainnet's three",
        ).to.equal(2);
    });

    it("reads every documented key", () => {
        const config = parse({
            network: "hoodi",
            client: "geth-lighthouse",
            nodeMode: "minimal",
            profile: "steady",
            chainSnapshotId: "snap-0123456789abcdef0",
            dnsName: "Node.Acme-Chain.org.",
            vpcId: "vpc-0123456789abcdef0",
            subnetId: "subnet-0123456789abcdef0",
            availabilityZone: "us-east-1c",
            alertEmail: "ops@example.org",
            referenceRpcUrls: ["https://ethereum-rpc.publicnode.com", "http://10.0.0.5:8545"],
            profiles: { steady: { instanceType: "m7i.2xlarge" } },
            rpcApis: "eth,net,web3,txpool",
            rpcAllowedCidrs: ["10.20.0.0/16", "fd00:1::/64"],
            checkpointSyncUrls: ["https://checkpoint.example.org"],
            checkpointConfirmations: "0",
            logRetentionDays: "90",
            privateZone: "false",
            snapshotIntervalHours: "6",
            snapshotRetainCount: "21",
            maxHeadAgeSeconds: "120",
            minPeers: "8",
            executionMaxPeers: "25",
            consensusTargetPeers: "60",
        });
        expect(config.peers).to.deep.equal({ execution: 25, consensus: 60 });
        expect(config.maxHeadAgeSeconds).to.equal(120);
        expect(config.minPeers).to.equal(8);
        expect(config.privateZone).to.equal(false);
        expect(config.snapshotIntervalHours).to.equal(6);
        expect(config.snapshotRetainCount).to.equal(21);
        expect(config.rpcApis).to.deep.equal(["eth", "net", "web3", "txpool"]);
        expect(config.rpcAllowedCidrs).to.deep.equal(["10.20.0.0/16", "fd00:1::/64"]);
        expect(config.checkpointSyncUrls).to.deep.equal(["https://checkpoint.example.org"]);
        expect(config.logRetentionDays).to.equal(90);
        expect(config.network).to.equal("hoodi");
        expect(config.client.name).to.equal("geth-lighthouse");
        expect(config.nodeMode).to.equal("minimal");
        expect(config.profile).to.equal("steady");
        expect(config.chainSnapshotId).to.equal("snap-0123456789abcdef0");
        expect(config.dnsName).to.equal("node.acme-chain.org");
        expect(config.vpcId).to.equal("vpc-0123456789abcdef0");
        expect(config.subnetId).to.equal("subnet-0123456789abcdef0");
        expect(config.availabilityZone).to.equal("us-east-1c");
        expect(config.alertEmail).to.equal("ops@example.org");
        expect(config.referenceRpcUrls).to.have.length(2);
        expect(config.profiles.steady.instanceType).to.equal("m7i.2xlarge");
    });

    it("takes gossipsub's D_low as the fewest consensus peers, for either consensus client", () => {
        for (const client of ["geth-teku", "geth-lighthouse"]) {
            const fewest = String(GOSSIP_MESH_LOW.value);
            expect(parse({ client, consensusTargetPeers: fewest }).peers.consensus).to.equal(
                GOSSIP_MESH_LOW.value,
            );
        }
    });

    describe("logsFrom chooses the mode, never serving less than asked", () => {
        /** The mode config settles on; undefined when it refuses the need. */
        const modeFor = (config: Record<string, string>) => {
            const { config: parsed, problems } = read(config);
            return problems.length === 0 ? parsed.nodeMode : undefined;
        };

        it("picks the pair's mode that keeps the logs on the least disk", () => {
            expect(modeFor({})).to.equal("minimal");
            expect(modeFor({ logsFrom: "merge" })).to.equal("full");
            expect(
                modeFor({ logsFrom: "15537393" }),
                "geth keeps the merge block's parent",
            ).to.equal("full");
            expect(modeFor({ logsFrom: "15537392" }), "one block before what geth keeps").to.equal(
                undefined,
            );
        });

        it("picks reth's postprague from Prague on and for windows past 64 blocks (less disk than full), archive before Prague, minimal for 64", () => {
            const reth = (logsFrom: string) => modeFor({ client: "reth-lighthouse", logsFrom });
            expect(reth("prague")).to.equal("postprague");
            expect(reth("22431084")).to.equal("postprague");
            expect(reth("22431083")).to.equal("archive");
            expect(reth("merge")).to.equal("archive");
            expect(reth("head-10064")).to.equal("postprague");
            expect(reth("head-65")).to.equal("postprague");
            expect(reth("head-64")).to.equal("minimal");
        });

        it("reads named forks on the stack's own network", () => {
            expect(parse({ network: "hoodi" }).logsFrom).to.deep.include({ block: 60_412 });
            expect(parse({ network: "hoodi" }).nodeMode).to.equal("minimal");
        });
    });

    it("reads every key the table gives a rule by that rule: its default when unset, its range when set", () => {
        const defaults = read({}).config as unknown as Record<string, unknown>;
        for (const key of RULE_KEYS) {
            const rule = KEY_SPECS[key].rule as IntegerRule | BooleanRule;
            expect(defaults[key], key).to.equal(rule.default);
            const outside =
                rule.type === "boolean" ? "maybe" : String((rule.range?.[1] ?? 1000) + 1);
            const problems = read({ [key]: outside }).problems.filter((p) => p.key === key);
            expect(problems, key).to.have.length(1);
            expect(problems[0]!.message, key).to.match(/is not allowed; allowed: /);
        }
    });

    it("names as each key's reader modules that exist and read the key's value", () => {
        // Keys parsed into another field of StackConfig: the peer limits become `peers`.
        const field: Record<string, string> = {
            executionMaxPeers: "peers",
            consensusTargetPeers: "peers",
        };
        const wrong = Object.values(KEY_SPECS).flatMap((spec) =>
            spec.readBy.split(", ").flatMap((module) => {
                const file = path.join(__dirname, "..", module);
                const name = field[spec.key] ?? spec.key;
                if (!fs.existsSync(file)) {
                    return [`${spec.key}: ${module} does not exist`];
                }
                return new RegExp(`\\b${name}\\b`).test(fs.readFileSync(file, "utf8"))
                    ? []
                    : [`${spec.key}: ${module} never reads ${name}`];
            }),
        );
        expect(wrong).to.deep.equal([]);
    });

    it("reads exactly the keys the configuration table of docs/reference.md documents", () => {
        const table = section("docs/reference.md", "## Configuration");
        const documented = [...table.matchAll(/^\| `([a-zA-Z]+)`/gm)].map((m) => m[1]);
        expect(documented).to.have.members([...CONFIG_KEYS]);
    });

    it("parses every key it lists: a listed key no parser reads would be accepted and ignored", () => {
        const read = new Set<string>();
        const raw = new Proxy(stringify(BASE_CONFIG), {
            get: (target, key) => {
                if (typeof key === "string") read.add(key);
                return Reflect.get(target, key);
            },
        });
        readConfig(raw, ctx);
        expect(CONFIG_KEYS.filter((key) => !read.has(key))).to.deep.equal([]);
    });

    const rejected: [string, Record<string, string | object>, RegExp][] = [
        [
            "an unknown network",
            { network: "ropsten" },
            /^network: "ropsten" is not allowed; allowed: mainnet, sepolia, hoodi$/,
        ],
        [
            "an unknown client",
            { client: "parity-lighthouse" },
            /^client: "parity-lighthouse" is not allowed; allowed: reth-lighthouse, reth-teku, geth-lighthouse, geth-teku$/,
        ],
        [
            "an unknown node mode",
            { nodeMode: "light" },
            /^nodeMode: "light" is not allowed; allowed: full, minimal, archive, postprague$/,
        ],
        [
            "a mode the client lacks",
            { client: "geth-lighthouse", nodeMode: "archive" },
            /^nodeMode: "archive" is not supported by client geth-lighthouse; allowed with network mainnet: full, minimal$/,
        ],
        [
            "an unknown profile",
            { profile: "turbo" },
            /^profile: "turbo" is not allowed; allowed: fast-sync, steady$/,
        ],
        [
            "a malformed snapshot id",
            { chainSnapshotId: "snap-xyz" },
            /^chainSnapshotId: "snap-xyz" is malformed; expected empty or snap- followed by 8 or 17 hex digits$/,
        ],
        [
            "a malformed DNS name",
            { dnsName: "-bad_name.example.com" },
            /^dnsName: "-bad_name.example.com" is not a valid DNS name/,
        ],
        [
            "a single-label DNS name",
            { dnsName: "localhost" },
            /^dnsName: "localhost" is not a valid DNS name/,
        ],
        ["a missing DNS name", { dnsName: "" }, /^dnsName: is required/],
        [
            "a vpcId without subnetId",
            { vpcId: "vpc-0123456789abcdef0" },
            /^subnetId: must be set together with vpcId/,
        ],
        [
            "a subnetId without vpcId",
            { subnetId: "subnet-0123456789abcdef0" },
            /^vpcId: must be set together with subnetId "subnet-0123456789abcdef0"/,
        ],
        [
            "a malformed subnet id",
            { vpcId: "vpc-0123456789abcdef0", subnetId: "sub-1" },
            /^subnetId: "sub-1" is malformed/,
        ],
        [
            "a zone of another region",
            { availabilityZone: "eu-central-1a" },
            /^availabilityZone: "eu-central-1a" is not a zone of region us-east-1/,
        ],
        [
            "a malformed alert e-mail",
            { alertEmail: "ops-at-example" },
            /^alertEmail: "ops-at-example" is malformed/,
        ],
        [
            "a non-URL reference",
            { referenceRpcUrls: ["ftp://x"] },
            /^referenceRpcUrls\[0\]: "ftp:\/\/x" is not an http\(s\) URL without spaces$/,
        ],
        [
            "a checkpoint server over plain http",
            { checkpointSyncUrls: ["http://beacon.example.org"] },
            /^checkpointSyncUrls\[0\]: "http:\/\/beacon.example.org" is not https: the chain the node starts from must not travel in the clear$/,
        ],
        ["the admin RPC namespace", { rpcApis: "eth,admin" }, /^rpcApis: "admin" is never exposed/],
        [
            "the personal RPC namespace",
            { rpcApis: "personal" },
            /^rpcApis: "personal" is never exposed/,
        ],
        [
            "a namespace the client lacks",
            { client: "geth-lighthouse", rpcApis: "trace" },
            /^rpcApis: "trace" is not a namespace geth-lighthouse serves; allowed: eth, net, web3, txpool$/,
        ],
        [
            "geth's debug namespace, which writes files and rewinds the chain",
            { client: "geth-lighthouse", rpcApis: "debug" },
            /^rpcApis: "debug" is refused on geth: it writes files wherever the caller names .*debug_setHead.*\(go-ethereum v1\.17\.10 internal\/debug\/api\.go:95-190; internal\/ethapi\/api\.go:2170\); allowed for geth-lighthouse: eth, net, web3, txpool$/,
        ],
        [
            "a public RPC CIDR",
            { rpcAllowedCidrs: ["0.0.0.0/0"] },
            /^rpcAllowedCidrs\[0\]: "0.0.0.0\/0" is not private/,
        ],
        [
            "a public IPv6 RPC CIDR",
            { rpcAllowedCidrs: ["2001:db8::/32"] },
            /^rpcAllowedCidrs\[0\]: "2001:db8::\/32" is not private/,
        ],
        [
            "a malformed RPC CIDR",
            { rpcAllowedCidrs: ["10.0.0.0/33"] },
            /^rpcAllowedCidrs\[0\]: "10.0.0.0\/33" is not a CIDR/,
        ],
        [
            "a non-URL checkpoint endpoint",
            { checkpointSyncUrls: ["checkpoint.example.org"] },
            /^checkpointSyncUrls\[0\]: "checkpoint.example.org" is not an http\(s\) URL without spaces$/,
        ],
        [
            "a checkpoint endpoint with a space, which the entrypoint would split in two",
            { checkpointSyncUrls: ["https://checkpoint.example.org/a b"] },
            /^checkpointSyncUrls\[0\]: "https:\/\/checkpoint.example.org\/a b" is not an http\(s\) URL without spaces$/,
        ],
        [
            "a retention CloudWatch does not offer",
            { logRetentionDays: "31" },
            /^logRetentionDays: "31" is not a CloudWatch Logs retention; allowed: 1, 3, 5/,
        ],
        [
            "a non-boolean privateZone",
            { privateZone: "yes" },
            /^privateZone: "yes" is not allowed; allowed: true, false$/,
        ],
        [
            "a snapshot interval DLM does not offer",
            { snapshotIntervalHours: "5" },
            /^snapshotIntervalHours: "5" is not allowed; allowed: 1, 2, 3, 4, 6, 8, 12, 24$/,
        ],
        [
            "a fractional snapshot interval",
            { snapshotIntervalHours: "1.5" },
            /^snapshotIntervalHours: "1.5" is not allowed; expected a whole number$/,
        ],
        [
            "a snapshot retention out of range",
            { snapshotRetainCount: "0" },
            /^snapshotRetainCount: "0" is not allowed; allowed: 1–1000$/,
        ],
        [
            "a head age below one slot",
            { maxHeadAgeSeconds: "5" },
            /^maxHeadAgeSeconds: "5" is not allowed; allowed: 12–3600 \(one slot to one hour\)$/,
        ],
        [
            "a negative peer minimum",
            { minPeers: "-1" },
            /^minPeers: "-1" is not allowed; allowed: 0–200$/,
        ],
        [
            "an execution peer limit outside 1–500",
            { executionMaxPeers: "501" },
            /^executionMaxPeers: "501" is not allowed; allowed: 1–500$/,
        ],
        [
            "a consensus peer target one below gossipsub's D_low (no topic's mesh could fill)",
            { consensusTargetPeers: "5" },
            /^consensusTargetPeers: "5" is not allowed; allowed: 6–500 \(below 6, gossipsub's mesh low watermark D_low, no gossip topic's mesh fills\)$/,
        ],
        [
            "an execution peer limit below minPeers (the node could never be ready)",
            { executionMaxPeers: "2" },
            /^executionMaxPeers: 2 is below minPeers \(3\); allowed: 3–500$/,
        ],
        [
            "an unknown top-level key",
            { chainSnapshotID: "snap-01234567" },
            /^chainSnapshotID: unknown key; known keys: network, client/,
        ],
        [
            "an unknown profile in overrides",
            { profiles: { fast: { iops: 4000 } } },
            /^profiles.fast: unknown profile; allowed: fast-sync, steady$/,
        ],
        [
            "an unknown per-profile field",
            { profiles: { steady: { iopss: 4000 } } },
            /^profiles.steady.iopss: unknown field; allowed: instanceType, volumeType, volumeSizeGiB, iops/,
        ],
        [
            "a non-numeric size",
            { profiles: { steady: { volumeSizeGiB: "big" } } },
            /^profiles.steady.volumeSizeGiB: "big" must be a positive whole number$/,
        ],
        [
            "gp3 IOPS above the AWS range",
            { profiles: { "fast-sync": { iops: 90000 } } },
            /^profiles.fast-sync.iops: 90000 is out of range for gp3; allowed: 3000–80000$/,
        ],
        [
            "gp3 throughput above the AWS range",
            { profiles: { "fast-sync": { iops: 16000, throughputMiBps: 2500 } } },
            /^profiles.fast-sync.throughputMiBps: 2500 is out of range for gp3; allowed: 125–2000 MiB\/s$/,
        ],
        [
            "a volume larger than the type allows",
            { profiles: { steady: { volumeType: "gp2", volumeSizeGiB: 20000 } } },
            /^profiles.steady.volumeSizeGiB: 20000 is out of range for gp2; allowed: 1–16384 GiB$/,
        ],
        [
            "an initialization rate out of range",
            { profiles: { steady: { volumeInitializationRateMiBps: 500 } } },
            /^profiles.steady.volumeInitializationRateMiBps: 500 is out of range; allowed: 100–300 MiB\/s$/,
        ],
        [
            "a logsFrom that is neither a fork, a block nor a window",
            { logsFrom: "last-week" },
            /^logsFrom: "last-week" is not allowed; allowed: genesis, merge, prague, a block number, or head-N \(the newest N blocks, N ≥ 1\)$/,
        ],
        [
            "reth full with logs from Prague: its receipts reach back 10,064 blocks",
            { client: "reth-lighthouse", nodeMode: "full" },
            /^nodeMode: "full" with client reth-lighthouse keeps receipts and logs for the newest 10,064 blocks, which does not reach logsFrom Prague \(block 22,431,084\); pairs and modes that keep it on mainnet: reth-lighthouse postprague, reth-lighthouse archive, reth-teku postprague, reth-teku archive, geth-lighthouse full, geth-lighthouse minimal, geth-teku full, geth-teku minimal$/,
        ],
        [
            "geth post-Prague with logs from the merge",
            { nodeMode: "minimal", logsFrom: "merge" },
            /^nodeMode: "minimal" with client geth-lighthouse keeps receipts and logs from Prague \(block 22,431,084, 2025-05-07\), which does not reach logsFrom the merge \(block 15,537,394\); pairs and modes that keep it on mainnet: reth-lighthouse archive, reth-teku archive, geth-lighthouse full, geth-teku full$/,
        ],
        [
            "geth with logs from genesis, which only an archive keeps",
            { logsFrom: "genesis" },
            /^logsFrom: genesis \(block 0\) is further back than client geth-lighthouse keeps logs in any mode on mainnet; pairs and modes that keep it on mainnet: reth-lighthouse archive, reth-teku archive$/,
        ],
    ];
    for (const [what, config, message] of rejected) {
        it(`rejects ${what}, naming the key, the value and what is allowed`, () => {
            const problems = problemsOf(config);
            expect(
                problems.some((p) => message.test(p)),
                problems.join("\n"),
            ).to.equal(true);
        });
    }

    for (const name of [
        "rpc.eth.example.com",
        "node.example.org",
        "rpc.example",
        "a.b.test",
        "rpc.local",
    ]) {
        it(`rejects the reserved name ${name}, which Route 53 will not host`, () => {
            expect(problemsOf({ dnsName: name })[0]).to.match(
                new RegExp(
                    `^dnsName: "${name.replace(/\./g, "\\.")}" is under \\S+, which is reserved`,
                ),
            );
        });
    }

    it("rejects a client × network × mode the client refuses to run, with the client's reason", () => {
        expect(
            problemsOf({ client: "geth-lighthouse", network: "hoodi", nodeMode: "full" }),
        ).to.deep.equal([
            'nodeMode: "full" is not supported by client geth-lighthouse on network hoodi (geth exits at start: postmerge history pruning not available for network 0xbbe3…); allowed with network hoodi: minimal',
        ]);
        expect(
            parse({ client: "geth-lighthouse", network: "hoodi", nodeMode: "minimal" }).nodeMode,
        ).to.equal("minimal");
        expect(
            parse({ client: "geth-lighthouse", network: "mainnet", nodeMode: "full" }).nodeMode,
        ).to.equal("full");
    });

    it("refuses a steady volume smaller than the fast-sync one: the switch would have to shrink it", () => {
        expect(
            problemsOf({
                profiles: { steady: { volumeSizeGiB: 1800 }, "fast-sync": { volumeSizeGiB: 2000 } },
            }),
        ).to.deep.equal([
            "profiles.steady.volumeSizeGiB: 1800 GiB is below the fast-sync profile's 2000 GiB; EBS volumes cannot shrink, so the switch to steady would fail. Use at least 2000",
        ]);
    });

    describe("nodeCount and availabilityZones", () => {
        it("runs one node by default, and takes 2 or more", () => {
            expect(parse({}).nodeCount).to.equal(1);
            expect(parse({ nodeCount: "3" }).nodeCount).to.equal(3);
        });

        it("rejects a count outside 1–6, repeated zones, too few zones and availabilityZone with several nodes", () => {
            expect(problemsOf({ nodeCount: "0" })).to.deep.equal([
                'nodeCount: "0" is not allowed; allowed: 1–6',
            ]);
            expect(
                problemsOf({ nodeCount: "2", availabilityZones: ["us-east-1a", "us-east-1a"] }),
            ).to.deep.equal([
                'availabilityZones: ["us-east-1a","us-east-1a"] repeats a zone; each node needs its own',
            ]);
            expect(
                problemsOf({ nodeCount: "3", availabilityZones: ["us-east-1a", "us-east-1b"] }),
            ).to.deep.equal([
                "availabilityZones: lists 2 zone(s) for nodeCount 3; list at least 3",
            ]);
            expect(problemsOf({ nodeCount: "2", availabilityZone: "us-east-1b" })[0]).to.match(
                /^availabilityZone: applies to a single node; with nodeCount 2 list the zones in availabilityZones/,
            );
            expect(
                problemsOf({ nodeCount: "2", availabilityZones: ["eu-west-1a", "us-east-1b"] })[0],
            ).to.match(/^availabilityZones\[0\]: "eu-west-1a" is not a zone of region us-east-1/);
        });

        it("places nodes in the configured zones, or the region's first zones that offer both instance types", async () => {
            const usable = await usableZones(["c7i.4xlarge", "r7i.xlarge"], lookups);
            const zones = async (config: Record<string, string | object>) => {
                const { plan, problems } = planDeployment(read(config).config, NEW_STACK, usable);
                return { zones: plan.nodes.map((n) => n.zone), problems };
            };
            expect((await zones({})).zones).to.deep.equal(["us-east-1a"]);
            expect((await zones({ nodeCount: "2" })).zones).to.deep.equal([
                "us-east-1a",
                "us-east-1b",
            ]);
            expect(
                (await zones({ nodeCount: "2", availabilityZones: ["us-east-1c", "us-east-1a"] }))
                    .zones,
            ).to.deep.equal(["us-east-1c", "us-east-1a"]);
            expect((await zones({ nodeCount: "4" })).problems).to.deep.equal([
                {
                    key: "nodeCount",
                    message:
                        "4 nodes need 4 zones, but us-east-1 offers the instance types in 3: us-east-1a, us-east-1b, us-east-1c",
                },
            ]);
        });
    });

    it("places nodes only in zones that offer both profiles' instance types", async () => {
        const offered: Record<string, string[]> = {
            "c7i.4xlarge": ["us-east-1a", "us-east-1b", "us-east-1c"],
            "r7i.xlarge": ["us-east-1d", "us-east-1c", "us-east-1b"],
        };
        const usable = await usableZones(["c7i.4xlarge", "r7i.xlarge"], {
            zonesOffering: async (type: string) => offered[type] ?? [],
        });
        const { plan } = planDeployment(read({ nodeCount: "2" }).config, NEW_STACK, usable);
        expect(plan.nodes.map((n) => n.zone)).to.deep.equal(["us-east-1b", "us-east-1c"]);
    });

    it("takes a .internal name only for a private zone", () => {
        expect(problemsOf({ dnsName: "rpc.eth.internal", privateZone: "false" })).to.deep.equal([
            'dnsName: "rpc.eth.internal" is under internal, which no public zone can serve; set privateZone true, or use a domain you own',
        ]);
        expect(parse({ dnsName: "rpc.eth.internal", privateZone: "true" }).dnsName).to.equal(
            "rpc.eth.internal",
        );
    });

    it("rejects a missing region with the command that sets it", () => {
        const problems = problemsOf({}, "");
        expect(problems[0]).to.match(
            /^aws:region: "" is not an AWS region; set it with `pulumi config set aws:region us-east-1`$/,
        );
    });

    it("reports parsing, sizing and AWS problems together, in one error that names the namespace", async () => {
        const message = await errorOf(() =>
            preflight(
                read({
                    network: "ropsten",
                    chainSnapshotId: "snap-1",
                    profiles: { steady: { iops: 1, instanceType: "t2.medium" } },
                }),
                lookups,
            ),
        );
        expect(message).to.match(/^Invalid stack config \(4 problems\):/);
        expect(message).to.contain(`${PROJECT}:network: "ropsten"`);
        expect(message).to.contain(`${PROJECT}:chainSnapshotId: "snap-1"`);
        expect(message).to.contain(`${PROJECT}:profiles.steady.iops: 1`);
        expect(message).to.contain(
            `${PROJECT}:profiles.steady.instanceType: t2.medium has 4096 MiB`,
        );
    });

    describe("volume performance against the instance's EBS limits", () => {
        it("warns when provisioned IOPS exceed the instance's EBS baseline, naming the burst limit", async () => {
            const spec = await preflight(read({ profiles: { steady: { iops: 8000 } } }), lookups);
            expect(spec.warnings).to.deep.equal([
                "profiles.steady.iops: 8000 IOPS exceed r6g.xlarge's EBS baseline of 6000 IOPS; it bursts to 20000 IOPS and 593.75 MB/s for at most 30 minutes a day, so the volume sustains 6000: choose a larger type or lower iops",
            ]);
        });

        it("warns when provisioned throughput exceeds the baseline, in MiB/s against AWS's MB/s", async () => {
            const spec = await preflight(
                read({ profiles: { "fast-sync": { throughputMiBps: 600 } } }),
                lookups,
            );
            expect(spec.warnings.filter((w) => w.startsWith("profiles.fast-sync"))).to.deep.equal([
                "profiles.fast-sync.throughputMiBps: 600 MiB/s exceed c7i.4xlarge's EBS baseline of 625 MB/s (596 MiB/s); it bursts to 40000 IOPS and 1250 MB/s for at most 30 minutes a day, so the volume sustains 596 MiB/s: choose a larger type or lower throughputMiBps",
            ]);
        });

        it("provisions no default beyond the instance's baseline, for any pair, mode or profile", async () => {
            for (const client of Object.keys(CLIENT_PAIRS)) {
                for (const logsFrom of ["prague", "head-64", "head-10064", "genesis"]) {
                    const reading = read({ client, logsFrom });
                    if (reading.problems.length > 0) {
                        continue;
                    }
                    const spec = await preflight(reading, lookups);
                    const ebs = spec.warnings.filter((w) => w.includes("EBS baseline"));
                    expect(ebs, `${client} ${reading.config.nodeMode}`).to.deep.equal([]);
                }
            }
        });
    });

    it("reports the card's 2018 values with every problem at once: volume size and memory", async () => {
        const message = await errorOf(() =>
            preflight(
                read({
                    profiles: {
                        "fast-sync": {
                            instanceType: "c5.large",
                            volumeType: "io1",
                            volumeSizeGiB: 100,
                            iops: 1200,
                        },
                        steady: {
                            instanceType: "t2.medium",
                            volumeType: "gp2",
                            volumeSizeGiB: 100,
                        },
                    },
                }),
                lookups,
            ),
        );
        for (const key of [
            "profiles.fast-sync.volumeSizeGiB",
            "profiles.fast-sync.instanceType",
            "profiles.steady.volumeSizeGiB",
            "profiles.steady.instanceType",
        ]) {
            expect(message).to.contain(`${PROJECT}:${key}:`);
        }
    });
});
