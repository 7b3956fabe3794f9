import { expect } from "chai";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CONSENSUS_CLIENTS, EXECUTION_CLIENTS } from "../../catalog/clients";
import { ImageFamily } from "../../catalog/clientTypes";
import { IMAGE_FAMILIES, PACKAGE_COMMANDS } from "../oracles/imageFamilies";
import { imdsServer, listen } from "../localServers";
import { CLIENT_USERS, JWT_READER_GID } from "../../catalog/processIsolation";

const DOCKERFILE = path.join(__dirname, "..", "..", "docker", "node", "Dockerfile");
const ENTRYPOINT = path.join(__dirname, "..", "..", "docker", "node", "node-entrypoint.sh");
const FAKE_CLIENT = path.join(__dirname, "..", "fixtures", "fake-client.sh");

/** The packages the Dockerfile installs with each package manager. */
function installedPackages(dockerfile: string): Record<string, string[]> {
    const text = dockerfile.replace(/\\\n/g, " ");
    const apk = /apk add (?:--no-cache )?([a-z0-9 .-]+?)(?:;|&&|$)/.exec(text)?.[1] ?? "";
    const apt =
        /apt-get install -y (?:--no-install-recommends )?([a-z0-9 .-]+?)(?:;|&&|$)/.exec(
            text,
        )?.[1] ?? "";
    return {
        apk: apk.trim().split(/\s+/).filter(Boolean),
        "apt-get": apt.trim().split(/\s+/).filter(Boolean),
    };
}

/** What a container of this family has on PATH after the Dockerfile ran. */
function commandsAfterBuild(
    family: ImageFamily,
    installed = installedPackages(fs.readFileSync(DOCKERFILE, "utf8")),
) {
    const spec = IMAGE_FAMILIES[family];
    const added = (installed[spec.packageManager] ?? []).flatMap((p) => {
        const commands = PACKAGE_COMMANDS[p];
        if (commands === undefined) {
            throw new Error(
                `the Dockerfile installs ${p}, which tests/oracles/imageFamilies.ts does not describe`,
            );
        }
        return commands;
    });
    return [...spec.commands, ...added];
}

/** A PATH with only these commands (links to this machine's own tools). */
function pathWith(commands: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "image-path-"));
    for (const command of commands) {
        const real = spawnSync("sh", ["-c", `command -v ${command}`], {
            encoding: "utf8",
        }).stdout.trim();
        if (real.startsWith("/")) {
            fs.symlinkSync(real, path.join(dir, command));
        }
    }
    return dir;
}

/** Runs the entrypoint as a consensus client's first start: IMDS, JWT, node key and checkpoint sync. */
async function runEntrypoint(
    binPath: string,
): Promise<{ code: number | null; stderr: string; argv: string }> {
    const imds = await imdsServer({ "public-ipv4": "203.0.113.7" });
    const checkpoint = await listen((_req, res) => res.end('{"data":{"version":"x"}}'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "image-run-"));
    fs.chmodSync(dir, 0o777);
    try {
        const child = spawn("/bin/sh", [ENTRYPOINT, FAKE_CLIENT, "bn"], {
            env: {
                PATH: binPath,
                RECORD_DIR: dir,
                IMDS_ENDPOINT: imds.url,
                IMDS_ATTEMPTS: "1",
                EXTERNAL_IP_FLAG: "--enr-address={ip}",
                JWT_PATH: path.join(dir, "jwt", "jwt.hex"),
                JWT_GROUP: String(JWT_READER_GID),
                RUN_AS: `${CLIENT_USERS.consensus.uid}:${CLIENT_USERS.consensus.gid}`,
                CLIENT_DIR: path.join(dir, "client"),
                NODE_KEY_FLAG: "--nodekey",
                NODE_KEY_PATH: path.join(dir, "client", "nodekey"),
                CHECKPOINT_SYNC_FLAG: "--checkpoint-sync-url={url}",
                CHECKPOINT_SYNC_URLS: checkpoint.url,
                CLIENT_DB_PATH: path.join(dir, "beacon"),
            },
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
        const argvFile = path.join(dir, "argv");
        const deadline = Date.now() + 10000;
        while (!fs.existsSync(argvFile) && child.exitCode === null && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 25));
        }
        const argv = fs.existsSync(argvFile) ? fs.readFileSync(argvFile, "utf8") : "";
        child.kill("SIGTERM");
        return { code: await exited, stderr, argv };
    } finally {
        await imds.close();
        await checkpoint.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("docker/node/Dockerfile gives every base image what the entrypoint needs", () => {
    const clients = [...Object.values(EXECUTION_CLIENTS), ...Object.values(CONSENSUS_CLIENTS)];

    it("knows the base family of every pinned client image", () => {
        for (const client of clients) {
            expect(client.image.family, client.displayName).to.be.oneOf(
                Object.keys(IMAGE_FAMILIES),
            );
        }
    });

    for (const family of Object.keys(IMAGE_FAMILIES) as ImageFamily[]) {
        it(`${family}: the entrypoint runs with only the base's commands and the Dockerfile's packages`, async () => {
            const { argv, stderr } = await runEntrypoint(pathWith(commandsAfterBuild(family)));
            expect(argv, stderr).to.contain("--checkpoint-sync-url=");
            expect(argv).to.contain("--enr-address=203.0.113.7");
        });

        it(`${family}: the liveness checks find their tools`, () => {
            const available = commandsAfterBuild(family);
            for (const client of clients.filter((c) => c.image.family === family)) {
                const tool = client.livenessCommand.split(" ")[0]!;
                expect(available, `${client.displayName} liveness`).to.include(tool);
            }
        });
    }

    it("would notice a base that lacks setpriv if the Dockerfile did not add it", async () => {
        const curlOnly = commandsAfterBuild("alpine", { apk: ["curl"], "apt-get": [] });
        const { argv, stderr } = await runEntrypoint(pathWith(curlOnly));
        expect(argv).to.equal("");
        expect(stderr).to.match(/setpriv: not found/);
    });

    it("would notice a base that lacks curl if the Dockerfile did not add it", async () => {
        const without = commandsAfterBuild("ubuntu", { apk: [], "apt-get": [] });
        const { argv, stderr } = await runEntrypoint(pathWith(without));
        expect(argv).to.equal("");
        expect(stderr).to.contain("cannot read the public IPv4");
    });
});
