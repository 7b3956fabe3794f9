# Sourced by node-entrypoint: whether a checkpoint provider's finalized checkpoint is confirmed by
# the other providers. Uses the entrypoint's log, redact, waited, $work, $confirmations and
# $CHECKPOINT_SYNC_URLS. It asks only what checkpoint servers answer: checkpointz, a checkpoint
# server public providers run, serves /eth/v1/beacon/states/{state_id}/finality_checkpoints and
# /eth/v1/beacon/blocks/{block_id}/root but not /eth/v1/beacon/headers (ethpandaops/checkpointz
# pkg/api/handler.go:53-70, 2026-03-31), and answers 500 for a block it does not hold.
# shellcheck shell=sh disable=SC2154 # $work and $confirmations are set by node-entrypoint

# GETs a beacon API path from a checkpoint URL into $work/$3: the path goes after the URL's own path
# (a trailing slash dropped) and before its query string (an API key), which stays on.
beacon_get() {
    api_base="${1%%\?*}"
    api_query="${1#"$api_base"}"
    waited curl -sf -m 10 -o "$work/$3" "${api_base%/}$2$api_query"
}

# The finalized checkpoint a provider's head state names, into $fin_epoch and $fin_root (lowercase).
finalized_of() {
    beacon_get "$1" /eth/v1/beacon/states/head/finality_checkpoints finality || return 1
    # The last "finalized":{…} is data.finalized (a first "finalized" may be the response's flag).
    tr -d ' \t\r\n' <"$work/finality" | tr 'A-F' 'a-f' |
        sed -n 's/.*"finalized":{\([^}]*\)}.*/\1/p' >"$work/checkpoint"
    fin_epoch=$(sed -n 's/.*"epoch":"\([0-9][0-9]*\)".*/\1/p' "$work/checkpoint")
    fin_root=$(sed -n 's/.*"root":"\(0x[0-9a-f]\{64\}\)".*/\1/p' "$work/checkpoint")
    [ -n "$fin_epoch" ] && [ -n "$fin_root" ]
}

# What provider $1 says of checkpoint epoch $2, block $3: 0 it confirms it, 1 it contradicts it
# (another block at the same epoch), 2 neither (no answer, or another epoch and not the block).
# Providers finalize a new epoch every 6.4 minutes, not all at once: one an epoch apart confirms by
# holding the block, and one that does not hold it says nothing.
verdict_of() {
    finalized_of "$1" || return 2
    if [ "$fin_epoch" = "$2" ]; then
        [ "$fin_root" = "$3" ] && return 0
        return 1
    fi
    beacon_get "$1" "/eth/v1/beacon/blocks/$3/root" block_root || return 2
    # checkpointz writes the root without 0x; a beacon node with it.
    tr -d ' \t\r\n' <"$work/block_root" | tr 'A-F' 'a-f' |
        grep -q "\"root\":\"\(0x\)\{0,1\}${3#0x}\"" || return 2
}

# Whether enough of the other URLs confirm the candidate's finalized checkpoint, and no more of them
# contradict it than confirm it.
confirmed() {
    finalized_of "$1" || {
        log "checkpoint-sync URL $(redact "$1") named no finalized checkpoint; trying the next"
        return 1
    }
    epoch=$fin_epoch
    root=$fin_root
    agreed=0
    contradicted=0
    for other in $CHECKPOINT_SYNC_URLS; do
        [ "$other" != "$1" ] || continue
        verdict=0
        verdict_of "$other" "$epoch" "$root" || verdict=$?
        case "$verdict" in
            0) agreed=$((agreed + 1)) ;;
            1)
                contradicted=$((contradicted + 1))
                log "$(redact "$other") finalized another block at epoch $epoch than $(redact "$1")'s $root"
                ;;
        esac
    done
    if [ "$agreed" -ge "$confirmations" ] && [ "$agreed" -ge "$contradicted" ]; then
        log "finalized checkpoint of $(redact "$1"): epoch $epoch, block $root, confirmed by $agreed other provider(s)"
        return 0
    fi
    log "checkpoint-sync URL $(redact "$1"): its finalized block $root is confirmed by $agreed and contradicted by $contradicted other provider(s), $confirmations needed; trying the next"
    return 1
}
