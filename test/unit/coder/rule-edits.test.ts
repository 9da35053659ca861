// Rule bodies on hand-made candidates: each returns edits for the runner and leaves its input alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlacedMention } from '../../../src/coder/features';
import type { RuledCandidate } from '../../../src/coder/rules/types';
import { dropLightSubstanceUse } from '../../../src/coder/rules/social-use';
import { setAsideIntegralSymptoms } from '../../../src/coder/rules/integral-symptoms';
import { floorWrittenTitles } from '../../../src/coder/rules/title-floor';
import { setAsideUnassessedFindings } from '../../../src/coder/rules/unassessed-findings';

function mention(text: string, words: string, over: Partial<PlacedMention> = {}): PlacedMention {
  const start = text.indexOf(words);
  return {
    code: '', source: 'index', matched: words, start, end: start + words.length, nKeys: 2, window: 2, optionalHits: 0, depth: 1, rarity: 0,
    subsumed: false, viaAbbreviation: false, needsMoreSpecificity: false, negation: 'affirmed', temporality: 'recent', experiencer: 'patient',
    sentence: 0, sentenceStart: 0, sentenceEnd: text.length, role: 'diagnosis', ...over,
  };
}
const cand = (code: string, mentions: PlacedMention[], confidence = 0.5): RuledCandidate => Object.freeze({ code, mentions, confidence, status: 'active' as const });

test('light substance use: a social drinker is dropped, an alcohol use disorder is not', () => {
  const text = 'Drinks alcohol socially on weekends.';
  const social = cand('F10.90', [mention(text, 'alcohol')]);
  const disorder = 'Alcohol dependence, drinks heavily on weekends.';
  const dep = cand('F10.20', [mention(disorder, 'Alcohol dependence')]);
  assert.deepEqual(dropLightSubstanceUse([social], text), [{ op: 'drop', target: social }]);
  assert.deepEqual(dropLightSubstanceUse([dep], disorder), []);
});

test('integral symptoms: fever with pneumonia is dropped and the pneumonia notes why', () => {
  const text = 'Fever with community acquired pneumonia.';
  const fever = cand('R50.9', [mention(text, 'Fever')], 0.7);
  const pneumonia = cand('J18.9', [mention(text, 'pneumonia')], 0.9);
  const edits = setAsideIntegralSymptoms([fever, pneumonia]);
  assert.deepEqual(edits.map((e) => [e.op, 'target' in e ? e.target.code : '']), [['drop', 'R50.9'], ['note', 'J18.9']]);
  assert.match((edits[1] as { note: string }).note, /routine sign of J18\.9 \(guideline I\.B\.5\)/);
  assert.deepEqual(setAsideIntegralSymptoms([fever]), [], 'alone, the fever stays');
});

test('title floor: only a whole official title of three words or more, affirmed, lifts the confidence to 0.6', () => {
  const text = 'COPD with acute exacerbation.';
  const titled = cand('J44.1', [mention(text, 'COPD with acute exacerbation', { source: 'title', nKeys: 4 })], 0.3);
  const short = cand('I10', [mention(text, 'COPD', { source: 'title', nKeys: 1 })], 0.3);
  const denied = cand('J44.1', [mention(text, 'COPD with acute exacerbation', { source: 'title', nKeys: 4, negation: 'negated' })], 0.3);
  assert.deepEqual(floorWrittenTitles([titled, short, denied]), [{ op: 'confidence', target: titled, confidence: 0.6 }]);
});

test('unassessed findings: exam-only findings are set aside with the reason; a BMI and an assessed code are not', () => {
  const exam = 'Tympanic membrane erythematous.';
  const finding = cand('L53.9', [mention(exam, 'erythematous', { role: 'exam' })]);
  const bmi = cand('Z68.41', [mention('BMI 41.2.', 'BMI 41.2', { role: 'exam' })]);
  const assessed = cand('H66.92', [mention('Otitis media of the left ear.', 'Otitis media', { role: 'diagnosis' })]);
  const edits = setAsideUnassessedFindings([finding, bmi, assessed]);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].op === 'status' && edits[0].target, finding);
  assert.match(edits[0].op === 'status' ? edits[0].note : '', /guideline III\.B/);
});
