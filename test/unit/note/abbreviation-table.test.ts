// The one abbreviation table: one row per key, ambiguous keys with their senses and cues, shared by note reading and
// knowledge-base searches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ABBREVIATION_ROWS, abbreviationTableProblems } from '../../../src/note/abbreviation-table';
import { expandAbbreviations, lookupAbbreviation } from '../../../src/note';
import { ABBREVIATIONS } from '../../../src/icd/text';

test('abbreviation table: no problems, no key twice', () => {
  assert.deepEqual(abbreviationTableProblems(ABBREVIATION_ROWS), []);
  assert.ok(ABBREVIATION_ROWS.length >= 600, `${ABBREVIATION_ROWS.length} rows`);
});

test('abbreviation table: a repeated key (any case), a sense without cues and a row with both kinds are reported', () => {
  const problems = abbreviationTableProblems([
    { key: 'AKI', expansion: 'acute kidney injury' }, { key: 'aki', expansion: 'acute kidney failure' },
    { key: 'CP', senses: [{ expansion: 'chest pain', cues: [] }, { expansion: 'cerebral palsy', cues: ['spastic'] }] },
    { key: 'HTN', expansion: 'hypertension', senses: [{ expansion: 'a', cues: ['b'] }, { expansion: 'c', cues: ['d'] }] },
  ]).join('\n');
  assert.match(problems, /"aki" is listed twice/);
  assert.match(problems, /sense "chest pain" needs an expansion and cue words/);
  assert.match(problems, /"HTN" needs exactly one/);
});

test('AKI is acute kidney injury in notes and in searches alike (index: Injury, kidney, acute -> N17.9)', () => {
  assert.deepEqual(lookupAbbreviation('AKI'), { expansions: ['acute kidney injury'], ambiguous: false });
  assert.equal(ABBREVIATIONS.aki, 'acute kidney injury');
  for (const [k, v] of Object.entries(ABBREVIATIONS)) assert.equal(lookupAbbreviation(k)?.expansions[0].replace(/ \(.*\)/, ''), v, k);
});

test('keys that had two meanings are ambiguous, settled by context', () => {
  const lab = expandAbbreviations('CEA level elevated at 12 ng/mL.');
  assert.equal(lab[0].expansion, 'carcinoembryonic antigen');
  const surgery = expandAbbreviations('Status post left CEA for carotid stenosis.').find((m) => m.text === 'CEA');
  assert.equal(surgery?.expansion, 'carotid endarterectomy');
  assert.equal(expandAbbreviations('Abdomen: mild TTP in the RLQ.', undefined, () => 'exam').find((m) => m.text === 'TTP')?.expansion, 'tenderness to palpation');
  assert.equal(lookupAbbreviation('PSA')?.ambiguous, true);
});
