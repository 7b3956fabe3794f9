#!/bin/sh
# Runs on the ECS host at boot (from user data), before the node may be placed on it:
#   1. waits until the chain volume is attached (the launch handler attaches it);
#   2. formats it only if it carries no filesystem (a restored or reused volume never is);
#   3. mounts it at MOUNT_POINT through /etc/fstab by filesystem UUID, so the mount survives a reboot;
#   4. advertises the mounted volume as an ECS instance attribute; the task's placement constraint
#      requires it, so the node never starts on an unmounted /data.
#
# Environment: VOLUME_ID (required), MOUNT_POINT (/data), DEVICE_DIR (/dev/disk/by-id),
#   ECS_CONFIG (/etc/ecs/ecs.config), FSTAB (/etc/fstab), WAIT_SECONDS (900)
set -eu

log() { printf 'chain-volume: %s\n' "$*" >&2; }
fail() {
    log "FATAL: $*"
    exit 1
}

: "${VOLUME_ID:?VOLUME_ID must be set}"
mount_point="${MOUNT_POINT:-/data}"
device_dir="${DEVICE_DIR:-/dev/disk/by-id}"
ecs_config="${ECS_CONFIG:-/etc/ecs/ecs.config}"
fstab="${FSTAB:-/etc/fstab}"
wait_seconds="${WAIT_SECONDS:-900}"

# Nitro instances expose EBS as NVMe; the serial, and so the by-id link, carries the volume id without its dash.
serial=$(printf '%s' "$VOLUME_ID" | tr -d '-')
device="$device_dir/nvme-Amazon_Elastic_Block_Store_$serial"

waited=0
until [ -e "$device" ]; do
    [ "$waited" -lt "$wait_seconds" ] || fail "volume $VOLUME_ID did not appear at $device within ${wait_seconds}s"
    sleep 5
    waited=$((waited + 5))
done
log "volume $VOLUME_ID is $device"

if blkid "$device" >/dev/null 2>&1; then
    log "existing filesystem on $device; not formatting"
else
    # blkid exits 2 when it finds no signature: a brand-new volume.
    log "no filesystem on $device; creating ext4"
    mkfs.ext4 -q -L chaindata "$device"
fi

uuid=$(blkid -s UUID -o value "$device")
[ -n "$uuid" ] || fail "cannot read the filesystem UUID of $device"
mkdir -p "$mount_point"
if ! grep -q "^UUID=$uuid " "$fstab"; then
    # nofail: a missing volume must not stop the host from booting (the node then stays unplaced).
    printf 'UUID=%s %s ext4 defaults,noatime,nofail 0 2\n' "$uuid" "$mount_point" >>"$fstab"
fi
mountpoint -q "$mount_point" || mount "$mount_point"
# A volume restored from a larger-than-snapshot size gets its full size.
resize2fs "$device" >/dev/null 2>&1 || log "resize2fs did not run; the filesystem keeps its size"

grep -q '^ECS_INSTANCE_ATTRIBUTES=' "$ecs_config" 2>/dev/null && sed -i '/^ECS_INSTANCE_ATTRIBUTES=/d' "$ecs_config"
printf 'ECS_INSTANCE_ATTRIBUTES={"parity.chain-volume":"%s"}\n' "$VOLUME_ID" >>"$ecs_config"
log "mounted $VOLUME_ID at $mount_point"
