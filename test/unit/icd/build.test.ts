// The build (scripts/build-icd.ts): reproducible from the sources, loud on malformed input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { resolveModelsDir, resolveProjectRoot, resolveSharedDataDir } from '../../../src/common/paths';
import { ARTIFACT_DIR, ARTIFACT_FILE } from '../../../src/icd/artifact';

const root = resolveProjectRoot();
const shared = resolveSharedDataDir();
const have = !!shared && fs.existsSync(path.join(shared, 'icd10cm', 'icd10cm_order_2026.txt.gz'));

function build(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-icd.ts')], {
    cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000,
  });
}

test('npm run build:icd reproduces the committed artifact byte for byte', { timeout: 200_000 }, (t) => {
  if (!have) return t.skip('../shared/data not found: ICD-10-CM source files absent');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'icd-build-'));
  try {
    const r = build({ CLINICAL_CODER_MODELS: out, CLINICAL_CODER_SHARED_DATA: shared! });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /74,719 billable/);
    assert.match(r.stdout, /chapters: 22\/22 with codes; blocks: 296\/296 with codes/);
    const built = fs.readFileSync(path.join(out, ARTIFACT_DIR, ARTIFACT_FILE));
    const committed = fs.readFileSync(path.join(resolveModelsDir(), ARTIFACT_DIR, ARTIFACT_FILE));
    assert.ok(built.equals(committed), 'models/icd10cm is stale or the build is not deterministic: run npm run build:icd and commit');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the build fails loudly, naming the line, on a malformed order file', { timeout: 60_000 }, () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'icd-bad-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'icd-out-'));
  try {
    fs.mkdirSync(path.join(data, 'icd10cm'));
    const lines = [
      '00001 A00     0 Cholera                                                      Cholera',
      '00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae',
      'this line is not an order-file record',
    ];
    fs.writeFileSync(path.join(data, 'icd10cm', 'icd10cm_order_2026.txt.gz'), zlib.gzipSync(lines.join('\n')));
    const r = build({ CLINICAL_CODER_SHARED_DATA: data, CLINICAL_CODER_MODELS: out });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /icd10cm_order_2026\.txt\.gz: malformed line 3/);
    assert.ok(!fs.existsSync(path.join(out, ARTIFACT_DIR, ARTIFACT_FILE)), 'no artifact is written');
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});
