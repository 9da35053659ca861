import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorClasses } from '../../../src/coder/eval/error-classes';

test('error classes: specificity within a category, symptoms and history codes are told apart', () => {
  const gold = new Map([['a', new Set(['E1165', 'I10'])], ['b', new Set(['Z85038'])]]);
  const predicted = new Map([['a', ['E11.9', 'I10', 'R53.83']], ['b', ['Z85.048', 'Z87.891']]]);
  const byClass = new Map(errorClasses(gold, predicted).map((e) => [e.errorClass, e]));
  assert.equal(byClass.get('FP right category, wrong code (specificity, laterality, type)')?.count, 2);
  assert.deepEqual(byClass.get('FN right category, wrong code (specificity, laterality, type)')?.examples, ['E1165×1', 'Z85038×1']);
  assert.equal(byClass.get('FP symptom (R) not in gold')?.count, 1);
  // Z87 is a category of its own, so a Z87 code beside a Z85 gold code is a history code the gold lacks.
  assert.deepEqual(byClass.get('FP personal history (Z85-Z87) not in gold')?.examples, ['Z87891×1']);
  assert.ok(!byClass.has('FN diagnosis missed'), 'I10 was found');
});
