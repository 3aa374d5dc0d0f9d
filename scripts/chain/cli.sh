# CLI helpers of the chain scripts (smoke.sh, ibc-smoke.sh): sourced after common.sh.
# They print each wasmd command as a reader would type it, run it, and check its result.

require_wasmd
# `wasmd` on PATH so the printed lines are exactly what a reader types.
export PATH="$CHAIN_BIN_DIR:$PATH"

# Loads the settings of running chain $1 (CHAIN_ID, CHAIN_HOME, TX_FLAGS, QUERY_FLAGS, ...).
use_chain() {
  local env
  env="$(chain_home "$1")/chain.env"
  [ -f "$env" ] || die "chain '$1' is not running: start it with scripts/chain/start.sh $1"
  source "$env"
}

# The address of test key $1 (accounts.env) on the current chain.
address_of() {
  wasmd keys show "$1" -a --home "$CHAIN_HOME" --keyring-backend test
}

# Prints a command as a reader would type it: JSON quoted, the chain's flags as $TX_FLAGS etc.
show() {
  local line="" arg
  for arg in "$@"; do
    [[ "$arg" =~ [[:space:]\{\"] ]] && arg="'$arg'"
    line+="${line:+ }$arg"
  done
  line="${line//"$TX_FLAGS"/\$TX_FLAGS}"
  line="${line//"$QUERY_FLAGS"/\$QUERY_FLAGS}"
  line="${line//"$REPO_ROOT/"/}"
  printf '\n$ %s\n' "$line" >&2
}

# Runs a `wasmd tx ...` line, waits for its block and prints the tx result as JSON;
# fails with the chain's log when the tx is refused or fails.
tx() {
  show "$@"
  local out hash code result=""
  out="$("$@")"
  code="$(jq -r '.code' <<<"$out")"
  [ "$code" = 0 ] || die "tx refused (code $code): $(jq -r '.raw_log' <<<"$out")"
  hash="$(jq -r '.txhash' <<<"$out")"
  for _ in $(seq 1 60); do
    result="$(wasmd query tx "$hash" $QUERY_FLAGS 2>/dev/null)" && break
    sleep 0.5
  done
  [ -n "$result" ] || die "tx $hash not in a block after 30 s"
  code="$(jq -r '.code' <<<"$result")"
  [ "$code" = 0 ] || die "tx $hash failed (code $code): $(jq -r '.raw_log' <<<"$result")"
  printf '%s\n' "$result"
}
# The value of attribute $2 of the first event of type $1 in a tx result on stdin.
event_attr() {
  jq -r --arg type "$1" --arg key "$2" \
    '[.events[] | select(.type == $type) | .attributes[] | select(.key == $key) | .value][0]'
}
query() {
  show "$@"
  "$@"
}
expect_eq() { # what actual expected
  [ "$2" = "$3" ] || die "$1: got '$2', expected '$3'"
  say "ok: $1 = $2"
}
