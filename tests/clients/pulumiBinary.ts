import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CACHE_DIR } from "../toolchain";

/**
 * The real Pulumi CLI and its YAML language host, built from the Go module proxy into .cache/
 * (gitignored) and reused afterwards. The CLI's `pkg` module replaces its `sdk` with `../sdk`, so
 * both module trees are laid side by side before the build (about 7 minutes once). The Node.js
 * language host's module is not served, so the engine tests run YAML programs.
 */
export const PULUMI_VERSION = "v3.274.1";
export const PULUMI_YAML_VERSION = "v1.25.0";
const BIN = path.join(CACHE_DIR, `pulumi-${PULUMI_VERSION}`);

export const pulumiBin = () => BIN;

function go(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    const result = spawnSync("go", args, {
        encoding: "utf8",
        cwd: options.cwd,
        env: { ...process.env, GOFLAGS: "-trimpath", ...options.env },
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
        throw new Error(`go ${args.join(" ")} failed (exit ${result.status})`);
    }
    return result.stdout;
}

export function ensurePulumi(log: (line: string) => void = () => undefined): string {
    const cli = path.join(BIN, "pulumi");
    const yamlHost = path.join(BIN, "pulumi-language-yaml");
    if (fs.existsSync(cli) && fs.existsSync(yamlHost)) {
        return BIN;
    }
    log(
        `building the Pulumi CLI ${PULUMI_VERSION} and pulumi-language-yaml ${PULUMI_YAML_VERSION} (about 7 minutes the first time)`,
    );
    const modules = go([
        "mod",
        "download",
        "-json",
        `github.com/pulumi/pulumi/pkg/v3@${PULUMI_VERSION}`,
        `github.com/pulumi/pulumi/sdk/v3@${PULUMI_VERSION}`,
    ]);
    const dirs = [...modules.matchAll(/"Dir":\s*"([^"]+)"/g)].map((m) => m[1]!);
    if (dirs.length !== 2) {
        throw new Error(`go mod download did not give both modules: ${modules}`);
    }
    const src = path.join(CACHE_DIR, `pulumi-src-${PULUMI_VERSION}`);
    fs.rmSync(src, { recursive: true, force: true });
    fs.mkdirSync(src, { recursive: true });
    for (const dir of dirs) {
        const dest = path.join(src, dir.includes("/pkg/v3@") ? "pkg" : "sdk");
        fs.cpSync(dir, dest, { recursive: true });
        // The module cache is read-only; the build writes nothing there, but cleanup must work.
        spawnSync("chmod", ["-R", "u+w", dest]);
    }
    fs.mkdirSync(BIN, { recursive: true });
    go(["build", "-o", cli, "./cmd/pulumi"], { cwd: path.join(src, "pkg") });
    go(
        [
            "install",
            `github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@${PULUMI_YAML_VERSION}`,
        ],
        {
            env: { GOBIN: BIN },
        },
    );
    fs.rmSync(src, { recursive: true, force: true });
    return BIN;
}
