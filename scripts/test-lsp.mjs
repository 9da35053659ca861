// Layer 2: language-server protocol tests. Spawns the BUILT server (dist/server.js --stdio) from plain LSP
// clients; no VS Code. Run `npm run build` first (npm run test:lsp does).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

if (!existsSync('dist/server.js')) { console.error('dist/server.js not found: run "npm run build" first.'); process.exit(1); }
const files = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync('test/lsp').filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test/lsp', f));
const r = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
], { stdio: 'inherit' });
process.exit(r.status ?? 1);
