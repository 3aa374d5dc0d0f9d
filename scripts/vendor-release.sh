#!/usr/bin/env bash
# Writes the contracts of a past release into releases/<tag>/, for the upgrade tests: the
# previous release is built into the same test binary as the current code (cw-multi-test runs Rust,
# not wasm), so its sources must be in the clone. CI's clean clone may be shallow or tagless; a
# committed snapshot works either way, and `git diff` shows exactly what was vendored.
#
#   bash scripts/vendor-release.sh v0.1.0 f3ee333   # tag, and the commit it names
#   bash scripts/vendor-release.sh --check v0.1.0 f3ee333   # fails if releases/v0.1.0 differs
#
# Kept: the contracts' sources and manifests, dac-common, a workspace manifest with the release's
# dependency versions. Dropped: tests (and their `mod tests;` lines), schema binaries, READMEs. The release's crates keep their
# names and version, so cw2 sees the same contract names; Cargo tells them from the current
# crates by version (a snapshot of the current version would collide in Cargo.lock).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check=false
if [ "${1:-}" = "--check" ]; then check=true; shift; fi
[ $# -eq 2 ] || die "usage: vendor-release.sh [--check] <tag, e.g. v0.1.0> <commit>"
tag="$1" commit="$2"
[[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "tag '$tag' is not vX.Y.Z"
git -C "$REPO_ROOT" cat-file -e "$commit^{commit}" 2>/dev/null \
  || die "commit $commit is not in this clone: fetch its history (git fetch --unshallow) first"

out="$REPO_ROOT/releases/$tag"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git -C "$REPO_ROOT" archive "$commit" contracts packages/dac-common Cargo.toml | tar -x -C "$work"
find "$work" \( -path '*/src/tests' -o -path '*/src/bin' -o -name proptest-regressions \) -prune -exec rm -rf {} +
find "$work" -name '*.md' -delete
# Their test modules are not vendored: drop the (cfg(test)-only) declarations too, so that tools
# walking the sources (rustfmt) find no missing file.
# Only linked into tests, never built as wasm: a cdylib target would write libcouncil.so (and an
# unhashed rlib) over the current crate's, Cargo's "output filename collision".
find "$work/contracts" -name Cargo.toml -exec sed -i 's/^crate-type = \["cdylib", "rlib"\]$/crate-type = ["rlib"]/' {} +
find "$work" -name lib.rs -exec perl -0pi -e 's/#\[cfg\(test\)\]\nmod tests;\n//g' {} +
# The release's own workspace: its package metadata and dependency versions, no profiles (the
# current workspace builds it), no other members.
awk '
  /^\[workspace\]$/ { print; print "resolver = \"2\""; print "members = [\"contracts/*\", \"packages/dac-common\"]"; skip=1; next }
  /^\[workspace\.package\]$|^\[workspace\.dependencies\]$/ { skip=0 }
  /^\[profile/ { skip=1 }
  !skip { print }
' "$work/Cargo.toml" > "$work/Cargo.toml.new"
{
  echo "# The contracts of release $tag (commit $commit), written by scripts/vendor-release.sh for"
  echo "# the upgrade tests. Do not edit: regenerate."
  cat "$work/Cargo.toml.new"
} > "$work/Cargo.toml"
rm "$work/Cargo.toml.new"

if $check; then
  diff -r "$work" "$out" >/dev/null || die "releases/$tag differs from $commit: run scripts/vendor-release.sh $tag $commit"
  say "releases/$tag matches $commit"
else
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  cp -r "$work" "$out"
  say "wrote releases/$tag from $commit"
fi
