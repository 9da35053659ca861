// `npm run package`: one VSIX per platform, the way extensions with native code ship (vsce --target). Each holds the
// bundles, the models and only its own onnxruntime-node binary. `-- --target linux-x64` builds one.
// Output: dist-vsix/clinical-coder-<target>.vsix, with the size of each printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist-vsix');
const BIN = 'node_modules/onnxruntime-node/bin/napi-v6';
// VS Code's target names and the runtime package's folders. darwin-x64 is listed so that its absence is said.
const TARGETS = { 'linux-x64': 'linux/x64', 'linux-arm64': 'linux/arm64', 'darwin-arm64': 'darwin/arm64', 'darwin-x64': 'darwin/x64', 'win32-x64': 'win32/x64' };

const arg = process.argv.indexOf('--target');
const wanted = arg > 0 ? process.argv[arg + 1].split(',') : Object.keys(TARGETS);
for (const t of wanted) if (!TARGETS[t]) { console.error(`package: unknown target ${t} (known: ${Object.keys(TARGETS).join(', ')})`); process.exit(2); }
if (!existsSync(join(ROOT, 'dist', 'extension.js'))) { console.error('package: dist/ is missing: run npm run build first'); process.exit(1); }
mkdirSync(OUT, { recursive: true });

const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const baseIgnore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
const made = [];
for (const target of wanted) {
  const folder = `${BIN}/${TARGETS[target]}`;
  if (!existsSync(join(ROOT, folder))) {
    console.log(`package: ${target}: skipped, onnxruntime-node ${pkgVersion('onnxruntime-node')} ships no binary for it`);
    continue;
  }
  const ignoreFile = join(tmpdir(), `clinical-coder-vscodeignore-${process.pid}-${target}`);
  writeFileSync(ignoreFile, `${baseIgnore}\n# this target's native runtime\n!${folder}/**\n`);
  const file = join(OUT, `clinical-coder-${target}.vsix`);
  rmSync(file, { force: true });
  const r = spawnSync(process.execPath, [vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', file],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  rmSync(ignoreFile, { force: true });
  if (r.status !== 0) { process.stdout.write(r.stdout ?? ''); console.error(`package: ${target} failed (exit ${r.status})`); process.exit(r.status || 1); }
  made.push({ target, file, mb: statSync(file).size / 1048576 });
}
console.log('\nplatform VSIXs:');
for (const m of made) console.log(`  ${m.target.padEnd(13)} ${m.mb.toFixed(1).padStart(6)} MB  ${m.file.slice(ROOT.length + 1)}`);

function pkgVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}
