import * as fs from "fs";
import * as path from "path";
import { CHAIN_VOLUME_ATTRIBUTE, DATA_DIR } from "../catalog/host";
import { HOST_RESERVED_MEMORY_MIB } from "../catalog/profiles";
import { USER_DATA_MAX_BYTES } from "../catalog/awsLimits";
import { CLIENT_GUARD_SCRIPT, CLIENT_GUARD_UNIT, clientGuardUnit } from "./clientGuard";

/** What the host's boot script needs from the program. */
export interface HostBoot {
    clusterName: string;
    volumeId: string;
    /** The longest client stop timeout: the agent's default for containers that set none. */
    stopTimeoutSeconds: number;
    /** How long the boot script waits for the launch hook to attach the volume (domain/lifecycleTiming.ts). */
    volumeWaitSeconds: number;
}

/** The volume's NVMe device link, as bootstrap/chain-volume.sh derives it from the volume id. */
export function chainVolumeDevice(volumeId: string): string {
    return `/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${volumeId.replace("-", "")}`;
}

/**
 * Host user data: join the cluster with memory kept back for the host and long stops allowed, refuse
 * the client users the credentials endpoints (bootstrap/client-guard.sh, at every boot), then mount
 * the chain volume and advertise it (bootstrap/chain-volume.sh, given the attribute name).
 */
export function userData(boot: HostBoot): string {
    const script = bootScript(boot);
    const bytes = Buffer.byteLength(script, "utf8");
    if (bytes > USER_DATA_MAX_BYTES) {
        throw new Error(
            `the host's user data is ${bytes} bytes; EC2 accepts at most ${USER_DATA_MAX_BYTES} before base64 encoding`,
        );
    }
    return script;
}

const bootstrapScript = (file: string) =>
    fs.readFileSync(path.join(__dirname, "..", "bootstrap", file), "utf8").trimEnd();

function bootScript(boot: HostBoot): string {
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        "cat >>/etc/ecs/ecs.config <<'ECS'",
        `ECS_CLUSTER=${boot.clusterName}`,
        `ECS_CONTAINER_STOP_TIMEOUT=${boot.stopTimeoutSeconds}s`,
        `ECS_RESERVED_MEMORY=${HOST_RESERVED_MEMORY_MIB}`,
        "ECS",
        // Before the volume is advertised, so no client is placed on a host without the guard: a
        // failure here ends the script, and the host never takes the node.
        `cat >${CLIENT_GUARD_SCRIPT} <<'SCRIPT'`,
        bootstrapScript("client-guard.sh"),
        "SCRIPT",
        `chmod 0755 ${CLIENT_GUARD_SCRIPT}`,
        `cat >/etc/systemd/system/${CLIENT_GUARD_UNIT} <<'UNIT'`,
        clientGuardUnit(),
        "UNIT",
        "systemctl daemon-reload",
        `systemctl enable --now ${CLIENT_GUARD_UNIT}`,
        "cat >/usr/local/sbin/chain-volume <<'SCRIPT'",
        bootstrapScript("chain-volume.sh"),
        "SCRIPT",
        "chmod 0755 /usr/local/sbin/chain-volume",
        `VOLUME_ID=${boot.volumeId} ATTRIBUTE_NAME=${CHAIN_VOLUME_ATTRIBUTE} MOUNT_POINT=${DATA_DIR} WAIT_SECONDS=${boot.volumeWaitSeconds} /usr/local/sbin/chain-volume`,
        // Units written by the fstab line take effect at the next boot; this boot reads them now.
        "systemctl daemon-reload",
        // If the agent is already running it has not read the new attribute; --no-block because the
        // agent's unit may be ordered after this very boot stage.
        "systemctl try-restart --no-block ecs || true",
        // Raising volumeSizeGiB resizes the EBS volume in place; this timer grows the mounted ext4
        // filesystem online to match, so no restart is needed (resize2fs does nothing when equal).
        "cat >/etc/systemd/system/chain-volume-grow.service <<'UNIT'",
        "[Unit]",
        "Description=Grow the chain volume's filesystem to the volume's size",
        `ConditionPathIsMountPoint=${DATA_DIR}`,
        "[Service]",
        "Type=oneshot",
        `ExecStart=/usr/sbin/resize2fs ${chainVolumeDevice(boot.volumeId)}`,
        "UNIT",
        "cat >/etc/systemd/system/chain-volume-grow.timer <<'UNIT'",
        "[Timer]",
        "OnBootSec=10min",
        "OnUnitActiveSec=10min",
        "[Install]",
        "WantedBy=timers.target",
        "UNIT",
        // Last, and not fatal: the node runs without it; a resize would then need resize2fs by hand.
        "systemctl daemon-reload",
        'systemctl enable --now chain-volume-grow.timer || echo "chain-volume-grow.timer not enabled: run resize2fs after a resize" >&2',
        "",
    ].join("\n");
}
