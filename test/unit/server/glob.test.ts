import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { globMatches, globProblem, isIncluded, matchesGlob } from '../../../src/server/glob';

test('glob syntax: **, *, ?, {a,b}', () => {
  assert.ok(globMatches('**/*.note', 'a/b/c.note'));
  assert.ok(globMatches('**/*.note', 'c.note'));
  assert.ok(!globMatches('*.note', 'a/c.note'));
  assert.ok(globMatches('notes/?.txt', 'notes/a.txt'));
  assert.ok(!globMatches('notes/?.txt', 'notes/ab.txt'));
  assert.ok(globMatches('**/*.{txt,md}', 'x/y.md'));
  assert.ok(!globMatches('**/*.{txt,md}', 'x/y.note'));
  assert.ok(!globMatches('**/a', 'xa'), '**/ stands for whole folders');
  assert.ok(globMatches('**/a', 'x/y/a'));
  assert.ok(globMatches('notes/**', 'notes/a/b.txt'));
  assert.ok(globMatches('a**b', 'a/x/b'));
  assert.ok(globMatches('**', 'anything/at/all'));
});

test('relative patterns match inside a workspace folder; absolute paths also work', () => {
  assert.ok(matchesGlob('notes/**', '/ws/notes/a/b.txt', ['/ws']));
  assert.ok(!matchesGlob('notes/**', '/other/notes2/b.txt', ['/ws']));
  assert.ok(matchesGlob('**/node_modules/**', '/ws/node_modules/x/readme.md', []));
});

test('exclude wins over include', () => {
  assert.ok(isIncluded('/ws/a.note', ['**/*'], ['**/README.md'], ['/ws']));
  assert.ok(!isIncluded('/ws/README.md', ['**/*'], ['**/README.md'], ['/ws']));
  assert.ok(!isIncluded('/ws/a.txt', ['**/*.note'], [], ['/ws']));
});

test('a hostile pattern against a long file name answers at once (a backtracking matcher took minutes)', () => {
  const hostile = '**a**a**a**a**a**a**a**a**a**b';
  const name = `/ws/${'a'.repeat(5000)}.note`;
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) assert.equal(isIncluded(name, ['**/*'], [hostile], ['/ws']), true);
  const ms = performance.now() - t0;
  assert.ok(ms < 2000, `10 checks took ${ms.toFixed(0)} ms`);
});

test('patterns that could still cost time are refused with a reason', () => {
  assert.match(globProblem('{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}')!, /more than 64 alternatives/);
  assert.match(globProblem('*'.repeat(2000))!, /longer than 1000/);
  assert.equal(globProblem('**/*.note'), undefined);
  assert.equal(matchesGlob('{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}', '/ws/a', ['/ws']), false);
});
