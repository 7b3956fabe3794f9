import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Network } from "../../catalog/networks";
import { Fork } from "../../catalog/forks";
import { GETH_RELEASES } from "../../catalog/releases/geth";
import { RETH_RELEASES } from "../../catalog/releases/reth";
import { CACHE_DIR } from "../toolchain";

/**
 * The clients' own fork schedules, read from where each is reachable here: go-ethereum's tagged trees
 * on the Go module proxy (params/chainspecs/*.json) and the alloy-hardforks crates reth takes its
 * schedule from (crates.io, with cargo). prepare.ts fetches them before the loopback-only namespace;
 * the specs read the copies.
 */

/** How each client spells the forks the catalog names (geth: `<fork>Time`, alloy: `<NET>_<FORK>_TIMESTAMP`). */
export const SPELLINGS: Record<string, { geth: string; alloy: string }> = {
    Fusaka: { geth: "osakaTime", alloy: "OSAKA" },
    BPO1: { geth: "bpo1Time", alloy: "BPO1" },
    BPO2: { geth: "bpo2Time", alloy: "BPO2" },
    Glamsterdam: { geth: "amsterdamTime", alloy: "AMSTERDAM" },
};

const CARGO_HOME = path.join(CACHE_DIR, "cargo");

/** The alloy-hardforks version a reth release record names as its schedule's source. */
export function alloyVersionOf(forksSource: string): string {
    const match = /alloy-hardforks[ ="]*(\d+\.\d+\.\d+)/.exec(forksSource);
    if (!match) {
        throw new Error(`no alloy-hardforks version in: ${forksSource}`);
    }
    return match[1]!;
}

const goModCache = () => spawnSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).stdout.trim();

export const gethModuleDir = (version: string) =>
    path.join(goModCache(), `github.com/ethereum/go-ethereum@${version}`);

function crateDir(name: string, version: string): string | undefined {
    const src = path.join(CARGO_HOME, "registry", "src");
    const registries = fs.existsSync(src) ? fs.readdirSync(src) : [];
    return registries
        .map((r) => path.join(src, r, `${name}-${version}`))
        .find((dir) => fs.existsSync(dir));
}

export function alloyHardforksDir(version: string): string {
    const dir = crateDir("alloy-hardforks", version);
    if (!dir) {
        throw new Error(
            `alloy-hardforks ${version} is not in ${CARGO_HOME}; npm run test:clients fetches it first`,
        );
    }
    return dir;
}

/** Every release schedule's source this machine can reach, fetched once (outside the namespace). */
export function ensureReleaseSources(log: (line: string) => void): void {
    for (const { version } of GETH_RELEASES.releases) {
        if (!fs.existsSync(gethModuleDir(version))) {
            log(`fetching go-ethereum ${version} from the Go module proxy`);
            const got = spawnSync(
                "go",
                ["mod", "download", `github.com/ethereum/go-ethereum@${version}`],
                {
                    encoding: "utf8",
                },
            );
            if (got.status !== 0) {
                throw new Error(`go mod download of go-ethereum ${version} failed: ${got.stderr}`);
            }
        }
    }
    for (const release of RETH_RELEASES.releases) {
        const version = alloyVersionOf(release.forksSource);
        if (crateDir("alloy-hardforks", version) === undefined) {
            log(`fetching alloy-hardforks ${version} from crates.io`);
            const got = spawnSync("cargo", ["info", `alloy-hardforks@${version}`], {
                encoding: "utf8",
                env: { ...process.env, CARGO_HOME },
            });
            if (got.status !== 0 || crateDir("alloy-hardforks", version) === undefined) {
                throw new Error(`cargo could not fetch alloy-hardforks ${version}: ${got.stderr}`);
            }
        }
    }
}

/** The forks from Fusaka on in a geth genesis config (a chainspec file, or `geth dumpgenesis`'s). */
export function gethForks(config: Record<string, unknown>): Fork[] {
    return Object.entries(SPELLINGS)
        .filter(([, s]) => typeof config[s.geth] === "number")
        .map(([name, s]) => ({ name, time: config[s.geth] as number }))
        .sort((a, b) => a.time - b.time);
}

export function gethChainspec(version: string, network: Network): Record<string, unknown> {
    const file = path.join(gethModuleDir(version), "params", "chainspecs", `${network}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The forks from Fusaka on that an alloy-hardforks version schedules on a network (u64::MAX: none). */
export function alloyForks(version: string, network: Network): Fork[] {
    const sources = fs
        .readdirSync(path.join(alloyHardforksDir(version), "src", "ethereum"))
        .map((f) =>
            fs.readFileSync(path.join(alloyHardforksDir(version), "src", "ethereum", f), "utf8"),
        )
        .join("\n");
    return Object.entries(SPELLINGS).flatMap(([name, s]) => {
        const constant = new RegExp(
            `pub const ${network.toUpperCase()}_${s.alloy}_TIMESTAMP: u64 = ([0-9_]+|u64::MAX);`,
        ).exec(sources);
        if (!constant || constant[1] === "u64::MAX") {
            return [];
        }
        return [{ name, time: Number(constant[1]!.replace(/_/g, "")) }];
    });
}
