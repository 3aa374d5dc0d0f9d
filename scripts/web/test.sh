#!/usr/bin/env bash
# The members' app's browser test: headless Chromium (Debian's) runs clients/web/tests with
# Playwright against a node deployed on a real local wasmd chain, a CosmJS wallet standing in for
# Keplr behind the app's own window.keplr calls: one spec per page (dashboard, money, membership,
# council, housing, deals, justice; abroad and the mesh directory with a second chain), several members acting, each action checked in the contracts'
# state. Screenshots of every page at desktop and phone size go to clients/web/screenshots/
# (git-ignored; a set is committed in docs/screenshots/).
#   scripts/web/test.sh            standalone: builds/reuses wasmd, starts a throwaway chain
#                                  `dac-web` (port offset 7, rpc 127.0.0.1:27357), deploys a node
#                                  with scripts/deploy.sh (demurrage period 60 s), tests, stops it
#   scripts/web/test.sh <chain>    against running chain <chain> (scripts/chain/start.sh) with a
#                                  node deployed by scripts/deploy.sh <chain>; leaves both running
#                                  (scripts/chain/e2e.sh runs it so)
# Environment:
#   DAC_CHAIN            the chain when none is named (unset: standalone)
#   DAC_DEPLOYMENT       the deployment JSON (default: $DAC_CACHE/chain/<chain>/deployment.json)
#   DAC_CHROMIUM         the browser (default /usr/bin/chromium, apt-get installed when missing)
#   DAC_WEB_REFRESH      seconds between the app's refreshes (default 3)
#   DAC_WEB_PEER_CHAIN, DAC_WEB_PEER_DEPLOYMENT
#                        a node on another running chain that this node's relay recognizes, with
#                        an open channel and the relayer running (scripts/chain/e2e.sh --ibc):
#                        then only the Abroad spec runs (tests/abroad.spec.ts), which the
#                        one-chain run skips
# A demurrage period longer than two minutes is shortened to 60 s by a council proposal first, so
# the decay shows within the test. Failure leaves traces and screenshots in clients/web/test-results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$REPO_ROOT/scripts/chain/common.sh"

STANDALONE_CHAIN="dac-web"
STANDALONE_OFFSET=7
# The highest rate the token allows with 60 s periods (at most 50% a year).
SHORT_DECAY=(--set period_seconds=60 --set demurrage_rate=0.00000095)

timings=()
step() { # label command...: runs a step and records how long it took
  local label="$1" t0
  shift
  t0="$(now_ms)"
  "$@"
  timings+=("$(printf '%-24s %7.1f s' "$label" "$(($(now_ms) - t0))e-3")")
}

PEER_CHAIN="${DAC_WEB_PEER_CHAIN:-}" PEER_DEPLOYMENT="${DAC_WEB_PEER_DEPLOYMENT:-}"
[ -z "$PEER_CHAIN" ] || [ -n "$PEER_DEPLOYMENT" ] || die "DAC_WEB_PEER_CHAIN needs DAC_WEB_PEER_DEPLOYMENT (the peer node's deployment.json)"
# The app, its configs and traces: clients/web/dist and test-results; with a peer, a folder of the
# chain's own, since e2e.sh --all runs the one-chain app test at the same time.
OUT="$WEB_DIR" SPECS=()

run_playwright() {
  local peer_config=""
  [ -z "$PEER_CHAIN" ] || peer_config="$OUT/dist/peer-config.json"
  (cd "$WEB_DIR" && DAC_WEB_CONFIG="$OUT/dist/config.json" DAC_WEB_PEER_CONFIG="$peer_config" \
    DAC_WEB_DIST="$OUT/dist" DAC_WEB_RESULTS="$OUT/test-results" DAC_CHROMIUM="$CHROMIUM" \
    DAC_ACCOUNTS_ENV="$CHAIN_DIR/accounts.env" npx --no-install playwright test "${SPECS[@]}")
}

configs() { # chain deployment: the app's config (with the peer, if any) and the peer's own
  if [ -n "$PEER_CHAIN" ]; then
    write_config "$1" "$2" "$OUT/dist/config.json" "$PEER_CHAIN" "$PEER_DEPLOYMENT"
    write_config "$PEER_CHAIN" "$PEER_DEPLOYMENT" "$OUT/dist/peer-config.json"
  else
    write_config "$1" "$2" "$OUT/dist/config.json"
  fi
}

build_app() {
  if [ -n "$PEER_CHAIN" ]; then
    # Type-checked and unit-tested by the one-chain run (and CI's web stage): only built here.
    (cd "$WEB_DIR" && npx --no-install vite build --logLevel warn --outDir "$OUT/dist" --emptyOutDir) \
      || die "the app did not build (vite build in clients/web)"
  else
    bash "$REPO_ROOT/scripts/web/build.sh"
  fi
}

test_against() { # chain deployment
  if [ -n "$PEER_CHAIN" ]; then
    OUT="$(chain_home "$1")/web-abroad"
    SPECS=(tests/abroad.spec.ts)
  fi
  step "app build" build_app
  step "config" configs "$1" "$2"
  step "browser test" run_playwright
}

total0="$(now_ms)"
CHROMIUM="$(ensure_chromium)"
say "browser: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
step "npm ci/check" ensure_node_modules

CHAIN="${1:-${DAC_CHAIN:-}}"
if [ -n "$CHAIN" ]; then
  test_against "$CHAIN" "${DAC_DEPLOYMENT:-$(chain_home "$CHAIN")/deployment.json}"
else
  cleanup() { bash "$CHAIN_DIR/stop.sh" "$STANDALONE_CHAIN" >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  step "wasmd build/check" bash "$CHAIN_DIR/build-wasmd.sh"
  step "chain start" bash "$CHAIN_DIR/start.sh" "$STANDALONE_CHAIN" "$STANDALONE_OFFSET"
  step "deploy" bash "$REPO_ROOT/scripts/deploy.sh" "$STANDALONE_CHAIN" "${SHORT_DECAY[@]}"
  test_against "$STANDALONE_CHAIN" "${DAC_DEPLOYMENT:-$(chain_home "$STANDALONE_CHAIN")/deployment.json}"
  step "teardown" cleanup
  trap - EXIT
fi

say ""
say "members' app test passed. Timings:"
for line in "${timings[@]}"; do say "  $line"; done
say "  $(printf '%-24s %7.1f s' total "$(($(now_ms) - total0))e-3")"
