import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CACHE_DIR } from "../toolchain";

/**
 * The pinned geth, built from the Go module proxy at the catalog's tag into .cache/ (gitignored) and
 * reused afterwards. Runs outside the test's network namespace: building needs the proxy.
 */
export function gethPath(tag: string): string {
    return path.join(CACHE_DIR, `geth-${tag}`, "geth");
}

export function ensureGeth(tag: string, log: (line: string) => void = () => undefined): string {
    const binary = gethPath(tag);
    if (fs.existsSync(binary)) {
        return binary;
    }
    const go = spawnSync("go", ["version"], { encoding: "utf8" });
    if (go.status !== 0) {
        throw new Error(
            "npm run test:clients builds the pinned geth from source and needs Go on PATH (https://go.dev/dl, or apt-get install golang)",
        );
    }
    log(`building geth ${tag} with ${go.stdout.trim()} (a few minutes the first time)`);
    const built = spawnSync("go", ["install", `github.com/ethereum/go-ethereum/cmd/geth@${tag}`], {
        env: { ...process.env, GOBIN: path.dirname(binary), GOFLAGS: "-trimpath" },
        encoding: "utf8",
        stdio: ["ignore", "inherit", "inherit"],
    });
    if (built.status !== 0 || !fs.existsSync(binary)) {
        throw new Error(`go install of geth ${tag} failed (exit ${built.status})`);
    }
    return binary;
}
