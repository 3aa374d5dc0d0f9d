#!/usr/bin/env bash
# Regenerates the JSON schema of every contract (src/bin/schema.rs, run from schema/<contract>/,
# writing schema/<contract>/schema/) and fails when the committed schema differs from the fresh
# one. `--write` only regenerates (then commit schema/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

mode=check
case "${1:-}" in
  "") ;;
  --write) mode=write ;;
  *) die "usage: $0 [--write]" ;;
esac
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "not a git work tree: cannot compare"

LOCKED="$(cargo_locked_flag)"
mapfile -t DIRS < <(contract_dirs)
[ "${#DIRS[@]}" -gt 0 ] || die "no contracts under contracts/"

missing=()
for dir in "${DIRS[@]}"; do
  [ -f "contracts/$dir/src/bin/schema.rs" ] || missing+=("contracts/$dir/src/bin/schema.rs")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "error: every contract must generate its schema; missing:"
  printf '  %s\n' "${missing[@]}" >&2
  die "add src/bin/schema.rs calling cosmwasm_schema::write_api! (see contracts/demurrage-token)"
fi

# Each schema is generated into a scratch folder and replaces the committed one only when the
# generator succeeded: a failed build leaves schema/ as it was. Replacing the whole folder makes a
# message that was removed also remove its file.
# Inside the repository, so that rustup finds rust-toolchain.toml from there (the pinned compiler,
# the same build as every other stage); ignored by git.
SCRATCH="$(mktemp -d "$REPO_ROOT/schema/.scratch.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
for dir in "${DIRS[@]}"; do
  crate="$(crate_name "$dir")"
  say "==> schema of $crate -> schema/$dir/"
  mkdir -p "$SCRATCH/$dir"
  (cd "$SCRATCH/$dir" && cargo run -q $LOCKED --manifest-path "$REPO_ROOT/Cargo.toml" \
    -p "$crate" --bin schema >/dev/null) || die "$crate: the schema generator failed (schema/ untouched)"
  [ -d "$SCRATCH/$dir/schema" ] || die "$crate: the schema generator wrote no schema/ folder"
  mkdir -p "schema/$dir"
  rm -rf "schema/$dir/schema"
  mv "$SCRATCH/$dir/schema" "schema/$dir/schema"
done

# A schema folder whose contract is gone is stale too.
orphans=()
for existing in schema/*/; do
  [ -d "$existing" ] || continue
  name="$(basename "$existing")"
  [ -f "contracts/$name/Cargo.toml" ] || orphans+=("schema/$name/")
done
if [ "${#orphans[@]}" -gt 0 ]; then
  say "schema folders without a contract under contracts/ (remove them: git rm -r <folder>):"
  printf '  %s\n' "${orphans[@]}" >&2
  [ "$mode" = write ] || exit 1
fi

[ "$mode" = check ] || { say "schemas written under schema/: review and commit them"; exit 0; }

changes="$(git status --porcelain --untracked-files=all -- schema/)"
if [ -n "$changes" ]; then
  say ""
  say "error: the committed schemas differ from freshly generated ones:"
  say "$changes"
  git --no-pager diff --stat -- schema/ >&2 || true
  git --no-pager diff -- schema/ | head -n 200 >&2 || true
  say ""
  say "fix: bash scripts/check-schemas.sh --write && git add schema/ && git commit -m 'Regenerate schemas' -- schema/"
  exit 1
fi
say "schemas are up to date"
