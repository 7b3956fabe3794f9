import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { legacyLayoutProblem, localBackendDir } from "../domain/backend";

/**
 * The backend the CLI runs against, as the CLI finds it: PULUMI_BACKEND_URL, else the `current`
 * login in PULUMI_HOME (default ~/.pulumi) credentials.json. The program runs with the CLI's
 * environment on the deployer's machine, so it sees the same.
 */
export function currentBackendUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
    if (env.PULUMI_BACKEND_URL) {
        return env.PULUMI_BACKEND_URL;
    }
    const home = env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");
    try {
        const creds = JSON.parse(fs.readFileSync(path.join(home, "credentials.json"), "utf8"));
        return typeof creds.current === "string" ? creds.current : undefined;
    } catch {
        return undefined;
    }
}

/** Stops before the self-reference on a backend that cannot serve it, with the upgrade command. */
export function assertBackendServesSelfReference(env: NodeJS.ProcessEnv = process.env): void {
    const url = currentBackendUrl(env);
    const dir = localBackendDir(url, os.homedir());
    if (dir === undefined) {
        return;
    }
    const metaFile = path.join(dir, ".pulumi", "meta.yaml");
    const meta = fs.existsSync(metaFile) ? fs.readFileSync(metaFile, "utf8") : undefined;
    const problem = legacyLayoutProblem(url, meta);
    if (problem !== undefined) {
        throw new pulumi.RunError(problem);
    }
}
