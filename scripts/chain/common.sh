# Shared by the scripts in scripts/chain/: sourced, never run on its own.
# Pins the chain binary, names the cache paths and gives each local chain its ports.

CHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$CHAIN_DIR/../common.sh"

# wasmd v0.61.14: the newest patch of the maintained v0.61 line (wasmvm 3.0.7, Cosmos SDK 0.53.6,
# ibc-go 10.5.0, CometBFT 0.38.21). Its Go module is built from scripts/chain/wasmd-build (keep
# that go.mod in step). WASMD_VERSION=v0.70.3 in the environment selects wasmd v0.70.3 (SDK 0.54,
# ibc-go v11, CometBFT 0.39) instead, built from scripts/chain/wasmd-build-v0.70; not run by CI.
WASMD_DEFAULT_VERSION="v0.61.14"
WASMD_VERSION="${WASMD_VERSION:-$WASMD_DEFAULT_VERSION}"
[[ "$WASMD_VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] \
  || die "WASMD_VERSION must look like v0.61.14, got '$WASMD_VERSION' (unset it for the default $WASMD_DEFAULT_VERSION)"

# Homes of the local chains live here; each build lives in a directory named after its version,
# so a bump never overwrites a binary another checkout still runs.
CHAIN_CACHE="$DAC_CACHE/chain"
WASMD_BUILD_DIR="$CHAIN_CACHE/wasmd-$WASMD_VERSION"
CHAIN_BIN_DIR="$WASMD_BUILD_DIR/bin"
CHAIN_LIB_DIR="$WASMD_BUILD_DIR/lib"
WASMD="$CHAIN_BIN_DIR/wasmd"

# The Go relayer (cosmos/relayer), built from scripts/chain/relayer-build.
RLY_VERSION="v2.6.0"
RLY_BIN_DIR="$CHAIN_CACHE/rly-$RLY_VERSION/bin"
RLY="$RLY_BIN_DIR/rly"

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

# Homes and ports of chain <name>: port offset N moves every port by 100*N; validator v (1..4) of a
# several-validator network (start.sh --validators) adds 10*(v-1), so validator 1 has the ports of
# a one-validator chain and a whole network fits in one offset.
chain_home() { printf '%s\n' "$CHAIN_CACHE/$1"; }
validator_home() { # chain validator: validator 1's home is the chain's; the others' are inside it
  if [ "$2" = 1 ]; then chain_home "$1"; else printf '%s\n' "$(chain_home "$1")/validator-$2"; fi
}
MAX_VALIDATORS=4
chain_rpc_port() { echo $((26657 + 100 * $1 + 10 * (${2:-1} - 1))); }
chain_p2p_port() { echo $((26656 + 100 * $1 + 10 * (${2:-1} - 1))); }
chain_abci_port() { echo $((26658 + 100 * $1 + 10 * (${2:-1} - 1))); }
chain_grpc_port() { echo $((9090 + 100 * $1 + 10 * (${2:-1} - 1))); }
chain_api_port() { echo $((1317 + 100 * $1 + 10 * (${2:-1} - 1))); }
chain_pprof_port() { echo $((6060 + 100 * $1 + 10 * (${2:-1} - 1))); }

# Prints the first port of offset $1 (validators 1..${2:-1}) that something already listens on;
# fails if all are free.
taken_port() {
  local port v
  for v in $(seq 1 "${2:-1}"); do
    for port in "$(chain_rpc_port "$1" "$v")" "$(chain_p2p_port "$1" "$v")" \
      "$(chain_grpc_port "$1" "$v")" "$(chain_api_port "$1" "$v")" "$(chain_pprof_port "$1" "$v")" \
      "$(chain_abci_port "$1" "$v")"; do
      if (exec 3<>"/dev/tcp/$CHAIN_HOST/$port") 2>/dev/null; then
        printf '%s\n' "$port"
        return 0
      fi
    done
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

# Starts the wasmd of one validator home in the background (its log: node.log, appended to, so a
# restart keeps the story; its pid: wasmd.pid).
start_node() {
  local home="$1"
  setsid "$WASMD" start --home "$home" >>"$home/node.log" 2>&1 </dev/null &
  echo $! >"$home/wasmd.pid"
}

# Stops the wasmd of one validator home, if it is one started from that home; says which.
stop_node() {
  local home="$1" pid
  [ -f "$home/wasmd.pid" ] || return 0
  pid="$(cat "$home/wasmd.pid")"
  # Only a wasmd started from this home is ours to stop.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--home $home"; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped the node of $home (pid $pid)"
  fi
  rm -f "$home/wasmd.pid"
}

# The latest block height a node's RPC reports (0 when it does not answer).
rpc_height() {
  curl -fsS --max-time 2 "$1/status" 2>/dev/null | jq -r '.result.sync_info.latest_block_height' \
    2>/dev/null || echo 0
}
