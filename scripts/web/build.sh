#!/usr/bin/env bash
# Type-checks the member page (clients/web: page, test and tools), bundles it into
# clients/web/dist/ with esbuild and runs its unit tests (no browser, no chain). CI runs it
# (scripts/test.sh, stage `web`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_node_modules
started=$SECONDS
(cd "$WEB_DIR" && npx --no-install tsc -p .) || die "clients/web does not type-check"
(cd "$WEB_DIR" && node build.mjs)
# The page's own logic; the browser test against a chain is scripts/web/test.sh.
(cd "$WEB_DIR" && npx --no-install playwright test tests/amounts.spec.ts) || die "the page's unit tests failed"
say "member page type-checked, built and unit-tested in $((SECONDS - started))s"
