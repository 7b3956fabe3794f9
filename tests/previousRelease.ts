import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { ProgramRun } from "../offline/engine";
import { MOCKED, stackConfig } from "./transition";

/**
 * Released versions of this program, run under mocks and recorded: what each registered for a
 * config, read back by tests/upgrade.spec.ts as the stack an upgrade starts from. A recording is made
 * from the release's own tree (`git archive`), by its own offline engine in a process of its own,
 * so it is what that version registers, not this repository's idea of it. The mocked cloud is
 * today's (offline/mockCloud.ts), so ids and ARNs have the shape the current run gives them, as AWS
 * keeps them across an upgrade. Recordings are committed, so the suite needs no git history.
 *
 * Record what is missing: npx ts-node tests/previousRelease.ts (`--all` after a change to
 * offline/mockCloud.ts)
 */

export interface Release {
    commit: string;
    what: string;
}

export const RELEASES: Release[] = [
    { commit: "84ac928", what: "the last landed version" },
    { commit: "ea58068", what: "the one before, whose reth with an unset nodeMode ran archive" },
    { commit: "f861869", what: "a landed version that pinned lighthouse v8.2.2" },
    { commit: "26b1655", what: "the one before, on geth v1.17.5" },
    {
        commit: "5a2d9d2",
        what: "an older one, whose launch templates tag the client pair, with AWS's managed ECS agent policy",
    },
];

/** The configs each release is recorded with: one node and two behind the balancer. */
export const RELEASE_CONFIGS: Record<string, Record<string, string>> = {
    "one node": { client: "geth-lighthouse", nodeMode: "minimal" },
    "two nodes": { client: "geth-lighthouse", nodeMode: "minimal", nodeCount: "2" },
};

/**
 * Recordings of one release and config each, for an upgrade that depends on what that release chose:
 * ea58068 ran reth with an unset nodeMode as archive, which this version picks only on request.
 */
export const SINGLE_RECORDINGS: {
    commit: string;
    label: string;
    config: Record<string, string>;
}[] = [{ commit: "ea58068", label: "reth unset mode", config: { client: "reth-lighthouse" } }];

const ROOT = path.join(__dirname, "..");
const RECORDINGS = path.join(__dirname, "fixtures", "releases");
const recordingOf = (commit: string, label: string) =>
    path.join(RECORDINGS, `${commit}-${label.replace(/ /g, "-")}.json.gz`);

/** What `commit` registered for the config `label`, as recorded. */
export function recordedRelease(commit: string, label: string): ProgramRun {
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(recordingOf(commit, label))).toString());
}

const run = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
    if (result.status !== 0) {
        throw new Error(
            `${command} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.error}`,
        );
    }
};

/** Runs `commit`'s program under mocks for a config, in its own tree and process. */
function runRelease(commit: string, config: Record<string, string>): ProgramRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `release-${commit}-`));
    try {
        run("sh", ["-c", `git archive ${commit} | tar -x -C '${dir}'`], ROOT);
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
        fs.copyFileSync(
            path.join(ROOT, "offline", "mockCloud.ts"),
            path.join(dir, "offline", "mockCloud.ts"),
        );
        const out = path.join(dir, "run.json");
        const script = [
            `const { runProgram } = require("./offline/engine");`,
            `const [config, options] = ${JSON.stringify([config, MOCKED])};`,
            `runProgram(config, options).then(`,
            `  (r) => { require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(r)); process.exit(0); },`,
            `  (e) => { console.error(e); process.exit(1); });`,
        ].join("\n");
        run(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], dir);
        // The release's tree is a temporary directory: its path is left out so recordings repeat.
        const recorded = fs.readFileSync(out, "utf8").split(dir).join("<release tree>");
        const { outputs, world } = JSON.parse(recorded) as ProgramRun;
        // Only the resources and outputs: what an upgrade starts from.
        return { outputs, world: { resources: world.resources, calls: [] } };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Records what is missing; `--all` records everything again (after a change to offline/mockCloud.ts). */
if (require.main === module) {
    fs.mkdirSync(RECORDINGS, { recursive: true });
    const all = process.argv.includes("--all");
    const wanted = [
        ...RELEASES.flatMap(({ commit }) =>
            Object.entries(RELEASE_CONFIGS).map(([label, config]) => ({ commit, label, config })),
        ),
        ...SINGLE_RECORDINGS,
    ];
    for (const { commit, label, config } of wanted) {
        if (!all && fs.existsSync(recordingOf(commit, label))) {
            continue;
        }
        const recorded = runRelease(commit, stackConfig(config));
        fs.writeFileSync(recordingOf(commit, label), zlib.gzipSync(JSON.stringify(recorded)));
        console.log(`${commit} ${label}: ${recorded.world.resources.length} resources`);
    }
}
