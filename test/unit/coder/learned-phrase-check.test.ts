// Learned phrases are evidence only where they name the condition, judged against the code's own knowledge.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodingEngine } from '../../../src/coder/index';
import { conditionlessWords, phraseChecker } from '../../../src/coder/learned-phrase-check';
import { resolveModelsDir } from '../../../src/common/paths';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
let engine: CodingEngine;
before(async () => { if (kbPresent) engine = await CodingEngine.create({ encoder: null }); });

test('a drug, a bare site, a side or a generic word is not evidence; the condition\'s own words are', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const check = phraseChecker(engine.kb);
  assert.equal(check('cisplatin', 'R59.0'), 'word unknown to the code');
  assert.equal(check('ankle sprain', 'S93.402A'), 'side not in the phrase');
  assert.equal(check('left ankle', 'M89.072'), 'only sites, sides or generic words');
  assert.equal(check('december', 'B18.2'), 'word unknown to the code');
  assert.equal(check('cervical lymphadenopathy', 'R59.0'), 'names the condition');
  assert.equal(check('cigarette', 'F17.210'), 'names the condition');
  // Sites the hand list lacks come from the index's own "see condition" main terms.
  assert.equal(check('perineal', 'I96'), 'only sites, sides or generic words');
  assert.equal(check('right testicle', 'N50.811'), 'only sites, sides or generic words');
  assert.equal(check('necrosis', 'I96'), 'names the condition');
});

test('the index\'s "see condition" main terms give site and modifier words, never a coded condition', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const words = conditionlessWords(engine.kb);
  for (const w of ['perineal', 'testicle', 'epididymis', 'gallbladder', 'chronic']) assert.ok(words.has(w), w);
  // "Embolic - see condition", but "Embolism" cites a code: the word still names a condition.
  for (const w of ['embolism', 'necrosis', 'gangrene', 'pain']) assert.ok(!words.has(w), w);
  // The shipped lexicon keeps the same words, so that starting the engine needs no scan of the index.
  const shipped = (engine as unknown as { lexicon: { conditionless: ReadonlySet<string> } }).lexicon.conditionless;
  assert.deepEqual([...shipped].sort(), [...words].sort());
});

test('the shipped learned phrases all pass the check (the engine drops any that do not)', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const check = phraseChecker(engine.kb);
  const bad = engine.learned!.phrases.filter((p) => check(p.keys, p.code) !== 'names the condition');
  assert.deepEqual(bad, []);
  assert.ok(engine.learned!.size > 100, `${engine.learned!.size} phrases`);
});

test('a lung-cancer visit: no lymph-node code from a negated exam finding or from the chemotherapy drugs', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const note = 'ASSESSMENT AND PLAN:\nNon-small cell lung cancer of the left upper lobe, stage IIIA.\nContinue cisplatin and etoposide.\n\nPHYSICAL EXAM:\nNeck: supple, no cervical lymphadenopathy.\n';
  const s = (await engine.code(note, { policy: 'billing', useEncoder: false })).suggestions.map((x) => x.code);
  assert.ok(s.includes('C34.12'), s.join(' '));
  assert.ok(!s.some((c) => c.startsWith('R59')), s.join(' '));
  const coffee = (await engine.code('SOCIAL HISTORY:\nHe drinks two cups of coffee a day.\n', { policy: 'billing', useEncoder: false })).suggestions;
  assert.deepEqual(coffee.map((x) => x.code), []);
});
