import { expect } from "chai";
import {
    CLIENT_PAIRS,
    EXECUTION_CLIENTS,
    CONSENSUS_CLIENTS,
    clientPair,
    diskNeed,
    supportedModes,
} from "../catalog/clients";
import { NETWORKS } from "../catalog/networks";
import { CATALOG_MONTH, DiskFigure, GROWTH_ALLOWANCE_MONTHS, monthsBetween } from "../catalog/disk";

const YEAR_MONTH = /^20\d\d-(0[1-9]|1[0-2])$/;

const everyFigure = (): [string, DiskFigure][] => [
    ...Object.entries(EXECUTION_CLIENTS).flatMap(([name, c]) =>
        Object.entries(c.modes).flatMap(([mode, byNetwork]) =>
            Object.entries(byNetwork).map(([network, f]): [string, DiskFigure] => [
                `${name} ${mode} ${network}`,
                f,
            ]),
        ),
    ),
    ...Object.entries(CONSENSUS_CLIENTS).flatMap(([name, c]) =>
        Object.entries(c.diskGiB).map(([network, f]): [string, DiskFigure] => [
            `${name} ${network}`,
            f,
        ]),
    ),
];

describe("disk figures", () => {
    it("each has a size, a month no later than the catalog's, a source, and a growth rate with its source", () => {
        for (const [what, f] of everyFigure()) {
            expect(f.measuredGiB, what).to.be.above(0);
            expect(f.measuredOn, what).to.match(YEAR_MONTH);
            expect(monthsBetween(f.measuredOn, CATALOG_MONTH), what).to.be.at.least(0);
            expect(f.source, what).to.have.length.above(10);
            expect(f.growthGiBPerMonth, what).to.be.above(0);
            expect(f.growthSource, what).to.have.length.above(10);
        }
    });

    it("projects geth minimal + lighthouse on mainnet to 2026-11 and adds three months (worked by hand)", () => {
        // geth 580 GiB (2026-04) + 7 × 34.7; lighthouse 20 GiB (2026-04) + 7 × 1 → 849.9 GiB.
        // geth's whole-history indexes from Prague (2025-05-07), 543 days to 2026-11-01:
        // log index 61 − 10 = 51 GiB; transactions (543 × 7200 − 2,350,000) × 200 × 36 B = 10.46 GiB
        // → 62 GiB, growing 219,168 × 7200 B = 1.47 + 10 / 12 = 2.3 GiB a month.
        // 849.9 + 62 = 911.9 → 912 GiB; + 3 × (35.7 + 2.3) = 1026 → 1030 GiB (rounded up to 10).
        const need = diskNeed(clientPair("geth-lighthouse"), "mainnet", "minimal");
        expect(need).to.include({ minGiB: 912, recommendedGiB: 1030, growthGiBPerMonth: 38 });
        expect(need.basis).to.contain("eth-docker");
        expect(need.basis).to.contain("Geth 1.15.6 release notes");
        expect(need.basis).to.contain("912 GiB in 2026-11, 1030 GiB with 3 months of growth");
    });

    it("gives every supported pair × network × mode a default that holds today's data plus the stated growth", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const network of NETWORKS) {
                for (const mode of supportedModes(pair, network)) {
                    const need = diskNeed(pair, network, mode);
                    expect(need.recommendedGiB, `${pair.name} ${network} ${mode}`).to.be.at.least(
                        need.minGiB + need.growthGiBPerMonth * GROWTH_ALLOWANCE_MONTHS,
                    );
                }
            }
        }
    });

    it("orders reth's mainnet modes by what they keep: minimal < full < archive", () => {
        const reth = clientPair("reth-lighthouse");
        const size = (mode: "minimal" | "full" | "archive") =>
            diskNeed(reth, "mainnet", mode).minGiB;
        expect(size("minimal")).to.be.below(size("full"));
        expect(size("full")).to.be.below(size("archive"));
    });
});
