// The rule tables are data: checked against the shipped FY2026 knowledge base (targets billable, ranges non-empty,
// every row reachable) and by construction (ranges nest or are disjoint).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadKnowledgeBase } from '../../../src/icd/loader';
import type { IcdKnowledgeBase } from '../../../src/icd/knowledge-base';
import { resolveModelsDir } from '../../../src/common/paths';
import { CodeRangeTable, rangeTableProblems } from '../../../src/coder/rules/code-range-table';
import { FAMILY_HISTORY, PERSONAL_HISTORY, familyHistoryCode, personalHistoryCode } from '../../../src/coder/rules/history-codes';
import { CLASSES } from '../../../src/coder/rules/long-term-drugs';
import drugTable from '../../../src/coder/rules/data/long-term-drugs.json';
import encounterTable from '../../../src/coder/rules/data/preventive-encounters.json';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
let kb: IcdKnowledgeBase;
before(() => { if (kbPresent) kb = loadKnowledgeBase(resolveModelsDir()); });

test('history tables: every target billable in FY2026, every range non-empty, every row reached', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  assert.deepEqual([...rangeTableProblems(PERSONAL_HISTORY, kb), ...rangeTableProblems(FAMILY_HISTORY, kb)], []);
});

test('history tables: the most specific range wins, whatever the row order', () => {
  // C18 lies inside C19-C21's neighbour rows and inside "C": colon is Z85.038, rectum Z85.048.
  assert.equal(personalHistoryCode('C18.9'), 'Z85.038');
  assert.equal(personalHistoryCode('C20'), 'Z85.048');
  assert.equal(personalHistoryCode('C80.1'), 'Z85.9');
  assert.equal(personalHistoryCode('K63.5'), 'Z86.0100');
  assert.equal(familyHistoryCode('K63.5'), 'Z83.719');
  assert.equal(familyHistoryCode('N18.9'), 'Z84.19');
  const rows = [{ range: 'C', code: 'Z85.9' }, { range: 'C18-C21', code: 'Z85.048' }, { range: 'C18', code: 'Z85.038' }];
  for (const order of [rows, [...rows].reverse()]) assert.equal(new CodeRangeTable('t', order).lookup('C18.2'), 'Z85.038');
});

test('range tables: overlapping ranges that do not nest, repeats and malformed ranges are refused', () => {
  assert.throws(() => new CodeRangeTable('t', [{ range: 'C10-C20', code: 'A' }, { range: 'C15-C26', code: 'B' }]), /overlap/);
  assert.throws(() => new CodeRangeTable('t', [{ range: 'C18', code: 'A' }, { range: 'C18', code: 'B' }]), /twice/);
  assert.throws(() => new CodeRangeTable('t', [{ range: 'c18', code: 'A' }]), /not a code prefix/);
  assert.throws(() => new CodeRangeTable('t', [{ range: 'C21-C18', code: 'A' }]), /empty/);
});

test('range tables: a header target and a shadowed row are reported', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const table = new CodeRangeTable('t', [{ range: 'K63.5', code: 'Z86.010' }, { range: 'C18', code: 'Z85.038' },
    { range: 'C18.0', code: 'Z85.038' }, { range: 'C18.1-C18.9', code: 'Z85.038' }, { range: 'C18.X', code: 'Z85.038' }]);
  const problems = rangeTableProblems(table, kb).join('\n');
  assert.match(problems, /Z86\.010 is not a billable code/);
  assert.match(problems, /row C18 -> Z85.038 is never reached/);
  assert.match(problems, /range C18\.X holds no billable code/);
});

test('long-term drug table: every class a billable FY2026 Z79 code, names lower case and in one class only', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const c of drugTable.classes) {
    if (!/^Z79\./.test(c.code) || !kb.isBillable(c.code)) problems.push(`${c.code}: not a billable Z79 code in FY2026`);
    if (!c.drugs.length) problems.push(`${c.code}: no drug names`);
    for (const d of c.drugs) {
      if (d !== d.toLowerCase() || d !== d.trim() || !/^[a-z0-9 -]+$/.test(d)) problems.push(`${c.code}: "${d}" is not a lower-case name`);
      if (seen.has(d)) problems.push(`"${d}" is in ${seen.get(d)} and ${c.code}`);
      seen.set(d, c.code);
    }
  }
  assert.deepEqual(problems, []);
  // Every name is found by its class's pattern, as a whole word only.
  for (const cls of CLASSES) for (const d of drugTable.classes.find((c) => c.code === cls.code)!.drugs) {
    assert.ok(cls.drug.test(`on ${d} daily`), `${cls.code} does not find "${d}"`);
    assert.ok(!cls.drug.test(`on x${d.replace(/ /g, '')}x daily`) || d.includes(' '), `${cls.code} finds "${d}" inside a word`);
  }
});

test('preventive encounter table: every code billable in FY2026, every trimester of the pregnancy codes, phrases lower case and unique', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const problems: string[] = [];
  for (const e of encounterTable.examinations) for (const c of [e.without, e.with]) if (!kb.isBillable(c)) problems.push(`${e.id}: ${c}`);
  const p = encounterTable.pregnancy;
  for (const base of [p.first, p.other, p.unspecified]) for (const d of ['0', '1', '2', '3']) if (!kb.isBillable(`${base}${d}`)) problems.push(`${base}${d}`);
  const phrases = [...encounterTable.examinations.flatMap((e) => e.phrases), ...p.phrases];
  for (const ph of phrases) if (ph !== ph.toLowerCase() || !ph.trim()) problems.push(`phrase "${ph}"`);
  assert.equal(new Set(phrases).size, phrases.length, 'a phrase is listed twice');
  assert.deepEqual(problems, []);
});
