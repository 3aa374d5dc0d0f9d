#!/usr/bin/env bash
# Two-chain IBC smoke test between running chains dac-1 and dac-2 (start.sh) through the Go
# relayer: deploys a demurrage token and an IBC relay contract on each chain, opens a connection,
# has each relay recognize the other node, opens an unordered `dac-relay-1` channel between the
# two relay contracts, and carries a token transfer across it (vouchers on the other side).
#   scripts/chain/ibc-smoke.sh
# Alice stands in for each node's council (the relay's admin). Uses DAC_CHAIN_A / DAC_CHAIN_B.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$CHAIN_DIR/cli.sh"

CHAIN_A="${DAC_CHAIN_A:-dac-1}"
CHAIN_B="${DAC_CHAIN_B:-dac-2}"
export DAC_CHAIN_A="$CHAIN_A" DAC_CHAIN_B="$CHAIN_B"
RLY_HOME="$(relayer_home "$CHAIN_A" "$CHAIN_B")"
TOKEN_WASM="$REPO_ROOT/artifacts/demurrage_token.wasm"
RELAY_WASM="$REPO_ROOT/artifacts/ibc_relay.wasm"
ensure_artifacts demurrage_token.wasm ibc_relay.wasm

trap 'bash "$CHAIN_DIR/relayer.sh" stop >/dev/null 2>&1 || true' EXIT

# Deploys a token (alice holds 1,000,000) and a relay on the current chain; sets TOKEN and RELAY.
deploy_node() {
  local alice code_token code_relay
  alice="$(address_of alice)"
  code_token="$(tx wasmd tx wasm store "$TOKEN_WASM" --from alice $TX_FLAGS \
    | event_attr store_code code_id)"
  code_relay="$(tx wasmd tx wasm store "$RELAY_WASM" --from alice $TX_FLAGS \
    | event_attr store_code code_id)"
  TOKEN="$(tx wasmd tx wasm instantiate "$code_token" '{
    "name": "Commons Hours", "symbol": "HOURS", "decimals": 6,
    "initial_balances": [{"address": "'"$alice"'", "amount": "1000000"}],
    "commons_pool": "500000",
    "demurrage": {"rate": "0.0002", "period_seconds": 86400},
    "income_window_periods": 30
  }' --label token --admin "$alice" --from alice $TX_FLAGS \
    | event_attr instantiate _contract_address)"
  RELAY="$(tx wasmd tx wasm instantiate "$code_relay" '{
    "admin": "'"$alice"'", "token": "'"$TOKEN"'", "default_timeout_seconds": 600
  }' --label ibc-relay --admin "$alice" --from alice $TX_FLAGS \
    | event_attr instantiate _contract_address)"
  [[ "$TOKEN" == wasm1* && "$RELAY" == wasm1* ]] || die "deployment on $CHAIN_ID failed"
  say "$CHAIN_ID: token $TOKEN, relay $RELAY (port wasm.$RELAY)"
}

t0="$(now_ms)"
use_chain "$CHAIN_A"
deploy_node
TOKEN_A="$TOKEN" RELAY_A="$RELAY"
use_chain "$CHAIN_B"
deploy_node
TOKEN_B="$TOKEN" RELAY_B="$RELAY"
t_deploy="$(now_ms)"

# Light clients and a connection between the two chains.
bash "$CHAIN_DIR/relayer.sh" connect
path="$("$RLY" --home "$RLY_HOME" paths show "$CHAIN_A--$CHAIN_B" --json)"
CONN_A="$(jq -r '.chains.src["connection-id"]' <<<"$path")"
CONN_B="$(jq -r '.chains.dst["connection-id"]' <<<"$path")"
[[ "$CONN_A" == connection-* && "$CONN_B" == connection-* ]] || die "no connection ids in: $path"
use_chain "$CHAIN_A"
expect_eq "$CHAIN_A $CONN_A" "$(query wasmd query ibc connection end "$CONN_A" $QUERY_FLAGS \
  | jq -r '.connection.state')" STATE_OPEN
use_chain "$CHAIN_B"
expect_eq "$CHAIN_B $CONN_B" "$(query wasmd query ibc connection end "$CONN_B" $QUERY_FLAGS \
  | jq -r '.connection.state')" STATE_OPEN
t_connect="$(now_ms)"

# Each node's council recognizes the other node's relay at the end of that connection.
use_chain "$CHAIN_A"
tx wasmd tx wasm execute "$RELAY_A" '{"recognize_node": {"name": "'"$CHAIN_B"'",
  "connection_id": "'"$CONN_A"'", "counterparty_port": "wasm.'"$RELAY_B"'"}}' \
  --from alice $TX_FLAGS >/dev/null
use_chain "$CHAIN_B"
tx wasmd tx wasm execute "$RELAY_B" '{"recognize_node": {"name": "'"$CHAIN_A"'",
  "connection_id": "'"$CONN_B"'", "counterparty_port": "wasm.'"$RELAY_A"'"}}' \
  --from alice $TX_FLAGS >/dev/null

bash "$CHAIN_DIR/relayer.sh" channel "wasm.$RELAY_A" "wasm.$RELAY_B" dac-relay-1
t_channel="$(now_ms)"

# Both relay contracts saw the channel open, each to the node it recognized.
use_chain "$CHAIN_A"
channel_a="$(query wasmd query wasm contract-state smart "$RELAY_A" \
  '{"list_channels": {}}' $QUERY_FLAGS | jq -c '.data.channels[0]')"
expect_eq "$CHAIN_A channel open" "$(jq -r '.open' <<<"$channel_a")" true
expect_eq "$CHAIN_A channel leads to" "$(jq -r '.node' <<<"$channel_a")" "$CHAIN_B"
CHANNEL_A="$(jq -r '.channel_id' <<<"$channel_a")"
use_chain "$CHAIN_B"
channel_b="$(query wasmd query wasm contract-state smart "$RELAY_B" \
  '{"list_channels": {}}' $QUERY_FLAGS | jq -c '.data.channels[0]')"
expect_eq "$CHAIN_B channel open" "$(jq -r '.open' <<<"$channel_b")" true
expect_eq "$CHAIN_B channel leads to" "$(jq -r '.node' <<<"$channel_b")" "$CHAIN_A"
expect_eq "$CHAIN_B counterparty channel" "$(jq -r '.counterparty_channel' <<<"$channel_b")" "$CHANNEL_A"

# A packet: alice on chain A sends 1000 tokens to bob on chain B through the relays.
bash "$CHAIN_DIR/relayer.sh" start
use_chain "$CHAIN_B"
BOB_B="$(address_of bob)"
use_chain "$CHAIN_A"
transfer_msg="$(printf '{"transfer": {"channel_id": "%s", "receiver": "%s"}}' "$CHANNEL_A" "$BOB_B" \
  | base64 -w0)"
tx wasmd tx wasm execute "$TOKEN_A" '{"send": {"contract": "'"$RELAY_A"'", "amount": "1000",
  "msg": "'"$transfer_msg"'"}}' --from alice $TX_FLAGS >/dev/null
held="$(query wasmd query wasm contract-state smart "$TOKEN_A" \
  '{"balance": {"address": "'"$RELAY_A"'"}}' $QUERY_FLAGS | jq -r '.data.balance')"
expect_eq "$CHAIN_A relay holds" "$held" 1000

t_sent="$(now_ms)"
use_chain "$CHAIN_B"
shares=0
for _ in $(seq 1 90); do
  shares="$(wasmd query wasm contract-state smart "$RELAY_B" \
    '{"voucher": {"node": "'"$CHAIN_A"'", "holder": "'"$BOB_B"'"}}' $QUERY_FLAGS \
    | jq -r '.data.shares')"
  [ "$shares" != 0 ] && break
  sleep 1
done
show wasmd query wasm contract-state smart "$RELAY_B" \
  '{"voucher": {"node": "'"$CHAIN_A"'", "holder": "'"$BOB_B"'"}}' $QUERY_FLAGS
[ "$shares" != 0 ] || { tail -n 20 "$RLY_HOME/rly.log" >&2; die "no vouchers arrived on $CHAIN_B"; }
say "ok: bob holds $shares voucher shares of $CHAIN_A's token on $CHAIN_B"

# The acknowledgement comes back: nothing stays pending on chain A.
use_chain "$CHAIN_A"
pending=1
for _ in $(seq 1 60); do
  pending="$(wasmd query wasm contract-state smart "$RELAY_A" '{"pending_packets": {}}' $QUERY_FLAGS \
    | jq -r '.data.packets | length')"
  [ "$pending" = 0 ] && break
  sleep 1
done
expect_eq "$CHAIN_A packets pending after the ack" "$pending" 0
t_relayed="$(now_ms)"
bash "$CHAIN_DIR/relayer.sh" stop

say ""
say "IBC smoke test passed: $CHAIN_A/$CONN_A/$CHANNEL_A <-> $CHAIN_B/$CONN_B. Timings:"
say "  deploy both nodes   $(( (t_deploy - t0) / 1000 )) s"
say "  clients+connection  $(( (t_connect - t_deploy) / 1000 )) s"
say "  recognize+channel   $(( (t_channel - t_connect) / 1000 )) s"
say "  packet + ack        $(( (t_relayed - t_sent) / 1000 )) s"
