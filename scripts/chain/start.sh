#!/usr/bin/env bash
# Starts a local wasmd chain and waits until every validator of it has produced blocks.
#   scripts/chain/start.sh [name] [port offset] [--validators N] [--upload WHO]
#       e.g. start.sh dac-1 0; start.sh dac-2 1; start.sh net-1 3 --validators 4 --upload deployer
# The name is also the chain id. The chain lives in a fresh home, $DAC_CACHE/chain/<name>, listens
# on 127.0.0.1 only (ports moved by 100 per offset), makes ~1 s blocks and funds the public test
# accounts of accounts.env. The home gets wasmd.pid, node.log and chain.env (CHAIN_ID, CHAIN_HOME,
# CHAIN_NODE, CHAIN_RPC, CHAIN_GRPC, DENOM, GAS_PRICES, TX_FLAGS, QUERY_FLAGS, WASMD_BIN_DIR,
# VALIDATORS, VALIDATOR_KEYS, VALIDATOR_RPCS, GOV_DEPOSIT, UPLOAD) for the other scripts, and
# network.json, the chain's network profile (see scripts/networks/README.md). Every
# CLI line passes its flags (--home, --node, ...) rather than relying on client.toml.
#   --validators N   1 (default) to 4 validators of equal power, each a wasmd with its own home
#                    (validator 1's is the chain's home, validator v's is <home>/validator-<v>,
#                    ports +10*(v-1)), a genesis with N gentxs, peers of each other. Validator v
#                    is operated by the key `validator` (v = 1) or `validator<v>` of accounts.env.
#                    scripts/chain/validator.sh stops and restarts one of them.
#   --upload WHO     who may store code (the wasm module's code_upload_access): everybody
#                    (default), nobody (only a governance proposal), or comma-separated key names
#                    of accounts.env (those addresses; a governance proposal still may).
# Governance is fast on every local chain (30 s voting period, deposit $GOV_DEPOSIT) so that
# a code upload by proposal fits in a test. Stop it with stop.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage="usage: start.sh [name] [port offset] [--validators 1..$MAX_VALIDATORS] [--upload everybody|nobody|KEY[,KEY...]]"
NAME="dac-1"
OFFSET=""
VALIDATORS=1
UPLOAD=everybody
positional=0
while [ $# -gt 0 ]; do
  case "$1" in
    --validators) [ $# -ge 2 ] || die "$usage"; VALIDATORS="$2"; shift 2 ;;
    --upload) [ $# -ge 2 ] || die "$usage"; UPLOAD="$2"; shift 2 ;;
    --*) die "unknown option '$1'; $usage" ;;
    *)
      case "$positional" in
        0) NAME="$1" ;;
        1) OFFSET="$1" ;;
        *) die "$usage" ;;
      esac
      positional=$((positional + 1))
      shift
      ;;
  esac
done
# dac-<n> defaults to offset n-1, so dac-1 and dac-2 never collide.
default_offset=0
[[ "$NAME" =~ ^dac-([0-9]+)$ ]] && default_offset=$((BASH_REMATCH[1] - 1))
OFFSET="${OFFSET:-$default_offset}"
[[ "$OFFSET" =~ ^[0-9]+$ ]] && [ "$OFFSET" -le 20 ] || die "port offset must be 0..20, got '$OFFSET'"
[[ "$NAME" =~ ^[a-z0-9-]+$ ]] || die "chain name must be lowercase letters, digits and '-', got '$NAME'"
[[ "$VALIDATORS" =~ ^[1-9]$ ]] && [ "$VALIDATORS" -le "$MAX_VALIDATORS" ] \
  || die "--validators must be 1..$MAX_VALIDATORS, got '$VALIDATORS'"
[[ "$UPLOAD" =~ ^[a-z0-9_]+(,[a-z0-9_]+)*$ ]] \
  || die "--upload takes everybody, nobody or key names of accounts.env separated by commas, got '$UPLOAD'"

require_wasmd
HOME_DIR="$(chain_home "$NAME")"
NODE="tcp://$CHAIN_HOST:$(chain_rpc_port "$OFFSET")"
GOV_DEPOSIT="10000000$DENOM"

if [ -f "$HOME_DIR/wasmd.pid" ] && kill -0 "$(cat "$HOME_DIR/wasmd.pid")" 2>/dev/null; then
  die "chain $NAME is already running (pid $(cat "$HOME_DIR/wasmd.pid")); stop it with scripts/chain/stop.sh $NAME"
fi
taken="$(taken_port "$OFFSET" "$VALIDATORS")" \
  && die "port $taken on $CHAIN_HOST is taken; pick another offset: start.sh $NAME <offset>"

started_ms="$(now_ms)"
rm -rf "$HOME_DIR"
mkdir -p "$HOME_DIR"
# Validator 1's home holds the keyring of every test account, validators' operators included.
w() { "$WASMD" --home "$HOME_DIR" "$@"; }
validator_key() { if [ "$1" = 1 ]; then echo validator; else echo "validator$1"; fi; }

for v in $(seq 1 "$VALIDATORS"); do
  home="$(validator_home "$NAME" "$v")"
  mkdir -p "$home"
  "$WASMD" --home "$home" init "$NAME-node$v" --chain-id "$NAME" --default-denom "$DENOM" \
    >/dev/null 2>&1 || die "wasmd init failed for validator $v of $NAME"
done

# Keys and genesis balances for every public test account.
ACCOUNT_FUNDS="1000000000000$DENOM"
mapfile -t ACCOUNTS < <(sed -n 's/^\([a-z0-9_]*\)=.*/\1/p' "$CHAIN_DIR/accounts.env")
source "$CHAIN_DIR/accounts.env"
for key in "${ACCOUNTS[@]}"; do
  printf '%s\n' "${!key}" | w keys add "$key" --recover --keyring-backend test >/dev/null 2>&1 \
    || die "could not add key '$key' from accounts.env (is the mnemonic valid?)"
  w genesis add-genesis-account "$key" "$ACCOUNT_FUNDS" --keyring-backend test
done

# Who may upload code.
case "$UPLOAD" in
  everybody) access='{"permission": "Everybody", "addresses": []}' ;;
  nobody) access='{"permission": "Nobody", "addresses": []}' ;;
  *)
    addresses=()
    IFS=, read -ra uploaders <<<"$UPLOAD"
    for key in "${uploaders[@]}"; do
      addresses+=("$(w keys show "$key" -a --keyring-backend test 2>/dev/null)") \
        || die "--upload names '$key', which is no key of accounts.env"
    done
    access="$(jq -n '{permission: "AnyOfAddresses", addresses: $ARGS.positional}' --args "${addresses[@]}")"
    ;;
esac
GENESIS="$HOME_DIR/config/genesis.json"
jq --argjson access "$access" --arg deposit "${GOV_DEPOSIT%"$DENOM"}" --arg denom "$DENOM" '
  .app_state.wasm.params.code_upload_access = $access
  | .app_state.gov.params.voting_period = "30s"
  | .app_state.gov.params.expedited_voting_period = "15s"
  | .app_state.gov.params.max_deposit_period = "30s"
  | .app_state.gov.params.min_deposit = [{denom: $denom, amount: $deposit}]' \
  "$GENESIS" >"$GENESIS.new"
mv "$GENESIS.new" "$GENESIS"

# One gentx per validator, each signed with its own consensus key (its home) by its operator's
# key (validator 1's keyring), then collected into validator 1's genesis and copied to the others.
mkdir -p "$HOME_DIR/config/gentx"
for v in $(seq 1 "$VALIDATORS"); do
  home="$(validator_home "$NAME" "$v")"
  [ "$v" = 1 ] || cp "$GENESIS" "$home/config/genesis.json"
  "$WASMD" --home "$home" genesis gentx "$(validator_key "$v")" "100000000000$DENOM" \
    --chain-id "$NAME" --moniker "$NAME-node$v" --keyring-backend test --keyring-dir "$HOME_DIR" \
    --output-document "$HOME_DIR/config/gentx/gentx-$v.json" >/dev/null 2>&1 \
    || die "the gentx of validator $v of $NAME failed"
done
w genesis collect-gentxs >/dev/null 2>&1
w genesis validate-genesis >/dev/null
for v in $(seq 2 "$VALIDATORS"); do cp "$GENESIS" "$(validator_home "$NAME" "$v")/config/genesis.json"; done

toml_set() { # file section key value: sets `key = value` inside [section] ("" = top level)
  local file="$1" section="$2" key="$3" value="$4"
  awk -v section="$section" -v key="$key" -v value="$value" '
    /^\[.*\]$/ { current = substr($0, 2, length($0) - 2) }
    current == section && $0 ~ "^" key " *=" { print key " = " value; found = 1; next }
    { print }
    END { if (!found) exit 3 }' "$file" >"$file.new" || die "no '$key' in [$section] of $file"
  mv "$file.new" "$file"
}

# Every validator peers with all the others, on loopback.
peer_addresses=()
for v in $(seq 1 "$VALIDATORS"); do
  id="$("$WASMD" --home "$(validator_home "$NAME" "$v")" comet show-node-id)"
  peer_addresses+=("$id@$CHAIN_HOST:$(chain_p2p_port "$OFFSET" "$v")")
done

# Loopback only, ~1 s blocks, no peers but the network's own.
rpcs=()
for v in $(seq 1 "$VALIDATORS"); do
  home="$(validator_home "$NAME" "$v")"
  config="$home/config/config.toml"
  app="$home/config/app.toml"
  peers="$(printf '%s\n' "${peer_addresses[@]}" | grep -v "^$("$WASMD" --home "$home" comet show-node-id)@" \
    | paste -sd, || true)"
  rpcs+=("http://$CHAIN_HOST:$(chain_rpc_port "$OFFSET" "$v")")
  toml_set "$config" "" proxy_app "\"tcp://$CHAIN_HOST:$(chain_abci_port "$OFFSET" "$v")\""
  toml_set "$config" "" moniker "\"$NAME-node$v\""
  toml_set "$config" rpc laddr "\"tcp://$CHAIN_HOST:$(chain_rpc_port "$OFFSET" "$v")\""
  toml_set "$config" rpc pprof_laddr "\"$CHAIN_HOST:$(chain_pprof_port "$OFFSET" "$v")\""
  toml_set "$config" p2p laddr "\"tcp://$CHAIN_HOST:$(chain_p2p_port "$OFFSET" "$v")\""
  toml_set "$config" p2p persistent_peers "\"$peers\""
  toml_set "$config" p2p pex "false"
  toml_set "$config" p2p addr_book_strict "false"
  toml_set "$config" p2p allow_duplicate_ip "true"
  toml_set "$config" consensus timeout_propose "\"1s\""
  toml_set "$config" consensus timeout_commit "\"1s\""
  toml_set "$config" instrumentation prometheus "false"
  toml_set "$app" "" minimum-gas-prices "\"$GAS_PRICES\""
  toml_set "$app" api enable "false"
  toml_set "$app" api address "\"tcp://$CHAIN_HOST:$(chain_api_port "$OFFSET" "$v")\""
  toml_set "$app" grpc enable "true"
  toml_set "$app" grpc address "\"$CHAIN_HOST:$(chain_grpc_port "$OFFSET" "$v")\""
done

for v in $(seq 1 "$VALIDATORS"); do start_node "$(validator_home "$NAME" "$v")"; done

validator_keys=()
for v in $(seq 1 "$VALIDATORS"); do validator_keys+=("$(validator_key "$v")"); done
cat >"$HOME_DIR/chain.env" <<EOF2
CHAIN_ID=$NAME
CHAIN_HOME=$HOME_DIR
CHAIN_NODE=$NODE
CHAIN_RPC=${rpcs[0]}
CHAIN_GRPC=$CHAIN_HOST:$(chain_grpc_port "$OFFSET")
DENOM=$DENOM
GAS_PRICES=$GAS_PRICES
TX_FLAGS="--home $HOME_DIR --keyring-backend test --chain-id $NAME --node $NODE --gas auto --gas-adjustment 1.4 --gas-prices $GAS_PRICES -y --output json"
QUERY_FLAGS="--node $NODE --output json"
WASMD_BIN_DIR=$CHAIN_BIN_DIR
VALIDATORS=$VALIDATORS
VALIDATOR_KEYS="${validator_keys[*]}"
VALIDATOR_RPCS="${rpcs[*]}"
GOV_DEPOSIT=$GOV_DEPOSIT
UPLOAD=$UPLOAD
EOF2

# The chain's network profile (packages/dac-wasmd/src/network.rs), which scripts/deploy.sh deploys
# through: the same shape as scripts/networks/*.json, with this run's ports and keyring.
jq -n --arg name "$NAME" --arg denom "$DENOM" --argjson price "${GAS_PRICES%"$DENOM"}" \
  --arg rpc "$NODE" --arg keyring "$HOME_DIR" --arg deposit "$GOV_DEPOSIT" \
  --argjson validators "$(printf '%s\n' "${validator_keys[@]}" | jq -R . | jq -s .)" '{
    "$comment": "written by scripts/chain/start.sh for this run of the local chain",
    chain_name: $name, chain_id: $name, bech32_prefix: "wasm",
    fees: {fee_tokens: [{denom: $denom, average_gas_price: $price}]},
    apis: {rpc: [{address: $rpc}]},
    deploy: {keyring_dir: $keyring, keyring_backend: "test", gas_adjustment: 1.4, upload: "auto",
             deployer: "deployer", founders: ["alice", "bob", "carol", "dave"],
             validators: $validators, gov_deposit: $deposit}
  }' >"$HOME_DIR/network.json"

# Ready once every validator has committed block 2 (block 1 is genesis' own).
for v in $(seq 1 "$VALIDATORS"); do
  home="$(validator_home "$NAME" "$v")"
  height=0
  for _ in $(seq 1 120); do
    kill -0 "$(cat "$home/wasmd.pid")" 2>/dev/null \
      || { tail -n 30 "$home/node.log" >&2; die "wasmd of validator $v of $NAME exited; log: $home/node.log"; }
    height="$(rpc_height "${rpcs[v - 1]}")"
    [ "${height:-0}" -ge 2 ] 2>/dev/null && break
    sleep 0.5
  done
  [ "${height:-0}" -ge 2 ] 2>/dev/null \
    || { tail -n 30 "$home/node.log" >&2; die "validator $v of $NAME made no blocks within 60 s"; }
done

say "chain $NAME up in $(( $(now_ms) - started_ms )) ms at height $height: $VALIDATORS validator(s), rpc $NODE, upload: $UPLOAD"
say "  home $HOME_DIR (pid $(cat "$HOME_DIR/wasmd.pid")); settings in $HOME_DIR/chain.env"
