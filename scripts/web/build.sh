#!/usr/bin/env bash
# Type-checks the members' app (clients/web: app, tests and tools), builds it into
# clients/web/dist/ with Vite and runs its unit tests (no browser, no chain). CI runs it
# (scripts/test.sh, stage `web`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_node_modules
started=$SECONDS
(cd "$WEB_DIR" && npx --no-install tsc -p .) || die "clients/web does not type-check"
(cd "$WEB_DIR" && npx --no-install vite build --logLevel warn) || die "the app did not build (vite build in clients/web)"
# The app's own logic; the browser test against a chain is scripts/web/test.sh.
(cd "$WEB_DIR" && npx --no-install playwright test tests/amounts.spec.ts) || die "the app's unit tests failed"
say "members' app type-checked, built and unit-tested in $((SECONDS - started))s"
