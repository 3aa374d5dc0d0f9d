#!/usr/bin/env bash
# Installs what building and checking the contracts needs. Idempotent and quiet when everything is
# already there: the Rust toolchain of rust-toolchain.toml with the wasm32 target, rustfmt and
# clippy; cosmwasm-check and wasm-opt into the cache ($DAC_CACHE/tools).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

command -v rustup >/dev/null || die "rustup not found: install it from your OS or rustup.rs first"
command -v cargo >/dev/null || die "cargo not found (is ~/.cargo/bin on PATH?)"

mkdir -p "$DAC_TOOLS"
# Two runs at once (a developer and CI on one machine) must not install the same tool twice.
exec 9>"$DAC_CACHE/setup.lock"
if ! flock -n 9; then
  say "setup: waiting for another setup run to finish"
  flock 9
fi

TOOLCHAIN="$(sed -n 's/^channel[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' rust-toolchain.toml)"
[ -n "$TOOLCHAIN" ] || die "no channel in rust-toolchain.toml"

# rustup does not add the file's targets/components to a toolchain that is already installed.
if ! rustup toolchain list | grep -q "^$TOOLCHAIN-"; then
  say "setup: installing Rust $TOOLCHAIN"
  rustup toolchain install "$TOOLCHAIN" --profile minimal --no-self-update >/dev/null
fi
INSTALLED="$(rustup +"$TOOLCHAIN" target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<<"$INSTALLED"; then
  say "setup: adding target wasm32-unknown-unknown"
  rustup +"$TOOLCHAIN" target add wasm32-unknown-unknown >/dev/null 2>&1
fi
COMPONENTS="$(rustup +"$TOOLCHAIN" component list --installed)"
for component in rustfmt clippy; do
  if ! grep -q "^$component-" <<<"$COMPONENTS"; then
    say "setup: adding component $component"
    rustup +"$TOOLCHAIN" component add "$component" >/dev/null 2>&1
  fi
done

if ! "$COSMWASM_CHECK" --version 2>/dev/null | grep -qF "$COSMWASM_CHECK_VERSION"; then
  say "setup: installing cosmwasm-check $COSMWASM_CHECK_VERSION into $DAC_TOOLS (once; ~5-15 min on 2 cores)"
  started=$SECONDS
  log="$DAC_CACHE/cosmwasm-check-install.log"
  # Its own temporary target dir: the contracts' target dir stays small and its builds unblocked.
  # Built at opt-level 1 without LTO: the same code and checks, compiled in 302 s instead of
  # 640 s here, and it still checks the five contracts in about a second.
  if ! env -u CARGO_TARGET_DIR CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=off \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install cosmwasm-check \
    --version "$COSMWASM_CHECK_VERSION" --locked --root "$DAC_TOOLS" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "cosmwasm-check install failed (full log: $log)"
  fi
  say "setup: cosmwasm-check installed in $((SECONDS - started))s"
fi

if [ -z "${DAC_WASM_OPT:-}" ] && ! "$WASM_OPT" --version 2>/dev/null | grep -q "version ${BINARYEN_NPM_VERSION%%.*}\b"; then
  command -v npm >/dev/null || die "npm not found: install Node.js 18+ (apt-get install nodejs npm)"
  say "setup: installing wasm-opt (npm binaryen@$BINARYEN_NPM_VERSION) into $DAC_TOOLS/npm"
  mkdir -p "$DAC_TOOLS/npm"
  npm install --prefix "$DAC_TOOLS/npm" --no-audit --no-fund --update-notifier=false \
    --loglevel=error "binaryen@$BINARYEN_NPM_VERSION" >"$DAC_CACHE/binaryen-install.log" 2>&1 \
    || { cat "$DAC_CACHE/binaryen-install.log" >&2; die "npm install binaryen failed"; }
fi
"$WASM_OPT" --version >/dev/null 2>&1 || die "wasm-opt at $WASM_OPT does not run"
command -v node >/dev/null || die "node not found: build-wasm.sh needs it to list wasm exports"
