#!/usr/bin/env bash
# Gas and size benchmarks (and dac-bench's own tests first): builds the contracts (scripts/build-wasm.sh) and their peers (cw20-base,
# cw4-group + cw3-flex-multisig, DAO DAO's dao-proposal-single + dao-dao-core + dao-voting-cw4,
# cw20-escrow, cw20-ics20, cw721-base: PEERS below) from crates.io to optimized wasm the same way, runs them in cosmwasm-vm with wasmd's gas
# accounting (packages/dac-bench) and writes BENCHMARKS.md. Exits non-zero when a message's gas
# grows with state (> 10% small -> large), when the token's Transfer or Send costs more than 1.05x
# cw20-base's, when a comparable step costs more than 1.5x its peer's (or, for a step whose
# function the peer lacks, more than the ceiling packages/dac-bench/src/report.rs holds it to),
# or, in full mode or with the flag, when a contract is over the 400 KiB budget (--fail-on-size)
# and not held to a ceiling there (HELD_OVER_BUDGET in the same file).
#
#   scripts/bench.sh                 full run (large state = 10,000; 1,000 open deals or packets),
#                                    writes BENCHMARKS.md
#   scripts/bench.sh --quick         CI's run: large state = 1,000 (200 open), writes
#                                    $DAC_CACHE/BENCHMARKS.quick.md; sizes reported, not fatal
#   --fail-on-size                   a contract over the budget fails the quick run too (CI's)
#   --skip-build                     reuse artifacts/ when it has wasm (e.g. right after
#                                    build-wasm.sh), and the peers' build when its inputs match
#   --out FILE                       write the table elsewhere
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

QUICK=0
SKIP_BUILD=0
FAIL_ON_SIZE=0
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --fail-on-size) FAIL_ON_SIZE=1 ;;
    --out) OUT="${2:?--out needs a file}"; shift ;;
    *) die "unknown argument $1 (see the top of scripts/bench.sh)" ;;
  esac
  shift
done
if [ -z "$OUT" ]; then
  if [ "$QUICK" = 1 ]; then OUT="$DAC_CACHE/BENCHMARKS.quick.md"; else OUT="$REPO_ROOT/BENCHMARKS.md"; fi
fi
[ "$QUICK" = 1 ] || FAIL_ON_SIZE=1
STARTED=$SECONDS

[ "${DAC_SETUP_DONE:-}" = 1 ] || bash "$REPO_ROOT/scripts/setup.sh"
export DAC_SETUP_DONE=1
LOCKED="$(cargo_locked_flag)"

# A contract over budget makes build-wasm.sh fail after writing every artifact: measure them
# anyway (the size check fails this run too), and fail at the end.
build_status=0
if [ "$SKIP_BUILD" = 1 ] && compgen -G "$REPO_ROOT/artifacts/*.wasm" >/dev/null; then
  say "==> reusing artifacts/"
else
  bash "$REPO_ROOT/scripts/build-wasm.sh" || build_status=$?
fi
# Measured from a snapshot of this run's own, so another build of artifacts/ (or another bench
# run) meanwhile cannot swap them.
mkdir -p "$DAC_CACHE"
SNAPSHOT="$(mktemp -d "$DAC_CACHE/bench-artifacts.XXXXXX")"
trap 'rm -rf "$SNAPSHOT"' EXIT
compgen -G "$REPO_ROOT/artifacts/*.wasm" >/dev/null || die "no wasm in artifacts/ (build-wasm.sh failed)"
cp "$REPO_ROOT"/artifacts/*.wasm "$SNAPSHOT/"

# The peers: the published contracts a user would otherwise deploy, built from their crates by
# build-wasm.sh itself in a scratch workspace under the cache (same compiler flags, wasm-opt
# passes and checks). cw20-base 2.0.0 is the release of the cw20 line the token implements; the
# others are the newest releases that build here (BENCHMARKS.md and README say why each). DAO
# DAO's three (cosmwasm-std 1.5, like cw20-escrow's 1.x) resolve beside the 2.x ones in the same
# workspace; the bench runs the core, its voting module over a cw4-group and the proposal module.
PEERS=(
  "cw20-base 2.0.0"
  "cw4-group 2.0.0"
  "cw3-flex-multisig 2.0.0"
  "cw20-ics20 2.0.0"
  "cw721-base 0.22.0"
  "cw20-escrow 0.11.1"
  "dao-dao-core 2.6.0"
  "dao-voting-cw4 2.6.0"
  "dao-proposal-single 2.6.0"
)
PEER_DIR="$DAC_CACHE/peers"
PEER_WASM="$PEER_DIR/artifacts"
say "==> peers (${#PEERS[@]} published contracts) in $PEER_DIR"
# What the peer build depends on besides the pinned crates: when none of it changed, a
# --skip-build run (CI's) reuses the last build, without asking crates.io anything.
stamp="$(cat scripts/build-wasm.sh scripts/common.sh rust-toolchain.toml Cargo.lock \
  <(sed -n '/^\[profile\.release\]/,/^\[/p' Cargo.toml) <(printf '%s\n' "${PEERS[@]}") | sha256sum)"
peers_built() {
  local peer
  for peer in "${PEERS[@]}"; do
    peer="${peer%% *}"
    [ -f "$PEER_WASM/${peer//-/_}.wasm" ] || return 1
  done
}
if [ "$SKIP_BUILD" = 1 ] && peers_built && [ "$(cat "$PEER_DIR/stamp" 2>/dev/null)" = "$stamp" ]; then
  say "    reusing $PEER_WASM (its inputs are unchanged)"
else
  rm -rf "$PEER_DIR/contracts" "$PEER_DIR/scripts" "$PEER_DIR/fetch" "$PEER_DIR/stamp"
  mkdir -p "$PEER_DIR/contracts" "$PEER_DIR/scripts" "$PEER_DIR/fetch/src"
  # Where cargo puts each crate's published source: a manifest that depends on all of them,
  # resolved from the contracts' Cargo.lock (shared dependencies keep the contracts' versions).
  {
    printf '[package]\nname = "peer-sources"\nversion = "0.0.0"\nedition = "2021"\n\n'
    printf '[workspace]\n\n[dependencies]\n'
    for peer in "${PEERS[@]}"; do printf '%s = "=%s"\n' "${peer%% *}" "${peer#* }"; done
  } >"$PEER_DIR/fetch/Cargo.toml"
  : >"$PEER_DIR/fetch/src/lib.rs"
  cp Cargo.lock "$PEER_DIR/fetch/Cargo.lock"
  manifests="$(cd "$PEER_DIR/fetch" && cargo metadata --format-version 1 | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const pkgs = JSON.parse(s).packages;
      for (const peer of process.argv.slice(1)) {
        const [name, version] = peer.split(" ");
        const p = pkgs.find((p) => p.name === name && p.version === version);
        if (!p) { console.error(`${name} ${version}: not resolved`); process.exit(1); }
        console.log(p.manifest_path);
      }
    });' "${PEERS[@]}")" || die "the peers' sources could not be fetched (is crates.io reachable?)"
  while read -r manifest; do
    src="$(dirname "$manifest")"
    dest="$PEER_DIR/contracts/$(basename "$src")"
    cp -r "$src" "$dest"
    rm -f "$dest/Cargo.lock"
    # Only their library is built: their dev-dependencies (test harnesses) need not resolve.
    awk '/^\[/ { skip = ($0 ~ /^\[(target\..*\.)?dev-dependencies/) } !skip' "$src/Cargo.toml" \
      >"$dest/Cargo.toml"
  done <<<"$manifests"
  cp scripts/common.sh scripts/setup.sh "$PEER_DIR/scripts/"
  # cw4-group, cw3-flex-multisig and cw20-escrow have no migrate entry point.
  sed 's/^REQUIRED_EXPORTS=.*/REQUIRED_EXPORTS="instantiate execute query"/' \
    scripts/build-wasm.sh >"$PEER_DIR/scripts/build-wasm.sh"
  cp rust-toolchain.toml "$PEER_DIR/"
  cp "$PEER_DIR/fetch/Cargo.lock" "$PEER_DIR/Cargo.lock"
  {
    printf '[workspace]\nresolver = "2"\nmembers = ["contracts/*"]\n\n'
    sed -n '/^\[profile\.release\]/,/^\[/p' Cargo.toml | sed '${/^\[/d}'
  } >"$PEER_DIR/Cargo.toml"
  (cd "$PEER_DIR" && DAC_CACHE="$DAC_CACHE" DAC_SETUP_DONE=1 bash scripts/build-wasm.sh) \
    >"$DAC_CACHE/peers-build.log" 2>&1 \
    || { tail -n 30 "$DAC_CACHE/peers-build.log" >&2; die "the peers' build failed (log: $DAC_CACHE/peers-build.log)"; }
  peers_built || die "the peers' build wrote no wasm for some of them (log: $DAC_CACHE/peers-build.log)"
  printf '%s\n' "$stamp" >"$PEER_DIR/stamp"
fi

# Its unit tests run here rather than in the workspace's test run, so the VM it links is built
# once, in the target dir the measurement uses (see below).
say "==> dac-bench's own tests"
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/dac-bench" cargo test $LOCKED --quiet -p dac-bench

say "==> measuring (dac-bench)"
args=(--artifacts "$SNAPSHOT" --peers "$PEER_WASM" --out "$OUT")
[ "$QUICK" = 1 ] && args+=(--quick)
[ "$FAIL_ON_SIZE" = 1 ] && args+=(--fail-on-size)
status=0
# In a target dir of its own: the contracts are cdylib + rlib crates, whose rlib has no hash in
# its file name, so the workspace's test and schema builds (other features) overwrite the rlibs
# this build links against, and cargo does not always notice ("expected Uint128, found Uint128").
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/dac-bench" cargo run $LOCKED --quiet -p dac-bench -- "${args[@]}" \
  || status=$?
say "bench: table in $OUT; the run took $((SECONDS - STARTED))s"
[ "$build_status" = 0 ] || say "bench: build-wasm.sh failed (exit $build_status): see its output above"
[ "$status" != 0 ] || status=$build_status
exit "$status"
