import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { SHELLCHECK } from "../toolchain";
import { ensureIptables, IptablesTool } from "../iptablesTool";
import { clientGuardEnvironment } from "../../domain/clientGuard";
import { CLIENT_USERS, GUARDED_DESTINATIONS } from "../../catalog/processIsolation";

/**
 * bootstrap/client-guard.sh with the settings the boot script gives it, against the real kernel:
 * Debian's iptables (nft backend, as on Amazon Linux 2023) in a network namespace of the test's own,
 * where loopback also holds IMDS's and the task credentials' addresses, each with a listener.
 */

const GUARD = path.join(__dirname, "..", "..", "bootstrap", "client-guard.sh");
/** The node image's `node` user, which the monitor runs as (docker/monitor/Dockerfile). */
const MONITOR_UID = 1000;
/** Where each guarded destination is served in the namespace, and one that is not guarded. */
const TARGETS = {
    imds: "http://169.254.169.254:80/",
    taskCredentials: "http://169.254.170.2:80/",
    agentCredentials: "http://127.0.0.1:51679/",
    agentIntrospection: "http://127.0.0.1:51678/",
    localRpc: "http://127.0.0.1:8545/",
};

/** Listeners on every target, then `guard` runs (or not), then each uid tries each target. */
function probe(iptables: IptablesTool, guardRuns: number, uids: number[]) {
    const listeners = Object.values(TARGETS).map((u) => new URL(u));
    const serve = `const http = require("http");
for (const [host, port] of ${JSON.stringify(listeners.map((u) => [u.hostname, Number(u.port || 80)]))}) {
    http.createServer((q, s) => s.end("ok")).listen(port, host);
}
setTimeout(() => require("fs").writeFileSync(process.argv[1], ""), 300);`;
    const script = `set -eu
ip link set lo up
ip addr add 169.254.169.254/32 dev lo
ip addr add 169.254.170.2/32 dev lo
ready=$(mktemp -u)
node -e '${serve}' "$ready" &
while [ ! -e "$ready" ]; do sleep 0.05; done
rm -f "$ready"
i=0
while [ "$i" -lt ${guardRuns} ]; do sh ${GUARD}; i=$((i + 1)); done
for uid in ${uids.join(" ")}; do
    for target in ${Object.entries(TARGETS)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")}; do
        code=$(setpriv --reuid="$uid" --regid="$uid" --clear-groups \\
            curl -s -m 3 -o /dev/null -w '%{http_code}' "\${target#*=}" || true)
        echo "$uid \${target%%=*} $code"
    done
done
\${IPTABLES} -S | grep -c NODE-CLIENT-GUARD || true`;
    const result = spawnSync(
        "unshare",
        ["--net", "--pid", "--fork", "--mount-proc", "sh", "-c", script],
        {
            encoding: "utf8",
            timeout: 60000,
            env: {
                ...process.env,
                ...clientGuardEnvironment(),
                IPTABLES: `env ${Object.entries(iptables.env)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(" ")} ${iptables.command}`,
            },
        },
    );
    expect(result.status, result.stderr).to.equal(0);
    const lines = result.stdout.trim().split("\n");
    const reached: Record<string, string[]> = {};
    for (const line of lines.slice(0, -1)) {
        const [uid, target, code] = line.split(" ");
        if (code === "200") {
            (reached[uid!] ??= []).push(target!);
        }
    }
    return { reached, guardRules: Number(lines.at(-1)), stderr: result.stderr };
}

describe("bootstrap/client-guard.sh on the real kernel (its own network namespace)", function () {
    this.timeout(120000);
    let iptables: IptablesTool;
    const clients = Object.values(CLIENT_USERS).map((u) => u.uid);

    before(() => {
        iptables = ensureIptables();
    });

    it("is shellcheck-clean as POSIX sh", () => {
        const result = spawnSync(SHELLCHECK, ["-s", "sh", GUARD], { encoding: "utf8" });
        expect(result.stdout + result.stderr).to.equal("");
        expect(result.status).to.equal(0);
    });

    it("names each guarded destination once, and no TCP port on IMDS or the task endpoint", () => {
        const guards = clientGuardEnvironment().GUARDS.split(" ");
        expect(guards).to.deep.equal([
            "169.254.169.254/32",
            "169.254.170.2/32",
            "127.0.0.0/8,51678:51679",
        ]);
        expect(GUARDED_DESTINATIONS.every((d) => d.source.length > 0)).to.equal(true);
    });

    it("refuses every client user IMDS and both credential endpoints, and nothing else; root and the monitor keep them", () => {
        const { reached, guardRules, stderr } = probe(iptables, 2, [0, MONITOR_UID, ...clients]);
        for (const uid of clients) {
            expect(reached[uid], `uid ${uid}`).to.deep.equal(["localRpc"]);
        }
        for (const uid of [0, MONITOR_UID]) {
            expect(reached[uid], `uid ${uid}`).to.deep.equal(Object.keys(TARGETS));
        }
        // A second run (a reboot's unit after the user data's own run) rebuilds, never stacks:
        // the chain, one rule per destination, one jump from OUTPUT.
        expect(guardRules, stderr).to.equal(1 + GUARDED_DESTINATIONS.length + 1);
    });

    it("without the guard, a client user reaches all of them: the guard is what refuses them", () => {
        const { reached } = probe(iptables, 0, clients);
        for (const uid of clients) {
            expect(reached[uid], `uid ${uid}`).to.deep.equal(Object.keys(TARGETS));
        }
    });
});
