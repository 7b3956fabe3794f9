import { GLAMSTERDAM } from "../forks";
import { ReleaseCatalog, forksThrough, throughOnEvery } from "./types";

/**
 * Teku's releases. Its tree is readable here up to 26.8.0 (its network configs under
 * ethereum/spec/src/main/resources/tech/pegasys/teku/spec/config/configs/); later schedules come from
 * release notes, and its flags are verified against 26.8.0's options.
 */

const OPTIONS_2680 =
    "Consensys/teku tag 26.8.0 (commit b37812f9ff3ac75d898335dea11cf4cf47e6f983): the @Option names of BeaconNodeCommand and the option classes it mixes in";

const SEPOLIA_GLAMSTERDAM = (hoodi = forksThrough("hoodi", "BPO2")) => ({
    mainnet: forksThrough("mainnet", "BPO2"),
    sepolia: forksThrough("sepolia", GLAMSTERDAM),
    hoodi,
});

export const TEKU_RELEASES: ReleaseCatalog = {
    pin: "26.10.2",
    versionPattern: /^\d+\.\d+\.\d+$/,
    versionPatternDoc: "<year>.<month>.<patch>, as consensys/teku tags its releases",
    releases: [
        {
            version: "26.10.2",
            forks: SEPOLIA_GLAMSTERDAM(),
            forksRead: "release notes",
            forksSource:
                "teku schedules Sepolia's Glamsterdam from 26.9.1 (the Ethereum Foundation's Sepolia announcement, Consensys/teku#11308); 26.10.1 is the release with the cancelled Hoodi date (Rocket Pool smartnode v1.25.x notes), and 26.10.2 follows it without",
            flags: {
                verifiedAt: "26.8.0",
                source: `${OPTIONS_2680}: the newest teku source readable here; 26.10.2's is not`,
            },
        },
        {
            version: "26.10.1",
            forks: SEPOLIA_GLAMSTERDAM([
                ...forksThrough("hoodi", "BPO2"),
                { name: GLAMSTERDAM, time: 1_793_036_568 },
            ]),
            forksRead: "release notes",
            forksSource:
                "Rocket Pool smartnode v1.25.0/v1.25.1 notes: teku 26.10.1 carries the cancelled 2026-10-26 Hoodi date",
        },
        {
            version: "26.9.1",
            forks: SEPOLIA_GLAMSTERDAM(),
            forksRead: "release notes",
            forksSource:
                "the Ethereum Foundation's Glamsterdam testnet announcement lists Teku 26.9.1 for Sepolia; Consensys/teku#11308 (2026-09-21) scheduled it",
        },
        {
            version: "26.8.0",
            date: "2026-08-10",
            commit: "b37812f9ff3ac75d898335dea11cf4cf47e6f983",
            forks: throughOnEvery("BPO2"),
            forksRead: "source",
            forksSource:
                "Consensys/teku 26.8.0 configs/{mainnet,sepolia,hoodi}.yaml: FULU_FORK_EPOCH and BLOB_SCHEDULE's epochs (BPO2 last), GLOAS_FORK_EPOCH unscheduled",
            flags: { verifiedAt: "26.8.0", source: OPTIONS_2680 },
        },
    ],
};
