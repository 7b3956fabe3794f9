import { expect } from "chai";
import { NETWORKS } from "../../catalog/networks";
import { GETH_RELEASES } from "../../catalog/releases/geth";
import { RETH_RELEASES } from "../../catalog/releases/reth";
import { alloyForks, alloyVersionOf, gethChainspec, gethForks } from "./releaseSources";

/**
 * Each release record's fork schedule against the client's own files at that release, wherever they
 * are reachable here: go-ethereum's chainspecs at every catalogued tag, and the alloy-hardforks crate
 * each reth record names. (Lighthouse's and teku's later trees are not reachable; their records say
 * where their schedules come from instead.)
 */
describe("release records against the clients' own fork schedules", () => {
    for (const release of GETH_RELEASES.releases) {
        for (const network of NETWORKS) {
            it(`geth ${release.version} on ${network}: the record's forks are the tag's params/chainspecs/${network}.json`, () => {
                expect(release.forksRead).to.equal("source");
                expect(gethForks(gethChainspec(release.version, network))).to.deep.equal(
                    release.forks[network],
                );
            });
        }
    }

    for (const release of RETH_RELEASES.releases) {
        const alloy = alloyVersionOf(release.forksSource);
        for (const network of NETWORKS) {
            it(`reth ${release.version} on ${network}: the record's forks are alloy-hardforks ${alloy}'s`, () => {
                expect(alloyForks(alloy, network)).to.deep.equal(release.forks[network]);
            });
        }
    }

    it("would see a record that drops a fork its source schedules", () => {
        const v1179 = GETH_RELEASES.releases.find((r) => r.version === "v1.17.9")!;
        expect(gethForks(gethChainspec("v1.17.9", "hoodi"))).to.not.deep.equal(
            v1179.forks.hoodi.slice(0, -1),
        );
    });
});
