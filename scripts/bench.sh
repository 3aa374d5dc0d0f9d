#!/usr/bin/env bash
# Gas and size benchmarks: builds the contracts (scripts/build-wasm.sh) and cw20-base 2.0.0 from
# crates.io to optimized wasm the same way, runs them in cosmwasm-vm with wasmd's gas accounting
# (packages/dac-bench) and writes BENCHMARKS.md. Exits non-zero when a message's gas grows with
# state (> 10% small -> large) or a contract is over the 400 KiB budget.
#
#   scripts/bench.sh                 full run (large state = 10,000), writes BENCHMARKS.md
#   scripts/bench.sh --quick         large state = 1,000, writes $DAC_CACHE/BENCHMARKS.quick.md
#   --skip-build                     reuse artifacts/ when it has wasm (e.g. right after build-wasm.sh)
#   --out FILE                       write the table elsewhere
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

QUICK=0
SKIP_BUILD=0
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --out) OUT="${2:?--out needs a file}"; shift ;;
    *) die "unknown argument $1 (see the top of scripts/bench.sh)" ;;
  esac
  shift
done
if [ -z "$OUT" ]; then
  if [ "$QUICK" = 1 ]; then OUT="$DAC_CACHE/BENCHMARKS.quick.md"; else OUT="$REPO_ROOT/BENCHMARKS.md"; fi
fi
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
# Measured from a snapshot, so another build of artifacts/ meanwhile cannot swap them.
SNAPSHOT="$DAC_CACHE/bench-artifacts"
rm -rf "$SNAPSHOT"
mkdir -p "$SNAPSHOT"
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
rm -rf "$REF/contracts" "$REF/scripts"
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
REFERENCE_WASM="$REF/artifacts/cw20_base.wasm"
[ -f "$REFERENCE_WASM" ] || die "no $REFERENCE_WASM"

say "==> measuring (dac-bench)"
args=(--artifacts "$SNAPSHOT" --reference "$REFERENCE_WASM" --out "$OUT")
[ "$QUICK" = 1 ] && args+=(--quick)
status=0
cargo run $LOCKED --quiet -p dac-bench -- "${args[@]}" || status=$?
say "bench: table in $OUT; the run took $((SECONDS - STARTED))s"
[ "$build_status" = 0 ] || say "bench: build-wasm.sh failed (exit $build_status): see its output above"
[ "$status" != 0 ] || status=$build_status
exit "$status"
