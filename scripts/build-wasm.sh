#!/usr/bin/env bash
# Builds every contract under contracts/ to wasm, optimizes it with wasm-opt into
# artifacts/<crate_name>.wasm, writes artifacts/checksums.txt, prints each size against the chain's
# upload limit and the project budget, and runs cosmwasm-check on every artifact.
# Fails when a contract does not build, lacks an entry point, is over budget or fails the check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

[ "${DAC_SETUP_DONE:-}" = 1 ] || bash "$REPO_ROOT/scripts/setup.sh"

# Rust 1.95 emits bulk-memory, sign-ext and other post-MVP instructions, and `-s` strips the
# target_features section that would tell wasm-opt so: enable them on input, then lower the ones
# CosmWasm VMs reject (cosmwasm-check 3 refuses bulk memory; older VMs also refuse sign-ext).
# The result is plain MVP wasm (checked below).
WASM_OPT_INPUT_FEATURES=(
  --enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext --enable-mutable-globals
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue
  --enable-call-indirect-overlong
)
WASM_OPT_LOWERING=(--signext-lowering --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering)
# -Oz: 1-2% smaller than -Os (see BENCHMARKS.md for gas). It inlines every function that has one
# caller, whatever its size; that merged escrow's handlers into a function of 118 locals, and
# CosmWasm refuses more than 100. Bounding it costs ~0.1%.
WASM_OPT_SIZE=(-Oz --one-caller-inline-max-function-size 0)
REQUIRED_EXPORTS="instantiate execute query migrate"

ARTIFACTS="$REPO_ROOT/artifacts"
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
LOCKED="$(cargo_locked_flag)"

# `-s` strips symbols. Panic messages keep source paths; remapping the registry's (which hold the
# user's home) to bare crate paths makes them shorter and the wasm the same on every machine.
RUSTFLAGS_WASM=(-C link-arg=-s)
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$registry" ] || continue
  RUSTFLAGS_WASM+=("--remap-path-prefix=$registry=")
done
# Encoded (one flag per \x1f-separated field) so that paths with spaces survive.
ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; printf '%s' "${RUSTFLAGS_WASM[*]}")"

mapfile -t DIRS < <(contract_dirs)
[ "${#DIRS[@]}" -gt 0 ] || die "no contracts under contracts/"

# Lists a wasm module's exports (node's WebAssembly parser; no extra tool needed).
wasm_exports() {
  node -e 'const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
    console.log(WebAssembly.Module.exports(m).map((e) => e.name).join(" "));' "$1"
}

for dir in "${DIRS[@]}"; do
  crate="$(crate_name "$dir")"
  file="${crate//-/_}.wasm"
  started=$SECONDS
  say "==> building $crate (contracts/$dir)"
  raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$file"
  linked="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/deps/$file"
  # A contract that depends on this one with `library` (the council on the token) also links this
  # one's cdylib, without entry points, to the same file name: cargo, whose fingerprint of this
  # build is unchanged, would then call that file fresh. Removing it makes cargo link it again.
  if [ -f "$linked" ] && [[ " $(wasm_exports "$linked") " != *" instantiate "* ]]; then
    rm -f "$raw" "$linked"
  fi
  # One cargo invocation per contract: building several at once unifies features, and a contract
  # that depends on another with `library` would strip that other's entry points.
  CARGO_ENCODED_RUSTFLAGS="$ENCODED_RUSTFLAGS" cargo build $LOCKED --release --lib \
    --target wasm32-unknown-unknown -p "$crate" \
    || die "$crate does not build for wasm32 (a --locked failure means Cargo.lock needs committing)"
  [ -f "$raw" ] || die "$crate: no $raw (is crate-type = [\"cdylib\", \"rlib\"] set?)"

  "$WASM_OPT" "${WASM_OPT_INPUT_FEATURES[@]}" "${WASM_OPT_LOWERING[@]}" "${WASM_OPT_SIZE[@]}" \
    --strip-debug --strip-producers --strip-target-features "$raw" -o "$ARTIFACTS/$file"

  if ! "$WASM_OPT" --mvp-features --enable-mutable-globals "$ARTIFACTS/$file" -o /dev/null \
    >"$ARTIFACTS/.mvp-check.log" 2>&1; then
    say "warning: $file still uses post-MVP wasm features (cosmwasm-check decides below):"
    grep -m 5 'unexpected false' "$ARTIFACTS/.mvp-check.log" >&2 || true
  fi
  rm -f "$ARTIFACTS/.mvp-check.log"

  exports=" $(wasm_exports "$ARTIFACTS/$file") "
  for export in $REQUIRED_EXPORTS; do
    [[ "$exports" == *" $export "* ]] || die "$crate: the wasm exports no '$export' entry point" \
      "(exports:${exports% }). Entry points need #[cfg_attr(not(feature = \"library\"), entry_point)]."
  done
  say "    $crate built and optimized in $((SECONDS - started))s"
done

(cd "$ARTIFACTS" && sha256sum -- *.wasm >checksums.txt)

# Over the chain's upload limit the code cannot be stored at all: that fails the build. Over the
# project's budget is reported here and enforced by scripts/bench.sh, which tracks size with gas
# (the budget is a target of the benchmark work, not yet met by every contract).
over_limit=0
over_budget=()
printf '\n%-32s %10s %9s %10s %10s  %s\n' artifact bytes KiB "% of 800K" "% of ${BUDGET_KIB}K" status
for wasm in "$ARTIFACTS"/*.wasm; do
  bytes="$(stat -c %s "$wasm")"
  status=ok
  if [ "$bytes" -gt "$CHAIN_LIMIT_BYTES" ]; then
    status="OVER THE CHAIN LIMIT"
    over_limit=1
  elif [ "$bytes" -gt "$BUDGET_BYTES" ]; then
    status="over the $BUDGET_KIB KiB budget"
    over_budget+=("$(basename "$wasm")")
  fi
  awk -v name="$(basename "$wasm")" -v b="$bytes" -v limit="$CHAIN_LIMIT_BYTES" \
    -v budget="$BUDGET_BYTES" -v status="$status" 'BEGIN {
      printf "%-32s %10d %9.1f %9.1f%% %9.1f%%  %s\n", name, b, b / 1024, 100 * b / limit,
        100 * b / budget, status }'
done
printf '\nchecksums: artifacts/checksums.txt\n\n'

say "==> cosmwasm-check $COSMWASM_CHECK_VERSION"
check_args=()
# The chain's capabilities, when it has fewer than cosmwasm-check assumes: e.g.
# DAC_WASM_CAPABILITIES=iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0
[ -z "${DAC_WASM_CAPABILITIES:-}" ] || check_args+=(--available-capabilities "$DAC_WASM_CAPABILITIES")
check_failed=0
"$COSMWASM_CHECK" "${check_args[@]}" "$ARTIFACTS"/*.wasm || check_failed=1

[ "${#over_budget[@]}" = 0 ] || say "warning: over the $BUDGET_KIB KiB budget: ${over_budget[*]} (scripts/bench.sh fails on it)"
[ "$over_limit" = 0 ] || say "error: an artifact is over the chain's upload limit (table above)"
[ "$check_failed" = 0 ] || say "error: cosmwasm-check failed (output above)"
[ "$over_limit" = 0 ] && [ "$check_failed" = 0 ]
