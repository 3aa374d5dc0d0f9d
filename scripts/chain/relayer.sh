#!/usr/bin/env bash
# Configures the Go relayer (rly) between two running local chains and relays IBC between them.
#   scripts/chain/relayer.sh [connect]              config + light clients + a connection (default)
#   scripts/chain/relayer.sh channel <src port> <dst port> [version]
#                                                   an unordered channel on that connection
#   scripts/chain/relayer.sh start | stop           relay packets in the background / stop that
#   scripts/chain/relayer.sh reset                  stop and forget the configuration
# Chains: DAC_CHAIN_A (default dac-1) and DAC_CHAIN_B (default dac-2), both started by start.sh.
# The relayer signs with the public test key `relayer` of accounts.env, funded on both chains.
# Its home is $DAC_CACHE/chain/relayer-<A>--<B> (config, keys, rly.pid, rly.log).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHAIN_A="${DAC_CHAIN_A:-dac-1}"
CHAIN_B="${DAC_CHAIN_B:-dac-2}"
RLY_HOME="$(relayer_home "$CHAIN_A" "$CHAIN_B")"
PATH_NAME="$CHAIN_A--$CHAIN_B"
COMMAND="${1:-connect}"

[ -x "$RLY" ] || die "no rly at $RLY: run scripts/chain/build-relayer.sh"
rly() { "$RLY" --home "$RLY_HOME" "$@"; }

# Writes the relayer's view of chain $1 and restores its key there.
add_chain() {
  local name="$1" env file
  env="$(chain_home "$name")/chain.env"
  [ -f "$env" ] || die "chain '$name' is not running: scripts/chain/start.sh $name"
  file="$RLY_HOME/$name.json"
  (
    source "$env"
    jq -n --arg chain "$CHAIN_ID" --arg rpc "$CHAIN_RPC" --arg gas "$GAS_PRICES" '{
      type: "cosmos",
      value: {
        key: "relayer", "chain-id": $chain, "rpc-addr": $rpc, "account-prefix": "wasm",
        "keyring-backend": "test", "gas-adjustment": 1.5, "gas-prices": $gas,
        "min-gas-amount": 0, "max-gas-amount": 0, debug: false, timeout: "20s",
        "block-timeout": "", "output-format": "json", "sign-mode": "direct",
        "coin-type": 118, "signing-algorithm": "", "broadcast-mode": "batch",
        "min-loop-duration": 0, "extra-codecs": []
      }
    }' >"$file"
  )
  rly chains add --file "$file" "$name" >/dev/null
  local mnemonic
  mnemonic="$(source "$CHAIN_DIR/accounts.env" && printf '%s' "$relayer")"
  rly keys restore "$name" relayer "$mnemonic" >/dev/null
  say "relayer key on $name: $(rly keys show "$name" relayer)"
}

configure() {
  rm -rf "$RLY_HOME"
  mkdir -p "$RLY_HOME"
  rly config init >/dev/null
  add_chain "$CHAIN_A"
  add_chain "$CHAIN_B"
  rly paths new "$CHAIN_A" "$CHAIN_B" "$PATH_NAME" >/dev/null
}

# The path's client and connection ids on both ends, from rly's config.
show_path() {
  rly paths show "$PATH_NAME" --json \
    | jq -c '{src: .chains.src, dst: .chains.dst}'
}

relay_pid() {
  local pid
  [ -f "$RLY_HOME/rly.pid" ] || return 1
  pid="$(cat "$RLY_HOME/rly.pid")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--home $RLY_HOME" \
    && printf '%s\n' "$pid"
}

started_ms="$(now_ms)"
case "$COMMAND" in
  connect)
    relay_pid >/dev/null && die "the relayer runs (pid $(relay_pid)): relayer.sh stop first"
    configure
    # Light clients of each chain on the other, then the connection handshake, in one command
    # on purpose: `rly transact clients` then `transact connection` races, since rly looks for
    # the new client one block below the latest height.
    rly transact connection "$PATH_NAME" --timeout 20s --max-retries 5 \
      >"$RLY_HOME/connect.log" 2>&1 \
      || { tail -n 20 "$RLY_HOME/connect.log" >&2; die "the connection handshake failed"; }
    say "connection $CHAIN_A <-> $CHAIN_B open in $(( $(now_ms) - started_ms )) ms: $(show_path)"
    ;;
  channel)
    [ $# -ge 3 ] || die "usage: relayer.sh channel <src port> <dst port> [version]"
    src_port="$2" dst_port="$3" version="${4:-dac-relay-1}"
    rly transact channel "$PATH_NAME" --src-port "$src_port" --dst-port "$dst_port" \
      --order unordered --version "$version" --timeout 20s --max-retries 5 \
      >"$RLY_HOME/channel.log" 2>&1 \
      || { tail -n 20 "$RLY_HOME/channel.log" >&2; die "the channel handshake failed"; }
    rly query channels "$CHAIN_A" --output json 2>/dev/null \
      | jq -c --arg port "$src_port" 'select(.port_id == $port)
          | {port_id, channel_id, state, version, counterparty}' >&2 || true
    say "channel $src_port <-> $dst_port ($version, unordered) open in $(( $(now_ms) - started_ms )) ms"
    ;;
  start)
    relay_pid >/dev/null && die "the relayer already runs (pid $(relay_pid))"
    setsid "$RLY" --home "$RLY_HOME" start "$PATH_NAME" \
      >"$RLY_HOME/rly.log" 2>&1 </dev/null &
    echo $! >"$RLY_HOME/rly.pid"
    sleep 2
    relay_pid >/dev/null || { tail -n 20 "$RLY_HOME/rly.log" >&2; die "rly start exited"; }
    say "relaying $PATH_NAME (pid $(cat "$RLY_HOME/rly.pid"), log $RLY_HOME/rly.log)"
    ;;
  stop | reset)
    if pid="$(relay_pid)"; then
      kill -TERM "$pid"
      say "relayer stopped (pid $pid)"
    fi
    rm -f "$RLY_HOME/rly.pid"
    if [ "$COMMAND" = reset ]; then rm -rf "$RLY_HOME"; fi
    ;;
  *) die "unknown command '$COMMAND' (connect | channel | start | stop | reset)" ;;
esac
