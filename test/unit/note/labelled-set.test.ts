import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveProjectRoot } from '../../../src/common/paths';
import { evaluate, loadLabelled } from '../../../src/cli/bench/note';

const dir = path.join(resolveProjectRoot(), 'test', 'fixtures', 'context');
const VALUES = { negation: ['affirmed', 'negated', 'possible'], temporality: ['recent', 'historical', 'hypothetical'], experiencer: ['patient', 'other'] };

for (const name of ['labelled', 'holdout']) {
  test(`${name}.jsonl is well-formed: known labels, term inside its sentence, no duplicates`, () => {
    const items = loadLabelled(path.join(dir, `${name}.jsonl`));
    if (name === 'labelled') assert.ok(items.length >= 300, `only ${items.length} labelled sentences`);
    const seen = new Set<string>();
    for (const it of items) {
      assert.ok(it.sentence.toLowerCase().includes(it.term.toLowerCase()), `${it.term} not in ${it.sentence}`);
      for (const [dim, vals] of Object.entries(VALUES)) assert.ok(vals.includes((it as unknown as Record<string, string>)[dim]), `${dim} in ${it.sentence}`);
      const key = `${it.sentence}|${it.term}`;
      assert.ok(!seen.has(key), `duplicate: ${key}`);
      seen.add(key);
    }
  });

  test(`ConText meets the issue's targets on ${name}.jsonl (regression guard)`, () => {
    const items = loadLabelled(path.join(dir, `${name}.jsonl`));
    const { result } = evaluate(items);
    const f1 = (dim: string, cls: string) => (result[dim][cls] as { f1: number }).f1;
    assert.ok(f1('negation', 'negated') >= 0.93, `negated F1 ${f1('negation', 'negated')}`);
    assert.ok(f1('temporality', 'historical') >= 0.8, `historical F1 ${f1('temporality', 'historical')}`);
    assert.ok(f1('temporality', 'hypothetical') >= 0.8, `hypothetical F1 ${f1('temporality', 'hypothetical')}`);
    assert.ok(f1('experiencer', 'other') >= 0.85, `other F1 ${f1('experiencer', 'other')}`);
  });
}

test('the fixtures exist (they ship with the repository)', () => {
  assert.ok(fs.existsSync(path.join(dir, 'labelled.jsonl')));
});
