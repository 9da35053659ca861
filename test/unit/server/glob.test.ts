import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { globToRegExp, isIncluded, matchesGlob } from '../../../src/server/glob';

test('glob syntax: **, *, ?, {a,b}', () => {
  assert.ok(globToRegExp('**/*.note').test('a/b/c.note'));
  assert.ok(globToRegExp('**/*.note').test('c.note'));
  assert.ok(!globToRegExp('*.note').test('a/c.note'));
  assert.ok(globToRegExp('notes/?.txt').test('notes/a.txt'));
  assert.ok(globToRegExp('**/*.{txt,md}').test('x/y.md'));
  assert.ok(!globToRegExp('**/*.{txt,md}').test('x/y.note'));
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
