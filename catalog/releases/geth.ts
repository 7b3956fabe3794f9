import { GLAMSTERDAM } from "../forks";
import { ReleaseCatalog, forksThrough } from "./types";

/**
 * go-ethereum's releases. Every tag is on the Go module proxy: dates are the proxy's, the content
 * hash is go.sum's `h1:`, and each schedule is the tag's params/chainspecs/*.json, which
 * `npm run test:clients` re-reads from the module and, for the pin, from the built binary.
 */

const CHAINSPECS = "params/chainspecs/{mainnet,sepolia,hoodi}.json";
const VERIFIED_BY_BINARY = "the real binary built at the tag runs the program's command lines";

/** v1.17.6 and later schedule Sepolia's Glamsterdam; none yet schedules Hoodi's of 2026-12-15. */
const SEPOLIA_GLAMSTERDAM_ONLY = {
    mainnet: forksThrough("mainnet", "BPO2"),
    sepolia: forksThrough("sepolia", GLAMSTERDAM),
    hoodi: forksThrough("hoodi", "BPO2"),
};

export const GETH_RELEASES: ReleaseCatalog = {
    pin: "v1.17.10",
    versionPattern: /^v\d+\.\d+\.\d+$/,
    versionPatternDoc: "v<major>.<minor>.<patch>, as ethereum/client-go tags its releases",
    releases: [
        {
            version: "v1.17.10",
            date: "2026-10-23",
            commit: "go.sum h1:b3WO+xux3pItpm13kqT5Xddv01zOxBFZxQgk/Ate4/M=",
            forks: SEPOLIA_GLAMSTERDAM_ONLY,
            forksRead: "source",
            forksSource: `go-ethereum v1.17.10 ${CHAINSPECS} (removes v1.17.9's Hoodi amsterdamTime); geth dumpgenesis of the built binary`,
            flags: { verifiedAt: "v1.17.10", source: VERIFIED_BY_BINARY },
        },
        {
            version: "v1.17.9",
            date: "2026-10-21",
            commit: "go.sum h1:p05tsTJyvqI1WKBZlBl9+wYQG1eo/qVwmz66owsp+yA=",
            forks: {
                ...SEPOLIA_GLAMSTERDAM_ONLY,
                // Hoodi's first Glamsterdam date, cancelled the next day.
                hoodi: [
                    ...forksThrough("hoodi", "BPO2"),
                    { name: GLAMSTERDAM, time: 1_793_036_568 },
                ],
            },
            forksRead: "source",
            forksSource: `go-ethereum v1.17.9 ${CHAINSPECS}: hoodi amsterdamTime 1793036568 (2026-10-26, cancelled)`,
        },
        {
            version: "v1.17.8",
            date: "2026-10-08",
            commit: "go.sum h1:iKuXrT38t1PaU6aBw6MjBJhGoCl/+Ir0vf5aqQhYT38=",
            forks: SEPOLIA_GLAMSTERDAM_ONLY,
            forksRead: "source",
            forksSource: `go-ethereum v1.17.8 ${CHAINSPECS}`,
        },
    ],
};
