#!/bin/sh
# Wrapper entrypoint for the execution and consensus client containers.
#
# Usage: node-entrypoint <client binary> [client flags...]
# It adds the runtime flags the client needs, then execs the client as its own unprivileged user
# (RUN_AS, through setpriv), so SIGTERM from ECS reaches it:
#   - the instance's public IPv4, read through IMDSv2, as the client's external address: the one
#     step that needs IMDS, done as root before the drop (the host refuses the client users IMDS,
#     bootstrap/client-guard.sh);
#   - the client's own directory, owned by its user (a database written as root before is handed
#     over once, in full), and HOME, so the client writes nowhere else;
#   - a node key kept there (stable enode identity), if the client takes one, owned by the client;
#   - the JWT secret shared by both clients, created once, owned by root and readable by JWT_GROUP
#     only, so neither client can change it;
#   - for a consensus client, the first reachable, confirmed checkpoint-sync URL, on every start: a
#     client whose database holds a chain ignores it, and one whose first sync was cut short needs
#     it again. Confirmed: enough of the other URLs confirm its finalized checkpoint, so one
#     provider alone, forged or intercepted, cannot start the node on a chain of its own.
# It is PID 1 of its container, where the kernel drops signals PID 1 has no handler for: TERM and
# INT end it within a second while it prepares (every wait runs in the background, so the trap runs).
# A client that can refuse its stored chain as too old (STALE_DB_MESSAGE, teku) is not exec'd but run
# as a watched child, with TERM and INT passed on: on that refusal its database is moved aside and it
# starts once more from the checkpoint URL.
#
# Environment:
#   EXTERNAL_IP_FLAG      flag template with {ip}, e.g. --nat=extip:{ip}        (required)
#   RUN_AS                the client's uid:gid, never 0                         (required)
#   CLIENT_DIR            the client's own directory on the volume              (required)
#   JWT_PATH              shared JWT secret file                                (required)
#   JWT_GROUP             the gid that may read it, held by the client          (required)
#   NODE_KEY_FLAG         flag that takes the node key path, e.g. --nodekey     (optional)
#   NODE_KEY_PATH         node key file                                         (with NODE_KEY_FLAG)
#   CHECKPOINT_SYNC_FLAG  flag template with {url}                              (optional)
#   CHECKPOINT_SYNC_URLS  space-separated URLs, tried in order                 (with CHECKPOINT_SYNC_FLAG)
#   CHECKPOINT_CONFIRMATIONS  how many other URLs must confirm the chosen one's finalized checkpoint,
#                         and no more contradict it than confirm it             (default 0: none)
#   CLIENT_DB_PATH        exists once the client has a database; with no URL answering, it starts from it
#   STALE_DB_MESSAGE      what the client prints when it exits because its stored chain is too old to
#                         resume (teku: weak subjectivity); set: the client runs as a watched child, and
#                         on that exit its database is moved aside and it starts once more from the
#                         checkpoint URL                                        (optional)
#   IMDS_ENDPOINT         default http://169.254.169.254
#   IMDS_ATTEMPTS         default 5 (2 s apart)
set -eu

log() { printf '%s node-entrypoint: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
# URLs as the log shows them: scheme and host only, since a path, query or user part can hold a key.
redact() {
    printf '%s' "$*" | sed -E 's#([a-z]+://)([^/@ ]*@)?([^/?# ]*)[^ ]*#\1\3#g'
}
work=$(mktemp -d)
waiting=""
finish() {
    [ -z "$waiting" ] || kill "$waiting" 2>/dev/null || true
    rm -rf "$work"
}
fail() {
    log "FATAL: $*"
    finish
    exit 1
}
# shellcheck disable=SC2329 # run by the TERM and INT traps while preparing
stopped() {
    log "stopped by SIG$1 while preparing the client"
    finish
    exit "$2"
}
trap 'stopped TERM 143' TERM
trap 'stopped INT 130' INT
# Runs a command in the background and waits for it: a signal interrupts `wait` at once.
waited() {
    "$@" &
    waiting=$!
    status=0
    wait "$waiting" || status=$?
    waiting=""
    return "$status"
}

[ "$#" -ge 1 ] || fail "usage: node-entrypoint <client binary> [flags...]"
: "${EXTERNAL_IP_FLAG:?EXTERNAL_IP_FLAG must be set}"
: "${JWT_PATH:?JWT_PATH must be set}"
: "${JWT_GROUP:?JWT_GROUP must be set}"
: "${RUN_AS:?RUN_AS must be set}"
: "${CLIENT_DIR:?CLIENT_DIR must be set}"
run_uid=${RUN_AS%%:*}
run_gid=${RUN_AS#*:}
for id in "$run_uid" "$run_gid" "$JWT_GROUP"; do
    case "$id" in
        '' | *[!0-9]*) fail "RUN_AS must be uid:gid and JWT_GROUP a gid, all numbers; got RUN_AS=$RUN_AS JWT_GROUP=$JWT_GROUP" ;;
    esac
done
[ "$run_uid" -ne 0 ] && [ "$run_gid" -ne 0 ] || fail "RUN_AS=$RUN_AS would run the client as root; give it a user of its own"
imds="${IMDS_ENDPOINT:-http://169.254.169.254}"
attempts="${IMDS_ATTEMPTS:-5}"

# IMDSv2: a session token from PUT, then GET with the token header, into $work/$1. Retried, since
# IMDS can lag at boot. No command substitution: a subshell would hold off the signal trap.
imds_get() {
    path="$1"
    i=0
    while [ "$i" -lt "$attempts" ]; do
        i=$((i + 1))
        if waited curl -sf -m 5 -o "$work/token" -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$imds/latest/api/token" &&
            waited curl -sf -m 5 -o "$work/$path" -H "X-aws-ec2-metadata-token: $(cat "$work/token")" "$imds/latest/meta-data/$path"; then
            return 0
        fi
        [ "$i" -ge "$attempts" ] || waited sleep 2
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

binary="$1"
shift
client=${binary##*/}
chosen=""

# Creates a 32-byte hex secret once, atomically, then gives it its owner and mode: two containers
# may race at first start, and only the one whose link lands says it created the file.
ensure_secret() {
    file="$1"
    owner="$2"
    mode="$3"
    if [ ! -s "$file" ]; then
        mkdir -p "$(dirname "$file")"
        tmp=$(mktemp "$file.XXXXXX")
        chmod 600 "$tmp"
        od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$tmp"
        # ln fails if another container created the file first; theirs wins and ours is dropped.
        if ln "$tmp" "$file" 2>/dev/null; then
            log "$client created $file"
        else
            log "$file was created by the other container; $client uses it"
        fi
        rm -f "$tmp"
    fi
    chown "$owner" "$file"
    chmod "$mode" "$file"
}

# The client's directory belongs to its user. A database written as root (before clients ran as
# their own users) is handed over once, in full; the marker says that finished, since an interrupted
# chown leaves no other trace. In the background, so a stop ends a long first hand-over at once.
own_client_dir() {
    marker="$CLIENT_DIR/.owned-by-$run_uid"
    mkdir -p "$CLIENT_DIR"
    if [ ! -e "$marker" ]; then
        log "handing $CLIENT_DIR to uid $run_uid"
        waited chown -R "$RUN_AS" "$CLIENT_DIR" || fail "could not hand $CLIENT_DIR to $RUN_AS"
        : >"$marker"
    fi
    chown "$RUN_AS" "$CLIENT_DIR"
}

imds_get public-ipv4 ||
    fail "cannot read the public IPv4 from IMDSv2 at $imds after $attempts attempts; refusing to start with a wrong external address (does the instance have a public IP, and is IMDS reachable?)"
public_ip=$(cat "$work/public-ipv4")
is_ipv4 "$public_ip" || fail "IMDS returned ${public_ip:-nothing} for public-ipv4, which is not an IPv4 address"
log "public IPv4 $public_ip"

ensure_secret "$JWT_PATH" "0:$JWT_GROUP" 640
own_client_dir

# A flag template with its placeholder replaced by a value, as it is: no sed, so `&`, `#` or `\`
# in the value (a URL's query string) reach the client unchanged.
fill() {
    case "$1" in
        *"$2"*) printf '%s%s%s' "${1%%"$2"*}" "$3" "${1#*"$2"}" ;;
        *) printf '%s' "$1" ;;
    esac
}

set -- "$binary" "$@" "$(fill "$EXTERNAL_IP_FLAG" '{ip}' "$public_ip")"

if [ -n "${NODE_KEY_FLAG:-}" ]; then
    : "${NODE_KEY_PATH:?NODE_KEY_PATH must be set with NODE_KEY_FLAG}"
    ensure_secret "$NODE_KEY_PATH" "$RUN_AS" 600
    set -- "$@" "$NODE_KEY_FLAG" "$NODE_KEY_PATH"
fi

# Checkpoint trust: beacon_get, finalized_of, knows_canonical, confirmed (beside this script).
# shellcheck source=SCRIPTDIR/checkpoint-trust.sh
. "$(dirname "$0")/checkpoint-trust.sh"

# The database directory appears before a checkpoint download finishes, so it says nothing about
# whether the database holds a chain: the URL goes along whenever one answers and is confirmed.
confirmations="${CHECKPOINT_CONFIRMATIONS:-0}"
case "$confirmations" in
    '' | *[!0-9]*) fail "CHECKPOINT_CONFIRMATIONS must be a number; got $confirmations" ;;
esac
if [ -n "${CHECKPOINT_SYNC_FLAG:-}" ]; then
    for url in ${CHECKPOINT_SYNC_URLS:-}; do
        if ! beacon_get "$url" /eth/v1/node/version version; then
            log "checkpoint-sync URL $(redact "$url") did not answer; trying the next"
            continue
        fi
        if [ "$confirmations" -eq 0 ] || confirmed "$url"; then
            chosen="$url"
            break
        fi
    done
    if [ -n "$chosen" ]; then
        log "checkpoint sync from $(redact "$chosen") (ignored by the client if its database holds a chain)"
        set -- "$@" "$(fill "$CHECKPOINT_SYNC_FLAG" '{url}' "$chosen")"
    elif [ -n "${CLIENT_DB_PATH:-}" ] && [ -e "$CLIENT_DB_PATH" ]; then
        log "no checkpoint-sync URL answered with a checkpoint $confirmations other(s) confirm (tried: $(redact "${CHECKPOINT_SYNC_URLS:-none}")); starting from the database at $CLIENT_DB_PATH"
    else
        fail "no checkpoint-sync URL answered with a checkpoint $confirmations other(s) confirm (tried: $(redact "${CHECKPOINT_SYNC_URLS:-none}")); set checkpointSyncUrls (checkpointConfirmations: $confirmations)"
    fi
fi

# The client runs as its user with the JWT group only, no capabilities and no way to regain any.
export HOME="$CLIENT_DIR"
shown="$(redact "$*") as $RUN_AS"
set -- setpriv --reuid="$run_uid" --regid="$run_gid" --groups="$JWT_GROUP" \
    --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"

if [ -z "${STALE_DB_MESSAGE:-}" ]; then
    finish
    # exec hands the process to the client with default signal dispositions: its own handlers take over.
    log "exec $shown"
    exec "$@"
fi

# Copies the client's output to stderr line by line, and notes when it says its database is too old.
watch_output() {
    while IFS= read -r line || [ -n "$line" ]; do
        printf '%s\n' "$line" >&2
        case "$line" in *"$STALE_DB_MESSAGE"*) : >"$work/stale" ;; esac
    done
}

# Runs the client as a child with its output watched, passing TERM and INT on to it as TERM (a
# background child of a non-interactive shell starts with INT ignored), and returns its status once
# it has really exited (a trapped signal ends `wait` early).
run_watched() {
    rm -f "$work/stale" "$work/out"
    mkfifo "$work/out"
    watch_output <"$work/out" &
    watcher=$!
    "$@" >"$work/out" 2>&1 &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null || true' TERM
    trap 'kill -TERM "$child" 2>/dev/null || true' INT
    status=0
    wait "$child" || status=$?
    while kill -0 "$child" 2>/dev/null; do
        status=0
        wait "$child" || status=$?
    done
    wait "$watcher" || true
    return "$status"
}

log "run $shown (watching for a database too old to resume)"
status=0
run_watched "$@" || status=$?
if [ "$status" -ne 0 ] && [ -e "$work/stale" ]; then
    # Only the consensus database goes, and only when a checkpoint URL can refill it: with none, the
    # database stays for the next start (ECS restarts the task, and the URLs are tried again).
    if [ -z "$chosen" ] || [ -z "${CLIENT_DB_PATH:-}" ] || [ ! -e "$CLIENT_DB_PATH" ]; then
        log "$client's stored chain is too old to resume, and no checkpoint-sync URL answered: keeping its database; the next start tries the URLs again"
    else
        rm -rf "$CLIENT_DB_PATH.too-old"
        mv "$CLIENT_DB_PATH" "$CLIENT_DB_PATH.too-old"
        log "$client's stored chain is too old to resume: moved $CLIENT_DB_PATH aside to $CLIENT_DB_PATH.too-old; starting once more from $(redact "$chosen")"
        status=0
        run_watched "$@" || status=$?
    fi
fi
rm -rf "$work"
exit "$status"
