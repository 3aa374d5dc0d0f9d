#!/usr/bin/env bash
# End-to-end check on a real chain: builds (or reuses) the cached wasmd, starts a throwaway chain,
# runs the CLI smoke test against it, stops it and deletes its home, then prints the timings.
#   scripts/chain/e2e.sh
# The chain is `dac-e2e` on port offset 5 (rpc 127.0.0.1:27157), so a dac-1/dac-2 left running
# for development is not touched. DAC_E2E_CHAIN / DAC_E2E_OFFSET override both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHAIN="${DAC_E2E_CHAIN:-dac-e2e}"
OFFSET="${DAC_E2E_OFFSET:-5}"

timings=()
step() { # label command...: runs a step and records how long it took
  local label="$1" t0
  shift
  t0="$(now_ms)"
  "$@"
  timings+=("$(printf '%-22s %7.1f s' "$label" "$(( $(now_ms) - t0 ))e-3")")
}

cleanup() {
  bash "$CHAIN_DIR/stop.sh" "$CHAIN" >/dev/null 2>&1 || true
}
trap cleanup EXIT

total0="$(now_ms)"
step "wasmd build/check" bash "$CHAIN_DIR/build-wasmd.sh"
if [ ! -f "$REPO_ROOT/artifacts/demurrage_token.wasm" ]; then
  step "wasm artifacts" bash "$REPO_ROOT/scripts/build-wasm.sh"
fi
step "chain start" bash "$CHAIN_DIR/start.sh" "$CHAIN" "$OFFSET"
step "smoke test" bash "$CHAIN_DIR/smoke.sh" "$CHAIN"
step "chain stop" bash "$CHAIN_DIR/stop.sh" "$CHAIN"
trap - EXIT

say ""
say "e2e passed on a real wasmd $WASMD_VERSION chain. Timings:"
for line in "${timings[@]}"; do say "  $line"; done
say "  $(printf '%-22s %7.1f s' total "$(( $(now_ms) - total0 ))e-3")"
