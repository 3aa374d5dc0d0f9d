#!/usr/bin/env bash
# Regenerates the typed TypeScript clients of every contract (clients/ts/src/) from the committed
# JSON schemas (schema/<contract>/schema/*.json) with @cosmwasm/ts-codegen, then type-checks them.
#   scripts/codegen.sh --write    regenerate clients/ts/src (commit it with the schema change)
#   scripts/codegen.sh --check    as CI runs it: regenerate into a temporary directory and fail,
#                                 printing the diff, when the committed clients are stale
# Installs clients/node_modules with `npm ci` first (scripts/web/common.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/web/common.sh"

MODE="${1:-}"
case "$MODE" in
  --write | --check) ;;
  *) die "usage: codegen.sh --write | --check" ;;
esac

ensure_node_modules
GENERATED="$CLIENTS_DIR/ts/src"
started=$SECONDS

if [ "$MODE" = --write ]; then
  (cd "$CLIENTS_DIR/ts" && node codegen.mjs "$GENERATED")
else
  fresh="$(mktemp -d)"
  trap 'rm -rf "$fresh"' EXIT
  (cd "$CLIENTS_DIR/ts" && node codegen.mjs "$fresh/src")
  if ! diff -ru "$GENERATED" "$fresh/src" >"$fresh/diff"; then
    head -n 200 "$fresh/diff" >&2
    die "clients/ts/src is stale: the schemas changed. Run 'bash scripts/codegen.sh --write' and commit clients/ts/src"
  fi
  say "clients/ts/src matches the schemas"
fi

# The generated code must compile: ts-codegen can emit clashing names (see codegen.mjs).
(cd "$CLIENTS_DIR/ts" && npx --no-install tsc -p .) || die "the generated clients do not type-check"
say "typed clients generated and type-checked in $((SECONDS - started))s"
