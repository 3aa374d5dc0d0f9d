#!/usr/bin/env bash
# Smoke test against a running local chain (start.sh): stores the demurrage token's optimized
# wasm, instantiates it, makes a transfer and checks the balances, all through the wasmd CLI.
#   scripts/chain/smoke.sh [name]            (default dac-1)
# The commands below are the ones the README shows; each prints before it runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${1:-dac-1}"
require_wasmd
ENV_FILE="$(chain_home "$NAME")/chain.env"
[ -f "$ENV_FILE" ] || die "chain '$NAME' is not running: start it with scripts/chain/start.sh $NAME"
source "$ENV_FILE"

WASM="$REPO_ROOT/artifacts/demurrage_token.wasm"
if [ ! -f "$WASM" ]; then
  say "==> $WASM missing: building the artifacts (scripts/build-wasm.sh)"
  bash "$REPO_ROOT/scripts/build-wasm.sh"
fi

# `wasmd` on PATH so the printed lines are exactly what a reader types.
export PATH="$CHAIN_BIN_DIR:$PATH"
# Prints a command as a reader would type it: JSON quoted, the chain's flags as $TX_FLAGS etc.
show() {
  local line="" arg
  for arg in "$@"; do
    [[ "$arg" =~ [[:space:]\{\"] ]] && arg="'$arg'"
    line+="${line:+ }$arg"
  done
  line="${line//"$TX_FLAGS"/\$TX_FLAGS}"
  line="${line//"$QUERY_FLAGS"/\$QUERY_FLAGS}"
  line="${line//"$REPO_ROOT/"/}"
  printf '\n$ %s\n' "$line" >&2
}

# Runs a `wasmd tx ...` line, waits for its block and prints the tx result as JSON;
# fails with the chain's log when the tx is refused or fails.
tx() {
  show "$@"
  local out hash code result=""
  out="$("$@")"
  code="$(jq -r '.code' <<<"$out")"
  [ "$code" = 0 ] || die "tx refused (code $code): $(jq -r '.raw_log' <<<"$out")"
  hash="$(jq -r '.txhash' <<<"$out")"
  for _ in $(seq 1 60); do
    result="$(wasmd query tx "$hash" $QUERY_FLAGS 2>/dev/null)" && break
    sleep 0.5
  done
  [ -n "$result" ] || die "tx $hash not in a block after 30 s"
  code="$(jq -r '.code' <<<"$result")"
  [ "$code" = 0 ] || die "tx $hash failed (code $code): $(jq -r '.raw_log' <<<"$result")"
  printf '%s\n' "$result"
}
# The value of attribute $2 of the first event of type $1 in a tx result on stdin.
event_attr() {
  jq -r --arg type "$1" --arg key "$2" \
    '[.events[] | select(.type == $type) | .attributes[] | select(.key == $key) | .value][0]'
}
query() {
  show "$@"
  "$@"
}
expect_eq() { # what actual expected
  [ "$2" = "$3" ] || die "$1: got '$2', expected '$3'"
  say "ok: $1 = $2"
}

ALICE="$(wasmd keys show alice -a --home "$CHAIN_HOME" --keyring-backend test)"
BOB="$(wasmd keys show bob -a --home "$CHAIN_HOME" --keyring-backend test)"
say "chain $CHAIN_ID at $CHAIN_NODE; alice = $ALICE, bob = $BOB"

# 1. Store the code.
CODE_ID="$(tx wasmd tx wasm store "$WASM" --from alice $TX_FLAGS \
  | event_attr store_code code_id)"
[[ "$CODE_ID" =~ ^[0-9]+$ ]] || die "no code id in the store tx"
say "code id: $CODE_ID"

# 2. Instantiate the token: alice holds 1,000,000 at genesis; 0.02% decay per day.
INIT_MSG='{
  "name": "Commons Hours", "symbol": "HOURS", "decimals": 6,
  "initial_balances": [{"address": "'"$ALICE"'", "amount": "1000000"}],
  "commons_pool": "500000",
  "demurrage": {"rate": "0.0002", "period_seconds": 86400},
  "income_window_periods": 30,
  "initial_members": ["'"$ALICE"'", "'"$BOB"'"]
}'
TOKEN="$(tx wasmd tx wasm instantiate "$CODE_ID" "$INIT_MSG" --label "demurrage-token" \
  --admin "$ALICE" --from alice $TX_FLAGS \
  | event_attr instantiate _contract_address)"
[[ "$TOKEN" == wasm1* ]] || die "no contract address in the instantiate tx"
say "token: $TOKEN"

# 3. Alice transfers 250,000 to bob.
tx wasmd tx wasm execute "$TOKEN" '{"transfer": {"recipient": "'"$BOB"'", "amount": "250000"}}' \
  --from alice $TX_FLAGS >/dev/null

# 4. Query the balances and the token (no day has passed, so nothing has decayed yet).
bob_balance="$(query wasmd query wasm contract-state smart "$TOKEN" \
  '{"balance": {"address": "'"$BOB"'"}}' $QUERY_FLAGS | jq -r '.data.balance')"
expect_eq "bob's balance" "$bob_balance" 250000
alice_balance="$(query wasmd query wasm contract-state smart "$TOKEN" \
  '{"balance": {"address": "'"$ALICE"'"}}' $QUERY_FLAGS | jq -r '.data.balance')"
expect_eq "alice's balance" "$alice_balance" 750000
token_info="$(query wasmd query wasm contract-state smart "$TOKEN" '{"token_info": {}}' \
  $QUERY_FLAGS)"
expect_eq "token symbol" "$(jq -r '.data.symbol' <<<"$token_info")" HOURS

# 5. A transfer beyond the balance is refused by the contract.
show wasmd tx wasm execute "$TOKEN" '{"transfer": {"recipient": "'"$ALICE"'", "amount": "999999999"}}' --from bob $TX_FLAGS
if refused="$(wasmd tx wasm execute "$TOKEN" \
  '{"transfer": {"recipient": "'"$ALICE"'", "amount": "999999999"}}' --from bob $TX_FLAGS 2>&1)"; then
  die "an overdraft was accepted: $refused"
fi
grep -q "insufficient funds" <<<"$refused" || die "overdraft refused for another reason: $refused"
say "ok: an overdraft is refused (insufficient funds)"

say "smoke test passed on $CHAIN_ID: code $CODE_ID, token $TOKEN"
