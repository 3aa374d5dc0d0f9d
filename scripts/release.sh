#!/usr/bin/env bash
# Makes a release of the suite locally: checks, builds, checksums, tags. It never pushes.
#
#   bash scripts/release.sh            # the version in Cargo.toml ([workspace.package])
#
# 1. The tree is clean and the tag v<version> does not exist yet.
# 2. CHANGELOG.md has a dated section `## [<version>] - YYYY-MM-DD` (rename `[Unreleased]` in the
#    release commit) that names its stored layouts (`### Stored layouts`): what `migrate` converts.
# 3. scripts/build-wasm.sh builds the optimized artifacts and artifacts/checksums.txt; they are
#    copied to $DAC_CACHE/releases/v<version>/ with the checksums, outside the clone.
# 4. An annotated tag v<version> is created on HEAD, its message holding the checksums.
# Then: `git push origin v<version>` (by hand), and vendor this release for the next one's upgrade
# tests: `bash scripts/vendor-release.sh v<version> <commit>`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

version="$(awk '/^\[workspace\.package\]/ { p = 1; next } /^\[/ { p = 0 }
  p && $1 == "version" { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] \
  || die "Cargo.toml's [workspace.package] version '$version' is not X.Y.Z: set it there"
tag="v$version"

[ -z "$(git status --porcelain)" ] || die "the tree has uncommitted changes: commit or stash them first"
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  die "tag $tag exists already: bump [workspace.package] version in Cargo.toml for a new release"
fi

heading="$(grep -E "^## \[$version\] - [0-9]{4}-[0-9]{2}-[0-9]{2}\$" CHANGELOG.md || true)"
[ -n "$heading" ] \
  || die "CHANGELOG.md has no '## [$version] - YYYY-MM-DD' section: rename [Unreleased] to it and date it"
section="$(awk -v h="$heading" '$0 == h { p = 1; next } p && /^## \[/ { exit } p' CHANGELOG.md)"
grep -q '^### Stored layouts' <<<"$section" \
  || die "CHANGELOG.md's [$version] section has no '### Stored layouts': say what migrate converts (or 'Unchanged')"

say "==> building the artifacts of $tag"
bash scripts/build-wasm.sh
[ -s artifacts/checksums.txt ] || die "scripts/build-wasm.sh wrote no artifacts/checksums.txt"

out="$DAC_CACHE/releases/$tag"
rm -rf "$out"
mkdir -p "$out"
cp artifacts/*.wasm artifacts/checksums.txt "$out/"
(cd "$out" && sha256sum --quiet -c checksums.txt) || die "the copied artifacts do not match their checksums"

git tag -a "$tag" -F - <<MSG
DAC contracts $tag

sha256 of the optimized artifacts (scripts/build-wasm.sh):
$(cat artifacts/checksums.txt)
MSG
say "tagged $tag on $(git rev-parse --short HEAD); artifacts in $out"
say "not pushed: git push origin $tag"
