// The supplementary index terms are reviewed data: every term names a billable FY2026 code, says where it comes from,
// and is read by the matching lexicon as written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodingEngine } from '../../../src/coder/index';
import { resolveModelsDir } from '../../../src/common/paths';
import table from '../../../src/coder/data/supplementary-terms.json';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
let engine: CodingEngine;
before(async () => { if (kbPresent) engine = await CodingEngine.create({ encoder: null }); });

test('supplementary terms: billable FY2026 codes, a source each, no repeats', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const term of table.terms) {
    const key = term.path.join(', ').toLowerCase();
    if (!term.path.length || term.path.some((p) => !p.trim())) problems.push(`empty path part in "${key}"`);
    if (!engine.kb.isBillable(term.code)) problems.push(`${key}: ${term.code} is not billable in FY2026`);
    if (term.source.trim().length < 20) problems.push(`${key}: no source`);
    if (seen.has(key)) problems.push(`${key}: repeated`);
    seen.add(key);
  }
  assert.deepEqual(problems, []);
});

test('supplementary terms: each is coded from its own words, and not when negated', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  for (const term of table.terms) {
    // Written the way notes put it: subterms first ("lumbar strain", "knee medial collateral ligament strain").
    const words = [...term.path.slice(1).reverse(), term.path[0]].join(' ');
    const got = await engine.code(`Assessment: ${words}.`, { policy: 'billing', useEncoder: false, threshold: 0 });
    const family = term.code.slice(0, 5);
    assert.ok(got.suggestions.some((s) => s.code.startsWith(family) && s.evidence.some((e) => e.matched?.endsWith('(supplement)'))), `${words}: ${got.suggestions.map((s) => s.code).join(' ')}`);
    const negated = await engine.code(`Assessment: no ${words}.`, { policy: 'billing', useEncoder: false });
    assert.ok(!negated.suggestions.some((s) => s.code.startsWith(family)), `no ${words}: ${negated.suggestions.map((s) => s.code).join(' ')}`);
  }
});
