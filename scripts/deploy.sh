#!/usr/bin/env bash
# Deploys a whole DAC node through the one deployment recipe (packages/dac-deploy, driven over the
# wasmd CLI by packages/dac-wasmd): stores the five optimized contracts, instantiates and wires
# them, and the founders pass the council's first proposal (the council takes the token's admin
# role) with their own signed votes.
#   scripts/deploy.sh [chain] [options]                  a running local chain (default dac-1)
#   scripts/deploy.sh --network FILE [options]           the network a profile describes
# Options: [--set field=value]... [--name NODE] [--upload auto|direct|gov] [--uploader KEY]
#          [--out DIR] [--addresses] [--stop-after N]
#   e.g. scripts/deploy.sh dac-1; scripts/deploy.sh --network scripts/networks/dac-2.json
# A local chain must be running (scripts/chain/start.sh <chain>); it is deployed to through the
# network profile start.sh wrote in its home (network.json). A profile (scripts/networks/README.md)
# names the chain id, RPC, bech32 prefix, fee denom and gas price, keyring and signing keys, and
# how code is uploaded. Before anything is sent the deploy checks that the RPC answers and serves
# that chain id, and that every signer is in the keyring with that prefix and holds fees.
# The contracts come from artifacts/ (scripts/build-wasm.sh runs first when one is missing or
# older than its sources).
# `--set` changes a field of the recipe's NodeConfig (packages/dac-deploy), e.g.
#   --set period_seconds=60 --set demurrage_rate=0.0000009     decay visible within a minute
# Accounts of the local chains (scripts/chain/accounts.env): `deployer` sends the deployment and
# keeps no power; founders alice, bob, carol and dave (alice is the head, alice and bob
# gatekeepers, bob monitor).
# Code upload, for chains that restrict it (start.sh --upload): KEY (default deployer) stores the
# five codes itself (`--upload direct`, KEY must be allowed by the chain's code_upload_access), or
# submits one MsgStoreCode proposal per code that the chain's validators (the profile's
# deploy.validators) vote through, after which the recipe instantiates those codes
# (`--upload gov`). The default, auto, takes direct when KEY is allowed and gov otherwise; when
# neither works it says what is needed. Either way the codes on the chain must have the checksums
# of artifacts/checksums.txt, or nothing is instantiated.
# Addresses: each contract goes where instantiate2 puts it with the salt `<node>/<crate>`, so
# `--addresses` prints them before anything is deployed, and deploying the same node twice is
# refused. `--name NODE` deploys a further node on the same chain (default: the chain's name).
# Resuming: deployment.json is written after every step. A rerun of a deployment that stopped
# resumes from the first step not done; a finished one is left alone. `--stop-after N` stops
# after N transactions (to rehearse a resume).
#
# Output, in --out DIR; by default for a local chain its home $DAC_CACHE/chain/<chain>/ (next to
# chain.env, the chain's settings: CHAIN_ID, CHAIN_NODE, CHAIN_RPC, CHAIN_GRPC, DENOM, GAS_PRICES,
# TX_FLAGS, QUERY_FLAGS), or <home>/nodes/NODE/ for a further node; for a profile
# $DAC_CACHE/deployments/<chain id>/<node>/:
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
usage="usage: deploy.sh [chain | --network FILE] [--set field=value]... [--name NODE] [--upload auto|direct|gov] [--uploader KEY] [--out DIR] [--addresses] [--stop-after N]"
SETTINGS=()
NODE_NAME=""
NETWORK=""
OUT_DIR=""
COMMAND=deploy
OPTIONS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --addresses) COMMAND=addresses; shift; continue ;;
  esac
  [ $# -ge 2 ] || die "$usage"
  case "$1" in
    --set) SETTINGS+=(--set "$2") ;;
    --name) NODE_NAME="$2" ;;
    --network) NETWORK="$2" ;;
    --out) OUT_DIR="$2" ;;
    --upload) [[ "$2" =~ ^(auto|direct|gov)$ ]] || die "--upload takes auto, direct or gov, got '$2'"
      OPTIONS+=(--upload "$2") ;;
    --uploader) OPTIONS+=(--uploader "$2") ;;
    --stop-after) [[ "$2" =~ ^[0-9]+$ ]] || die "--stop-after takes a number of transactions, got '$2'"
      OPTIONS+=(--stop-after "$2") ;;
    *) die "$usage" ;;
  esac
  shift 2
done
[ -z "$NODE_NAME" ] || [[ "$NODE_NAME" =~ ^[a-z0-9-]+$ ]] \
  || die "a node name is lowercase letters, digits and '-', got '$NODE_NAME'"

require_wasmd
if [ -n "$NETWORK" ]; then
  [ -f "$NETWORK" ] || die "no network profile at '$NETWORK': give the path of one (scripts/networks/ has examples)"
  PROFILE="$(cd "$(dirname "$NETWORK")" && pwd)/$(basename "$NETWORK")"
  chain_id="$(jq -r '.chain_id // empty' "$PROFILE" 2>/dev/null)" \
    || die "network profile $NETWORK is not JSON: fix it (scripts/networks/README.md lists the fields)"
  [ -n "$chain_id" ] || die "network profile $NETWORK has no chain_id: add it (scripts/networks/README.md)"
  node="${NODE_NAME:-$(jq -r '.chain_name // .chain_id' "$PROFILE")}"
  DEFAULT_OUT="$DAC_CACHE/deployments/$chain_id/$node"
else
  HOME_DIR="$(chain_home "$NAME")"
  [ -f "$HOME_DIR/chain.env" ] || die "chain '$NAME' is not running: start it with scripts/chain/start.sh $NAME"
  PROFILE="$HOME_DIR/network.json"
  [ -f "$PROFILE" ] || die "chain '$NAME' has no network.json (started by an older start.sh): restart it with scripts/chain/start.sh $NAME"
  DEFAULT_OUT="$HOME_DIR"
  [ -z "$NODE_NAME" ] || [ "$NODE_NAME" = "$NAME" ] || DEFAULT_OUT="$HOME_DIR/nodes/$NODE_NAME"
fi
[ -z "$NODE_NAME" ] || OPTIONS+=(--name "$NODE_NAME")
OUT_DIR="${OUT_DIR:-$DEFAULT_OUT}"

ensure_artifacts demurrage_token.wasm council.wasm housing_registry.wasm escrow.wasm ibc_relay.wasm

cd "$REPO_ROOT"
# e2e.sh builds it once and sets DAC_WASMD_BUILT=1.
[ "${DAC_WASMD_BUILT:-0}" = 1 ] || cargo build -q $(cargo_locked_flag) -p dac-wasmd
DAC_WASMD="$CARGO_TARGET_DIR/debug/dac-wasmd"
if [ "$COMMAND" = addresses ]; then
  exec "$DAC_WASMD" addresses --network "$PROFILE" --wasmd "$WASMD" --artifacts "$REPO_ROOT/artifacts" \
    ${NODE_NAME:+--name "$NODE_NAME"}
fi
mkdir -p "$OUT_DIR"
if ! "$DAC_WASMD" deploy --network "$PROFILE" --wasmd "$WASMD" --artifacts "$REPO_ROOT/artifacts" \
  --out "$OUT_DIR/deployment.json" "${SETTINGS[@]}" "${OPTIONS[@]}"; then
  if [ -n "${HOME_DIR:-}" ] && [ -f "$HOME_DIR/node.log" ]; then
    say "chain log tail ($HOME_DIR/node.log):"
    tail -n 20 "$HOME_DIR/node.log" >&2
  fi
  exit 1
fi
printf '%s\n' "$OUT_DIR/deployment.json"
