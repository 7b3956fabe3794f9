import { GLAMSTERDAM } from "../forks";
import { ReleaseCatalog, forksThrough, throughOnEvery } from "./types";

/**
 * Lighthouse's releases. Its network configs (common/eth2_network_config/built_in_network_configs)
 * are readable here only in a 2024 snapshot and a copy without any Gloas epoch, so every schedule
 * below comes from release notes or is assumed, and says which; its flags are verified against the
 * newest v8 help text stored here.
 */

const HELP_BN =
    "sigp/lighthouse book/src/help_bn.md at commit 00a87df5fe01f504d5d745c5b106de33ad4a9983 (the v8-series help text stored here)";

const CANCELLED_HOODI_DATE = [
    ...forksThrough("hoodi", "BPO2"),
    { name: GLAMSTERDAM, time: 1_793_036_568 },
];

export const LIGHTHOUSE_RELEASES: ReleaseCatalog = {
    pin: "v8.3.3",
    versionPattern: /^v\d+\.\d+\.\d+$/,
    versionPatternDoc: "v<major>.<minor>.<patch>, as sigp/lighthouse tags its releases",
    releases: [
        {
            version: "v8.3.3",
            date: "2026-11-09",
            forks: {
                mainnet: forksThrough("mainnet", "BPO2"),
                sepolia: forksThrough("sepolia", GLAMSTERDAM),
                hoodi: forksThrough("hoodi", "BPO2"),
            },
            forksRead: "assumed",
            forksSource:
                "assumed: Sepolia's Glamsterdam (set 2026-09-15) shipped in the v8.3 series, whose v8.3.0 and v8.3.1 also carried Hoodi's later-cancelled 2026-10-26 date (Rocket Pool smartnode v1.25.x notes); no later release is listed with it, and Hoodi's 2026-12-15 date was announced after 2026-11-09 (ethrex v33.0.0, 2026-11-28)",
            security:
                "a high-priority patch release containing security fixes; its notes ask every beacon node to upgrade",
            flags: {
                verifiedAt: "v8.2.2",
                source: `${HELP_BN}: v8.3.3's own help text is not readable here; a minor release removes no flag (lighthouse removed deprecated flags in v8.0.0)`,
            },
        },
        {
            version: "v8.3.1",
            date: "2026-10-22",
            forks: {
                mainnet: forksThrough("mainnet", "BPO2"),
                sepolia: forksThrough("sepolia", GLAMSTERDAM),
                hoodi: CANCELLED_HOODI_DATE,
            },
            forksRead: "release notes",
            forksSource:
                "Rocket Pool smartnode v1.25.0/v1.25.1 notes: lighthouse v8.3.0 and v8.3.1 carry the cancelled 2026-10-26 Hoodi date",
            security:
                'replaces trusted certificates after the eMudhra CA compromise, "especially if your setup utilises HTTPS (e.g. for checkpoint sync)"',
        },
        {
            version: "v8.3.0",
            forks: {
                mainnet: forksThrough("mainnet", "BPO2"),
                sepolia: forksThrough("sepolia", GLAMSTERDAM),
                hoodi: CANCELLED_HOODI_DATE,
            },
            forksRead: "release notes",
            forksSource:
                "Rocket Pool smartnode v1.25.0/v1.25.1 notes: lighthouse v8.3.0 and v8.3.1 carry the cancelled 2026-10-26 Hoodi date",
        },
        {
            version: "v8.2.2",
            date: "2026-08-17",
            forks: throughOnEvery("BPO2"),
            forksRead: "assumed",
            forksSource:
                "assumed from teku 26.8.0 and reth v2.5.1, released either side of it (sigp/lighthouse PR #9840, merged 2026-08-17): BPO2 last; no later fork had a date (the first, Sepolia's, was set 2026-09-15 in ethereum/pm#2205)",
            flags: { verifiedAt: "v8.2.2", source: HELP_BN },
        },
    ],
};
