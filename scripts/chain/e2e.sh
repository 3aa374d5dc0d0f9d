#!/usr/bin/env bash
# End-to-end tests on real local wasmd chains, each started fresh and torn down at the end.
#   scripts/chain/e2e.sh          one chain: a node deployed through the recipe (scripts/deploy.sh),
#                                 the deploy's refusals (wrong chain id, unreachable RPC, a broken
#                                 profile, a deployer without funds, a checksum mismatch, the same
#                                 node twice) and a deployment stopped half way and resumed to its
#                                 predicted addresses, a newcomer's life against it (dac-wasmd story), the README's CLI
#                                 examples (readme-cli.sh), and the web page's test when the repo
#                                 has one (scripts/web/test.sh <chain>, with DAC_CHAIN and
#                                 DAC_DEPLOYMENT=<path of deployment.json> set)
#   scripts/chain/e2e.sh --ibc    two chains and the Go relayer: a node on each, the councils
#                                 recognize each other by proposals, a dac-relay-1 channel, then a
#                                 trade, a treaty, a timed-out transfer refunded and a member who
#                                 moves to the other node (dac-wasmd ibc-story),
#                                 then the README's IBC CLI examples (readme-cli.sh --ibc) and the
#                                 app's Abroad spec on A with B as its peer (scripts/web/test.sh)
#   scripts/chain/e2e.sh --net    a network of four validators that lets only `deployer` upload
#                                 code: an upload from eve is refused; a node deployed with its
#                                 codes stored by governance (eve's proposals, the validators'
#                                 votes); the node-life story with validator 4 stopped in the
#                                 middle (3 of 4 go on) and restarted (it catches up); a second
#                                 node deployed by the allow-listed deployer; a node of the
#                                 previous release (releases/v0.1.0) upgraded to this one by a
#                                 council proposal (dac-wasmd upgrade), then the story on it;
#                                 then every validator's app hash at one height, which must agree
#   scripts/chain/e2e.sh --all    all three side by side (what CI runs: scripts/test.sh stage
#                                 e2e); each one's log is printed when it ends
# Builds (or reuses) the cached wasmd and rly, the wasm artifacts and dac-wasmd first. Chains:
# $DAC_E2E_CHAIN (default e2e-<pid>) for the one-chain run, $DAC_E2E_CHAIN-a and -b for --ibc,
# $DAC_E2E_CHAIN-net for --net, each
# at the first free port offset from $DAC_E2E_OFFSET (default 5: rpc 127.0.0.1:27157) on, so
# several runs (other checkouts, CI) and a dac-1/dac-2 left running for development never meet.
# On failure it prints the tail of every chain's and the relayer's log before deleting them.
# Prints each step's time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BASE="${DAC_E2E_CHAIN:-e2e-$$}"
FIRST_OFFSET="${DAC_E2E_OFFSET:-5}"
IBC=0 NET=0
case "${1:-}" in
  "") CHAIN="$BASE" ;;
  --ibc) IBC=1 CHAIN="$BASE-a" ;;
  --net) NET=1 CHAIN="$BASE-net" ;;
  --all) ;;
  *) die "usage: e2e.sh [--ibc | --net | --all]" ;;
esac

# The three runs at once, after building what they share once. Each child prints its own timings.
if [ "${1:-}" = --all ]; then
  t0="$(now_ms)"
  say "==== building what the runs need"
  logs="$(mktemp -d)"
  trap 'rm -rf "$logs"' EXIT
  # The Go builds beside the Rust ones: a contract's LTO link runs on one core, which leaves the
  # other to Go (cold, this saves minutes; warm, both are cache hits).
  (bash "$CHAIN_DIR/build-wasmd.sh" && bash "$CHAIN_DIR/build-relayer.sh") >"$logs/go-build.log" 2>&1 &
  go_builds=$!
  ensure_artifacts demurrage_token.wasm council.wasm housing_registry.wasm escrow.wasm ibc_relay.wasm
  bash "$REPO_ROOT/scripts/build-release-wasm.sh" v0.1.0 >/dev/null
  (cd "$REPO_ROOT" && cargo build -q $(cargo_locked_flag) -p dac-wasmd)
  go_status=0
  wait "$go_builds" || go_status=$?
  cat "$logs/go-build.log" >&2
  [ "$go_status" = 0 ] || die "building wasmd or the relayer failed (output above)"
  say "==== one-chain, two-chain and four-validator runs side by side (logs follow when each ends)"
  DAC_WASMD_BUILT=1 bash "$0" >"$logs/single.log" 2>&1 &
  single=$!
  DAC_WASMD_BUILT=1 bash "$0" --ibc >"$logs/ibc.log" 2>&1 &
  ibc=$!
  DAC_WASMD_BUILT=1 bash "$0" --net >"$logs/net.log" 2>&1 &
  net=$!
  status_single=0 status_ibc=0 status_net=0
  wait "$single" || status_single=$?
  say "" && say "################ e2e.sh (one chain): exit $status_single" && cat "$logs/single.log" >&2
  wait "$ibc" || status_ibc=$?
  say "" && say "################ e2e.sh --ibc (two chains): exit $status_ibc" && cat "$logs/ibc.log" >&2
  wait "$net" || status_net=$?
  say "" && say "################ e2e.sh --net (four validators): exit $status_net" && cat "$logs/net.log" >&2
  verdict() { [ "$1" = 0 ] && echo passed || echo FAILED; }
  say ""
  say "e2e --all: one chain $(verdict "$status_single"), two chains $(verdict "$status_ibc")," \
    "four validators $(verdict "$status_net") in $(( ($(now_ms) - t0) / 1000 )) s"
  [ "$status_single" = 0 ] && [ "$status_ibc" = 0 ] && [ "$status_net" = 0 ]
  exit
fi

CHAIN_B="$BASE-b"
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
      for log in "$(chain_home "$name")/node.log" "$(chain_home "$name")"/validator-*/node.log; do
        [ -f "$log" ] && { say ""; say "---- last lines of $log"; tail -n 30 "$log" >&2; }
      done
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

deploy() { # chain [deploy.sh options]
  bash "$REPO_ROOT/scripts/deploy.sh" "$@" "${SETTINGS[@]}" >/dev/null
}

# side_by_side cmd a... -- cmd b...: runs both at once (each waits on its own chain's blocks),
# then prints each one's output; fails if either failed.
side_by_side() {
  local a=() dir pid_a pid_b status=0
  while [ "$1" != -- ]; do a+=("$1"); shift; done
  shift
  dir="$(mktemp -d)"
  "${a[@]}" >"$dir/a.log" 2>&1 &
  pid_a=$!
  "$@" >"$dir/b.log" 2>&1 &
  pid_b=$!
  wait "$pid_a" || status=1
  wait "$pid_b" || status=1
  cat "$dir/a.log" "$dir/b.log" >&2
  rm -rf "$dir"
  return "$status"
}

deploy_both() { side_by_side deploy "$CHAIN" -- deploy "$CHAIN_B"; }

# Starts chain $1 (start.sh options after it) at the first port offset from $FIRST_OFFSET that no
# other e2e run holds and whose ports are free. Holding an offset = holding a lock on its lock file
# until this shell ends or until its chain listens (the node does not inherit the lock), so
# concurrent runs never pick the same one.
start_chain() {
  local offset fd name="$1" validators=1
  shift
  [ "${1:-}" = --validators ] && validators="$2"
  mkdir -p "$CHAIN_CACHE"
  for offset in $(seq "$FIRST_OFFSET" 20); do
    exec {fd}>"$CHAIN_CACHE/offset-$offset.lock"
    if flock -n "$fd" && ! taken_port "$offset" "$validators" >/dev/null; then
      bash "$CHAIN_DIR/start.sh" "$name" "$offset" "$@" {fd}>&-
      return
    fi
    exec {fd}>&-
  done
  die "no free port offset from $FIRST_OFFSET to 20 for chain $name"
}

deployment() { printf '%s\n' "$(chain_home "$1")/deployment.json"; }

story() { # [deployment.json, default the chain's first node's]
  "$DAC_WASMD" story --chain-env "$(chain_home "$CHAIN")/chain.env" --wasmd "$WASMD" \
    --deployment "${1:-$(deployment "$CHAIN")}"
}

# --net: a node of the previous release (releases/, built by scripts/build-release-wasm.sh)
# upgrades to this one by a council proposal; then the newcomer's story runs on it.
PREVIOUS_RELEASE=v0.1.0
previous_release_deployment() { printf '%s\n' "$(chain_home "$CHAIN")/$PREVIOUS_RELEASE/deployment.json"; }
deploy_previous_release() {
  local artifacts out
  artifacts="$(bash "$REPO_ROOT/scripts/build-release-wasm.sh" "$PREVIOUS_RELEASE")"
  out="$(previous_release_deployment)"
  mkdir -p "$(dirname "$out")"
  "$DAC_WASMD" deploy --chain-env "$(chain_home "$CHAIN")/chain.env" --wasmd "$WASMD" \
    --artifacts "$artifacts" --out "$out" --name "$CHAIN-$PREVIOUS_RELEASE" --upload direct \
    "${SETTINGS[@]}" --set allow_moves=false
}
upgrade_previous_release() {
  "$DAC_WASMD" upgrade --chain-env "$(chain_home "$CHAIN")/chain.env" --wasmd "$WASMD" \
    --deployment "$(previous_release_deployment)" --artifacts "$REPO_ROOT/artifacts"
}

# The members' app's tests act as a fresh node's founders and newcomers: they get a node of their
# own on this chain, deployed beside the story's.
web_test() {
  local web="$REPO_ROOT/scripts/web/test.sh" node="$CHAIN-web"
  if [ -f "$web" ]; then
    deploy "$CHAIN" --name "$node"
    DAC_CHAIN="$CHAIN" DAC_DEPLOYMENT="$(chain_home "$CHAIN")/nodes/$node/deployment.json" \
      bash "$web" "$CHAIN"
  else
    say "no scripts/web/test.sh in this checkout: no app test to run"
  fi
}

# --ibc: the app's Abroad spec against the story's node on A, with B's node as its peer, while the
# relayer still runs (its two-chain state: the channel, the story's ratified treaty).
web_abroad_test() {
  local web="$REPO_ROOT/scripts/web/test.sh"
  if [ -f "$REPO_ROOT/clients/web/tests/abroad.spec.ts" ]; then
    DAC_WEB_PEER_CHAIN="$CHAIN_B" DAC_WEB_PEER_DEPLOYMENT="$(deployment "$CHAIN_B")" \
      DAC_DEPLOYMENT="$(deployment "$CHAIN")" bash "$web" "$CHAIN"
  else
    say "no clients/web/tests/abroad.spec.ts in this checkout: no Abroad app test to run"
  fi
}

recognize_both() {
  local path conn_a conn_b
  path="$("$RLY" --home "$(relayer_home "$CHAIN" "$CHAIN_B")" paths show "$CHAIN--$CHAIN_B" --json)"
  conn_a="$(jq -r '.chains.src["connection-id"]' <<<"$path")"
  conn_b="$(jq -r '.chains.dst["connection-id"]' <<<"$path")"
  [[ "$conn_a" == connection-* && "$conn_b" == connection-* ]] || die "no connection ids in: $path"
  side_by_side \
    "$DAC_WASMD" recognize --chain-env "$(chain_home "$CHAIN")/chain.env" --wasmd "$WASMD" \
    --deployment "$(deployment "$CHAIN")" --other "$(deployment "$CHAIN_B")" --connection "$conn_a" \
    -- \
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

# --net: an upload from a key the chain does not allow is refused before anything is stored.
upload_refused() {
  local out codes
  if out="$(bash "$REPO_ROOT/scripts/deploy.sh" "$CHAIN" --name refused --upload direct \
    --uploader eve 2>&1)"; then
    die "deploy.sh stored code from eve, whom $CHAIN does not allow to upload"
  fi
  grep -q "uploader 'eve' .* is not allowed" <<<"$out" \
    || { printf '%s\n' "$out" >&2; die "deploy.sh failed, but not with the upload refusal"; }
  codes="$("$WASMD" query wasm list-code --node "$(chain_node "$CHAIN")" --output json \
    | jq '.code_infos | length')"
  [ "$codes" = 0 ] || die "$codes code(s) on $CHAIN after a refused deploy"
  say "refused as it should be: $(grep -m1 "is not allowed" <<<"$out")"
}

# One chain: what a deploy refuses before sending anything (one line each, naming the fix), and a
# deployment stopped half way that the same command resumes to the addresses predicted before it.
expect_refusal() { # what expected-text deploy.sh-args...
  local what="$1" expected="$2" out
  shift 2
  if out="$(bash "$REPO_ROOT/scripts/deploy.sh" "$@" 2>&1)"; then
    die "deploy.sh accepted $what"
  fi
  grep -q -- "$expected" <<<"$out" || { printf '%s\n' "$out" >&2; die "deploy.sh refused $what, but not with '$expected'"; }
  say "  refused $what: $(grep -m1 -- "$expected" <<<"$out" | cut -c1-200)"
}
deploy_faults_and_resume() {
  local home profile dir predicted out
  home="$(chain_home "$CHAIN")"
  profile="$home/network.json"
  dir="$(mktemp -d)"
  jq '.chain_id = "not-this-chain"' "$profile" >"$dir/wrong-id.json"
  expect_refusal "a profile with the wrong chain id" "serves chain '$CHAIN', but the deployment is for 'not-this-chain'" \
    --network "$dir/wrong-id.json" --name wrong-id
  jq '.apis.rpc[0].address = "tcp://127.0.0.1:1"' "$profile" >"$dir/no-rpc.json"
  expect_refusal "an unreachable RPC" "cannot reach the RPC at tcp://127.0.0.1:1" --network "$dir/no-rpc.json" --name no-rpc
  jq 'del(.fees)' "$profile" >"$dir/no-fees.json"
  expect_refusal "a profile without fees" "missing field \`fees\`" --network "$dir/no-fees.json" --name no-fees
  "$WASMD" keys add pauper --keyring-backend test --home "$home" --output json >/dev/null 2>&1
  jq '.deploy.deployer = "pauper"' "$profile" >"$dir/pauper.json"
  expect_refusal "a deployer without funds" "deployer 'pauper' (wasm1[a-z0-9]*) holds no" --network "$dir/pauper.json" --name pauper

  predicted="$(bash "$REPO_ROOT/scripts/deploy.sh" "$CHAIN" --name resumed --addresses)"
  expect_refusal "nothing: it was stopped after 8 transactions" "deploying node resumed stopped at instantiating" \
    "$CHAIN" --name resumed --stop-after 8
  out="$(bash "$REPO_ROOT/scripts/deploy.sh" "$CHAIN" --name resumed 2>&1)" || { printf '%s\n' "$out" >&2; die "the resumed deployment failed"; }
  grep -q "resuming the deployment of node resumed on $CHAIN from: instantiating" <<<"$out" \
    || { printf '%s\n' "$out" >&2; die "the rerun did not resume"; }
  [ "$(jq -S .contracts "$home/nodes/resumed/deployment.json")" = "$(jq -S . <<<"$predicted")" ] \
    || die "the resumed node is not at the addresses predicted before it was deployed"
  jq -e '.complete' "$home/nodes/resumed/deployment.json" >/dev/null || die "the resumed deployment is not complete"
  say "  a deployment stopped after 8 transactions resumed to the predicted addresses"
  out="$(bash "$REPO_ROOT/scripts/deploy.sh" "$CHAIN" --name resumed 2>&1)"
  grep -q "node resumed is already deployed on $CHAIN" <<<"$out" || { printf '%s\n' "$out" >&2; die "a finished deployment was not left alone"; }
  expect_refusal "the same node again without its record" "node 'resumed' is already deployed on $CHAIN" \
    "$CHAIN" --name resumed --out "$dir/elsewhere"

  # Artifacts whose checksums.txt does not match the wasm: refused before anything is instantiated.
  mkdir -p "$dir/artifacts" "$dir/tampered"
  cp "$REPO_ROOT"/artifacts/*.wasm "$dir/artifacts/"
  sed 's/^[0-9a-f]\{8\}/00000000/' "$REPO_ROOT/artifacts/checksums.txt" >"$dir/artifacts/checksums.txt"
  if out="$("$DAC_WASMD" deploy --network "$profile" --wasmd "$WASMD" --artifacts "$dir/artifacts" \
    --out "$dir/tampered/deployment.json" --name tampered 2>&1)"; then
    die "deploy.sh deployed code whose checksum is not the one checksums.txt gives"
  fi
  grep -q "has checksum [0-9a-f]*, but artifacts/checksums.txt gives" <<<"$out" \
    || { printf '%s\n' "$out" >&2; die "a checksum mismatch was refused, but not as one"; }
  [ "$(jq '.contracts | length' "$dir/tampered/deployment.json")" = 0 ] \
    || die "contracts were instantiated from code with the wrong checksum"
  say "  refused a checksum mismatch: $(grep -m1 -o "code [0-9]* on .* has checksum [0-9a-f]\{8\}" <<<"$out")…"
  rm -rf "$dir"
}

# --net: the node-life story; validator 4 stops a few blocks in (the other three must go on making
# blocks) and restarts before the story ends (it must catch up).
story_with_fault() {
  local rpc pid h0 h1 height status=0
  rpc="$(source "$(chain_home "$CHAIN")/chain.env" && printf '%s\n' "$CHAIN_RPC")"
  story &
  pid=$!
  h0="$(rpc_height "$rpc")"
  while kill -0 "$pid" 2>/dev/null && [ "$(rpc_height "$rpc")" -lt $((h0 + 8)) ]; do sleep 0.5; done
  kill -0 "$pid" 2>/dev/null || { wait "$pid"; die "the story ended before validator 4 could be stopped"; }
  bash "$CHAIN_DIR/validator.sh" "$CHAIN" 4 stop
  h1="$(rpc_height "$rpc")"
  for _ in $(seq 1 60); do
    height="$(rpc_height "$rpc")"
    [ "$height" -ge $((h1 + 5)) ] && break
    sleep 0.5
  done
  [ "$height" -ge $((h1 + 5)) ] || { kill "$pid"; die "the chain stalled with validator 4 down (height $height)"; }
  say "validator 4 down: validators 1-3 made blocks $h1..$height on their own"
  bash "$CHAIN_DIR/validator.sh" "$CHAIN" 4 start
  wait "$pid" || status=$?
  return "$status"
}

total0="$(now_ms)"
step "wasmd build/check" bash "$CHAIN_DIR/build-wasmd.sh"
[ "$IBC" = 0 ] || step "relayer build/check" bash "$CHAIN_DIR/build-relayer.sh"
step "wasm artifacts" ensure_artifacts demurrage_token.wasm council.wasm housing_registry.wasm \
  escrow.wasm ibc_relay.wasm
if [ "${DAC_WASMD_BUILT:-0}" = 1 ]; then :; else step "dac-wasmd build" build_dac_wasmd; fi
if [ "$NET" = 1 ]; then
  step "four validators start" start_chain "$CHAIN" --validators 4 --upload deployer
  step "upload from eve refused" upload_refused
  step "deploy, code by gov" deploy "$CHAIN" --upload gov --uploader eve
  step "story, validator 4 down" story_with_fault
  step "deploy, allowed uploader" deploy "$CHAIN" --name "$CHAIN-b" --upload direct
  step "previous release deployed" deploy_previous_release
  step "upgrade by vote" upgrade_previous_release
  step "story, upgraded node" story "$(previous_release_deployment)"
  step "same app hash" bash "$CHAIN_DIR/validator.sh" "$CHAIN" app-hashes
elif [ "$IBC" = 0 ]; then
  step "chain start" start_chain "$CHAIN"
  step "deploy" deploy "$CHAIN"
  step "deploy faults, resume" deploy_faults_and_resume
  step "node-life story" story
  step "README CLI examples" bash "$CHAIN_DIR/readme-cli.sh" "$CHAIN"
  step "web page test" web_test
else
  step "both chains start" side_by_side start_chain "$CHAIN" -- start_chain "$CHAIN_B"
  step "deploy both nodes" deploy_both
  step "IBC connection" bash "$CHAIN_DIR/relayer.sh" connect
  step "councils recognize" recognize_both
  step "dac-relay-1 channel" open_channel
  step "relayer start" bash "$CHAIN_DIR/relayer.sh" start
  step "trade, treaty, timeout, move" ibc_story
  step "README IBC CLI examples" bash "$CHAIN_DIR/readme-cli.sh" --ibc "$CHAIN" "$CHAIN_B"
  step "app Abroad test" web_abroad_test
fi
step "teardown" cleanup
trap - EXIT

say ""
say "e2e$([ "$IBC" = 1 ] && echo " --ibc")$([ "$NET" = 1 ] && echo " --net") passed on real wasmd $WASMD_VERSION chains$([ "$IBC" = 1 ] && echo " with rly $RLY_VERSION"). Timings:"
for line in "${timings[@]}"; do say "  $line"; done
say "  $(printf '%-24s %7.1f s' total "$(( $(now_ms) - total0 ))e-3")"
