import * as http from "http";
import { AddressInfo } from "net";
import { ChildProcess } from "child_process";

/** Small HTTP servers on 127.0.0.1 that stand in for AWS and Ethereum endpoints in tests. */

export interface LocalServer {
    url: string;
    requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
    close(): Promise<void>;
}

export async function listen(
    handler: http.RequestListener,
    host = "127.0.0.1",
    port = 0,
): Promise<LocalServer> {
    const requests: LocalServer["requests"] = [];
    const server = http.createServer((req, res) => {
        requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
        handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const address = server.address() as AddressInfo;
    return {
        url: `http://${host}:${address.port}`,
        requests,
        // Open connections (a request the server never answered) would keep close() waiting.
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

/** IMDSv2: PUT /latest/api/token issues a token; metadata GETs without that token get 401. */
export function imdsServer(
    metadata: Record<string, string>,
    host = "127.0.0.1",
    port = 0,
): Promise<LocalServer> {
    const token = "test-token-" + Math.random().toString(36).slice(2);
    return listen(
        (req, res) => {
            if (req.method === "PUT" && req.url === "/latest/api/token") {
                if (!req.headers["x-aws-ec2-metadata-token-ttl-seconds"]) {
                    res.writeHead(400).end();
                    return;
                }
                res.writeHead(200).end(token);
                return;
            }
            if (req.method === "GET" && req.url?.startsWith("/latest/meta-data/")) {
                if (req.headers["x-aws-ec2-metadata-token"] !== token) {
                    res.writeHead(401).end();
                    return;
                }
                const value = metadata[req.url.slice("/latest/meta-data/".length)];
                if (value === undefined) {
                    res.writeHead(404).end();
                    return;
                }
                res.writeHead(200).end(value);
                return;
            }
            res.writeHead(405).end();
        },
        host,
        port,
    );
}

/** Stops a test server process that a test started, by its own pid, and waits until it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
    return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
        }
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
    });
}

/** A port on 127.0.0.1 where nothing listens. */
export async function deadUrl(): Promise<string> {
    const server = await listen((_req, res) => res.end());
    await server.close();
    return server.url;
}
