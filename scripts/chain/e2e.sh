#!/usr/bin/env bash
# End-to-end check on a real chain: builds (or reuses) the cached wasmd, starts a throwaway chain,
# runs the CLI smoke test against it, stops it and deletes its home, then prints the timings.
#   scripts/chain/e2e.sh          one chain: CLI smoke test of the token
#   scripts/chain/e2e.sh --ibc    also a second chain, the Go relayer, a connection, a dac-relay-1
#                                 channel between two IBC relay contracts and a packet (ibc-smoke.sh)
# The chains are `dac-e2e` (port offset 5, rpc 127.0.0.1:27157) and `dac-e2e-b` (offset 6), so a
# dac-1/dac-2 left running for development is not touched.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHAIN="dac-e2e"
CHAIN_B="dac-e2e-b"
IBC=0
case "${1:-}" in
  "") ;;
  --ibc) IBC=1 ;;
  *) die "usage: e2e.sh [--ibc]" ;;
esac

timings=()
step() { # label command...: runs a step and records how long it took
  local label="$1" t0
  shift
  t0="$(now_ms)"
  "$@"
  timings+=("$(printf '%-22s %7.1f s' "$label" "$(( $(now_ms) - t0 ))e-3")")
}

cleanup() {
  if [ "$IBC" = 1 ]; then
    DAC_CHAIN_A="$CHAIN" DAC_CHAIN_B="$CHAIN_B" bash "$CHAIN_DIR/relayer.sh" reset >/dev/null 2>&1 || true
    bash "$CHAIN_DIR/stop.sh" "$CHAIN_B" >/dev/null 2>&1 || true
  fi
  bash "$CHAIN_DIR/stop.sh" "$CHAIN" >/dev/null 2>&1 || true
}
trap cleanup EXIT

total0="$(now_ms)"
step "wasmd build/check" bash "$CHAIN_DIR/build-wasmd.sh"
if [ "$IBC" = 1 ]; then
  step "relayer build/check" bash "$CHAIN_DIR/build-relayer.sh"
  step "wasm artifacts" ensure_artifacts demurrage_token.wasm ibc_relay.wasm
else
  step "wasm artifacts" ensure_artifacts demurrage_token.wasm
fi
step "chain start" bash "$CHAIN_DIR/start.sh" "$CHAIN" 5
step "smoke test" bash "$CHAIN_DIR/smoke.sh" "$CHAIN"
if [ "$IBC" = 1 ]; then
  step "second chain start" bash "$CHAIN_DIR/start.sh" "$CHAIN_B" 6
  step "IBC smoke test" env DAC_CHAIN_A="$CHAIN" DAC_CHAIN_B="$CHAIN_B" bash "$CHAIN_DIR/ibc-smoke.sh"
fi
step "teardown" cleanup
trap - EXIT

say ""
say "e2e passed on real wasmd $WASMD_VERSION chains$([ "$IBC" = 1 ] && echo " with rly $RLY_VERSION"). Timings:"
for line in "${timings[@]}"; do say "  $line"; done
say "  $(printf '%-22s %7.1f s' total "$(( $(now_ms) - total0 ))e-3")"
