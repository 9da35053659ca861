import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache } from '../../../src/encoder/lru-cache';

test('LRU cache evicts the least recently used entry', () => {
  const c = new LruCache<string, number>(2);
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1); // a is now most recent
  c.set('c', 3);
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), 1);
  assert.equal(c.get('c'), 3);
  assert.equal(c.size, 2);
  const off = new LruCache<string, number>(0);
  off.set('x', 1);
  assert.equal(off.get('x'), undefined);
});
