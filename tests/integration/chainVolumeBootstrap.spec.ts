import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SHELLCHECK } from "../toolchain";
import { CHAIN_VOLUME_ATTRIBUTE } from "../../catalog/host";

const SCRIPT = path.join(__dirname, "..", "..", "bootstrap", "chain-volume.sh");
const VOLUME = "vol-0123456789abcdef0";
const FSTAB_GENERATOR = "/lib/systemd/system-generators/systemd-fstab-generator";

/**
 * The real blkid, wipefs and mkfs.ext4 work on a file standing in for the EBS device; only the
 * steps that need root and a block device (mount, resize2fs) are stand-ins that record their calls.
 */
const FAKES: Record<string, string> = {
    mountpoint: "#!/bin/sh\nexit 1",
    mount: '#!/bin/sh\necho "mount $*" >>"$CALLS"',
    resize2fs: '#!/bin/sh\necho "resize2fs $*" >>"$CALLS"',
};

describe("bootstrap/chain-volume.sh", () => {
    let dir: string;
    let bin: string;
    let env: Record<string, string>;
    const device = () =>
        path.join(dir, "by-id", `nvme-Amazon_Elastic_Block_Store_${VOLUME.replace("-", "")}`);
    const file = (name: string) => path.join(dir, name);
    const read = (name: string) => fs.readFileSync(file(name), "utf8");
    const calls = () => (fs.existsSync(file("calls")) ? read("calls") : "");
    const run = (extra: Record<string, string> = {}) =>
        spawnSync("sh", [SCRIPT], { env: { ...env, ...extra }, encoding: "utf8" });
    const probe = (...args: string[]) =>
        spawnSync("blkid", [...args, device()], { encoding: "utf8" });
    /** A blank 64 MiB "volume", as a new EBS volume arrives. */
    const attach = () => {
        fs.writeFileSync(device(), "");
        fs.truncateSync(device(), 64 * 1024 * 1024);
    };
    const fake = (name: string, body: string) =>
        fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "chain-volume-"));
        bin = file("bin");
        fs.mkdirSync(bin);
        Object.entries(FAKES).forEach(([name, body]) => fake(name, body));
        fs.mkdirSync(file("by-id"));
        fs.writeFileSync(file("fstab"), "");
        fs.writeFileSync(file("ecs.config"), "ECS_CLUSTER=node\n");
        env = {
            PATH: `${bin}:${process.env.PATH}`,
            VOLUME_ID: VOLUME,
            ATTRIBUTE_NAME: CHAIN_VOLUME_ATTRIBUTE,
            MOUNT_POINT: file("data"),
            DEVICE_DIR: file("by-id"),
            ECS_CONFIG: file("ecs.config"),
            FSTAB: file("fstab"),
            WAIT_SECONDS: "0",
            CALLS: file("calls"),
        };
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is shellcheck-clean as POSIX sh", () => {
        const result = spawnSync(SHELLCHECK, ["-s", "sh", SCRIPT], { encoding: "utf8" });
        expect(result.status, result.stdout).to.equal(0);
    });

    it("formats a blank volume, mounts it by UUID through fstab and advertises the given attribute to ECS", () => {
        attach();
        const result = run();
        expect(result.status, result.stderr).to.equal(0);
        expect(probe("-p").status, "the volume now has a filesystem").to.equal(0);
        const uuid = probe("-s", "UUID", "-o", "value").stdout.trim();
        expect(read("fstab")).to.match(
            new RegExp(`^UUID=${uuid} ${env.MOUNT_POINT} ext4 defaults,noatime,nofail,\\S+ 0 2\n$`),
        );
        expect(calls()).to.contain(`mount ${env.MOUNT_POINT}`);
        expect(read("ecs.config")).to.equal(
            `ECS_CLUSTER=node\nECS_INSTANCE_ATTRIBUTES={"${CHAIN_VOLUME_ATTRIBUTE}":"${VOLUME}"}\n`,
        );
    });

    it("makes docker and the ECS agent require the mount (systemd's own fstab generator reads the line)", () => {
        attach();
        expect(run().status).to.equal(0);
        const out = file("units");
        fs.mkdirSync(out);
        const generated = spawnSync(FSTAB_GENERATOR, [out, out, out], {
            env: { SYSTEMD_FSTAB: file("fstab"), SYSTEMD_PROC_CMDLINE: "" },
            encoding: "utf8",
        });
        expect(generated.status, generated.stderr).to.equal(0);
        const unit = fs
            .readdirSync(out)
            .find(
                (f) =>
                    f.endsWith(".mount") &&
                    fs.readFileSync(path.join(out, f), "utf8").includes("Where="),
            );
        expect(unit, "a mount unit for the volume").to.be.a("string");
        for (const service of ["docker.service", "ecs.service"]) {
            expect(
                fs.existsSync(path.join(out, `${service}.requires`, unit!)),
                `${service} requires it`,
            ).to.equal(true);
            expect(fs.readFileSync(path.join(out, unit!), "utf8")).to.match(
                new RegExp(`^Before=.*${service.replace(".", "\\.")}`, "m"),
            );
        }
    });

    it("never formats a volume that has a filesystem, and is idempotent on a second boot", () => {
        attach();
        spawnSync("mkfs.ext4", ["-q", "-L", "existing", device()]);
        const before = probe("-s", "UUID", "-o", "value").stdout;
        expect(run().status).to.equal(0);
        expect(run().status).to.equal(0);
        expect(probe("-s", "UUID", "-o", "value").stdout, "same filesystem").to.equal(before);
        expect(read("fstab").split("\n").filter(Boolean)).to.have.length(1);
        expect(read("ecs.config").match(/ECS_INSTANCE_ATTRIBUTES/g)).to.have.length(1);
    });

    it("refuses to format when blkid cannot read the device, and advertises nothing", () => {
        attach();
        fake("blkid", "#!/bin/sh\nexit 4");
        const result = run();
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain("FATAL: blkid cannot probe");
        expect(probe("-p").status, "still blank: nothing was formatted").to.equal(2);
        expect(read("ecs.config")).to.not.contain("ECS_INSTANCE_ATTRIBUTES");
    });

    it("refuses to format when blkid finds nothing but wipefs cannot read the device", () => {
        attach();
        fake(
            "wipefs",
            '#!/bin/sh\necho "wipefs: error: probing initialization failed" >&2\nexit 1',
        );
        const result = run();
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain("FATAL: wipefs cannot read");
        expect(probe("-p").status).to.equal(2);
    });

    it("refuses to format when the two probes disagree", () => {
        attach();
        fake("wipefs", "#!/bin/sh\necho 'DEVICE OFFSET TYPE'; echo 'dev 0x438 ext4'");
        const result = run();
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain("but wipefs does");
        expect(probe("-p").status).to.equal(2);
    });

    it("fails clearly, without touching anything, when the volume never appears", () => {
        const result = run();
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain(`FATAL: volume ${VOLUME} did not appear`);
        expect(calls()).to.equal("");
        expect(read("ecs.config")).to.not.contain("ECS_INSTANCE_ATTRIBUTES");
    });

    it("needs the attribute name from the program", () => {
        attach();
        const result = run({ ATTRIBUTE_NAME: "" });
        expect(result.status).to.not.equal(0);
        expect(result.stderr).to.contain("ATTRIBUTE_NAME must be set");
    });
});
