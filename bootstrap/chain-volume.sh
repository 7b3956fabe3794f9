#!/bin/sh
# Runs on the ECS host at boot (from user data), before the node may be placed on it:
#   1. waits until the chain volume is attached (the launch handler attaches it);
#   2. formats it only if it is proven blank: two independent probes find no signature, and any
#      read error stops the boot script instead (mkfs never prompts without a terminal);
#   3. mounts it at MOUNT_POINT through /etc/fstab by filesystem UUID, and makes docker and the ECS
#      agent require that mount, so after a reboot no container starts on an empty root-disk /data;
#   4. advertises the mounted volume as the ECS instance attribute ATTRIBUTE_NAME; the task's
#      placement constraint requires it, so the node is never placed before the mount exists.
#
# Environment: VOLUME_ID and ATTRIBUTE_NAME (required), MOUNT_POINT (/data),
#   DEVICE_DIR (/dev/disk/by-id), ECS_CONFIG (/etc/ecs/ecs.config), FSTAB (/etc/fstab),
#   WAIT_SECONDS (900; the program passes its launch hook's budget, domain/lifecycleTiming.ts)
set -eu

log() { printf 'chain-volume: %s\n' "$*" >&2; }
fail() {
    log "FATAL: $*"
    exit 1
}

: "${VOLUME_ID:?VOLUME_ID must be set}"
: "${ATTRIBUTE_NAME:?ATTRIBUTE_NAME must be set}"
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

# blkid -p probes the device itself: 0 = a signature, 2 = none, anything else = it could not read.
probe=0
blkid -p "$device" >/dev/null 2>&1 || probe=$?
case "$probe" in
    0) log "existing filesystem on $device; not formatting" ;;
    2)
        # blkid also says 2 for some read failures; wipefs must agree that there is nothing.
        signatures=$(wipefs -n "$device") || fail "wipefs cannot read $device; refusing to format it"
        [ -z "$signatures" ] || fail "blkid finds no filesystem on $device but wipefs does ($signatures); refusing to format it"
        log "no signature on $device; creating ext4"
        mkfs.ext4 -q -L chaindata "$device"
        ;;
    *) fail "blkid cannot probe $device (exit $probe); refusing to format or mount it" ;;
esac

uuid=$(blkid -s UUID -o value "$device")
[ -n "$uuid" ] || fail "cannot read the filesystem UUID of $device"
mkdir -p "$mount_point"
if ! grep -q "^UUID=$uuid " "$fstab"; then
    # nofail: a missing volume must not stop the host from booting; required-by/before: docker and
    # the ECS agent then do not start without it, so no container ever sees an unmounted /data.
    options="defaults,noatime,nofail"
    for unit in docker.service ecs.service; do
        options="$options,x-systemd.required-by=$unit,x-systemd.before=$unit"
    done
    printf 'UUID=%s %s ext4 %s 0 2\n' "$uuid" "$mount_point" "$options" >>"$fstab"
fi
mountpoint -q "$mount_point" || mount "$mount_point"
# A volume restored from a larger-than-snapshot size gets its full size.
resize2fs "$device" >/dev/null 2>&1 || log "resize2fs did not run; the filesystem keeps its size"

grep -q '^ECS_INSTANCE_ATTRIBUTES=' "$ecs_config" 2>/dev/null && sed -i '/^ECS_INSTANCE_ATTRIBUTES=/d' "$ecs_config"
printf 'ECS_INSTANCE_ATTRIBUTES={"%s":"%s"}\n' "$ATTRIBUTE_NAME" "$VOLUME_ID" >>"$ecs_config"
log "mounted $VOLUME_ID at $mount_point"
