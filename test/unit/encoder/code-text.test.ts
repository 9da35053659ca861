// Knowledge-injected code texts: title, ancestors, own inclusion terms, index synonyms (held-out main terms out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCodeText, codeTextParts, mainTermKey } from '../../../src/encoder';
import type { CodeTextKnowledge } from '../../../src/encoder';
import type { CodeNote, IcdEntry, IndexHit } from '../../../src/icd';

const entry = (code: string, longTitle: string, kind: IcdEntry['kind']): IcdEntry => ({ code, shortTitle: longTitle, longTitle, billable: kind === 'code', kind, depth: 3, children: [], chapter: { number: 4, title: 'Endocrine', range: 'E00-E89' }, block: { range: 'E08-E13', title: 'Diabetes mellitus' } });
const E = {
  'E11.65': entry('E11.65', 'Type 2 diabetes mellitus with hyperglycemia', 'code'),
  'E11.6': entry('E11.6', 'Type 2 diabetes mellitus with other specified complications', 'subcategory'),
  E11: entry('E11', 'Type 2 diabetes mellitus', 'category'),
  'E08-E13': entry('E08-E13', 'Diabetes mellitus', 'block'),
} as Record<string, IcdEntry>;
const notes: CodeNote[] = [
  { kind: 'inclusionTerm', text: 'Inherited note from the category', codes: [], from: 'E11' },
  { kind: 'inclusionTerm', text: 'Type 2 diabetes with high blood sugar', codes: [], from: 'E11.65' },
  { kind: 'excludes1', text: 'Type 1 diabetes', codes: ['E10'], from: 'E11.65' },
];
const hits: IndexHit[] = [
  { path: ['Diabetes, diabetic', 'type 2', 'with', 'hyperglycemia'], codes: ['E11.65'], referenced: ['E11.65'] },
  { path: ['Hyperglycemia', 'in type 2 diabetes'], codes: ['E11.65'], referenced: ['E11.6'] },
  { path: ['Sugar', 'high, diabetic'], codes: ['E11.65'], see: 'Diabetes' },
  { path: ['Diabetes, diabetic', 'with', 'hyperglycemia'], codes: ['E11.65'], referenced: ['E11.65'] },
];
const kb: CodeTextKnowledge = {
  get: (c: string) => E[c],
  ancestors: () => [E['E11.6'], E.E11, E['E08-E13']],
  notes: () => notes,
  indexEntries: () => hits,
} as never;

test('code text = title ; ancestors (codes only) ; own inclusion terms ; synonyms (direct, shortest first)', () => {
  assert.equal(buildCodeText(kb, 'E11.65'), [
    'Type 2 diabetes mellitus with hyperglycemia', 'Type 2 diabetes mellitus with other specified complications', 'Type 2 diabetes mellitus',
    'Type 2 diabetes with high blood sugar',
    'Diabetes, diabetic, with, hyperglycemia', 'Diabetes, diabetic, type 2, with, hyperglycemia', 'Hyperglycemia, in type 2 diabetes', 'Sugar, high, diabetic',
  ].join(' ; '));
  assert.equal(buildCodeText(kb, 'E11.65', { maxSynonyms: 1, maxAncestors: 0 }), 'Type 2 diabetes mellitus with hyperglycemia ; Type 2 diabetes with high blood sugar ; Diabetes, diabetic, with, hyperglycemia');
});

test('held-out main terms are left out of the synonyms, whatever their case or punctuation', () => {
  const p = codeTextParts(kb, 'E11.65', { excludeMainTerms: new Set(['DIABETES DIABETIC']) })!;
  assert.deepEqual(p.synonyms, ['Hyperglycemia, in type 2 diabetes', 'Sugar, high, diabetic']);
  assert.equal(mainTermKey('Legg (-Calvé)-Perthes'), 'leggcalveperthes');
});

test('an unknown code gives the code itself', () => {
  assert.equal(buildCodeText(kb, 'Q99.99'), 'Q99.99');
});
