// `npm test`: builds, then runs typecheck, lint and the test layers in order and prints one combined closing line.
//   1. unit     — Node's test runner over test/unit (scripts/test-unit.mjs), no VS Code
//   2. lsp      — the built language server over stdio (scripts/test-lsp.mjs), no VS Code
//   3. webview  — the Code Explorer in headless chromium (test/webview)
//   4. vscode   — the extension in a real VS Code (code-server) + a Chromium UI check (test/vscode/run.sh)
//   5. explorer — the Code Explorer in the real workbench, light and dark, with screenshots
//   6. vsix     — the packaged linux-x64 VSIX installed into code-server, with a custom model folder (test/vscode/vsix.sh)
//   7. start    — `npm start`'s browser path, headless: start, load the printed URL, see suggestions, stop
// Every layer installs what it needs itself (test/vscode/setup.sh: apt and npm only), so any layer runs alone on a
// fresh machine. Each prints "N passed, N failed"; this exits non-zero if any layer fails. Under CI=true a skipped
// test counts as failed: CI has everything a test needs, so a skip there hides a broken install.
// `npm test -- --layers unit,lsp` runs a subset.
import { spawn } from 'node:child_process';

const arg = process.argv.indexOf('--layers');
const all = ['unit', 'lsp', 'webview', 'vscode', 'explorer', 'vsix', 'start'];
const wanted = arg > 0 ? process.argv[arg + 1].split(',') : all;
for (const w of wanted) if (!all.includes(w)) { console.error(`npm test: unknown layer ${w} (layers: ${all.join(', ')})`); process.exit(2); }
const ci = process.env.CI === 'true' || process.env.CI === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const layers = [
  { name: 'build', cmd: npm, args: ['run', 'build'], counts: false },
  // Static checks gate like a layer: strict types and zero lint warnings.
  { name: 'typecheck', cmd: npm, args: ['run', '--silent', 'typecheck'], counts: false },
  { name: 'lint', cmd: npm, args: ['run', '--silent', 'lint'], counts: false },
  { name: 'unit', cmd: process.execPath, args: ['scripts/test-unit.mjs'] },
  // strace: the egress test traces the server and the CLI for sockets and DNS lookups.
  { name: 'lsp', pre: ['bash', ['scripts/apt-need.sh', 'strace']], cmd: process.execPath, args: ['scripts/test-lsp.mjs'] },
  // Code Explorer webview in headless chromium (test/webview), which it installs first when missing.
  { name: 'webview', pre: ['bash', ['test/vscode/setup.sh', '--chromium-only']], cmd: process.execPath, args: ['scripts/test-unit.mjs', 'test/webview'] },
  { name: 'vscode', cmd: 'bash', args: ['test/vscode/run.sh'] },
  // Code Explorer in the real workbench, light and dark, with screenshots (test/vscode/explorer-ui.sh).
  { name: 'explorer', cmd: 'bash', args: ['test/vscode/explorer-ui.sh'] },
  { name: 'vsix', cmd: 'bash', args: ['test/vscode/vsix.sh'] },
  { name: 'start', cmd: process.execPath, args: ['test/vscode/start-smoke.mjs'] },
].filter((l) => l.counts === false || wanted.includes(l.name));

function spawnLayer(cmd, args) {
  return spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function prepare(layer) {
  if (!layer.pre) return Promise.resolve(0);
  return new Promise((resolve) => {
    const child = spawnLayer(...layer.pre);
    child.stdout.on('data', (d) => process.stdout.write(d));
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function run(layer) {
  const t0 = Date.now();
  const pre = await prepare(layer);
  if (pre !== 0) {
    console.log(`${layer.name}: its prerequisites could not be installed (exit ${pre}); see the messages above`);
    return { name: layer.name, code: pre, passed: 0, failed: 1, skipped: 0, found: true, secs: (Date.now() - t0) / 1000, counts: true };
  }
  return new Promise((resolve) => {
    const child = spawnLayer(layer.cmd, layer.args);
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      // The layer's own closing line: the last "N passed, N failed[, N skipped]" it printed.
      const m = [...out.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm)].pop();
      resolve({ name: layer.name, code: code ?? 1, passed: m ? +m[1] : 0, failed: m ? +m[2] : 0, skipped: m?.[3] ? +m[3] : 0, found: !!m, secs: (Date.now() - t0) / 1000, counts: layer.counts !== false });
    });
  });
}

const results = [];
for (const layer of layers) {
  console.log(`\n===== ${layer.name} =====`);
  const r = await run(layer);
  results.push(r);
  if (layer.name === 'build' && r.code !== 0) break;
}
console.log('\n===== summary =====');
let passed = 0, failed = 0, skipped = 0, bad = false;
for (const r of results) {
  if (!r.counts) { if (r.code !== 0) { bad = true; console.log(`${r.name}: FAILED (exit ${r.code})`); } continue; }
  // A layer that crashed before printing its counts counts as one failure.
  let f = r.failed + (r.code !== 0 && r.failed === 0 ? 1 : 0);
  if (ci && r.skipped) { console.log(`${r.name}: ${r.skipped} skipped under CI=true, counted as failed`); f += r.skipped; r.skipped = 0; }
  passed += r.passed; failed += f; skipped += r.skipped;
  if (r.code !== 0 || f) bad = true;
  console.log(`${r.name.padEnd(7)} ${r.passed} passed, ${f} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.found ? '' : ' (no summary line)'} — ${r.secs.toFixed(1)}s`);
}
if (results.length < layers.length) { bad = true; failed += layers.length - results.length; }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(bad ? 1 : 0);
