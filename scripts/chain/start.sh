#!/usr/bin/env bash
# Starts a single-node local wasmd chain and waits until it produces blocks.
#   scripts/chain/start.sh [name] [port offset]      e.g. start.sh dac-1 0; start.sh dac-2 1
# The name is also the chain id. The chain lives in a fresh home, $DAC_CACHE/chain/<name>, listens
# on 127.0.0.1 only (ports moved by 100 per offset), makes ~1 s blocks and funds the public test
# accounts of accounts.env. The home gets wasmd.pid, node.log and chain.env (CHAIN_ID, CHAIN_HOME,
# CHAIN_NODE, CHAIN_GRPC, DENOM, GAS_PRICES, TX_FLAGS, QUERY_FLAGS) for the other scripts.
# (wasmd v0.55 ignores client.toml under --home, so every CLI line passes its flags.) Stop it with stop.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${1:-dac-1}"
# dac-<n> defaults to offset n-1, so dac-1 and dac-2 never collide.
default_offset=0
[[ "$NAME" =~ ^dac-([0-9]+)$ ]] && default_offset=$((BASH_REMATCH[1] - 1))
OFFSET="${2:-$default_offset}"
[[ "$OFFSET" =~ ^[0-9]+$ ]] && [ "$OFFSET" -le 20 ] || die "port offset must be 0..20, got '$OFFSET'"
[[ "$NAME" =~ ^[a-z0-9-]+$ ]] || die "chain name must be lowercase letters, digits and '-', got '$NAME'"

require_wasmd
HOME_DIR="$(chain_home "$NAME")"
RPC_PORT="$(chain_rpc_port "$OFFSET")"
P2P_PORT="$(chain_p2p_port "$OFFSET")"
GRPC_PORT="$(chain_grpc_port "$OFFSET")"
API_PORT="$(chain_api_port "$OFFSET")"
PPROF_PORT="$(chain_pprof_port "$OFFSET")"
NODE="tcp://$CHAIN_HOST:$RPC_PORT"

if [ -f "$HOME_DIR/wasmd.pid" ] && kill -0 "$(cat "$HOME_DIR/wasmd.pid")" 2>/dev/null; then
  die "chain $NAME is already running (pid $(cat "$HOME_DIR/wasmd.pid")); stop it with scripts/chain/stop.sh $NAME"
fi
taken="$(taken_port "$OFFSET")" \
  && die "port $taken on $CHAIN_HOST is taken; pick another offset: start.sh $NAME <offset>"

started_ms="$(now_ms)"
rm -rf "$HOME_DIR"
mkdir -p "$HOME_DIR"
w() { "$WASMD" --home "$HOME_DIR" "$@"; }

w init "$NAME-node" --chain-id "$NAME" --default-denom "$DENOM" >/dev/null 2>&1

# Keys and genesis balances for every public test account.
ACCOUNT_FUNDS="1000000000000$DENOM"
mapfile -t ACCOUNTS < <(sed -n 's/^\([a-z0-9_]*\)=.*/\1/p' "$CHAIN_DIR/accounts.env")
source "$CHAIN_DIR/accounts.env"
for key in "${ACCOUNTS[@]}"; do
  printf '%s\n' "${!key}" | w keys add "$key" --recover --keyring-backend test >/dev/null 2>&1 \
    || die "could not add key '$key' from accounts.env (is the mnemonic valid?)"
  w genesis add-genesis-account "$key" "$ACCOUNT_FUNDS" --keyring-backend test
done
w genesis gentx validator "100000000000$DENOM" --chain-id "$NAME" --keyring-backend test \
  >/dev/null 2>&1
w genesis collect-gentxs >/dev/null 2>&1
w genesis validate-genesis >/dev/null

# Loopback only, ~1 s blocks, no peers wanted.
CONFIG="$HOME_DIR/config/config.toml"
APP="$HOME_DIR/config/app.toml"
toml_set() { # file section key value: sets `key = value` inside [section] ("" = top level)
  local file="$1" section="$2" key="$3" value="$4"
  awk -v section="$section" -v key="$key" -v value="$value" '
    /^\[.*\]$/ { current = substr($0, 2, length($0) - 2) }
    current == section && $0 ~ "^" key " *=" { print key " = " value; found = 1; next }
    { print }
    END { if (!found) exit 3 }' "$file" >"$file.new" || die "no '$key' in [$section] of $file"
  mv "$file.new" "$file"
}
toml_set "$CONFIG" "" proxy_app "\"tcp://$CHAIN_HOST:$((26658 + 100 * OFFSET))\""
toml_set "$CONFIG" "" moniker "\"$NAME-node\""
toml_set "$CONFIG" rpc laddr "\"$NODE\""
toml_set "$CONFIG" rpc pprof_laddr "\"$CHAIN_HOST:$PPROF_PORT\""
toml_set "$CONFIG" p2p laddr "\"tcp://$CHAIN_HOST:$P2P_PORT\""
toml_set "$CONFIG" p2p pex "false"
toml_set "$CONFIG" p2p allow_duplicate_ip "true"
toml_set "$CONFIG" consensus timeout_propose "\"1s\""
toml_set "$CONFIG" consensus timeout_commit "\"1s\""
toml_set "$CONFIG" instrumentation prometheus "false"
toml_set "$APP" "" minimum-gas-prices "\"$GAS_PRICES\""
toml_set "$APP" api enable "false"
toml_set "$APP" api address "\"tcp://$CHAIN_HOST:$API_PORT\""
toml_set "$APP" grpc enable "true"
toml_set "$APP" grpc address "\"$CHAIN_HOST:$GRPC_PORT\""

setsid "$WASMD" start --home "$HOME_DIR" >"$HOME_DIR/node.log" 2>&1 </dev/null &
echo $! >"$HOME_DIR/wasmd.pid"

cat >"$HOME_DIR/chain.env" <<EOF
CHAIN_ID=$NAME
CHAIN_HOME=$HOME_DIR
CHAIN_NODE=$NODE
CHAIN_RPC=http://$CHAIN_HOST:$RPC_PORT
CHAIN_GRPC=$CHAIN_HOST:$GRPC_PORT
DENOM=$DENOM
GAS_PRICES=$GAS_PRICES
TX_FLAGS="--home $HOME_DIR --keyring-backend test --chain-id $NAME --node $NODE --gas auto --gas-adjustment 1.4 --gas-prices $GAS_PRICES -y --output json"
QUERY_FLAGS="--node $NODE --output json"
EOF

# Ready once block 2 is committed (block 1 is genesis' own).
height=0
for _ in $(seq 1 120); do
  kill -0 "$(cat "$HOME_DIR/wasmd.pid")" 2>/dev/null \
    || { tail -n 30 "$HOME_DIR/node.log" >&2; die "wasmd for $NAME exited; log: $HOME_DIR/node.log"; }
  height="$(curl -fsS "http://$CHAIN_HOST:$RPC_PORT/status" 2>/dev/null \
    | jq -r '.result.sync_info.latest_block_height' 2>/dev/null || echo 0)"
  [ "${height:-0}" -ge 2 ] 2>/dev/null && break
  sleep 0.5
done
[ "${height:-0}" -ge 2 ] 2>/dev/null \
  || { tail -n 30 "$HOME_DIR/node.log" >&2; die "chain $NAME made no blocks within 60 s"; }

say "chain $NAME up in $(( $(now_ms) - started_ms )) ms at height $height: rpc $NODE, grpc $CHAIN_HOST:$GRPC_PORT"
say "  home $HOME_DIR (pid $(cat "$HOME_DIR/wasmd.pid")); settings in $HOME_DIR/chain.env"
