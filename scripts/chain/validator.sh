#!/usr/bin/env bash
# The validators of a local network started with start.sh --validators N.
#   scripts/chain/validator.sh <chain> <v> stop    stops validator v (2..N: validator 1 serves the
#                                                  chain's RPC and keeps running)
#   scripts/chain/validator.sh <chain> <v> start   restarts it and waits until it has caught up
#                                                  with validator 1
#   scripts/chain/validator.sh <chain> app-hashes  prints every validator's app hash at one height
#                                                  (as each one's own application reports it,
#                                                  ABCI Info) and fails unless all are the same
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage="usage: validator.sh <chain> <validator> stop|start, or validator.sh <chain> app-hashes"
[ $# -ge 2 ] || die "$usage"
NAME="$1"
ENV_FILE="$(chain_home "$NAME")/chain.env"
[ -f "$ENV_FILE" ] || die "chain '$NAME' is not running (no $ENV_FILE): start it with scripts/chain/start.sh"
source "$ENV_FILE"
read -ra RPCS <<<"$VALIDATOR_RPCS"

# Each validator's application's last committed height and app hash, one `height hash` line each.
app_infos() {
  local rpc
  for rpc in "${RPCS[@]}"; do
    curl -fsS --max-time 2 "$rpc/abci_info" 2>/dev/null \
      | jq -r '.result.response | "\(.last_block_height) \(.last_block_app_hash)"' 2>/dev/null \
      || echo "0 unreachable"
  done
}

if [ "$2" = app-hashes ]; then
  # Blocks come every second and the validators answer within milliseconds of each other:
  # sample until all report the same height.
  for _ in $(seq 1 50); do
    mapfile -t infos < <(app_infos)
    heights="$(printf '%s\n' "${infos[@]}" | cut -d' ' -f1 | sort -u)"
    [ "$(wc -l <<<"$heights")" = 1 ] && [ "$heights" != 0 ] && break
    sleep 0.2
  done
  [ "$(wc -l <<<"$heights")" = 1 ] && [ "$heights" != 0 ] \
    || die "the validators of $NAME never reported the same height (last: $(printf '%s; ' "${infos[@]}")): is one halted?"
  for v in $(seq 1 "$VALIDATORS"); do
    say "  validator $v of $NAME: height ${infos[v - 1]%% *}, app hash ${infos[v - 1]#* }"
  done
  [ "$(printf '%s\n' "${infos[@]}" | sort -u | wc -l)" = 1 ] \
    || die "the validators of $NAME disagree on the app hash at height $heights: a contract is not deterministic (see each validator's node.log)"
  say "all $VALIDATORS validators of $NAME have the same app hash at height $heights"
  exit 0
fi

[ $# = 3 ] || die "$usage"
V="$2"
[[ "$V" =~ ^[0-9]+$ ]] && [ "$V" -ge 2 ] && [ "$V" -le "$VALIDATORS" ] \
  || die "validator must be 2..$VALIDATORS on $NAME (validator 1 serves the chain's RPC), got '$V'"
HOME_V="$(validator_home "$NAME" "$V")"
RPC_V="${RPCS[V - 1]}"

case "$3" in
  stop)
    stop_node "$HOME_V"
    say "validator $V of $NAME is down at height $(rpc_height "$CHAIN_RPC") (validator 1)"
    ;;
  start)
    [ -f "$HOME_V/wasmd.pid" ] && kill -0 "$(cat "$HOME_V/wasmd.pid")" 2>/dev/null \
      && die "validator $V of $NAME already runs (pid $(cat "$HOME_V/wasmd.pid"))"
    started_ms="$(now_ms)"
    target="$(rpc_height "$CHAIN_RPC")"
    start_node "$HOME_V"
    for _ in $(seq 1 240); do
      kill -0 "$(cat "$HOME_V/wasmd.pid")" 2>/dev/null \
        || { tail -n 30 "$HOME_V/node.log" >&2; die "validator $V of $NAME exited after its restart; log: $HOME_V/node.log"; }
      [ "$(rpc_height "$RPC_V")" -ge "$target" ] 2>/dev/null && break
      sleep 0.5
    done
    height="$(rpc_height "$RPC_V")"
    [ "$height" -ge "$target" ] 2>/dev/null \
      || { tail -n 30 "$HOME_V/node.log" >&2; die "validator $V of $NAME did not catch up to height $target within 120 s"; }
    say "validator $V of $NAME restarted and caught up to height $height (validator 1 was at $target) in $(( $(now_ms) - started_ms )) ms"
    ;;
  *) die "$usage" ;;
esac
