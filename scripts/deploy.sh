#!/usr/bin/env bash
# Deploys a whole DAC node to a running local chain through the one deployment recipe
# (packages/dac-deploy, driven over the wasmd CLI by packages/dac-wasmd): stores the five optimized
# contracts, instantiates and wires them, and the founders pass the council's first proposal (the
# council takes the token's admin role) with their own signed votes.
#   scripts/deploy.sh [chain] [--set field=value]... [--name NODE] [--upload auto|direct|gov]
#                     [--uploader KEY]                     e.g. scripts/deploy.sh dac-1
# The chain (default dac-1) must be running: scripts/chain/start.sh <chain>. The contracts come from
# artifacts/ (scripts/build-wasm.sh runs first when one is missing or older than its sources).
# `--set` changes a field of the recipe's NodeConfig (packages/dac-deploy), e.g.
#   --set period_seconds=60 --set demurrage_rate=0.0000009     decay visible within a minute
# Accounts (scripts/chain/accounts.env): `deployer` sends the deployment and keeps no power;
# founders alice, bob, carol and dave (alice is the head, alice and bob gatekeepers, bob monitor).
# Code upload, for chains that restrict it (start.sh --upload): KEY (default deployer) stores the
# five codes itself (`--upload direct`, KEY must be allowed by the chain's code_upload_access), or
# submits one MsgStoreCode proposal per code that the chain's validators (chain.env
# VALIDATOR_KEYS) vote through, after which the recipe instantiates those codes (`--upload gov`).
# The default, auto, takes direct when KEY is allowed and gov otherwise; when neither works it
# says what is needed. Either way the codes on the chain must have the checksums of
# artifacts/checksums.txt, or nothing is instantiated.
# `--name NODE` deploys a further node on the same chain (default: the chain's name); its files go
# to <home>/nodes/NODE/ instead of the home itself.
#
# Output, in the chain's home $DAC_CACHE/chain/<chain>/ (next to chain.env, the chain's settings:
# CHAIN_ID, CHAIN_NODE, CHAIN_RPC, CHAIN_GRPC, DENOM, GAS_PRICES, TX_FLAGS, QUERY_FLAGS):
#   deployment.json   {"node": "<chain>",
#                      "code_ids":  {"token": n, "council": n, "housing": n, "escrow": n, "relay": n},
#                      "contracts": {"token": "wasm1…", "council": "wasm1…", "housing": "wasm1…",
#                                    "escrow": "wasm1…", "relay": "wasm1…"},
#                      "executive_council_id": 1}              (dac_deploy::Deployment::to_json)
#   node-config.json  the NodeConfig used (founders' addresses, rates, periods, fees)
# Prints the path of deployment.json on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/chain/common.sh"

NAME="dac-1"
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then
  NAME="$1"
  shift
fi
usage="usage: deploy.sh [chain] [--set field=value]... [--name NODE] [--upload auto|direct|gov] [--uploader KEY]"
SETTINGS=()
NODE_NAME=""
OPTIONS=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "$usage"
  case "$1" in
    --set) SETTINGS+=(--set "$2") ;;
    --name) NODE_NAME="$2" ;;
    --upload) [[ "$2" =~ ^(auto|direct|gov)$ ]] || die "--upload takes auto, direct or gov, got '$2'"
      OPTIONS+=(--upload "$2") ;;
    --uploader) OPTIONS+=(--uploader "$2") ;;
    *) die "$usage" ;;
  esac
  shift 2
done

require_wasmd
HOME_DIR="$(chain_home "$NAME")"
[ -f "$HOME_DIR/chain.env" ] || die "chain '$NAME' is not running: start it with scripts/chain/start.sh $NAME"

OUT_DIR="$HOME_DIR"
if [ -n "$NODE_NAME" ] && [ "$NODE_NAME" != "$NAME" ]; then
  [[ "$NODE_NAME" =~ ^[a-z0-9-]+$ ]] || die "a node name is lowercase letters, digits and '-', got '$NODE_NAME'"
  OUT_DIR="$HOME_DIR/nodes/$NODE_NAME"
  mkdir -p "$OUT_DIR"
  OPTIONS+=(--name "$NODE_NAME")
fi

ensure_artifacts demurrage_token.wasm council.wasm housing_registry.wasm escrow.wasm ibc_relay.wasm

cd "$REPO_ROOT"
# e2e.sh builds it once and sets DAC_WASMD_BUILT=1.
[ "${DAC_WASMD_BUILT:-0}" = 1 ] || cargo build -q $(cargo_locked_flag) -p dac-wasmd
"$CARGO_TARGET_DIR/debug/dac-wasmd" deploy --chain-env "$HOME_DIR/chain.env" --wasmd "$WASMD" \
  --artifacts "$REPO_ROOT/artifacts" --out "$OUT_DIR/deployment.json" "${SETTINGS[@]}" "${OPTIONS[@]}" \
  || { say "chain log tail ($HOME_DIR/node.log):"; tail -n 20 "$HOME_DIR/node.log" >&2; exit 1; }
printf '%s\n' "$OUT_DIR/deployment.json"
