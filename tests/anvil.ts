import { spawn, ChildProcess } from "child_process";
import * as http from "http";
import * as path from "path";
import { freePort } from "./moto";
import { listen, stopChild, LocalServer } from "./localServers";

/** anvil processes as real JSON-RPC peers on 127.0.0.1; each test stops what it started, by pid. */
export const ANVIL = path.join(
    __dirname,
    "..",
    "node_modules",
    "@foundry-rs",
    "anvil-linux-amd64",
    "bin",
    "anvil",
);

export interface Anvil {
    url: string;
    call(method: string, params?: unknown[]): Promise<any>;
    stop(): Promise<void>;
}

/**
 * anvil answers every call the monitor makes except net_peerCount (a node without P2P has no peers).
 * This proxy answers that one call with a set count and forwards everything else to anvil unchanged.
 */
export async function withPeerCount(node: Anvil, peers: number): Promise<LocalServer> {
    const answer = async (body: string, res: http.ServerResponse): Promise<void> => {
        const request = JSON.parse(body) as { id: number; method: string };
        if (request.method === "net_peerCount") {
            const result = `0x${peers.toString(16)}`;
            res.writeHead(200, { "content-type": "application/json" }).end(
                JSON.stringify({ jsonrpc: "2.0", id: request.id, result }),
            );
            return;
        }
        const upstream = await fetch(node.url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
        });
        res.writeHead(upstream.status, { "content-type": "application/json" }).end(
            await upstream.text(),
        );
    };
    return listen((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => void answer(body, res));
    });
}

export async function startAnvil(args: string[] = []): Promise<Anvil> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(
        ANVIL,
        ["--host", "127.0.0.1", "--port", String(port), "--silent", ...args],
        { stdio: "ignore" },
    );
    const call = async (method: string, params: unknown[] = []) => {
        const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        });
        const body = (await response.json()) as { result?: unknown; error?: { message: string } };
        if (body.error) {
            throw new Error(body.error.message);
        }
        return body.result;
    };
    const deadline = Date.now() + 20000;
    for (;;) {
        try {
            await call("eth_chainId");
            break;
        } catch {
            if (Date.now() > deadline || child.exitCode !== null) {
                child.kill("SIGKILL");
                throw new Error(`anvil did not start on ${url}`);
            }
            await new Promise((r) => setTimeout(r, 100));
        }
    }
    return {
        url,
        call,
        stop: () => stopChild(child),
    };
}
