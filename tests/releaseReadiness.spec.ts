import { expect } from "chai";
import { readConfig } from "../config";
import { DeployedState, planDeployment } from "../domain/deployment";
import { releaseReadiness } from "../domain/releaseReadiness";
import { BASE_CONFIG, PROJECT, REGION, STACK, runFailingProgram, stringify } from "./helpers";

/** The check as the pre-flight runs it: the stack's config against what the last deployment runs. */
function check(raw: Record<string, string | object>, deployed: DeployedState = NEW_STACK) {
    const { config, problems } = readConfig(stringify({ ...BASE_CONFIG, ...raw }), {
        project: PROJECT,
        stack: STACK,
        region: REGION,
    });
    expect(problems, "the config itself").to.deep.equal([]);
    const { plan } = planDeployment(config, deployed, ["us-east-1a", "us-east-1b", "us-east-1c"]);
    return releaseReadiness(config, deployed, plan);
}

const NEW_STACK: DeployedState = { nodes: [], balancerZones: [] };

/** One geth-lighthouse minimal node on a network, running the given releases. */
const running = (
    network: string,
    releases: DeployedState["releases"] = { execution: "v1.17.10", consensus: "v8.3.3" },
): DeployedState => ({
    nodes: [
        {
            key: "",
            zone: "us-east-1a",
            volumeId: "vol-0123456789abcdef0",
            source: "fresh",
            contents: { execution: "geth", network, nodeMode: "minimal" },
        },
    ],
    balancerZones: [],
    releases,
});

const HOODI_GETH =
    '"hoodi": Geth v1.17.10 does not schedule hoodi\'s Glamsterdam at 2026-12-15 19:12:24 UTC, so the node would stop following the chain there; geth releases the catalog knows that follow hoodi: none yet';

describe("release readiness: forks and security fixes before a node starts", () => {
    it("refuses a new hoodi stack: no pinned release schedules its Glamsterdam", async () => {
        const { problems, warnings } = check({ network: "hoodi" });
        expect(problems.map((p) => `${p.key}: ${p.message}`)).to.deep.equal([
            `network: ${HOODI_GETH}`,
            'network: "hoodi": Lighthouse v8.3.3 does not schedule hoodi\'s Glamsterdam at 2026-12-15 19:12:24 UTC, so the node would stop following the chain there; lighthouse releases the catalog knows that follow hoodi: none yet',
        ]);
        expect(warnings).to.deep.equal([]);
    });

    it("stops the whole preview of a new hoodi stack before anything is registered", async () => {
        const { message, world } = await runFailingProgram({ network: "hoodi" });
        expect(message).to.contain(`parity-mainnet:network: ${HOODI_GETH}`);
        expect(
            world.resources.filter((r) => r.type !== "pulumi:pulumi:StackReference"),
        ).to.deep.equal([]);
    });

    it("accepts a stack whose version keys name releases that schedule every fork of its network", () => {
        expect(
            check({ network: "sepolia", executionVersion: "v1.17.8", consensusVersion: "v8.3.3" }),
        ).to.deep.equal({ problems: [], warnings: [] });
        expect(check({ client: "reth-teku", consensusVersion: "26.9.1" })).to.deep.equal({
            problems: [],
            warnings: [],
        });
    });

    it("warns, and applies, a stack that already runs a release lacking a fork", () => {
        const { problems, warnings } = check({ network: "hoodi" }, running("hoodi"));
        expect(problems).to.deep.equal([]);
        expect(warnings).to.have.length(2);
        expect(warnings[0]).to.equal(
            `network ${HOODI_GETH} (the stack runs it already, so this is a warning; a change that starts a node on it is refused)`,
        );
    });

    it("refuses a change of release on such a stack when the new release lacks the fork too", () => {
        const { problems } = check(
            { network: "hoodi", executionVersion: "v1.17.8" },
            running("hoodi"),
        );
        expect(problems.map((p) => p.key)).to.deep.equal(["executionVersion"]);
        expect(problems[0]!.message).to.match(
            /^"v1\.17\.8": Geth v1\.17\.8 does not schedule hoodi's Glamsterdam/,
        );
    });

    it("refuses a node added to such a stack, and a move of a deployed stack onto a network it cannot follow", () => {
        const added = check({ network: "hoodi", nodeCount: "2" }, running("hoodi"));
        expect(added.problems.map((p) => p.key)).to.deep.equal(["network", "network"]);
        const moved = check({ network: "hoodi" }, running("mainnet"));
        expect(moved.problems.map((p) => p.key)).to.deep.equal(["network", "network"]);
    });

    it("counts a stack deployed before releases were exported as running its configured releases", () => {
        expect(check({ network: "hoodi" }, running("hoodi", undefined)).problems).to.deep.equal([]);
    });

    it("refuses a release that schedules a cancelled fork date where it would split off, and only there", () => {
        const hoodi = check({ network: "hoodi", executionVersion: "v1.17.9" }).problems;
        expect(hoodi[0]).to.deep.equal({
            key: "executionVersion",
            message:
                '"v1.17.9": Geth v1.17.9 schedules Glamsterdam at 2026-10-26 17:42:48 UTC, but hoodi forks at 2026-12-15 19:12:24 UTC, so the node splits off at 2026-10-26 17:42:48 UTC; geth releases the catalog knows that follow hoodi: none yet',
        });
        expect(check({ executionVersion: "v1.17.9" }).problems).to.deep.equal([]);
    });

    it("refuses a release that lacks known security fixes on a new stack, naming them, and warns a stack that runs it", () => {
        expect(check({ consensusVersion: "v8.2.2" }).problems).to.deep.equal([
            {
                key: "consensusVersion",
                message:
                    '"v8.2.2": Lighthouse v8.2.2 lacks the security fixes of v8.3.1 (replaces trusted certificates after the eMudhra CA compromise, "especially if your setup utilises HTTPS (e.g. for checkpoint sync)"); v8.3.3 (a high-priority patch release containing security fixes; its notes ask every beacon node to upgrade); use v8.3.3 or later',
            },
        ]);
        const deployed = running("mainnet", { execution: "v1.17.10", consensus: "v8.2.2" });
        const { problems, warnings } = check({ consensusVersion: "v8.2.2" }, deployed);
        expect(problems).to.deep.equal([]);
        expect(warnings[0]).to.match(
            /^consensusVersion "v8\.2\.2": Lighthouse v8\.2\.2 lacks the security fixes/,
        );
    });

    it("accepts a release the catalog does not know, warning that its flags and forks are unverified", () => {
        const { problems, warnings } = check({ executionVersion: "v1.17.11" });
        expect(problems).to.deep.equal([]);
        expect(warnings).to.deep.equal([
            "executionVersion \"v1.17.11\": Geth v1.17.11 is not in the catalog (known: v1.17.10, v1.17.9, v1.17.8), so nothing here checked its flags against its source or its fork schedule against mainnet's; read its release notes for mainnet's forks (catalog/forks.ts) before relying on it",
        ]);
        // Older than a known security release: refused like a known one.
        expect(check({ consensusVersion: "v8.1.0" }).problems.map((p) => p.key)).to.deep.equal([
            "consensusVersion",
        ]);
    });

    it("refuses a version of another shape than the client's image tags, naming the key, the value and what is allowed", () => {
        const { problems } = readConfig(
            stringify({
                ...BASE_CONFIG,
                client: "geth-teku",
                executionVersion: "1.17.10",
                consensusVersion: "v26.10.2",
            }),
            { project: PROJECT, stack: STACK, region: REGION },
        );
        expect(problems).to.deep.equal([
            {
                key: "executionVersion",
                message:
                    '"1.17.10" is not a Geth image tag; allowed: v<major>.<minor>.<patch>, as ethereum/client-go tags its releases (known releases: v1.17.10 (the pin), v1.17.9, v1.17.8)',
            },
            {
                key: "consensusVersion",
                message:
                    '"v26.10.2" is not a Teku image tag; allowed: <year>.<month>.<patch>, as consensys/teku tags its releases (known releases: 26.10.2 (the pin), 26.10.1, 26.9.1, 26.8.0)',
            },
        ]);
    });
});
