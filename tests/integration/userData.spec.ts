import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { userData } from "../../domain/userData";
import { SHELLCHECK } from "../toolchain";

/** The host's boot script as the real tools read it: shellcheck, and systemd's own unit checker. */
describe("userData under the real tools", () => {
    const boot = {
        clusterName: "node-cluster",
        volumeId: "vol-0123456789abcdef0",
        stopTimeoutSeconds: 600,
        volumeWaitSeconds: 2460,
    };

    it("grows the mounted filesystem online after an in-place volume resize, with units systemd accepts", () => {
        const script = userData(boot);
        const unit = (name: string) =>
            new RegExp(`cat >/etc/systemd/system/${name} <<'UNIT'\\n([\\s\\S]*?)\\nUNIT`).exec(
                script,
            )?.[1];
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "units-"));
        try {
            for (const name of ["chain-volume-grow.service", "chain-volume-grow.timer"]) {
                const text = unit(name);
                expect(text, name).to.be.a("string");
                fs.writeFileSync(path.join(dir, name), `${text}\n`);
            }
            expect(unit("chain-volume-grow.service")).to.contain(
                "ExecStart=/usr/sbin/resize2fs /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0",
            );
            expect(script).to.contain("systemctl enable --now chain-volume-grow.timer");
            const verify = spawnSync(
                "systemd-analyze",
                ["verify", "--man=no", path.join(dir, "chain-volume-grow.timer")],
                { encoding: "utf8" },
            );
            // verify exits 0 even on unknown keys; it names them on stderr.
            expect(verify.status, verify.stderr).to.equal(0);
            expect(verify.stderr).to.equal("");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("is a shellcheck-clean bash script", () => {
        const result = spawnSync(SHELLCHECK, ["-s", "bash", "-"], {
            input: userData(boot),
            encoding: "utf8",
        });
        expect(result.status, result.stdout).to.equal(0);
    });
});
