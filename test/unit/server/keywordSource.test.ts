import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { KeywordSuggestionSource, sentenceAround } from '../../../src/server/keywordSource';

const source = new KeywordSuggestionSource();
const code = async (text: string, all = false) => (await source.code(text, { all })).suggestions;

test('finds a condition with its evidence offsets and sentence', async () => {
  const text = 'ASSESSMENT:\nPatient has type 2 diabetes mellitus with diabetic chronic kidney disease. Stable.';
  const [s] = await code(text);
  assert.equal(s.code, 'E11.22');
  assert.equal(s.confidence, 0.91);
  const e = s.evidence[0];
  assert.equal(text.slice(e.start, e.end), e.text);
  assert.equal(text.slice(e.sentenceStart, e.sentenceEnd), 'Patient has type 2 diabetes mellitus with diabetic chronic kidney disease.');
  assert.equal(e.section, 'ASSESSMENT');
});

test('a more specific code replaces the less specific one', async () => {
  const codes = (await code('Type 2 diabetes mellitus. Later: type 2 diabetes with CKD. COPD exacerbation.')).map((s) => s.code).sort();
  assert.deepEqual(codes, ['E11.22', 'J44.1', 'N18.9']);
});

test('negation, family history, past history and uncertainty are classified', async () => {
  const text = 'He denies chest pain. Father had coronary artery disease. History of hypertension. Possible pneumonia.';
  assert.deepEqual(await code(text), []);
  const all = Object.fromEntries((await code(text, true)).map((s) => [s.code, s.status]));
  assert.deepEqual(all, { 'R07.9': 'negated', 'I25.10': 'family', I10: 'historical', 'J18.9': 'uncertain' });
});

test('a cue stops at "but": the second condition stays affirmed', async () => {
  const codes = (await code('No fever but pneumonia on imaging.')).map((s) => s.code);
  assert.deepEqual(codes, ['J18.9']);
});

test('"was ruled out" after the mention negates it', async () => {
  assert.deepEqual(await code('Pneumonia was ruled out.'), []);
});

test('uncertain diagnoses count as confirmed when codeUncertainAsConfirmed is set', async () => {
  const r = await source.code('Probable pneumonia.', { codeUncertainAsConfirmed: true });
  assert.deepEqual(r.suggestions.map((s) => [s.code, s.status]), [['J18.9', 'active']]);
});

test('threshold and maxSuggestions apply', async () => {
  const text = 'Hypertension, asthma, anemia, obesity.';
  assert.equal((await source.code(text, { threshold: 0.75 })).suggestions.length, 2);
  assert.equal((await source.code(text, { maxSuggestions: 1 })).suggestions[0].code, 'I10');
});

test('never throws on odd input', async () => {
  for (const t of ['', '\u0000\uffff', 'a'.repeat(100000), undefined as unknown as string]) {
    const r = await source.code(t, {});
    assert.ok(Array.isArray(r.suggestions));
  }
});

test('search by code prefix and by title words', async () => {
  assert.ok((await source.search('E11', 10)).some((c) => c.code === 'E11.22'));
  assert.deepEqual((await source.search('heart failure', 10)).map((c) => c.code).sort(), ['I50.33', 'I50.9']);
  assert.deepEqual(await source.search('  ', 10), []);
});

test('sentences end at periods and blank lines, not at wrapped lines', () => {
  const text = 'First sentence.\nSecond one wraps\nonto this line. Third.\n\nNew para';
  const i = text.indexOf('wraps');
  assert.equal(text.slice(...sentenceAround(text, i, i + 5)), 'Second one wraps\nonto this line.');
});
