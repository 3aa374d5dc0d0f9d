#!/usr/bin/env bash
# Starts the members' app against a local node, in one command:
#   scripts/web/serve.sh [chain] [--port 8080] [--peer chain]...   e.g. scripts/web/serve.sh dac-1
# --peer names a running chain whose node (its deployment.json) this node's relay recognizes: the
# Abroad page and the mesh directory read it over its RPC (forwarded at /peer/<i>).
# When the chain (default dac-1, port offset 0) is not running, starts it (scripts/chain/start.sh)
# and deploys a node on it (scripts/deploy.sh, demurrage every 60 s so that decay shows); when it
# runs but has no node, deploys one. Then builds the app and serves it on 127.0.0.1 (the chain's
# RPC forwarded at /rpc) until Ctrl-C; the chain keeps running (scripts/chain/stop.sh <chain>).
# Open the address it prints in a browser with Keplr: the app suggests the chain and its token.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$REPO_ROOT/scripts/chain/common.sh"

CHAIN="dac-1"
PORT=8080
PEERS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || die "--port needs a number"; PORT="$2"; shift 2 ;;
    --peer) [ $# -ge 2 ] || die "--peer needs a chain name"
      PEERS+=("$2" "$(chain_home "$2")/deployment.json"); shift 2 ;;
    --*) die "usage: serve.sh [chain] [--port 8080] [--peer chain]..." ;;
    *) CHAIN="$1"; shift ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || die "--port takes a number, got '$PORT'"

home="$(chain_home "$CHAIN")"
if [ ! -f "$home/chain.env" ] || ! kill -0 "$(cat "$home/wasmd.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
  say "==> chain $CHAIN is not running: starting it"
  bash "$CHAIN_DIR/build-wasmd.sh"
  bash "$CHAIN_DIR/start.sh" "$CHAIN"
fi
if [ ! -f "$home/deployment.json" ]; then
  say "==> no node on $CHAIN: deploying one"
  bash "$REPO_ROOT/scripts/deploy.sh" "$CHAIN" --set period_seconds=60 --set demurrage_rate=0.00000095 >/dev/null
fi

ensure_node_modules
(cd "$WEB_DIR" && npx --no-install vite build --logLevel warn) || die "the app did not build (vite build in clients/web)"
config="$home/web-config.json"
write_config "$CHAIN" "$home/deployment.json" "$config" "${PEERS[@]}"
rpc="$(node -p "require('$config').rpc")"
exec node "$WEB_DIR/serve.mjs" --config "$config" --rpc "$rpc" --port "$PORT"
