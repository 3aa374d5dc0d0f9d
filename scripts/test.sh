#!/usr/bin/env bash
# The project's test command (README; CI runs it through .ci/run): installs what it needs, then
# format, lint, all tests, schema freshness, the typed TypeScript clients' freshness, the member
# page's type check, bundle and unit tests, the wasm build with cosmwasm-check, the quick gas
# benchmark, and the end-to-end tests on real local wasmd chains, the member page's browser test
# among them (scripts/chain/e2e.sh --all; DAC_SKIP_E2E=1 skips them, e.g. on a machine without
# Go: CI never sets it).
# Prints each stage's time and the total; stops at the first failing stage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

LOCKED="$(cargo_locked_flag)"
STAGE_NAMES=()
STAGE_TIMES=()
STARTED=$SECONDS
CURRENT=""

summary() {
  local status=$?
  set +x
  if [ -n "$CURRENT" ]; then
    STAGE_NAMES+=("$CURRENT (FAILED)")
    STAGE_TIMES+=($((SECONDS - CURRENT_STARTED)))
  fi
  printf '\n%-24s %8s\n' stage seconds
  local i
  for i in "${!STAGE_NAMES[@]}"; do
    printf '%-24s %8d\n' "${STAGE_NAMES[$i]}" "${STAGE_TIMES[$i]}"
  done
  printf '%-24s %8d\n' total $((SECONDS - STARTED))
  if [ "$status" = 0 ]; then printf '\nall checks passed\n'; else printf '\nFAILED (exit %d)\n' "$status"; fi
  exit "$status"
}
trap summary EXIT

stage() {
  local name="$1"
  shift
  CURRENT="$name"
  CURRENT_STARTED=$SECONDS
  printf '\n======== %s: %s\n' "$name" "$*"
  "$@"
  STAGE_NAMES+=("$name")
  STAGE_TIMES+=($((SECONDS - CURRENT_STARTED)))
  printf -- '-------- %s done in %ds\n' "$name" $((SECONDS - CURRENT_STARTED))
  CURRENT=""
}

# Every cargo command below runs with --locked: say plainly when Cargo.lock was not committed.
check_lockfile() {
  cargo metadata --locked --format-version 1 >/dev/null || die "Cargo.lock does not match the" \
    "workspace: run 'cargo metadata --format-version 1 >/dev/null' and commit Cargo.lock"
}

stage setup bash scripts/setup.sh
export DAC_SETUP_DONE=1
# The cache outlives every run: incremental state would only grow it (GBs), never speed CI up.
export CARGO_INCREMENTAL=0
[ -z "$LOCKED" ] || stage lockfile check_lockfile
# The patched crates under vendor/ are their crates.io releases plus the patches reviewed there.
stage vendor bash scripts/check-vendor.sh
stage fmt cargo fmt --all --check ${CI:+-- --color=never}
stage clippy cargo clippy $LOCKED --workspace --all-targets -- -D warnings
# dac-bench's tests run in the bench stage, in its own target dir: the VM (wasmer, cranelift)
# it links is then compiled once, not once here and again for the measurement.
stage test cargo test $LOCKED --workspace --exclude dac-bench
stage schemas bash scripts/check-schemas.sh
stage ts-client bash scripts/codegen.sh --check
stage web bash scripts/web/build.sh
stage wasm bash scripts/build-wasm.sh
# Gas that grows with state fails here, and so does a contract over the 400 KiB budget, unless
# `HELD_OVER_BUDGET` (packages/dac-bench/src/report.rs) holds it to a ceiling until its cut lands.
stage bench bash scripts/bench.sh --quick --skip-build --fail-on-size
if [ "${DAC_SKIP_E2E:-0}" = 1 ]; then
  say "DAC_SKIP_E2E=1: skipping the end-to-end tests on real chains (CI runs them)"
else
  stage e2e bash scripts/chain/e2e.sh --all
fi
