// The billing policy's care setting: outpatient codes an uncertain diagnosis as its documented symptoms, inpatient as
// established; the CLI takes it as --setting.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodingEngine } from '../../../src/coder/index';
import { parseCodingFlags } from '../../../src/cli/commands/code';
import { parseFlags, UsageError } from '../../../src/cli/command';
import { resolveModelsDir } from '../../../src/common/paths';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
let engine: CodingEngine;
before(async () => { if (kbPresent) engine = await CodingEngine.create({ encoder: null }); });
const codes = async (text: string, setting?: 'outpatient' | 'inpatient', extra: object = {}) =>
  (await engine.code(text, { policy: 'billing', useEncoder: false, setting, ...extra })).suggestions.map((s) => s.code);

test('outpatient (default): a possible diagnosis is coded as the symptoms written beside it', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const note = 'ASSESSMENT AND PLAN:\nPossible pneumonia with cough and fever.\n';
  for (const s of [await codes(note), await codes(note, 'outpatient')]) {
    assert.ok(s.includes('R05.9') && s.includes('R50.9'), s.join(' '));
    assert.ok(!s.includes('J18.9'), s.join(' '));
  }
  assert.deepEqual(await codes('ASSESSMENT AND PLAN:\nRule out pneumonia.\n'), []);
});

test('inpatient: the uncertain diagnosis is coded as established; the old option spells the same', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const note = 'ASSESSMENT AND PLAN:\nProbable community-acquired pneumonia.\n';
  assert.ok((await codes(note, 'inpatient')).includes('J18.9'));
  assert.ok((await codes(note, undefined, { codeUncertainAsConfirmed: true })).includes('J18.9'));
  assert.ok(!(await codes(note, 'outpatient', { codeUncertainAsConfirmed: true })).includes('J18.9'), 'setting wins over the old option');
});

test('CLI: --setting outpatient|inpatient, anything else is a usage error', () => {
  const flags = (a: string[]) => parseFlags(a, ['all', 'no-encoder']).flags;
  assert.equal(parseCodingFlags(flags(['--setting', 'inpatient', 'x.txt']), 'billing').setting, 'inpatient');
  assert.equal(parseCodingFlags(flags(['x.txt']), 'billing').setting, undefined);
  assert.throws(() => parseCodingFlags(flags(['--setting', 'icu', 'x.txt']), 'billing'), (e) => e instanceof UsageError && /outpatient or inpatient/.test(e.message));
});
