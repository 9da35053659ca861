import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { dotCode, inRange, parseCode, undotCode } from '../../../src/icd/codes';
import { phraseKey, stem, tokenize, expandAbbreviations } from '../../../src/icd/text';

test('parseCode accepts the usual spellings and the dash suffix', () => {
  assert.deepEqual(parseCode('e11.22'), { code: 'E11.22', dash: false });
  assert.deepEqual(parseCode('E1122'), { code: 'E11.22', dash: false });
  assert.deepEqual(parseCode(' E11.22 '), { code: 'E11.22', dash: false });
  assert.deepEqual(parseCode('I21.-'), { code: 'I21', dash: true });
  assert.deepEqual(parseCode('D24-'), { code: 'D24', dash: true });
  assert.deepEqual(parseCode('S72.001A'), { code: 'S72.001A', dash: false });
  assert.deepEqual(parseCode('QA0'), { code: 'QA0', dash: false }, 'FY2026 has a category with a letter in second place');
});

test('parseCode rejects garbage without throwing', () => {
  for (const bad of ['', '   ', 'E1', '11.22', 'E11.2.2', 'E1122334', 'E11..22', 'hello world', '💥', null, undefined, 42, {}]) {
    assert.equal(parseCode(bad as unknown), undefined, `expected ${String(bad)} to be rejected`);
  }
});

test('dotCode / undotCode round-trip and ranges compare by category', () => {
  assert.equal(dotCode('E1122'), 'E11.22');
  assert.equal(dotCode('I10'), 'I10');
  assert.equal(undotCode('S72.001A'), 'S72001A');
  assert.ok(inRange('E11.22', 'E08-E13'));
  assert.ok(!inRange('E14.0', 'E08-E13'));
  assert.ok(inRange('O9A.11', 'O00-O9A'));
});

test('tokenize folds case, punctuation, plurals and -ed forms; phraseKey ignores word order', () => {
  assert.deepEqual(tokenize('Fractures of the FEMUR'), tokenize('fracture femur'));
  assert.deepEqual(tokenize('fractured'), tokenize('fracture'));
  assert.deepEqual(tokenize('allergies'), tokenize('allergy'));
  assert.equal(phraseKey('Attack, heart'), phraseKey('heart attacks'));
  assert.equal(stem('diabetes'), stem('diabetes'));
  assert.notEqual(stem('mellitus'), 'mellitu', 'Latin -us is not a plural');
  assert.deepEqual(tokenize("Aarskog's syndrome"), tokenize('aarskog syndrome'));
  assert.deepEqual(tokenize('Ménière'), tokenize('meniere'));
});

test('expandAbbreviations spells out whole-word clinical abbreviations only', () => {
  assert.equal(expandAbbreviations('T2DM with CKD'), 'type 2 diabetes mellitus with chronic kidney disease');
  assert.equal(expandAbbreviations('chemistry'), 'chemistry');
});
