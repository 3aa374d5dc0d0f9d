#!/usr/bin/env bash
# Type-checks the member page (clients/web: page, test and tools) and bundles it into
# clients/web/dist/ with esbuild. Needs no chain. CI runs it (scripts/test.sh, stage `web`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_node_modules
started=$SECONDS
(cd "$WEB_DIR" && npx --no-install tsc -p .) || die "clients/web does not type-check"
(cd "$WEB_DIR" && node build.mjs)
say "member page type-checked and built in $((SECONDS - started))s"
