import { spawn, ChildProcess } from "child_process";
import * as path from "path";

/** The node image's entrypoint, run by the tests as it runs in the container. */
export const ENTRYPOINT = path.join(__dirname, "..", "docker", "node", "node-entrypoint.sh");

export interface EntrypointRun {
    child: ChildProcess;
    stderr: () => string;
    exited: Promise<number | null>;
}

/** Starts the entrypoint with a client command line and only the given environment. */
export function startEntrypoint(command: string[], env: Record<string, string>): EntrypointRun {
    const child = spawn("sh", [ENTRYPOINT, ...command], { env });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => resolve(code)),
    );
    return { child, stderr: () => stderr, exited };
}
