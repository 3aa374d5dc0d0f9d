#!/usr/bin/env bash
# End-to-end tests on real local wasmd chains, each started fresh and torn down at the end.
#   scripts/chain/e2e.sh          one chain: a node deployed through the recipe (scripts/deploy.sh),
#                                 a newcomer's life against it (dac-wasmd story), the README's CLI
#                                 examples (readme-cli.sh), and the web page's test when the repo
#                                 has one (scripts/web/test.sh <chain>, with DAC_CHAIN and
#                                 DAC_DEPLOYMENT=<path of deployment.json> set)
#   scripts/chain/e2e.sh --ibc    two chains and the Go relayer: a node on each, the councils
#                                 recognize each other by proposals, a dac-relay-1 channel, then a
#                                 trade, a treaty and a timed-out transfer refunded (dac-wasmd ibc-story)
# Builds (or reuses) the cached wasmd and rly, the wasm artifacts and dac-wasmd first. The chains
# are $DAC_E2E_CHAIN (default dac-e2e, port offset $DAC_E2E_OFFSET, default 5: rpc
# 127.0.0.1:27157) and $DAC_E2E_CHAIN-b (offset + 1), so a dac-1/dac-2 left running for
# development is not touched. On failure it prints the tail of every chain's and the relayer's
# log before deleting them. Prints each step's time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHAIN="${DAC_E2E_CHAIN:-dac-e2e}"
OFFSET="${DAC_E2E_OFFSET:-5}"
CHAIN_B="$CHAIN-b"
IBC=0
case "${1:-}" in
  "") ;;
  --ibc) IBC=1 ;;
  *) die "usage: e2e.sh [--ibc]" ;;
esac
export DAC_CHAIN_A="$CHAIN" DAC_CHAIN_B="$CHAIN_B"
# Demurrage and basic income visible within a minute (NodeConfig fields, see scripts/deploy.sh).
SETTINGS=(--set period_seconds=60 --set demurrage_rate=0.0000009)
DAC_WASMD="$CARGO_TARGET_DIR/debug/dac-wasmd"
CHAINS=("$CHAIN")
[ "$IBC" = 1 ] && CHAINS+=("$CHAIN_B")

timings=()
step() { # label command...: runs a step and records how long it took
  local label="$1" t0
  shift
  t0="$(now_ms)"
  say ""
  say "==== $label"
  "$@"
  timings+=("$(printf '%-24s %7.1f s' "$label" "$(( $(now_ms) - t0 ))e-3")")
}

cleanup() {
  local status=$? name log
  if [ "$status" != 0 ]; then
    for name in "${CHAINS[@]}"; do
      log="$(chain_home "$name")/node.log"
      [ -f "$log" ] && { say ""; say "---- last lines of $log"; tail -n 30 "$log" >&2; }
    done
    log="$(relayer_home "$CHAIN" "$CHAIN_B")/rly.log"
    [ "$IBC" = 1 ] && [ -f "$log" ] && { say ""; say "---- last lines of $log"; tail -n 30 "$log" >&2; }
  fi
  if [ "$IBC" = 1 ]; then bash "$CHAIN_DIR/relayer.sh" reset >/dev/null 2>&1 || true; fi
  for name in "${CHAINS[@]}"; do bash "$CHAIN_DIR/stop.sh" "$name" >/dev/null 2>&1 || true; done
  [ "$status" = 0 ] || say "e2e FAILED (exit $status)"
}
trap cleanup EXIT

build_dac_wasmd() {
  (cd "$REPO_ROOT" && cargo build -q $(cargo_locked_flag) -p dac-wasmd)
  export DAC_WASMD_BUILT=1 # deploy.sh need not check again
}

deploy() { # chain
  bash "$REPO_ROOT/scripts/deploy.sh" "$1" "${SETTINGS[@]}" >/dev/null
}

# Runs `deploy` on both chains at once (each waits on its own blocks); prints each one's log.
deploy_both() {
  local dir pid_a pid_b status=0
  dir="$(mktemp -d)"
  deploy "$CHAIN" >"$dir/a.log" 2>&1 &
  pid_a=$!
  deploy "$CHAIN_B" >"$dir/b.log" 2>&1 &
  pid_b=$!
  wait "$pid_a" || status=1
  wait "$pid_b" || status=1
  cat "$dir/a.log" "$dir/b.log" >&2
  rm -rf "$dir"
  return "$status"
}

deployment() { printf '%s\n' "$(chain_home "$1")/deployment.json"; }

story() {
  "$DAC_WASMD" story --chain-env "$(chain_home "$CHAIN")/chain.env" --wasmd "$WASMD" \
    --deployment "$(deployment "$CHAIN")"
}

web_test() {
  local web="$REPO_ROOT/scripts/web/test.sh"
  if [ -f "$web" ]; then
    DAC_CHAIN="$CHAIN" DAC_DEPLOYMENT="$(deployment "$CHAIN")" bash "$web" "$CHAIN"
  else
    say "no scripts/web/test.sh in this checkout: no page test to run"
  fi
}

recognize_both() {
  local path conn_a conn_b
  path="$("$RLY" --home "$(relayer_home "$CHAIN" "$CHAIN_B")" paths show "$CHAIN--$CHAIN_B" --json)"
  conn_a="$(jq -r '.chains.src["connection-id"]' <<<"$path")"
  conn_b="$(jq -r '.chains.dst["connection-id"]' <<<"$path")"
  [[ "$conn_a" == connection-* && "$conn_b" == connection-* ]] || die "no connection ids in: $path"
  "$DAC_WASMD" recognize --chain-env "$(chain_home "$CHAIN")/chain.env" --wasmd "$WASMD" \
    --deployment "$(deployment "$CHAIN")" --other "$(deployment "$CHAIN_B")" --connection "$conn_a"
  "$DAC_WASMD" recognize --chain-env "$(chain_home "$CHAIN_B")/chain.env" --wasmd "$WASMD" \
    --deployment "$(deployment "$CHAIN_B")" --other "$(deployment "$CHAIN")" --connection "$conn_b"
}

open_channel() {
  local relay_a relay_b
  relay_a="$(jq -r .contracts.relay "$(deployment "$CHAIN")")"
  relay_b="$(jq -r .contracts.relay "$(deployment "$CHAIN_B")")"
  bash "$CHAIN_DIR/relayer.sh" channel "wasm.$relay_a" "wasm.$relay_b" dac-relay-1
}

ibc_story() {
  "$DAC_WASMD" ibc-story --wasmd "$WASMD" \
    --chain-env "$(chain_home "$CHAIN")/chain.env" --deployment "$(deployment "$CHAIN")" \
    --b-chain-env "$(chain_home "$CHAIN_B")/chain.env" --b-deployment "$(deployment "$CHAIN_B")" \
    --relayer "$CHAIN_DIR/relayer.sh"
}

total0="$(now_ms)"
step "wasmd build/check" bash "$CHAIN_DIR/build-wasmd.sh"
[ "$IBC" = 0 ] || step "relayer build/check" bash "$CHAIN_DIR/build-relayer.sh"
step "wasm artifacts" ensure_artifacts demurrage_token.wasm council.wasm housing_registry.wasm \
  escrow.wasm ibc_relay.wasm
step "dac-wasmd build" build_dac_wasmd
step "chain start" bash "$CHAIN_DIR/start.sh" "$CHAIN" "$OFFSET"
if [ "$IBC" = 0 ]; then
  step "deploy" deploy "$CHAIN"
  step "node-life story" story
  step "README CLI examples" bash "$CHAIN_DIR/readme-cli.sh" "$CHAIN"
  step "web page test" web_test
else
  step "second chain start" bash "$CHAIN_DIR/start.sh" "$CHAIN_B" "$((OFFSET + 1))"
  step "deploy both nodes" deploy_both
  step "IBC connection" bash "$CHAIN_DIR/relayer.sh" connect
  step "councils recognize" recognize_both
  step "dac-relay-1 channel" open_channel
  step "relayer start" bash "$CHAIN_DIR/relayer.sh" start
  step "trade, treaty, timeout" ibc_story
fi
step "teardown" cleanup
trap - EXIT

say ""
say "e2e$([ "$IBC" = 1 ] && echo " --ibc") passed on real wasmd $WASMD_VERSION chains$([ "$IBC" = 1 ] && echo " with rly $RLY_VERSION"). Timings:"
for line in "${timings[@]}"; do say "  $line"; done
say "  $(printf '%-24s %7.1f s' total "$(( $(now_ms) - total0 ))e-3")"
