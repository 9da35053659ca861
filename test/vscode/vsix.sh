#!/usr/bin/env bash
# Layer: the product as a user installs it. Packages this machine's platform VSIX (scripts/package.mjs), installs it
# into a fresh code-server profile (--install-extension, nothing loaded from the source tree), points
# clinicalCoder.model.path at a custom HF-layout model folder outside the extension, turns the encoder on, and runs
# the UI check (squiggles, hover, lenses, quick fix, Problems, status bar naming the custom model) against it.
# Needs `npm run build` first. Env: CACHE (installs), KEEP_RUN=1 keeps the temp run folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
. "$ROOT/test/vscode/versions.sh"
OUT="$ROOT/.vscode-test/out"; SHOTS="$ROOT/.vscode-test/screenshots/vsix"
. "$ROOT/test/vscode/code-server.sh"
T0=$(t)
CACHE="$CACHE" CS_VERSION="$CS_VERSION" NODE24="$NODE24" bash test/vscode/setup.sh
[ -f dist/extension.js ] && [ -f dist/server.js ] || { echo "dist/ is missing: run npm run build first"; exit 1; }
TARGET="$(node -p '`${process.platform}-${process.arch}`')"
node scripts/package.mjs --target "$TARGET"
VSIX="$ROOT/dist-vsix/clinical-coder-$TARGET.vsix"
N24="$CACHE/node-v$NODE24"; CS="$CACHE/code-server-$CS_VERSION"
mkdir -p "$OUT"; rm -rf "$SHOTS"; mkdir -p "$SHOTS"

RUN="$(mktemp -d "$CACHE/vsix-run.XXXX")"
mkdir -p "$RUN/ud/User" "$RUN/exts" "$RUN/ws"
cp -r samples/. "$RUN/ws/"
# A model folder of the user's own, in the Hugging Face layout (config.json, tokenizer.json, onnx/model.onnx).
MODEL="$RUN/my-clinical-encoder"
mkdir -p "$MODEL/onnx"
cp models/encoder/config.json models/encoder/tokenizer.json models/encoder/tokenizer_config.json "$MODEL/"
cp models/encoder/onnx/model.onnx "$MODEL/onnx/"
# The model path is a machine-overridable setting: in code-server (a remote window) it goes in the machine settings.
mkdir -p "$RUN/ud/Machine"
node -e '
  const fs = require("fs"); const [src, user, machine, model] = process.argv.slice(1);
  const s = JSON.parse(fs.readFileSync(src, "utf8"));
  fs.writeFileSync(user, JSON.stringify({ ...s, "clinicalCoder.encoder.enabled": true }, null, 2));
  fs.writeFileSync(machine, JSON.stringify({ "clinicalCoder.model.path": model }, null, 2));
' test/vscode/settings.json "$RUN/ud/User/settings.json" "$RUN/ud/Machine/settings.json" "$MODEL"
TI=$(t)
PATH="$N24/bin:$PATH" "$CS/bin/code-server" --config /dev/null --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" --install-extension "$VSIX" > "$OUT/vsix-install.log" 2>&1 \
  || { cat "$OUT/vsix-install.log"; echo "0 passed, 1 failed"; exit 1; }
ls -d "$RUN/exts"/clinical-coder.clinical-coder-* >/dev/null 2>&1 || { cat "$OUT/vsix-install.log"; echo "the VSIX did not install"; echo "0 passed, 1 failed"; exit 1; }
echo "[vsix] installed $(basename "$VSIX") ($(du -h "$VSIX" | cut -f1)) in $(since "$TI")"
start_code_server "$OUT/vsix-code-server.log"
echo "[vsix] code-server $CS_VERSION on $URL"
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
rc=0
EXT_DEV="" EXPECT_MODEL="custom model $MODEL" node test/vscode/e2e.mjs "$URL" "$RUN/ws" "$SHOTS" 2>"$OUT/vsix-e2e-stderr.log" || rc=1
echo "[vsix] layer total $(since "$T0")"
exit $rc
