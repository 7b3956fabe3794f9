import * as http from "http";
import { Readiness } from "./readiness";

/**
 * The readiness endpoint on the host: 200 when the node is synced and at head, 503 otherwise, with the
 * reasons as JSON. For load balancers and operators; never used as a container health check.
 */
export function readinessServer(current: () => Readiness | undefined): http.Server {
    return http.createServer((req, res) => {
        if (req.method !== "GET" || (req.url !== "/ready" && req.url !== "/")) {
            res.writeHead(404, { "content-type": "application/json" }).end(
                JSON.stringify({ error: "GET /ready" }),
            );
            return;
        }
        const r = current() ?? { ready: false, reasons: ["no sample yet"] };
        res.writeHead(r.ready ? 200 : 503, { "content-type": "application/json" }).end(
            JSON.stringify(r),
        );
    });
}
