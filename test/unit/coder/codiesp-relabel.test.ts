// CodiEsp's 2018 labels are read in FY2026 terms before the scorer learns from them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodingEngine } from '../../../src/coder/index';
import { effectiveGold, relabelled } from '../../../scripts/train-scorer';
import { resolveModelsDir } from '../../../src/common/paths';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
let engine: CodingEngine;
before(async () => { if (kbPresent) engine = await CodingEngine.create({ encoder: null }); });

test('2018 F32.9 for "depression" is FY2022\'s F32.A when the current index reads the note so', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const kb = engine.kb;
  assert.equal(relabelled(kb, 'F329', new Set(['F329']), new Set(['F32A'])), 'F32A');
  assert.deepEqual([...effectiveGold(kb, new Set(['F329', 'I10']), new Set(['F32A', 'I10']))].sort(), ['F32A', 'I10']);
  // The lexicon read F32.9 itself, or the sibling is already gold, or the gold code is not an unspecified one: kept.
  assert.equal(relabelled(kb, 'F329', new Set(['F329']), new Set(['F329', 'F32A'])), undefined);
  assert.equal(relabelled(kb, 'F329', new Set(['F329', 'F32A']), new Set(['F32A'])), undefined);
  assert.equal(relabelled(kb, 'E119', new Set(['E119']), new Set(['E1165'])), undefined);
});
