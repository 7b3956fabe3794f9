import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SHELLCHECK } from "./toolchain";

const SCRIPT = path.join(__dirname, "..", "bootstrap", "chain-volume.sh");
const VOLUME = "vol-0123456789abcdef0";

/** Stand-ins for the host's disk tools: they record calls and keep "has a filesystem" in a file. */
const FAKES: Record<string, string> = {
    blkid: `#!/bin/sh
echo "blkid $*" >>"$CALLS"
[ -e "$FS_MARK" ] || exit 2
[ "$1" = "-s" ] && echo 1111-2222
exit 0`,
    "mkfs.ext4": `#!/bin/sh
echo "mkfs.ext4 $*" >>"$CALLS"
touch "$FS_MARK"`,
    mountpoint: `#!/bin/sh
exit 1`,
    mount: `#!/bin/sh
echo "mount $*" >>"$CALLS"`,
    resize2fs: `#!/bin/sh
echo "resize2fs $*" >>"$CALLS"`,
};

describe("bootstrap/chain-volume.sh", () => {
    let dir: string;
    let env: Record<string, string>;
    const calls = () => (fs.existsSync(env.CALLS!) ? fs.readFileSync(env.CALLS!, "utf8") : "");
    const run = (extra: Record<string, string> = {}) =>
        spawnSync("sh", [SCRIPT], { env: { ...env, ...extra }, encoding: "utf8" });

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "chain-volume-"));
        const bin = path.join(dir, "bin");
        fs.mkdirSync(bin);
        for (const [name, body] of Object.entries(FAKES)) {
            fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
        }
        fs.mkdirSync(path.join(dir, "by-id"));
        fs.writeFileSync(path.join(dir, "fstab"), "");
        fs.writeFileSync(path.join(dir, "ecs.config"), "ECS_CLUSTER=node\n");
        env = {
            PATH: `${bin}:${process.env.PATH}`,
            VOLUME_ID: VOLUME,
            MOUNT_POINT: path.join(dir, "data"),
            DEVICE_DIR: path.join(dir, "by-id"),
            ECS_CONFIG: path.join(dir, "ecs.config"),
            FSTAB: path.join(dir, "fstab"),
            WAIT_SECONDS: "0",
            CALLS: path.join(dir, "calls"),
            FS_MARK: path.join(dir, "has-fs"),
        };
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const attach = () =>
        fs.writeFileSync(
            path.join(dir, "by-id", `nvme-Amazon_Elastic_Block_Store_${VOLUME.replace("-", "")}`),
            "",
        );

    it("is shellcheck-clean as POSIX sh", () => {
        const result = spawnSync(SHELLCHECK, ["-s", "sh", SCRIPT], { encoding: "utf8" });
        expect(result.status, result.stdout).to.equal(0);
    });

    it("formats a blank volume, mounts it by UUID through fstab and advertises it to ECS", () => {
        attach();
        const result = run();
        expect(result.status, result.stderr).to.equal(0);
        expect(calls()).to.contain("mkfs.ext4 -q -L chaindata");
        expect(fs.readFileSync(env.FSTAB!, "utf8")).to.equal(
            `UUID=1111-2222 ${env.MOUNT_POINT} ext4 defaults,noatime,nofail 0 2\n`,
        );
        expect(calls()).to.contain(`mount ${env.MOUNT_POINT}`);
        expect(fs.readFileSync(env.ECS_CONFIG!, "utf8")).to.equal(
            `ECS_CLUSTER=node\nECS_INSTANCE_ATTRIBUTES={"parity.chain-volume":"${VOLUME}"}\n`,
        );
    });

    it("never formats a volume that has a filesystem, and is idempotent on a second boot", () => {
        attach();
        fs.writeFileSync(env.FS_MARK!, "");
        expect(run().status).to.equal(0);
        expect(run().status).to.equal(0);
        expect(calls()).to.not.contain("mkfs");
        expect(fs.readFileSync(env.FSTAB!, "utf8").split("\n").filter(Boolean)).to.have.length(1);
        expect(
            fs.readFileSync(env.ECS_CONFIG!, "utf8").match(/ECS_INSTANCE_ATTRIBUTES/g),
        ).to.have.length(1);
    });

    it("fails clearly, without touching anything, when the volume never appears", () => {
        const result = run();
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain(`FATAL: volume ${VOLUME} did not appear`);
        expect(calls()).to.equal("");
        expect(fs.readFileSync(env.ECS_CONFIG!, "utf8")).to.not.contain("ECS_INSTANCE_ATTRIBUTES");
    });
});
