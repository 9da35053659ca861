#!/usr/bin/env bash
# Code Explorer UI check in a real VS Code (code-server, offline) with headless Debian chromium: screenshots of
# the webview in the light and the dark theme (tree expanded to a code, code detail with Excludes1 and 7th
# characters, note summary with an accepted code) into .vscode-test/screenshots/explorer/.
# Reuses the installs of test/vscode/setup.sh. Needs `npm run build` first.   Usage: bash test/vscode/explorer-ui.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. "$ROOT/test/vscode/versions.sh"
OUT="$ROOT/.vscode-test/out"; SHOTS="$ROOT/.vscode-test/screenshots/explorer"
CACHE="$CACHE" CS_VERSION="$CS_VERSION" NODE24="$NODE24" bash test/vscode/setup.sh
[ -f dist/extension.js ] && [ -f dist/server.js ] && [ -f dist/webview.js ] || { echo "dist/ is missing: run npm run build first"; exit 1; }
N24="$CACHE/node-v$NODE24"; CS="$CACHE/code-server-$CS_VERSION"
mkdir -p "$OUT"; rm -rf "$SHOTS"; mkdir -p "$SHOTS"

RUN="$(mktemp -d "$CACHE/explorer-run.XXXX")"
mkdir -p "$RUN/ud/User" "$RUN/exts" "$RUN/ws"
cp test/vscode/settings.json "$RUN/ud/User/settings.json"
cp -r samples/. "$RUN/ws/"
. test/vscode/code-server.sh
start_code_server "$OUT/explorer-code-server.log"
echo "[explorer-ui] code-server $CS_VERSION on $URL"
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
EXT_DEV="$ROOT" USER_SETTINGS="$RUN/ud/User/settings.json" node test/vscode/explorer-ui.mjs "$URL" "$RUN/ws" "$SHOTS"
