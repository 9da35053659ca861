// Layer 1: unit tests with Node's own test runner, TypeScript through tsx. No VS Code.
// `npm run test:unit -- test/unit/icd` runs one folder or file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(p) {
  if (statSync(p).isFile()) return p.endsWith('.test.ts') ? [p] : [];
  return readdirSync(p).sort().flatMap((f) => collect(join(p, f)));
}
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit'];
const files = roots.flatMap(collect);
const r = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
], { stdio: 'inherit' });
process.exit(r.status ?? 1);
