# Shared by the scripts in this folder: sourced, never run on its own.
# Sets the cache locations and tool versions, and finds the contracts.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Builds and tools live outside the clone so that CI runs and fresh clones reuse them.
export DAC_CACHE="${DAC_CACHE:-$HOME/.cache/dac-contracts}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$DAC_CACHE/target}"
DAC_TOOLS="$DAC_CACHE/tools"

# Tool versions, pinned. cosmwasm-check 2.x no longer links on Rust 1.95; the 3.x line does and
# still validates cosmwasm-std 2.x contracts. Debian's binaryen (108) cannot lower the bulk-memory
# and sign-ext instructions Rust 1.95 emits; npm's binaryen can.
COSMWASM_CHECK_VERSION="3.0.10"
BINARYEN_NPM_VERSION="132.0.0"

COSMWASM_CHECK="$DAC_TOOLS/bin/cosmwasm-check"
WASM_OPT="${DAC_WASM_OPT:-$DAC_TOOLS/npm/node_modules/.bin/wasm-opt}"

# The chain accepts uploads up to 800 KiB; the project keeps each contract under 400 KiB
# (DAC_WASM_BUDGET_KIB overrides it for an experiment, never in CI).
CHAIN_LIMIT_BYTES=$((800 * 1024))
BUDGET_KIB="${DAC_WASM_BUDGET_KIB:-400}"
BUDGET_BYTES=$((BUDGET_KIB * 1024))

case ":$PATH:" in
  *":$HOME/.cargo/bin:"*) ;;
  *) [ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH" ;;
esac

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Prints the contract directories (contracts/<dir>), one per line, sorted.
contract_dirs() {
  local dir
  for dir in "$REPO_ROOT"/contracts/*/; do
    [ -f "$dir/Cargo.toml" ] || continue
    basename "$dir"
  done
}

# The package name of contracts/<dir>: the first `name = "..."` of its Cargo.toml.
crate_name() {
  local name
  name="$(sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' \
    "$REPO_ROOT/contracts/$1/Cargo.toml" | head -n 1)"
  [ -n "$name" ] || die "no package name in contracts/$1/Cargo.toml"
  printf '%s\n' "$name"
}

# `--locked` when Cargo.lock is committed, so CI fails on a lock file nobody committed.
cargo_locked_flag() {
  if git -C "$REPO_ROOT" ls-files --error-unmatch Cargo.lock >/dev/null 2>&1; then
    printf '%s\n' "--locked"
  fi
}
