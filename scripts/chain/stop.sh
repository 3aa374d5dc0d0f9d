#!/usr/bin/env bash
# Stops a local chain started by start.sh (every validator of it) and deletes its home.
#   scripts/chain/stop.sh [name] [--keep]      (--keep leaves the home, e.g. to read node.log)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${1:-dac-1}"
KEEP="${2:-}"
HOME_DIR="$(chain_home "$NAME")"

if [ -d "$HOME_DIR" ]; then
  for home in "$HOME_DIR"/validator-* "$HOME_DIR"; do
    [ -d "$home" ] && stop_node "$home"
  done
  say "chain $NAME stopped"
else
  say "chain $NAME: no home at $HOME_DIR"
fi

if [ "$KEEP" = "--keep" ]; then
  say "kept $HOME_DIR"
else
  rm -rf "$HOME_DIR"
fi
