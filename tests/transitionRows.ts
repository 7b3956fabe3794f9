import { VolumeEffect } from "./transitionInvariants";

/**
 * The changes of docs/operations.md's transition table: one or more per config key, each from a
 * deployed stack. tests/transitions.spec.ts runs every row under the harness and checks its
 * invariants; tests/transitionTable.ts writes the table from what the runs observe, so its effect
 * and replaced columns cannot say less than what happens. Only the notes are written by hand.
 */

/** What a change does, from its steps (tests/transitionTable.ts `effectOf`). */
export type Effect =
    | "refused"
    | "new volume"
    | "nodes added or removed"
    | "instance replacement"
    | "task restart"
    | "zone replacement"
    | "in place"
    | "no change";

type Config = Record<string, string | object>;

export interface Row {
    key: string;
    what: string;
    from: Config;
    to: Config;
    effect: Effect;
    /** What the change may do to the chain volumes (refused rows change nothing). */
    volumes?: VolumeEffect;
    /** For a refused change: what the preview says. */
    refusal?: RegExp;
    /** Outputs consumers hold that this change is documented to move. */
    moves?: string[];
    /** The safe recipe or what else an operator should know; printed in the table. */
    note?: string;
    /** What the registry serves by the second run, where an upstream tag was pushed again. */
    registryAfter?: Record<string, string>;
}

export const SNAPSHOT = "snap-0123456789abcdef0";
/** The pinned geth tag, pushed again upstream with other contents. */
const REPUSHED = { "ethereum/client-go:v1.17.10": `sha256:${"ab".repeat(32)}` };
export const TWO = { nodeCount: "2" };

const OWN_VPC = { vpcId: "vpc-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0" };
const ZONE_MOVES = ["rpcUrl", "wsUrl", "zoneId"];

/** A change from the default stack that keeps every chain volume as it is. */
const plain = (key: string, what: string, to: Config, effect: Effect, note?: string): Row => ({
    key,
    what,
    from: {},
    to,
    effect,
    volumes: "none",
    note,
});

/** A change the preview refuses, with what it says. */
const refused = (
    key: string,
    what: string,
    from: Config,
    to: Config,
    refusal: RegExp,
    note?: string,
): Row => ({
    key,
    what,
    from,
    to,
    effect: "refused",
    refusal,
    note,
});

/** One or more changes per key, from a deployed stack; the first row of a key is its usual change. */
export const TRANSITIONS: Row[] = [
    refused(
        "network",
        "mainnet → sepolia",
        {},
        { network: "sepolia" },
        /network: node 1's chain volume holds a geth mainnet minimal database, which geth sepolia minimal cannot use/,
        "restore a snapshot of the new network (`chainSnapshotId`), or `allowFreshChainVolume true` for a new, empty volume",
    ),
    refused(
        "client",
        "geth → reth",
        {},
        { client: "reth-lighthouse" },
        /client: node 1's chain volume holds a geth mainnet minimal database, which reth mainnet postprague cannot use.*allowFreshChainVolume true/,
        "restore a snapshot of a node of the new pair, or start empty as below",
    ),
    {
        key: "client",
        what: "geth → reth on a new, empty volume (`allowFreshChainVolume true`)",
        from: {},
        to: { client: "reth-lighthouse", allowFreshChainVolume: "true" },
        effect: "new volume",
        volumes: "new",
        note: "a full sync; the old volume stays in AWS, detached",
    },
    {
        key: "client",
        what: "lighthouse → teku",
        from: {},
        to: { client: "geth-teku" },
        effect: "task restart",
        volumes: "modify",
        note: "the execution database stays; teku checkpoint-syncs into its own folder (lighthouse's stays on the volume until removed)",
    },
    plain(
        "executionVersion",
        "the pin → v1.17.8, a known release that follows mainnet",
        { executionVersion: "v1.17.8" },
        "task restart",
        "the new release's image builds; one node at a time with several. `npm run plan` shows what each release schedules; a release the catalog does not know is accepted with a warning",
    ),
    refused(
        "executionVersion",
        "the pin → v1.17.9 on hoodi, a release that schedules Hoodi's cancelled fork date",
        {},
        { executionVersion: "v1.17.9", network: "hoodi" },
        /executionVersion: "v1\.17\.9": Geth v1\.17\.9 schedules Glamsterdam at 2026-10-26 17:42:48 UTC, but hoodi forks at 2026-12-15 19:12:24 UTC/,
        "so is a release that lacks a scheduled fork or a known security fix",
    ),
    {
        ...plain(
            "consensusVersion",
            "teku 26.10.2 → 26.9.1, both following mainnet",
            { client: "geth-teku", consensusVersion: "26.9.1" },
            "task restart",
        ),
        from: { client: "geth-teku" },
    },
    refused(
        "consensusVersion",
        "the pin → v8.2.2, which lacks known security fixes",
        {},
        { consensusVersion: "v8.2.2" },
        /consensusVersion: "v8\.2\.2": Lighthouse v8\.2\.2 lacks the security fixes of v8\.3\.1/,
    ),
    refused(
        "nodeMode",
        "geth minimal → full",
        { client: "geth-lighthouse", nodeMode: "minimal" },
        { client: "geth-lighthouse", nodeMode: "full" },
        /nodeMode: node 1's chain volume holds a geth mainnet minimal database, which geth mainnet full cannot use/,
        "geth exits at start when its database's history mode differs from the flag (`core/blockchain.go`); reth's prune settings live in its database. Restore a snapshot of the new mode, or `allowFreshChainVolume true`",
    ),
    refused(
        "nodeMode",
        "reth archive → postprague",
        { client: "reth-lighthouse", nodeMode: "archive" },
        { client: "reth-lighthouse", nodeMode: "postprague" },
        /nodeMode: node 1's chain volume holds a reth mainnet archive database, which reth mainnet postprague cannot use/,
        "reth stores what it has pruned, and a database whose prune settings changed in place has crashed at its first persistence (paradigmxyz/reth discussion #26384); a mode keeps what it promises only from a sync or a snapshot of that mode",
    ),
    {
        key: "nodeMode",
        what: "reth archive → unset, which picks postprague for a new volume",
        from: { client: "reth-lighthouse", nodeMode: "archive" },
        to: { client: "reth-lighthouse" },
        effect: "no change",
        volumes: "none",
        note: "an unset `nodeMode` keeps the deployed mode while it keeps `logsFrom`, with a warning: a default that moves in a new version of the program never refuses an update or asks for a new volume",
    },
    plain(
        "logsFrom",
        "Prague → the newest day, which the deployed mode keeps",
        { logsFrom: "head-7200" },
        "task restart",
        "geth's log index follows the promise (`--history.logs`): it drops, or builds in the background, what the new one leaves out or adds",
    ),
    refused(
        "logsFrom",
        "Prague → the merge, which only another mode keeps",
        {},
        { logsFrom: "merge" },
        /nodeMode: node 1's chain volume holds a geth mainnet minimal database, which geth mainnet full cannot use/,
        "refused as a `nodeMode` change is; set `nodeMode` to the deployed one to see what it keeps",
    ),
    {
        ...plain("profile", "fast-sync → steady", { profile: "steady" }, "instance replacement"),
        volumes: "modify",
        note: "the volume's type, IOPS and throughput change in place; EBS allows one modification per volume every 6 hours",
    },
    {
        ...plain(
            "profiles",
            "more IOPS",
            { profiles: { "fast-sync": { iops: 20000 } } },
            "in place",
        ),
        volumes: "modify",
        note: "an EBS modification; sizes never shrink (refused)",
    },
    plain(
        "profiles",
        "another instance type",
        { profiles: { "fast-sync": { instanceType: "c7i.8xlarge" } } },
        "instance replacement",
        "the containers' hard memory limits follow the new type's memory: the task restarts with them, then moves to the new instance",
    ),
    plain(
        "profiles",
        "a new initialization rate",
        { profiles: { "fast-sync": { volumeInitializationRateMiBps: 200 } } },
        "no change",
        "read only when a volume is created",
    ),
    {
        ...plain(
            "chainSnapshotId",
            "restore a snapshot",
            { chainSnapshotId: SNAPSHOT },
            "new volume",
        ),
        volumes: "new",
        note: "every node, one at a time, each in its deployed zone unless `availabilityZone(s)` name another; a snapshot of another network, execution client or mode is refused; the superseded volume stays in AWS (Teardown)",
    },
    plain(
        "allowFreshChainVolume",
        "false → true",
        { allowFreshChainVolume: "true" },
        "no change",
        "lets a refused `client`, `network` or `nodeMode` change, or clearing `chainSnapshotId`, start a new, empty volume",
    ),
    {
        ...plain("dnsName", "a new name", { dnsName: "rpc2.eth.acme-chain.net" }, "task restart"),
        moves: ZONE_MOVES,
        note: "a new hosted zone for the new name, and the clients restart to answer it (geth's `--http.vhosts`, the WebSocket origins); consumers move to the new name; a public zone needs delegating",
    },
    {
        ...plain("privateZone", "private → public", { privateZone: "false" }, "zone replacement"),
        moves: ZONE_MOVES,
        note: "a private zone cannot become public in place; delegate the new public zone",
    },
    {
        ...plain(
            "vpcId",
            "the default VPC → your own (with `subnetId`)",
            OWN_VPC,
            "instance replacement",
        ),
        moves: ["accessSecurityGroupId", ...ZONE_MOVES],
        note: "a group's VPC cannot change; consumers attach the new `accessSecurityGroupId`",
    },
    {
        ...plain(
            "subnetId",
            "the default subnet → your own (with `vpcId`)",
            OWN_VPC,
            "instance replacement",
        ),
        moves: ["accessSecurityGroupId", ...ZONE_MOVES],
        note: "the subnet must be in the node's zone",
    },
    refused(
        "availabilityZone",
        "move the node",
        {},
        { availabilityZone: "us-east-1b" },
        /availabilityZone: asks for us-east-1b, but node 1's chain volume chain-data-id is in us-east-1a; .*pulumi config set chainSnapshotId/,
        "move by restoring: set both keys together, as below",
    ),
    {
        ...plain(
            "availabilityZone",
            "move the node by restoring a snapshot there",
            { availabilityZone: "us-east-1b", chainSnapshotId: SNAPSHOT },
            "new volume",
        ),
        volumes: "new",
    },
    {
        ...plain("nodeCount", "1 → 2", TWO, "nodes added or removed"),
        moves: ["targetGroupArns"],
        note: "new nodes start from the newest matching snapshot; node 1's task restarts once behind the new balancer",
    },
    { ...plain("nodeCount", "2 → 3", { nodeCount: "3" }, "nodes added or removed"), from: TWO },
    {
        ...plain("nodeCount", "3 → 2", TWO, "nodes added or removed"),
        from: { nodeCount: "3" },
        note: "removed nodes drain and leave a final snapshot; their volumes stay in AWS. The balancer keeps its subnets (an NLB's subnets only grow)",
    },
    {
        ...plain("nodeCount", "2 → 1", {}, "nodes added or removed"),
        from: TWO,
        moves: ["targetGroupArns"],
        note: "the name moves from the balancer to node 1's A record in the same deploy",
    },
    refused(
        "availabilityZones",
        "move deployed nodes",
        TWO,
        { ...TWO, availabilityZones: ["us-east-1c", "us-east-1d"] },
        /availabilityZones: asks for us-east-1c, but node 1's chain volume chain-data-id is in us-east-1a/,
        "list the deployed zones first, in order",
    ),
    {
        ...plain(
            "availabilityZones",
            "place a new node",
            { nodeCount: "3", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1d"] },
            "nodes added or removed",
        ),
        from: TWO,
    },
    {
        ...refused(
            "acceptImageDigests",
            "none, while the execution image's tag is pushed again upstream",
            {},
            {},
            /image ethereum\/client-go:v1\.17\.10: the registry now serves sha256:(ab){32}, but this stack deployed sha256:(cd){32} under the same tag/,
            "review the new image, then accept its digest as below",
        ),
        registryAfter: REPUSHED,
    },
    {
        ...plain(
            "acceptImageDigests",
            "accept the reviewed digest",
            { acceptImageDigests: [REPUSHED["ethereum/client-go:v1.17.10"]] },
            "task restart",
            "the node runs the image built on the new digest",
        ),
        registryAfter: REPUSHED,
    },
    plain("alertEmail", "subscribe an address", { alertEmail: "ops@acme-chain.net" }, "in place"),
    {
        ...plain(
            "alertEmail",
            "another address",
            { alertEmail: "oncall@acme-chain.net" },
            "in place",
            "the new address must confirm its subscription (SNS sends the link)",
        ),
        from: { alertEmail: "ops@acme-chain.net" },
    },
    plain(
        "referenceRpcUrls",
        "add a reference",
        { referenceRpcUrls: ["https://rpc.acme-chain.net"] },
        "task restart",
        "the monitor's reference; kept in an SSM SecureString parameter, so set a URL with a key by `pulumi config set --secret`",
    ),
    plain(
        "maxHeadAgeSeconds",
        "60 → 120",
        { maxHeadAgeSeconds: "120" },
        "task restart",
        "the monitor's threshold",
    ),
    plain("minPeers", "3 → 5", { minPeers: "5" }, "task restart", "the monitor's threshold"),
    plain("executionMaxPeers", "50 → 80", { executionMaxPeers: "80" }, "task restart"),
    plain("consensusTargetPeers", "200 → 60", { consensusTargetPeers: "60" }, "task restart"),
    refused(
        "consensusTargetPeers",
        "200 → 5, below gossipsub's D_low",
        {},
        { consensusTargetPeers: "5" },
        /consensusTargetPeers: "5" is not allowed; allowed: 6–500/,
        "the node keeps running with its peers; `npm run plan` shows what each setting costs",
    ),
    plain("rpcApis", "add txpool", { rpcApis: "eth,net,web3,txpool" }, "task restart"),
    plain(
        "logsMaxBlockRange",
        "100,000 → 10,000",
        { logsMaxBlockRange: "10000" },
        "task restart",
        "the same on every pair",
    ),
    plain(
        "rpcAllowedCidrs",
        "admit a private range",
        { rpcAllowedCidrs: ["172.31.64.0/20"] },
        "in place",
        "security group rules",
    ),
    plain(
        "checkpointSyncUrls",
        "another endpoint",
        {
            checkpointSyncUrls: [
                "https://checkpoint.acme-chain.net",
                "https://checkpoint-2.acme-chain.net",
            ],
        },
        "task restart",
        "the consensus client uses it when its database holds no chain, the monitor as fork-schedule reference; https only, kept in an SSM SecureString parameter",
    ),
    plain(
        "checkpointConfirmations",
        "1 → 2",
        { checkpointConfirmations: "2" },
        "task restart",
        "read by the consensus entrypoint when it picks a checkpoint provider; needs one more URL than confirmations",
    ),
    plain("logRetentionDays", "30 → 90", { logRetentionDays: "90" }, "in place"),
    plain(
        "snapshotIntervalHours",
        "4 → 6",
        { snapshotIntervalHours: "6" },
        "in place",
        "the DLM schedule",
    ),
    plain(
        "snapshotRetainCount",
        "42 → 63",
        { snapshotRetainCount: "63" },
        "in place",
        "the DLM retention",
    ),
];
