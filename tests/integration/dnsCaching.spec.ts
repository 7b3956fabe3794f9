import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { PYTHON } from "../toolchain";

/**
 * Why the lifecycle handler leaves a replaced node's A record for the next launch to overwrite
 * instead of deleting it: a caching resolver (dnspython's, RFC 2308) against an authority that
 * answers as Route 53 does (record TTL 60; NXDOMAIN with an SOA of TTL 900, minimum 86400), through
 * one replacement on a fake clock (tests/fixtures/negative_caching.py).
 */
describe("a caching resolver through a node replacement", () => {
    type Seen = [number, string][];
    let result: {
        terminated: number;
        launched: number;
        deleteOnTerminate: Seen;
        leaveForTheLaunch: Seen;
    };

    before(() => {
        const run = spawnSync(
            PYTHON,
            [path.join(__dirname, "..", "fixtures", "negative_caching.py")],
            {
                encoding: "utf8",
                timeout: 30000,
            },
        );
        expect(run.status, run.stderr).to.equal(0);
        result = JSON.parse(run.stdout);
    });

    it("caches a deleted name for the SOA's 900 s, long after the replacement's record exists", () => {
        const { launched, terminated, deleteOnTerminate } = result;
        const missing = deleteOnTerminate.filter(([, answer]) => answer === "NXDOMAIN");
        expect(
            missing.some(([t]) => t > launched),
            "NXDOMAIN after the new record",
        ).to.equal(true);
        const firstMissing = missing[0]![0];
        expect(firstMissing).to.be.above(terminated);
        for (const [t, answer] of deleteOnTerminate.filter(([t]) => t > firstMissing)) {
            expect(answer, `t=${t}`).to.equal(t < firstMissing + 900 ? "NXDOMAIN" : "10.0.0.2");
        }
    });

    it("with the record left in place, resolves throughout and moves within one TTL of the launch", () => {
        const { launched, leaveForTheLaunch } = result;
        expect(leaveForTheLaunch.filter(([, a]) => a === "NXDOMAIN")).to.deep.equal([]);
        const moved = leaveForTheLaunch.find(([, a]) => a === "10.0.0.2")![0];
        expect(moved).to.be.at.most(launched + 60);
    });
});
