#!/usr/bin/env bash
# Builds the pinned Go relayer into $DAC_CACHE/chain/rly-<version>/bin/rly with this machine's Go toolchain,
# from the Go module in scripts/chain/relayer-build. Skips the build when the cached binary
# already reports the pinned version.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BUILD_MODULE="$CHAIN_DIR/relayer-build"

if [ -x "$RLY" ] && [ "$("$RLY" version 2>/dev/null | sed -n 's/^version: *//p')" = "${RLY_VERSION#v}" ]; then
  say "rly $RLY_VERSION already built: $RLY"
  exit 0
fi

command -v go >/dev/null || die "no Go toolchain on PATH"
pinned="$(sed -n 's|^require github.com/cosmos/relayer/v2 \(v[^ ]*\)$|\1|p' "$BUILD_MODULE/go.mod")"
[ "$pinned" = "$RLY_VERSION" ] \
  || die "$BUILD_MODULE/go.mod requires relayer '$pinned' but common.sh pins $RLY_VERSION"

started=$SECONDS
say "==> building rly $RLY_VERSION with $(go version | cut -d' ' -f3) (cold: ~10 min on 2 cores)"
mkdir -p "$RLY_BIN_DIR"
cd "$BUILD_MODULE"
# The relayer's Makefile stamps the version the same way.
GOTOOLCHAIN=local go build -mod=readonly -trimpath \
  -ldflags "-X github.com/cosmos/relayer/v2/cmd.Version=${RLY_VERSION#v}" \
  -o "$RLY.tmp" github.com/cosmos/relayer/v2
mv "$RLY.tmp" "$RLY"
say "rly $RLY_VERSION built in $((SECONDS - started))s: $RLY"
