import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CACHE_DIR } from "./toolchain";

/**
 * Debian's iptables (the nft backend Amazon Linux 2023 also uses), fetched by `apt-get download` at
 * pinned versions and unpacked into .cache/iptables: the host guard's rules run against the real
 * kernel in a throwaway network namespace, without installing anything on the machine.
 */
export const IPTABLES_PINS = [
    "iptables=1.8.9-2",
    "libip4tc2=1.8.9-2",
    "libip6tc2=1.8.9-2",
    "libxtables12=1.8.9-2",
    "libmnl0=1.0.4-3",
    "libnetfilter-conntrack3=1.0.9-3",
    "libnfnetlink0=1.0.2-2",
    "libnftnl11=1.2.4-2",
];

const ROOT = path.join(CACHE_DIR, "iptables");

export interface IptablesTool {
    /** The command as the guard's IPTABLES takes it. */
    command: string;
    env: Record<string, string>;
}

export function ensureIptables(): IptablesTool {
    const libs = path.join(ROOT, "usr", "lib", "x86_64-linux-gnu");
    const tool = {
        command: `${path.join(ROOT, "usr", "sbin", "xtables-nft-multi")} iptables`,
        env: { LD_LIBRARY_PATH: libs, XTABLES_LIBDIR: path.join(libs, "xtables") },
    };
    const stamp = path.join(ROOT, "pins.txt");
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === IPTABLES_PINS.join("\n")) {
        return tool;
    }
    fs.rmSync(ROOT, { recursive: true, force: true });
    const debs = path.join(ROOT, "debs");
    fs.mkdirSync(debs, { recursive: true });
    const download = spawnSync("apt-get", ["download", ...IPTABLES_PINS], {
        cwd: debs,
        encoding: "utf8",
    });
    if (download.status !== 0) {
        throw new Error(
            `apt-get download ${IPTABLES_PINS.join(" ")} failed (the guard's test needs Debian's iptables): ${download.error?.message ?? ""}${download.stderr}`,
        );
    }
    for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith(".deb"))) {
        const unpack = spawnSync("dpkg", ["-x", path.join(debs, deb), ROOT], { encoding: "utf8" });
        if (unpack.status !== 0) {
            throw new Error(`dpkg -x ${deb} failed: ${unpack.stderr}`);
        }
    }
    fs.writeFileSync(stamp, IPTABLES_PINS.join("\n"));
    return tool;
}
