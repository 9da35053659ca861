// `clinical-coder rules`, `rules --check` and `--disable-rule`, end to end in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveModelsDir } from '../../../src/common/paths';
import { CODING_RULES } from '../../../src/coder/rules/registry';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/cli.ts', ...args], { encoding: 'utf8', timeout: 180_000 });

test('rules: one JSON line per registered rule with id, title, guideline, policies, phase and example count', () => {
  const r = cli(['rules']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, CODING_RULES.length);
  assert.deepEqual(Object.keys(lines[0]), ['id', 'title', 'guideline', 'policies', 'phase', 'examples']);
  const h = lines.find((l) => l.id === 'history-z-codes');
  assert.equal(h.examples, CODING_RULES.find((x) => x.id === 'history-z-codes')!.examples.length);
});

test('rules --check passes on the shipped knowledge base; an unknown --disable-rule is a usage error', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const r = cli(['rules', '--check']);
  assert.equal(r.status, 0, r.stderr);
  const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(results.length, CODING_RULES.reduce((n, x) => n + x.examples.length, 0));
  assert.ok(results.every((x) => x.ok));
  assert.match(r.stderr, /examples pass/);
  const bad = cli(['rules', '--disable-rule', 'no-such-rule']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown rule id "no-such-rule"/);
});

test('code --disable-rule ID: the rule no longer applies', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rules-'));
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, 'Assessment: type 2 diabetes mellitus, poorly controlled, A1c 10.2%.');
  const codes = (extra: string[]) => {
    const r = cli(['code', '--no-encoder', '--workers', '0', '--format', 'json', ...extra, file]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout)[0].suggestions as { code: string; rules?: { id: string }[] }[];
  };
  const on = codes([]);
  assert.ok(on.find((s) => s.code === 'E11.65')?.rules?.some((x) => x.id === 'diabetes-hyperglycemia'), JSON.stringify(on));
  const off = codes(['--disable-rule', 'diabetes-hyperglycemia']);
  assert.ok(!off.some((s) => s.code === 'E11.65'), off.map((s) => s.code).join(' '));
});
