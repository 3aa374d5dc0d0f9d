# Shared by the TypeScript scripts (scripts/codegen.sh, scripts/web/*.sh): sourced, never run alone.
# Installs clients/node_modules from the committed lock file, once per lock file.

source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

CLIENTS_DIR="$REPO_ROOT/clients"
WEB_DIR="$CLIENTS_DIR/web"
# npm's download cache lives with the other caches, so fresh clones and CI runs reuse it.
export npm_config_cache="${npm_config_cache:-$DAC_CACHE/npm}"
# Lock files name no registry host, whoever regenerates them (also in clients/.npmrc).
export npm_config_omit_lockfile_registry_resolved=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

require_node() {
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js 18+ and npm are needed (apt-get install nodejs npm)"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 18 ] || die "Node.js 18+ is needed, found $(node --version)"
}

# `npm ci` in clients/ (one npm workspace: ts/ and web/) unless node_modules was installed from
# this very lock file; a stamp in node_modules remembers which.
ensure_node_modules() {
  require_node
  local stamp="$CLIENTS_DIR/node_modules/.dac-lock-sha256" want
  want="$(sha256sum "$CLIENTS_DIR/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "==> npm ci in clients/ (cache: $npm_config_cache)"
  local started=$SECONDS
  (cd "$CLIENTS_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in clients/"
  printf '%s\n' "$want" >"$stamp"
  say "npm ci done in $((SECONDS - started))s"
}

# Debian's Chromium for Playwright (no browser download): DAC_CHROMIUM, else /usr/bin/chromium,
# installed with apt-get when missing and we are root. Prints its path.
ensure_chromium() {
  local chromium="${DAC_CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    [ -z "${DAC_CHROMIUM:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
      || die "no Chromium at $chromium: apt-get install chromium, or set DAC_CHROMIUM=/path/to/chromium"
    # e2e.sh --all runs two app tests at once: one installs, the other waits for it.
    mkdir -p "$DAC_CACHE"
    (
      flock 9
      [ -x "$chromium" ] && exit 0
      say "==> installing Debian's chromium (apt-get)"
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    ) 9>"$DAC_CACHE/chromium-install.lock" || die "apt-get install chromium failed"
  fi
  printf '%s\n' "$chromium"
}

# The RPC address of running chain $1 (from its chain.env).
chain_env_rpc() {
  local env
  env="$(chain_home "$1")/chain.env"
  [ -f "$env" ] || die "chain '$1' is not running (no $env): scripts/chain/start.sh $1"
  (source "$env" && printf '%s\n' "$CHAIN_RPC")
}

# Writes the app's config.json (path $3) for chain $1 from its chain.env and the deployment JSON $2;
# then any number of peer nodes as pairs: chain, deployment JSON (a node this node's relay recognizes).
write_config() {
  local chain="$1" deployment="$2" out="$3" env rpc_port offset peers=()
  shift 3
  env="$(chain_home "$chain")/chain.env"
  [ -f "$env" ] || die "chain '$chain' is not running (no $env): scripts/chain/start.sh $chain"
  [ -f "$deployment" ] || die "no deployment at $deployment: scripts/deploy.sh $chain"
  while [ "$#" -ge 2 ]; do
    [ -f "$2" ] || die "no peer deployment at $2: scripts/deploy.sh $1"
    peers+=(--peer-deployment "$2" --peer-rpc "$(chain_env_rpc "$1")")
    shift 2
  done
  [ "$#" = 0 ] || die "write_config: a peer needs a chain and a deployment JSON (got only '$1')"
  (
    source "$env"
    # chain.env names no REST address; start.sh moves every port by the same offset.
    rpc_port="${CHAIN_RPC##*:}"
    offset=$(((rpc_port - $(chain_rpc_port 0)) / 100))
    node "$WEB_DIR/make-config.mjs" --deployment "$deployment" --chain-id "$CHAIN_ID" \
      --rpc "$CHAIN_RPC" --rest "http://$CHAIN_HOST:$(chain_api_port "$offset")" \
      --denom "$DENOM" --gas-price "${GAS_PRICES%"$DENOM"}" \
      --refresh-seconds "${DAC_WEB_REFRESH:-3}" "${peers[@]}" --out "$out"
  )
}
