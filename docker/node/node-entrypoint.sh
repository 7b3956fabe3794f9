#!/bin/sh
# Wrapper entrypoint for the execution and consensus client containers.
#
# Usage: node-entrypoint <client binary> [client flags...]
# It adds the runtime flags the client needs, then execs the client, so SIGTERM from ECS reaches it:
#   - the instance's public IPv4, read through IMDSv2, as the client's external address;
#   - a node key kept on the chain volume (stable enode identity), if the client takes one;
#   - the JWT secret shared by both clients, created once on the chain volume;
#   - for a consensus client's first start, the first reachable checkpoint-sync URL.
#
# Environment:
#   EXTERNAL_IP_FLAG      flag template with {ip}, e.g. --nat=extip:{ip}        (required)
#   JWT_PATH              shared JWT secret file                                (required)
#   NODE_KEY_FLAG         flag that takes the node key path, e.g. --nodekey     (optional)
#   NODE_KEY_PATH         node key file                                         (with NODE_KEY_FLAG)
#   CHECKPOINT_SYNC_FLAG  flag template with {url}                              (optional)
#   CHECKPOINT_SYNC_URLS  space-separated URLs, tried in order                 (with CHECKPOINT_SYNC_FLAG)
#   CLIENT_DB_PATH        exists once the client has a database; skips checkpoint sync
#   IMDS_ENDPOINT         default http://169.254.169.254
#   IMDS_ATTEMPTS         default 5 (2 s apart)
set -eu

log() { printf '%s node-entrypoint: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
fail() {
    log "FATAL: $*"
    exit 1
}

[ "$#" -ge 1 ] || fail "usage: node-entrypoint <client binary> [flags...]"
: "${EXTERNAL_IP_FLAG:?EXTERNAL_IP_FLAG must be set}"
: "${JWT_PATH:?JWT_PATH must be set}"
imds="${IMDS_ENDPOINT:-http://169.254.169.254}"
attempts="${IMDS_ATTEMPTS:-5}"

# IMDSv2: a session token from PUT, then GET with the token header. Retried, since IMDS can lag at boot.
imds_get() {
    path="$1"
    i=0
    while [ "$i" -lt "$attempts" ]; do
        i=$((i + 1))
        if token=$(curl -sf -m 5 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$imds/latest/api/token") &&
            value=$(curl -sf -m 5 -H "X-aws-ec2-metadata-token: $token" "$imds/latest/meta-data/$path"); then
            printf '%s' "$value"
            return 0
        fi
        [ "$i" -lt "$attempts" ] && sleep 2
    done
    return 1
}

is_ipv4() {
    case "$1" in
        *[!0-9.]* | *..* | .* | *.) return 1 ;;
    esac
    old_ifs=$IFS
    IFS=.
    # shellcheck disable=SC2086 # splitting on dots is the point
    set -- $1
    IFS=$old_ifs
    [ "$#" -eq 4 ] || return 1
    for octet in "$@"; do
        [ "$octet" -le 255 ] || return 1
    done
}

# Creates a 32-byte hex secret once, mode 0600, atomically: two containers may race at first start.
ensure_secret() {
    file="$1"
    if [ ! -s "$file" ]; then
        mkdir -p "$(dirname "$file")"
        tmp=$(mktemp "$file.XXXXXX")
        chmod 600 "$tmp"
        od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$tmp"
        # ln fails if another container created the file first; theirs wins and ours is dropped.
        ln "$tmp" "$file" 2>/dev/null || true
        rm -f "$tmp"
        log "created $file"
    fi
    chmod 600 "$file"
}

public_ip=$(imds_get public-ipv4) ||
    fail "cannot read the public IPv4 from IMDSv2 at $imds after $attempts attempts; refusing to start with a wrong external address (does the instance have a public IP, and is IMDS reachable?)"
is_ipv4 "$public_ip" || fail "IMDS returned ${public_ip:-nothing} for public-ipv4, which is not an IPv4 address"
log "public IPv4 $public_ip"

ensure_secret "$JWT_PATH"

binary="$1"
shift
set -- "$binary" "$@" "$(printf '%s' "$EXTERNAL_IP_FLAG" | sed "s/{ip}/$public_ip/")"

if [ -n "${NODE_KEY_FLAG:-}" ]; then
    : "${NODE_KEY_PATH:?NODE_KEY_PATH must be set with NODE_KEY_FLAG}"
    ensure_secret "$NODE_KEY_PATH"
    set -- "$@" "$NODE_KEY_FLAG" "$NODE_KEY_PATH"
fi

if [ -n "${CHECKPOINT_SYNC_FLAG:-}" ]; then
    if [ -n "${CLIENT_DB_PATH:-}" ] && [ -e "$CLIENT_DB_PATH" ]; then
        log "database exists at $CLIENT_DB_PATH; resuming without checkpoint sync"
    else
        chosen=""
        for url in ${CHECKPOINT_SYNC_URLS:-}; do
            if curl -sf -m 10 -o /dev/null "$url/eth/v1/node/version"; then
                chosen="$url"
                break
            fi
            log "checkpoint-sync URL $url did not answer; trying the next"
        done
        [ -n "$chosen" ] || fail "no checkpoint-sync URL answered (tried: ${CHECKPOINT_SYNC_URLS:-none}); set checkpointSyncUrls"
        log "checkpoint sync from $chosen"
        set -- "$@" "$(printf '%s' "$CHECKPOINT_SYNC_FLAG" | sed "s#{url}#$chosen#")"
    fi
fi

log "exec $*"
exec "$@"
