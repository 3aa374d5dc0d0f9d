#!/usr/bin/env bash
# Stops a local chain started by start.sh and deletes its home.
#   scripts/chain/stop.sh [name] [--keep]      (--keep leaves the home, e.g. to read node.log)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${1:-dac-1}"
KEEP="${2:-}"
HOME_DIR="$(chain_home "$NAME")"
PID_FILE="$HOME_DIR/wasmd.pid"

if [ -f "$PID_FILE" ]; then
  pid="$(cat "$PID_FILE")"
  # Only a wasmd started from this home is ours to stop.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--home $HOME_DIR"; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "chain $NAME stopped (pid $pid)"
  else
    say "chain $NAME was not running"
  fi
  rm -f "$PID_FILE"
else
  say "chain $NAME: no pid file in $HOME_DIR"
fi

if [ "$KEEP" = "--keep" ]; then
  say "kept $HOME_DIR"
else
  rm -rf "$HOME_DIR"
fi
