// Paired bootstrap on small hand-made runs: a clearly better system is better in (almost) every draw, identical
// systems never are, and the interval contains the full-sample difference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedBootstrap, type SystemRun } from '../../../src/coder/eval/bootstrap';

const gold = new Map<string, Set<string>>();
const good: SystemRun = { ranked: new Map(), predicted: new Map() };
const weak: SystemRun = { ranked: new Map(), predicted: new Map() };
for (let i = 0; i < 40; i++) {
  const id = `n${i}`;
  gold.set(id, new Set(['E1122', 'I10']));
  good.ranked.set(id, ['E11.22', 'I10', 'J44.9']); good.predicted.set(id, ['E11.22', 'I10']);
  // The weak system finds one of the two codes in most notes, and ranks a wrong code first.
  const found = i % 4 === 0 ? ['E11.22', 'I10'] : ['I10'];
  weak.ranked.set(id, ['J44.9', ...found]); weak.predicted.set(id, ['J44.9', ...found]);
}

test('a clearly better system: positive difference, interval above zero, no draw where it is not better', () => {
  const gains = pairedBootstrap(gold, good, weak, 200);
  const f1 = gains.find((g) => g.metric === 'micro-F1')!, map = gains.find((g) => g.metric === 'MAP')!;
  assert.ok(f1.diff > 0.2, JSON.stringify(f1));
  assert.ok(f1.low > 0 && f1.low <= f1.diff && f1.diff <= f1.high, JSON.stringify(f1));
  assert.equal(f1.pNotBetter, 0);
  assert.ok(map.diff > 0 && map.low > 0, JSON.stringify(map));
});

test('identical systems: zero difference in every draw; the same seed gives the same interval', () => {
  const gains = pairedBootstrap(gold, weak, weak, 100);
  for (const g of gains) { assert.equal(g.diff, 0); assert.equal(g.low, 0); assert.equal(g.high, 0); assert.equal(g.pNotBetter, 1); }
  assert.deepEqual(pairedBootstrap(gold, good, weak, 50, 7), pairedBootstrap(gold, good, weak, 50, 7));
});
