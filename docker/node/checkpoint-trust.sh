# Sourced by node-entrypoint: whether a checkpoint provider's finalized checkpoint is confirmed by
# the other providers. Uses the entrypoint's log, redact, waited, $work, $confirmations and
# $CHECKPOINT_SYNC_URLS. Beacon API paths: /eth/v1/beacon/states/{state_id}/finality_checkpoints and
# /eth/v1/beacon/headers/{block_id} (ethereum/beacon-APIs).
# shellcheck shell=sh disable=SC2154 # $work and $confirmations are set by node-entrypoint

# GETs a beacon API path from a checkpoint URL into $work/$3: the path goes after the URL's own path
# (a trailing slash dropped) and before its query string (an API key), which stays on. Returns curl's status (22: the server answered with an error).
beacon_get() {
    api_base="${1%%\?*}"
    api_query="${1#"$api_base"}"
    waited curl -sf -m 10 -o "$work/$3" "${api_base%/}$2$api_query"
}

# The finalized checkpoint a provider's head state names, into $fin_epoch and $fin_root.
finalized_of() {
    beacon_get "$1" /eth/v1/beacon/states/head/finality_checkpoints finality || return 1
    # The last "finalized":{…} is data.finalized (the first "finalized" is the response's flag).
    tr -d ' \t\r\n' <"$work/finality" | sed -n 's/.*"finalized":{\([^}]*\)}.*/\1/p' >"$work/checkpoint"
    fin_epoch=$(sed -n 's/.*"epoch":"\([0-9][0-9]*\)".*/\1/p' "$work/checkpoint")
    fin_root=$(sed -n 's/.*"root":"\(0x[0-9a-fA-F]\{64\}\)".*/\1/p' "$work/checkpoint")
    [ -n "$fin_epoch" ] && [ -n "$fin_root" ]
}

# Whether a provider knows block $2 as canonical: 0 it does, 1 it answered that it does not (an
# error, or another block), 2 it did not answer.
knows_canonical() {
    answer=0
    beacon_get "$1" "/eth/v1/beacon/headers/$2" header || answer=$?
    case "$answer" in
        0) ;;
        22) return 1 ;;
        *) return 2 ;;
    esac
    tr -d ' \t\r\n' <"$work/header" >"$work/header.flat"
    grep -q "\"root\":\"$2\"" "$work/header.flat" && grep -q '"canonical":true' "$work/header.flat"
}

# Whether enough of the other URLs confirm the candidate's finalized checkpoint, and no more of them
# contradict it than confirm it; URLs that do not answer count for neither.
confirmed() {
    finalized_of "$1" || {
        log "checkpoint-sync URL $(redact "$1") named no finalized checkpoint; trying the next"
        return 1
    }
    agreed=0
    contradicted=0
    for other in $CHECKPOINT_SYNC_URLS; do
        [ "$other" != "$1" ] || continue
        verdict=0
        knows_canonical "$other" "$fin_root" || verdict=$?
        case "$verdict" in
            0) agreed=$((agreed + 1)) ;;
            1)
                contradicted=$((contradicted + 1))
                log "$(redact "$other") does not know $(redact "$1")'s finalized block $fin_root (epoch $fin_epoch) as canonical"
                ;;
        esac
    done
    if [ "$agreed" -ge "$confirmations" ] && [ "$agreed" -ge "$contradicted" ]; then
        log "finalized checkpoint of $(redact "$1"): epoch $fin_epoch, block $fin_root, confirmed by $agreed other provider(s)"
        return 0
    fi
    log "checkpoint-sync URL $(redact "$1"): its finalized block $fin_root is confirmed by $agreed and contradicted by $contradicted other provider(s), $confirmations needed; trying the next"
    return 1
}
