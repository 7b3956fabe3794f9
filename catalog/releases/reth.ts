import { GLAMSTERDAM } from "../forks";
import { ReleaseCatalog, forksThrough, throughOnEvery } from "./types";

/**
 * reth's releases. reth takes its Ethereum fork schedule from the alloy-hardforks crate
 * (EthereumHardfork::{mainnet,sepolia,hoodi}()), so each schedule is that crate's constants at the
 * version the release locks; `npm run test:clients` re-reads them from crates.io. reth's own tree is
 * readable here only up to v2.5.1, so its flags, pruning and history are verified there.
 */

const CLI_V251 =
    "paradigmxyz/reth tag v2.5.1 (commit 6dec1b96b625584956883c34ad0eafbe550480ac), docs/vocs/docs/pages/cli/reth/node.mdx";

export const RETH_RELEASES: ReleaseCatalog = {
    pin: "v2.10.1",
    versionPattern: /^v\d+\.\d+\.\d+$/,
    versionPatternDoc: "v<major>.<minor>.<patch>, as ghcr.io/paradigmxyz/reth tags its releases",
    releases: [
        {
            version: "v2.10.1",
            forks: {
                mainnet: forksThrough("mainnet", "BPO2"),
                sepolia: forksThrough("sepolia", GLAMSTERDAM),
                hoodi: forksThrough("hoodi", "BPO2"),
            },
            forksRead: "release notes",
            forksSource:
                "alloy-hardforks 0.4.11 (the version shared/research/node-facts.md gives reth v2.10.1; the newest on crates.io): SEPOLIA_AMSTERDAM_TIMESTAMP 1791294816, HOODI_AMSTERDAM_TIMESTAMP u64::MAX, no mainnet Amsterdam; reth's own lock file at the tag is not readable here",
            flags: {
                verifiedAt: "v2.5.1",
                source: `${CLI_V251}: the newest reth source readable here; v2.10.1's own CLI reference is not`,
            },
        },
        {
            version: "v2.8.0",
            forks: {
                mainnet: forksThrough("mainnet", "BPO2"),
                sepolia: forksThrough("sepolia", GLAMSTERDAM),
                hoodi: [
                    ...forksThrough("hoodi", "BPO2"),
                    { name: GLAMSTERDAM, time: 1_793_036_568 },
                ],
            },
            forksRead: "release notes",
            forksSource:
                "Rocket Pool smartnode v1.25.0/v1.25.1 notes: reth v2.8.0 carries the cancelled Hoodi date; alloy-hardforks 0.4.10, the only version with HOODI_AMSTERDAM_TIMESTAMP 1793036568",
        },
        {
            version: "v2.5.1",
            date: "2026-08-20",
            commit: "6dec1b96b625584956883c34ad0eafbe550480ac",
            forks: throughOnEvery("BPO2"),
            forksRead: "source",
            forksSource:
                'reth v2.5.1 Cargo.toml alloy-hardforks = "0.4.7", whose network lists end at Bpo2 (crates/chainspec/src/spec.rs test_hardfork_list_display_mainnet: last Bpo2 @1767747671)',
            flags: { verifiedAt: "v2.5.1", source: CLI_V251 },
        },
    ],
};
