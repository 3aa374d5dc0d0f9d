#!/usr/bin/env bash
# Builds the pinned wasmd into $DAC_CACHE/chain/wasmd-<version>/bin/wasmd with this machine's Go
# toolchain, from the Go module in scripts/chain/wasmd-build (wasmd's replace directives rule out
# `go install`). libwasmvm comes prebuilt inside the wasmvm Go module; it is copied to ../lib and
# the binary looks for it there ($ORIGIN/../lib), so a cleaned Go module cache does not break it.
# Skips the build when the cached binary already reports the pinned version.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BUILD_MODULE="$CHAIN_DIR/wasmd-build"

if [ -x "$WASMD" ] && [ "$("$WASMD" version 2>/dev/null || true)" = "$WASMD_VERSION" ]; then
  say "wasmd $WASMD_VERSION already built: $WASMD"
  exit 0
fi

command -v go >/dev/null || die "no Go toolchain on PATH (wasmd $WASMD_VERSION needs Go >= 1.24)"
pinned="$(sed -n 's|^require github.com/CosmWasm/wasmd \(v[^ ]*\)$|\1|p' "$BUILD_MODULE/go.mod")"
[ "$pinned" = "$WASMD_VERSION" ] \
  || die "$BUILD_MODULE/go.mod requires wasmd '$pinned' but common.sh pins $WASMD_VERSION"

started=$SECONDS
say "==> building wasmd $WASMD_VERSION with $(go version | cut -d' ' -f3) (cold: ~5 min on 2 cores, more when the Go module cache is empty)"
mkdir -p "$CHAIN_BIN_DIR" "$CHAIN_LIB_DIR"
cd "$BUILD_MODULE"

# The same version stamps as wasmd's Makefile, so `wasmd version` names the release.
SDK_VERSION_PKG="github.com/cosmos/cosmos-sdk/version"
LDFLAGS="-X $SDK_VERSION_PKG.Name=wasm -X $SDK_VERSION_PKG.AppName=wasmd"
LDFLAGS+=" -X $SDK_VERSION_PKG.Version=$WASMD_VERSION -X $SDK_VERSION_PKG.BuildTags=netgo"
LDFLAGS+=" -extldflags=-Wl,-rpath,\$ORIGIN/../lib"
# Go >= 1.23 refuses pull-only //go:linkname references; some of wasmd's dependencies still make them.
LDFLAGS+=" -checklinkname=0"

# -mod=readonly: go.sum is committed; a build never rewrites it.
GOTOOLCHAIN=local CGO_ENABLED=1 go build -mod=readonly -tags netgo -trimpath \
  -ldflags "$LDFLAGS" -o "$WASMD.tmp" github.com/CosmWasm/wasmd/cmd/wasmd

wasmvm_dir="$(GOTOOLCHAIN=local go list -mod=readonly -m -f '{{.Dir}}' github.com/CosmWasm/wasmvm/v3)"
lib="$wasmvm_dir/internal/api/libwasmvm.$(uname -m).so"
[ -f "$lib" ] || die "the wasmvm Go module has no prebuilt $lib for this machine"
install -m 0755 "$lib" "$CHAIN_LIB_DIR/"
mv "$WASMD.tmp" "$WASMD"

built="$("$WASMD" version)"
[ "$built" = "$WASMD_VERSION" ] || die "built wasmd reports version '$built', expected $WASMD_VERSION"
say "wasmd $WASMD_VERSION built in $((SECONDS - started))s: $WASMD (libwasmvm in $CHAIN_LIB_DIR)"
