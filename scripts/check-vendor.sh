#!/usr/bin/env bash
# Proves that each crate under vendor/ is its crates.io release plus the patch beside it, byte for
# byte, so that a reviewer reads the patch and not the vendored source. The release archive is
# taken from cargo's download cache or crates.io and must match the checksum pinned here.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# name version sha256 of the published .crate (the checksum Cargo.lock had for it)
VENDORED=(
  "cosmwasm-std 2.3.6 6956369cf6c855f9dcc393ac71761b4e8cdf19cc70737d395e91fa6932680370"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints the path of name-version.crate, downloading it into the cache when cargo has none.
release_archive() {
  local name=$1 version=$2 file cached
  file="$name-$version.crate"
  for cached in "$HOME"/.cargo/registry/cache/*/"$file" "$DAC_CACHE/vendor/$file"; do
    [ -f "$cached" ] && { printf '%s\n' "$cached"; return; }
  done
  mkdir -p "$DAC_CACHE/vendor"
  curl -fsSL --retry 3 -o "$DAC_CACHE/vendor/$file.part" \
    "https://static.crates.io/crates/$name/$file" || die "cannot download $file from crates.io"
  mv "$DAC_CACHE/vendor/$file.part" "$DAC_CACHE/vendor/$file"
  printf '%s\n' "$DAC_CACHE/vendor/$file"
}

for entry in "${VENDORED[@]}"; do
  read -r name version sha <<<"$entry"
  archive="$(release_archive "$name" "$version")"
  [ "$(sha256sum "$archive" | cut -d' ' -f1)" = "$sha" ] \
    || die "$archive does not have the pinned checksum $sha"
  tar -xzf "$archive" -C "$work"
  (cd "$work/$name-$version" && git apply -p1 "$REPO_ROOT/vendor/$name.patch") \
    || die "vendor/$name.patch does not apply to $name $version"
  diff -r "$work/$name-$version" "$REPO_ROOT/vendor/$name" >&2 \
    || die "vendor/$name is not $name $version plus vendor/$name.patch (differences above)"
  say "vendor/$name: $name $version from crates.io plus vendor/$name.patch"
done
