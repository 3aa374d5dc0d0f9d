#!/usr/bin/env bash
# Builds the wasm of a past release vendored in releases/<tag>/ (scripts/vendor-release.sh), for
# the on-chain upgrade test: the previous release's code is stored on a chain and migrated by a
# council proposal. Prints the artifacts directory (with its checksums.txt) on stdout.
#
#   bash scripts/build-release-wasm.sh v0.1.0
#
# The vendored crates are linked into the tests as rlibs; here a copy in the cache gets back its
# cdylib targets and this workspace's release profiles, and scripts/build-wasm.sh builds it.
# Cached in $DAC_CACHE/releases/<tag>, keyed by the vendored sources, Cargo.lock and the
# toolchain: a warm run only checks the key.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 1 ] || die "usage: build-release-wasm.sh <tag, e.g. v0.1.0>"
tag="$1"
source_dir="$REPO_ROOT/releases/$tag"
[ -f "$source_dir/Cargo.toml" ] || die "no releases/$tag: vendor it first (scripts/vendor-release.sh $tag <commit>)"

cache="$DAC_CACHE/releases/$tag"
key="$( (cd "$REPO_ROOT" && find "releases/$tag" -type f -print0 | sort -z | xargs -0 sha256sum \
  && sha256sum Cargo.lock rust-toolchain.toml scripts/build-wasm.sh) | sha256sum | cut -d' ' -f1)"
if [ -f "$cache/key" ] && [ "$(cat "$cache/key")" = "$key" ] && [ -f "$cache/src/artifacts/checksums.txt" ]; then
  say "release $tag: wasm cached in $cache/src/artifacts"
  printf '%s\n' "$cache/src/artifacts"
  exit 0
fi

say "==> building release $tag's wasm in $cache"
rm -rf "$cache"
mkdir -p "$cache"
cp -r "$source_dir" "$cache/src"
# Its own copy of the build scripts, so that they build this workspace.
mkdir -p "$cache/src/scripts"
cp "$REPO_ROOT/scripts/common.sh" "$REPO_ROOT/scripts/build-wasm.sh" "$cache/src/scripts/"
cp "$REPO_ROOT/Cargo.lock" "$REPO_ROOT/rust-toolchain.toml" "$cache/src/"
find "$cache/src/contracts" -name Cargo.toml \
  -exec sed -i 's/^crate-type = \["rlib"\]$/crate-type = ["cdylib", "rlib"]/' {} +
# This workspace's release profiles (the vendored manifest has none).
sed -n '/^\[profile\.release/,$p' "$REPO_ROOT/Cargo.toml" >>"$cache/src/Cargo.toml"

# Not a git checkout: Cargo trims the copied lock to the release's own dependencies (all in it).
(cd "$cache/src" && DAC_SETUP_DONE=1 CARGO_TARGET_DIR="$DAC_CACHE/releases/target" \
  bash scripts/build-wasm.sh) >&2 || die "release $tag's wasm did not build (log above)"
printf '%s\n' "$key" >"$cache/key"
printf '%s\n' "$cache/src/artifacts"
