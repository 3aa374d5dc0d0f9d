#!/usr/bin/env bash
# Builds the pinned wasmd into $DAC_CACHE/chain/wasmd-<version>/bin/wasmd with this machine's Go
# toolchain, from the Go module scripts/chain/wasmd-build* whose go.mod requires that version
# (wasmd's replace directives rule out `go install`): wasmd-build for the default v0.61.14,
# wasmd-build-v0.70 for `WASMD_VERSION=v0.70.3 bash scripts/chain/build-wasmd.sh`. libwasmvm comes prebuilt inside the wasmvm Go module; it is copied to ../lib and
# the binary looks for it there ($ORIGIN/../lib), so a cleaned Go module cache does not break it.
# Skips the build when the cached binary already reports the pinned version.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ -x "$WASMD" ] && [ "$("$WASMD" version 2>/dev/null || true)" = "$WASMD_VERSION" ]; then
  say "wasmd $WASMD_VERSION already built: $WASMD"
  exit 0
fi

# The build module that requires exactly this version.
pinned_by() { sed -n 's|^require github.com/CosmWasm/wasmd \(v[^ ]*\)$|\1|p' "$1/go.mod"; }
BUILD_MODULE="" known=()
for dir in "$CHAIN_DIR"/wasmd-build*/; do
  dir="${dir%/}"
  known+=("$(pinned_by "$dir")")
  [ "${known[-1]}" = "$WASMD_VERSION" ] && BUILD_MODULE="$dir"
done
[ -n "$BUILD_MODULE" ] || die "no scripts/chain/wasmd-build*/go.mod requires wasmd $WASMD_VERSION" \
  "(these do: ${known[*]}); set WASMD_VERSION to one of them or add a build module for it"

command -v go >/dev/null || die "no Go toolchain on PATH (wasmd $WASMD_VERSION needs Go $(sed -n 's/^go //p' "$BUILD_MODULE/go.mod") or newer)"

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

wasmvm_module="$(sed -n 's|^\s*\(github.com/CosmWasm/wasmvm[^ ]*\) v.*|\1|p' go.mod | head -n 1)"
[ -n "$wasmvm_module" ] || die "$BUILD_MODULE/go.mod names no github.com/CosmWasm/wasmvm module"
wasmvm_dir="$(GOTOOLCHAIN=local go list -mod=readonly -m -f '{{.Dir}}' "$wasmvm_module")"
lib="$wasmvm_dir/internal/api/libwasmvm.$(uname -m).so"
[ -f "$lib" ] || die "the wasmvm Go module has no prebuilt $lib for this machine"
install -m 0755 "$lib" "$CHAIN_LIB_DIR/"
mv "$WASMD.tmp" "$WASMD"

built="$("$WASMD" version)"
[ "$built" = "$WASMD_VERSION" ] || die "built wasmd reports version '$built', expected $WASMD_VERSION"
say "wasmd $WASMD_VERSION built in $((SECONDS - started))s: $WASMD (libwasmvm in $CHAIN_LIB_DIR)"
