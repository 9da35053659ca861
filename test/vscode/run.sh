#!/usr/bin/env bash
# Layer 3: the extension in a real VS Code, offline. code-server (VS Code 1.139 with a Node extension host)
# on 127.0.0.1 plus headless Debian Chromium through playwright-core:
#   1) the Mocha suite in the extension host (test/vscode/suite, as @vscode/test-electron's runTests would run it)
#   2) a UI check of the rendered workbench with PNG screenshots in .vscode-test/screenshots
# Needs `npm run build` first (npm run test:vscode does it). Env: CACHE (installs; default .vscode-test),
# KEEP_RUN=1 to keep the temp run folder. The installed package is checked by vsix.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. "$ROOT/test/vscode/versions.sh"
# Logs and screenshots stay in the project (ignored) even when CACHE points elsewhere (CI keeps it outside the clone).
OUT="$ROOT/.vscode-test/out"; SHOTS="$ROOT/.vscode-test/screenshots"
. "$ROOT/test/vscode/code-server.sh"
T0=$(t)

CACHE="$CACHE" CS_VERSION="$CS_VERSION" NODE24="$NODE24" bash test/vscode/setup.sh
[ -f dist/extension.js ] && [ -f dist/server.js ] || { echo "dist/ is missing: run npm run build first"; exit 1; }
node test/vscode/build.mjs
N24="$CACHE/node-v$NODE24"; CS="$CACHE/code-server-$CS_VERSION"
mkdir -p "$OUT"; rm -rf "$SHOTS"; mkdir -p "$SHOTS"

RUN="$(mktemp -d "$CACHE/run.XXXX")"
mkdir -p "$RUN/ud/User" "$RUN/exts" "$RUN/ws-it" "$RUN/ws-ui"
cp test/vscode/settings.json "$RUN/ud/User/settings.json"
cp -r samples/. "$RUN/ws-it/"; cp -r samples/. "$RUN/ws-ui/"
TS=$(t)
CLINICAL_CODER_IT_RESULT="$RUN/it.json" start_code_server "$OUT/code-server.log"
echo "[vscode] code-server $CS_VERSION on $URL after $(since "$TS")"
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"

rc=0
TI=$(t)
IT_LOG="$OUT/it-workbench.log" node test/vscode/it.mjs "$URL" "$RUN/ws-it" "$ROOT" "$ROOT/out/test/vscode/index.js" || rc=1
echo "[vscode] extension-host tests took $(since "$TI")"
TE=$(t)
EXT_DEV="$ROOT" E2E_RESULT="$RUN/e2e.json" node test/vscode/e2e.mjs "$URL" "$RUN/ws-ui" "$SHOTS" 2>"$OUT/e2e-stderr.log" || rc=1
echo "[vscode] UI check took $(since "$TE"); layer total $(since "$T0")"

node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const [name, file] of [["extension-host suite", process.argv[1]], ["UI check", process.argv[2]]]) {
    try { const r = JSON.parse(fs.readFileSync(file, "utf8")); p += r.passed; f += r.failed; }
    catch { console.log(`${name}: no result (it did not finish)`); f += 1; }
  }
  console.log(`${p} passed, ${f} failed`);
' "$RUN/it.json" "$RUN/e2e.json"
exit $rc
