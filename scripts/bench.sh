#!/usr/bin/env bash
# Gas and size benchmarks: builds the contracts (scripts/build-wasm.sh) and cw20-base 2.0.0 from
# crates.io to optimized wasm the same way, runs them in cosmwasm-vm with wasmd's gas accounting
# (packages/dac-bench) and writes BENCHMARKS.md. Exits non-zero when a message's gas grows with
# state (> 10% small -> large), when the token's Transfer or Send costs more than 1.10x
# cw20-base's, or, in full mode or with --fail-on-size, when a contract is over the 400 KiB budget.
#
#   scripts/bench.sh                 full run (large state = 10,000; 1,000 open deals or packets),
#                                    writes BENCHMARKS.md
#   scripts/bench.sh --quick         CI's run: large state = 1,000 (200 open), writes
#                                    $DAC_CACHE/BENCHMARKS.quick.md; sizes reported, not fatal
#   --fail-on-size                   a contract over the budget fails the quick run too
#   --skip-build                     reuse artifacts/ when it has wasm (e.g. right after
#                                    build-wasm.sh), and the cw20-base build when its inputs match
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

# cw20-base 2.0.0 (the release of the cw20 line the token implements), built by build-wasm.sh
# itself in a scratch workspace under the cache: same compiler flags, wasm-opt passes and checks.
CW20_BASE_VERSION="2.0.0"
REF="$DAC_CACHE/cw20-base-reference"
say "==> cw20-base $CW20_BASE_VERSION (reference) in $REF"
src_manifest="$(cargo metadata $LOCKED --format-version 1 | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const p = JSON.parse(s).packages.find((p) => p.name === "cw20-base" && p.version === process.argv[1]);
    if (!p) process.exit(1);
    console.log(p.manifest_path);
  });' "$CW20_BASE_VERSION")" || die "cw20-base $CW20_BASE_VERSION is not in Cargo.lock"
REFERENCE_WASM="$REF/artifacts/cw20_base.wasm"
# What the reference build depends on besides the pinned crate: when none of it changed, a
# --skip-build run (CI's) reuses the last build.
stamp="$(cat scripts/build-wasm.sh scripts/common.sh rust-toolchain.toml Cargo.lock \
  <(sed -n '/^\[profile\.release\]/,/^\[/p' Cargo.toml) <(echo "$src_manifest") | sha256sum)"
if [ "$SKIP_BUILD" = 1 ] && [ -f "$REFERENCE_WASM" ] && [ "$(cat "$REF/stamp" 2>/dev/null)" = "$stamp" ]; then
  say "    reusing $REFERENCE_WASM (its inputs are unchanged)"
else
  rm -rf "$REF/contracts" "$REF/scripts" "$REF/stamp"
  mkdir -p "$REF/contracts" "$REF/scripts"
  cp -r "$(dirname "$src_manifest")" "$REF/contracts/cw20-base"
  rm -f "$REF/contracts/cw20-base/Cargo.lock"
  cp scripts/build-wasm.sh scripts/common.sh scripts/setup.sh "$REF/scripts/"
  cp rust-toolchain.toml "$REF/"
  cp Cargo.lock "$REF/Cargo.lock" # the same dependency versions as the contracts
  {
    printf '[workspace]\nresolver = "2"\nmembers = ["contracts/*"]\n\n'
    sed -n '/^\[profile\.release\]/,/^\[/p' Cargo.toml | sed '${/^\[/d}'
  } >"$REF/Cargo.toml"
  (cd "$REF" && DAC_CACHE="$DAC_CACHE" bash scripts/build-wasm.sh) >"$DAC_CACHE/cw20-base-build.log" 2>&1 \
    || { tail -n 30 "$DAC_CACHE/cw20-base-build.log" >&2; die "cw20-base reference build failed"; }
  printf '%s\n' "$stamp" >"$REF/stamp"
fi
[ -f "$REFERENCE_WASM" ] || die "no $REFERENCE_WASM"

say "==> measuring (dac-bench)"
args=(--artifacts "$SNAPSHOT" --reference "$REFERENCE_WASM" --out "$OUT")
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
