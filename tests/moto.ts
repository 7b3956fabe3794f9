import { spawn, spawnSync, ChildProcess } from "child_process";
import * as net from "net";
import { stopChild } from "./localServers";
import { PYTHON } from "./toolchain";

/**
 * A moto server on 127.0.0.1: one per test run, started by the first spec that asks for it and
 * stopped by its own pid after the run (tests/setup.ts); each spec resets its state first.
 */
export interface Moto {
    url: string;
    reset(): Promise<void>;
    stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

let shared: Promise<Moto> | undefined;

/** The run's moto server, reset to an empty account. */
export async function sharedMoto(): Promise<Moto> {
    shared ??= startMoto();
    const moto = await shared;
    await moto.reset();
    return moto;
}

/** Stops the run's moto server, if one was started. */
export async function stopSharedMoto(): Promise<void> {
    const started = shared;
    shared = undefined;
    await (await started)?.stop();
}

async function startMoto(): Promise<Moto> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(
        PYTHON,
        ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
        { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const spawnError = new Promise<never>((_, reject) =>
        child.on("error", (e) =>
            reject(new Error(`cannot start moto server with ${PYTHON}: ${e.message}`)),
        ),
    );
    const deadline = Date.now() + 30000;
    for (;;) {
        const up = await Promise.race([
            fetch(`${url}/moto-api/`).then(
                () => true,
                () => false,
            ),
            spawnError,
        ]);
        if (up) {
            break;
        }
        if (Date.now() > deadline || child.exitCode !== null) {
            child.kill("SIGKILL");
            throw new Error(`moto server did not start: ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    return {
        url,
        reset: async () => {
            await fetch(`${url}/moto-api/reset`, { method: "POST" });
        },
        stop: () => stopChild(child),
    };
}

/** Client settings that send SDK v3 traffic to a local endpoint with dummy credentials. */
export function localClientConfig(endpoint: string) {
    return {
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    };
}

/** What DescribeInstanceTypes says of a type, as moto ships it. */
export interface DescribedType {
    CurrentGeneration: boolean;
    BurstablePerformanceSupported: boolean;
    VCpuInfo: { DefaultVCpus: number };
    ProcessorInfo: { SupportedArchitectures: string[] };
    MemoryInfo: { SizeInMiB: number };
    EbsInfo: {
        EbsOptimizedInfo?: {
            BaselineIops: number;
            MaximumIops: number;
            BaselineThroughputInMBps: number;
            MaximumThroughputInMBps: number;
        };
    };
}

/** moto's copy of DescribeInstanceTypes for the given types (absent: moto does not know it). */
export function describedTypes(types: string[]): Record<string, DescribedType | null> {
    const script = [
        "import gzip, json, sys, importlib.resources as r",
        "data = json.load(gzip.open(r.files('moto.ec2.resources') / 'instance_types.json.gz'))",
        "print(json.dumps({t: data.get(t) for t in json.load(sys.stdin)}))",
    ].join("\n");
    const run = spawnSync(PYTHON, ["-c", script], {
        input: JSON.stringify(types),
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
    });
    if (run.status !== 0) {
        throw new Error(`reading moto's instance types: ${run.stderr}`);
    }
    return JSON.parse(run.stdout);
}
