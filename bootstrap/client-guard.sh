#!/bin/sh
# Runs on the ECS host at every boot, before docker and the ECS agent (a systemd unit the user data
# writes), and once from the user data itself: refuses the client users the instance's and the
# task's credentials. Containers share the host's network and keep their uid as the socket's owner,
# so an OUTPUT rule on that uid reaches exactly the client processes, whatever their container.
#
# Environment:
#   GUARDED_UIDS  a uid or uid range, as iptables' owner match takes it, e.g. 10001-10002 (required)
#   GUARDS        space-separated destinations, each CIDR or CIDR,tcp-ports, e.g.
#                 "169.254.169.254/32 127.0.0.0/8,51678:51679"                         (required)
#   IPTABLES      the iptables command (default iptables)
set -eu

log() { printf 'client-guard: %s\n' "$*" >&2; }

: "${GUARDED_UIDS:?GUARDED_UIDS must be set}"
: "${GUARDS:?GUARDS must be set}"
chain=NODE-CLIENT-GUARD

ipt() {
    # shellcheck disable=SC2086 # IPTABLES may be a command with its own arguments
    ${IPTABLES:-iptables} -w "$@"
}

# The chain is built whole before OUTPUT jumps to it; on a second run it is emptied and rebuilt.
if ipt -n -L "$chain" >/dev/null 2>&1; then
    ipt -F "$chain"
else
    ipt -N "$chain"
fi
for guard in $GUARDS; do
    destination=${guard%%,*}
    case "$guard" in
        *,*) ipt -A "$chain" -d "$destination" -p tcp --dport "${guard#*,}" -j REJECT --reject-with tcp-reset ;;
        *) ipt -A "$chain" -d "$destination" -j REJECT ;;
    esac
done
if ! ipt -C OUTPUT -m owner --uid-owner "$GUARDED_UIDS" -j "$chain" 2>/dev/null; then
    ipt -I OUTPUT 1 -m owner --uid-owner "$GUARDED_UIDS" -j "$chain"
fi
log "uids $GUARDED_UIDS refused: $GUARDS"
