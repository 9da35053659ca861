// Billing, outpatient: code what the visit addressed; symptoms only where no diagnosis explains them (synthetic notes).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodingEngine } from '../../../src/coder/index';
import { resolveModelsDir } from '../../../src/common/paths';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
let engine: CodingEngine;
before(async () => { if (kbPresent) engine = await CodingEngine.create({ encoder: null }); });
const codes = async (text: string) => (await engine.code(text, { policy: 'billing', useEncoder: false })).suggestions.map((s) => s.code);

test('a history symptom the assessment does not take up is not coded beside the assessed diagnosis', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const s = await codes('HISTORY OF PRESENT ILLNESS:\nShe wakes at night with numbness in both hands.\n\nASSESSMENT AND PLAN:\nBilateral carpal tunnel syndrome. Night splints.\n');
  assert.ok(s.some((c) => c.startsWith('G56.0')), s.join(' '));
  assert.ok(!s.includes('R20.0'), s.join(' '));
  // The same symptom in the assessment is coded (no diagnosis explains it there).
  const alone = await codes('ASSESSMENT AND PLAN:\nNumbness of both hands, cause not yet known. Nerve conduction study ordered.\n');
  assert.ok(alone.includes('R20.0'), alone.join(' '));
});

test('back pain is part of the radiculopathy the assessment names; "pain" alone is never R52 beside a named condition', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const s = await codes('CHIEF COMPLAINT:\nBack pain.\n\nASSESSMENT AND PLAN:\nLumbar radiculopathy. Physical therapy.\n');
  assert.ok(s.some((c) => c.startsWith('M54.1')), s.join(' '));
  assert.ok(!s.some((c) => /^M54\.(5|9)/.test(c) || c === 'R52'), s.join(' '));
  const knee = await codes('HISTORY OF PRESENT ILLNESS:\nThe pain began after a fall; she cannot bear weight.\n\nASSESSMENT AND PLAN:\nRight ankle sprain.\n');
  assert.ok(knee.includes('S93.401A'), knee.join(' '));
  assert.ok(!knee.includes('R52') && !knee.some((c) => c.startsWith('T14.9')), knee.join(' '));
});
