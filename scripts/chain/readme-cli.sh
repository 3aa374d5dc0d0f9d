#!/usr/bin/env bash
# Runs the README's wasmd CLI examples against a node deployed on a running chain, so the README
# cannot go stale: the ```sh blocks preceded by a `<!-- cli-example -->` line in README.md, in
# order, in one shell, exactly as written (with CHAIN set to the chain's name).
#   scripts/chain/readme-cli.sh [chain]          (default dac-1; deploy first: scripts/deploy.sh)
#   scripts/chain/readme-cli.sh --ibc <a> <b>    the setup block (the first) and the blocks marked
#                                                `<!-- cli-example-ibc -->` on chain a, whose relay
#                                                has a channel to chain b's, the relayer running
# Checks: each command succeeds; every `wasmd tx` is accepted, and every `wasmd query wait-tx`
# answers code 0 (a `wasmd` shell function wraps the binary to check, and counts both); then the
# effects the examples describe, read back with queries (on chain b too, for --ibc).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

IBC=0
if [ "${1:-}" = --ibc ]; then
  [ $# = 3 ] || die "usage: readme-cli.sh --ibc <chain a> <chain b>"
  IBC=1 NAME="$2" NAME_B="$3"
else
  NAME="${1:-dac-1}"
fi
README="$REPO_ROOT/README.md"
HOME_DIR="$(chain_home "$NAME")"
require_wasmd
[ -f "$HOME_DIR/deployment.json" ] || die "no node deployed on '$NAME': scripts/deploy.sh $NAME"

# The blocks marked $1, each ending in a line `#<end of example>`.
examples() {
  awk -v marker="$1" '
    $0 == marker { armed = 1; next }
    armed && /^```sh$/ { inside = 1; armed = 0; next }
    armed { print "a " marker " line must be followed by a ```sh line" > "/dev/stderr"; exit 3 }
    inside && /^```$/ { inside = 0; print "#<end of example>"; next }
    inside { print }
    END { if (inside) { print "unterminated example block" > "/dev/stderr"; exit 3 } }
  ' "$README"
}
if [ "$IBC" = 0 ]; then
  EXAMPLES="$(examples '<!-- cli-example -->')"
  MIN_BLOCKS=6 # the setup and one per contract
else
  EXAMPLES="$(examples '<!-- cli-example -->' | sed '/^#<end of example>$/q'
    examples '<!-- cli-example-ibc -->')"
  MIN_BLOCKS=2
fi
BLOCKS="$(grep -c '^#<end of example>$' <<<"$EXAMPLES" || true)"
[ "$BLOCKS" -ge "$MIN_BLOCKS" ] || die "found $BLOCKS example blocks in README.md, expected at least $MIN_BLOCKS"

source "$HOME_DIR/chain.env"
if [ "$IBC" = 0 ]; then
  # The examples claim basic income: wait until the founders have some (a period after deployment).
  token="$(jq -r .contracts.token "$HOME_DIR/deployment.json")"
  alice="$("$WASMD" keys show alice -a --home "$HOME_DIR" --keyring-backend test)"
  period="$(jq -r .period_seconds "$HOME_DIR/node-config.json")"
  [ "$period" -le 300 ] || die "the examples claim income: deploy with --set period_seconds=60 (period is $period s)"
  for _ in $(seq 1 $((period + 30))); do
    claimable="$("$WASMD" query wasm contract-state smart "$token" \
      '{"claimable":{"address":"'"$alice"'"}}' $QUERY_FLAGS | jq -r .data.amount)"
    [ "$claimable" != 0 ] && break
    sleep 1
  done
  [ "$claimable" != 0 ] || die "alice has no claimable income $((period + 30)) s after deployment"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
: >"$WORK/sent"
: >"$WORK/included"

{
  cat <<'EOF'
set -euo pipefail
# Wraps the wasmd binary: a tx must be accepted, a waited-for tx must have succeeded.
wasmd() {
  local out code
  case "${1:-} ${2:-}" in
    "tx "*)
      out="$(command wasmd "$@")"
      code="$(jq -r .code <<<"$out")"
      [ "$code" = 0 ] || { echo "tx refused (code $code): $(jq -r .raw_log <<<"$out")" >&2; return 1; }
      echo "$(jq -r .txhash <<<"$out")" >>"$CLI_WORK/sent"
      printf '%s\n' "$out" ;;
    "query wait-tx" | "q wait-tx")
      local input hash
      input="$(cat)"
      # wait-tx subscribes, then looks the tx up: it misses one committed just before it subscribed
      # and not yet indexed (the indexer lags on a loaded machine). Then look it up until indexed.
      if ! out="$(printf '%s\n' "$input" | command wasmd "$@")"; then
        hash="$(jq -r .txhash <<<"$input")"
        case "$hash" in "" | null) echo "wait-tx got no tx hash to wait for" >&2; return 1 ;; esac
        echo "  (wait-tx missed tx $hash; looking it up)" >&2
        for _ in $(seq 1 60); do
          out="$(command wasmd query tx "$hash" $QUERY_FLAGS 2>/dev/null)" && break
          sleep 1
        done
        [ -n "$out" ] || { echo "tx $hash not in a block after 60 s" >&2; return 1; }
      fi
      code="$(jq -r .code <<<"$out")"
      [ "$code" = 0 ] || { echo "tx $(jq -r .txhash <<<"$out") failed (code $code): $(jq -r .raw_log <<<"$out")" >&2; return 1; }
      echo "$(jq -r .txhash <<<"$out")" >>"$CLI_WORK/included"
      echo "  (tx $(jq -r .txhash <<<"$out" | cut -c1-12)… in block $(jq -r .height <<<"$out"), code 0)" >&2
      printf '%s\n' "$out" ;;
    *) command wasmd "$@" ;;
  esac
}
EOF
  # Each block is shown, then run.
  n=0
  block=""
  while IFS= read -r line; do
    if [ "$line" = "#<end of example>" ]; then
      n=$((n + 1))
      printf 'cat >&2 <<'"'"'#<shown>'"'"'\n\n-------- README example %d of %d:\n%s#<shown>\n' "$n" "$BLOCKS" "$block"
      printf '%s' "$block"
      printf 'echo "-------- example %d of %d passed" >&2\n' "$n" "$BLOCKS"
      block=""
    else
      block+="$line"$'\n'
    fi
  done <<<"$EXAMPLES"
  # What the examples did, read back from the contracts.
  cat <<'EOF'
q() { command wasmd query wasm contract-state smart "$1" "$2" $QUERY_FLAGS; }
expect() { [ "$2" = "$3" ] || { echo "README example check: $1 is '$2', expected '$3'" >&2; exit 1; }; echo "ok: $1 = $2" >&2; }
EOF
  if [ "$IBC" = 0 ]; then
    cat <<'EOF'
expect "frank's council weight" "$(q $COUNCIL '{"member":{"addr":"'$FRANK'"}}' | jq -r .data.weight)" 1
expect "the proposal's status" "$(q $COUNCIL '{"proposal":{"proposal_id":'$PROPOSAL'}}' | jq -r .data.status)" executed
expect "home $HOME_ID's holder" "$(q $HOUSING '{"owner_of":{"token_id":"'$HOME_ID'"}}' | jq -r .data.owner)" "$FRANK"
expect "frank's arrears" "$(q $HOUSING '{"arrears":{"address":"'$FRANK'"}}' | jq -r .data.arrears)" 0
expect "frank's fees paid" "$(q $HOUSING '{"arrears":{"address":"'$FRANK'"}}' | jq -r .data.paid_total)" 1000000
expect "deal $DEAL's status" "$(q $ESCROW '{"deal":{"deal_id":'$DEAL'}}' | jq -r .data.status)" closed
expect "the relay's token" "$(q $RELAY '{"config":{}}' | jq -r .data.token)" "$TOKEN"
pool="$(q $TOKEN '{"commons_pool":{}}')"
expect "stored + pool == supply" \
  "$(jq -r '(.data.stored_balances | tonumber) + (.data.pool | tonumber)' <<<"$pool")" \
  "$(jq -r '.data.total_supply | tonumber' <<<"$pool")"
EOF
  else
    cat <<'EOF'
# On the other chain: the vouchers and the offer arrive once the relayer has carried them.
NODE=$(jq -r .node "$D")
source "${DAC_CACHE:-$HOME/.cache/dac-contracts}/chain/$CHAIN_B/chain.env"
RELAY_B=$(jq -r .contracts.relay "$CHAIN_HOME/deployment.json")
shares=0 offer=0
for _ in $(seq 1 90); do
  shares="$(q $RELAY_B '{"voucher":{"node":"'$NODE'","holder":"'$BOB'"}}' | jq -r .data.shares)"
  offer="$(q $RELAY_B '{"trades_by_status":{"status":"offered"}}' | jq -r --arg node "$NODE" \
    --argjson id "$TRADE" '[.data.trades[] | select(.node == $node and .offer_id == $id)] | length')"
  [ "$shares" != 0 ] && [ "$offer" = 1 ] && break
  sleep 1
done
[ "$shares" != 0 ] || { echo "README example check: bob got no vouchers on $CHAIN_B" >&2; exit 1; }
echo "ok: bob holds $shares voucher shares of $NODE's token on $CHAIN_B" >&2
expect "alice's offer $TRADE arriving on $CHAIN_B" "$offer" 1
EOF
  fi
} >"$WORK/examples.sh"

say "==> running the $BLOCKS cli-example blocks of README.md against $NAME"
# One log in order; long JSON answers cut to 300 characters, the CLI's gas estimates left out.
CHAIN="$NAME" CHAIN_B="${NAME_B:-}" CLI_WORK="$WORK" bash "$WORK/examples.sh" 2>&1 \
  | awk '!/^gas estimate: / { print substr($0, 1, 300); fflush() }' >&2 \
  || { say "a README example failed; chain log tail ($HOME_DIR/node.log):"; tail -n 15 "$HOME_DIR/node.log" >&2; exit 1; }

sent="$(wc -l <"$WORK/sent")"
included="$(sort -u "$WORK/included" | wc -l)"
[ "$sent" -gt 0 ] || die "the README examples sent no transaction"
[ "$sent" = "$included" ] \
  || die "$sent transactions sent but $included waited for: every README 'wasmd tx' must pipe into 'wasmd query wait-tx'"
say "README CLI examples passed on $NAME: $BLOCKS blocks, $sent transactions, each included with code 0"
