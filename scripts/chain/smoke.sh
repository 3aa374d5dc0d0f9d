#!/usr/bin/env bash
# Smoke test against a running local chain (start.sh): stores the demurrage token's optimized
# wasm, instantiates it, makes a transfer and checks the balances, all through the wasmd CLI.
#   scripts/chain/smoke.sh [name]            (default dac-1)
# The commands below are the ones the README shows; each prints before it runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${1:-dac-1}"
source "$CHAIN_DIR/cli.sh"
use_chain "$NAME"

ensure_artifacts demurrage_token.wasm
WASM="$REPO_ROOT/artifacts/demurrage_token.wasm"

ALICE="$(address_of alice)"
BOB="$(address_of bob)"
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
