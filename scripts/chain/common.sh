# Shared by the scripts in scripts/chain/: sourced, never run on its own.
# Pins the chain binary, names the cache paths and gives each local chain its ports.

CHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$CHAIN_DIR/../common.sh"

# wasmd v0.55.1 is the newest wasmd on wasmvm 2.x (2.2.4: capabilities up to cosmwasm_2_2).
# Its Go module is built from scripts/chain/wasmd-build (keep that go.mod in step).
WASMD_VERSION="v0.55.1"

CHAIN_CACHE="$DAC_CACHE/chain"
CHAIN_BIN_DIR="$CHAIN_CACHE/bin"
CHAIN_LIB_DIR="$CHAIN_CACHE/lib"
WASMD="$CHAIN_BIN_DIR/wasmd"

# The Go relayer (cosmos/relayer), built from scripts/chain/relayer-build.
RLY_VERSION="v2.6.0"
RLY="$CHAIN_BIN_DIR/rly"

# Go's default install location, for shells (e.g. CI) that do not have it on PATH.
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
  export PATH="$PATH:/usr/local/go/bin"
fi

# The binary finds libwasmvm through its rpath ($ORIGIN/../lib); this covers a copied binary too.
export LD_LIBRARY_PATH="$CHAIN_LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# Chain defaults: `start.sh dac-1 0` and `start.sh dac-2 1` give two chains side by side.
DENOM="${DAC_DENOM:-ustake}"
GAS_PRICES="0.025$DENOM"
CHAIN_HOST="127.0.0.1"

# Homes and ports of chain <name>: port offset N moves every port by 100*N.
chain_home() { printf '%s\n' "$CHAIN_CACHE/$1"; }
chain_rpc_port() { echo $((26657 + 100 * $1)); }
chain_p2p_port() { echo $((26656 + 100 * $1)); }
chain_grpc_port() { echo $((9090 + 100 * $1)); }
chain_api_port() { echo $((1317 + 100 * $1)); }
chain_pprof_port() { echo $((6060 + 100 * $1)); }

# Prints the first port of offset $1 that something already listens on; fails if all are free.
taken_port() {
  local port
  for port in "$(chain_rpc_port "$1")" "$(chain_p2p_port "$1")" "$(chain_grpc_port "$1")" \
    "$(chain_api_port "$1")" "$(chain_pprof_port "$1")" $((26658 + 100 * $1)); do
    if (exec 3<>"/dev/tcp/$CHAIN_HOST/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  return 1
}

# The Go relayer's home for the path between chains $1 and $2.
relayer_home() { printf '%s\n' "$CHAIN_CACHE/relayer-$1--$2"; }

# The RPC address of a running chain, read from the file start.sh leaves in its home.
chain_node() {
  local env="$(chain_home "$1")/chain.env"
  [ -f "$env" ] || die "chain '$1' is not running (no $env): start it with scripts/chain/start.sh $1"
  (source "$env" && printf '%s\n' "$CHAIN_NODE")
}

require_wasmd() {
  [ -x "$WASMD" ] || die "no wasmd at $WASMD: run scripts/chain/build-wasmd.sh"
}

# Builds the wasm artifacts (scripts/build-wasm.sh) unless every named one is there and newer than
# every source it is built from (contracts/, packages/dac-common, the Cargo files). The chain tests
# need only their own artifacts: when the build fails on another contract (size budget,
# cosmwasm-check) but left theirs, they warn and go on; the build's own CI step still fails.
ensure_artifacts() {
  local name stale=""
  for name in "$@"; do
    if [ ! -f "$REPO_ROOT/artifacts/$name" ]; then
      stale="missing $name"
    elif [ -n "$(find "$REPO_ROOT/contracts" "$REPO_ROOT/packages/dac-common" "$REPO_ROOT/Cargo.toml" \
      "$REPO_ROOT/Cargo.lock" -newer "$REPO_ROOT/artifacts/$name" \( -name '*.rs' -o -name Cargo.toml \
      -o -name Cargo.lock \) -print -quit)" ]; then
      stale="sources newer than $name"
    fi
    [ -z "$stale" ] || break
  done
  [ -z "$stale" ] && return 0
  say "==> building the wasm artifacts (scripts/build-wasm.sh): $stale"
  if ! bash "$REPO_ROOT/scripts/build-wasm.sh"; then
    for name in "$@"; do
      [ -f "$REPO_ROOT/artifacts/$name" ] || die "scripts/build-wasm.sh failed and left no artifacts/$name"
    done
    say "warning: scripts/build-wasm.sh failed (see above) but built $*; going on"
  fi
}

# Milliseconds since the epoch, for timings.
now_ms() { date +%s%3N; }
