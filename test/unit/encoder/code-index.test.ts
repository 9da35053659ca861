// The code embedding index: exact top-k (SIMD and plain paths agree with brute force), fp16 save/load round trip,
// clear errors for missing/corrupt files, and the on-disk cache for custom models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeEmbeddingIndex, CodeIndexError, defaultCodeIndexDir, loadOrBuildCodeIndex, type Encoder } from '../../../src/encoder';
import { float32ToHalf, halfToFloat32 } from '../../../src/encoder/fp16';
import { topKMany, toHits } from '../../../src/encoder/top-k';
import type { CodeTextKnowledge } from '../../../src/encoder/code-text';
import type { IcdEntry, IndexHit } from '../../../src/icd';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
}

function unitVectors(n: number, dim: number, seed = 1): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dim }, r);
    const s = Math.hypot(...v);
    return v.map((x) => x / s);
  });
}

for (const dim of [32, 128]) test(`search returns the exact top-k by dot product, best first (int8 SIMD kernel, dim ${dim})`, () => {
  const vecs = unitVectors(3000, dim);
  const codes = vecs.map((_, i) => `X${i}`);
  const idx = CodeEmbeddingIndex.fromVectors(codes, vecs, { model: 'm', textRecipe: 'r' });
  const queries = unitVectors(20, dim, 7);
  const hits = idx.searchMany(queries, 5);
  queries.forEach((q, j) => {
    const brute = codes.map((c) => ({ c, s: Array.from(idx.vector(c)!).reduce((a, x, d) => a + x * q[d], 0) })).sort((a, b) => b.s - a.s).slice(0, 5);
    assert.deepEqual(hits[j].map((h) => h.code), brute.map((b) => b.c));
    assert.ok(Math.abs(hits[j][0].score - brute[0].s) < 1e-4);
  });
  assert.deepEqual(idx.search(queries[3], 5), hits[3]);
  assert.equal(idx.search(queries[0], 0).length, 0);
  assert.equal(idx.search(queries[0], 10_000).length, 3000);
});

test('a dimension the SIMD kernel cannot take (not a multiple of 16) falls back to the same answers', () => {
  const vecs = unitVectors(500, 12, 3);
  const codes = vecs.map((_, i) => `Y${i}`);
  const idx = CodeEmbeddingIndex.fromVectors(codes, vecs, { model: 'm', textRecipe: 'r' }, 'fp32');
  const q = unitVectors(1, 12, 9)[0];
  const m = new Float32Array(500 * 12);
  vecs.forEach((v, i) => m.set(v, i * 12));
  assert.deepEqual(idx.search(q, 7), toHits(codes, topKMany(m, 500, 12, [q], 7)[0]));
  assert.throws(() => idx.search(new Float32Array(5), 3), CodeIndexError);
});

test('int8 storage keeps every vector within half a quantisation step', () => {
  const vecs = unitVectors(50, 16, 11);
  const idx = CodeEmbeddingIndex.fromVectors(vecs.map((_, i) => `Q${i}`), vecs, { model: 'm', textRecipe: 'r' });
  assert.equal(idx.meta.dtype, 'int8');
  vecs.forEach((v, i) => {
    const back = idx.vector(`Q${i}`)!;
    const step = Math.max(...v.map(Math.abs)) / 127;
    v.forEach((x, k) => assert.ok(Math.abs(back[k] - x) <= step / 2 + 1e-7));
  });
});

test('fp16 storage round-trips within half precision', () => {
  const v = Float32Array.from([0, 1, -1, 0.1, -0.0625, 3.14159, 1e-5, 65504]);
  const back = halfToFloat32(float32ToHalf(v));
  v.forEach((x, i) => assert.ok(Math.abs(back[i] - x) <= Math.abs(x) * 1e-3 + 1e-7, `${x} -> ${back[i]}`));
});

test('save/load keeps codes, vectors and metadata; corrupt files give CodeIndexError with the fix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-index-'));
  try {
    const vecs = unitVectors(100, 16, 5);
    const idx = CodeEmbeddingIndex.fromVectors(vecs.map((_, i) => `Z${i}`), vecs, { model: 'enc:1', textRecipe: 'title' });
    idx.save(dir);
    const back = CodeEmbeddingIndex.load(dir);
    assert.equal(back.size, 100);
    assert.equal(back.meta.model, 'enc:1');
    assert.deepEqual(back.search(vecs[42], 3), idx.search(vecs[42], 3));
    assert.equal(back.search(vecs[42], 1)[0].code, 'Z42');
    const half = CodeEmbeddingIndex.fromVectors(idx.codes, vecs, { model: 'enc:1', textRecipe: 'title' }, 'fp16');
    const halfDir = path.join(dir, 'fp16');
    half.save(halfDir);
    assert.equal(CodeEmbeddingIndex.load(halfDir).meta.dtype, 'fp16');
    assert.deepEqual(CodeEmbeddingIndex.load(halfDir).search(vecs[7], 3).map((h) => h.code), half.search(vecs[7], 3).map((h) => h.code));
    assert.equal(fs.statSync(path.join(dir, 'code-index.bin')).size, 100 * 4 + 100 * 16, 'int8 + a float32 scale per code');
    fs.writeFileSync(path.join(dir, 'code-index.bin'), Buffer.alloc(10));
    assert.throws(() => CodeEmbeddingIndex.load(dir), /has 10 bytes, expected 2000 \(int8\): run "npm run build:embeddings"/);
    fs.writeFileSync(path.join(dir, 'code-index.json'), '{');
    assert.throws(() => CodeEmbeddingIndex.load(dir), CodeIndexError);
    assert.throws(() => CodeEmbeddingIndex.load(path.join(dir, 'missing')), /not found/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A three-code knowledge base and a bag-of-letters encoder: enough to exercise index building and caching. */
function fakeKb(): CodeTextKnowledge & { billableCodes(): Iterable<IcdEntry> } {
  const entry = (code: string, longTitle: string): IcdEntry => ({ code, shortTitle: longTitle, longTitle, billable: true, kind: 'code', depth: 3, children: [], chapter: { number: 1, title: '', range: '' }, block: { range: '', title: '' } });
  const entries = [entry('A00.0', 'Cholera due to Vibrio cholerae'), entry('J18.9', 'Pneumonia, unspecified organism'), entry('R10.9', 'Unspecified abdominal pain')];
  const hits: IndexHit[] = [{ path: ['Pain', 'abdominal'], codes: ['R10.9'], referenced: ['R10.9'] }];
  return {
    get: (c: string) => entries.find((e) => e.code === c),
    ancestors: () => [],
    notes: () => [],
    indexEntries: () => hits,
    billableCodes: () => entries,
  } as never;
}

function letterEncoder(id: string): Encoder & { calls: number } {
  return {
    id, dim: 32, calls: 0,
    async embed(texts: string[]) {
      this.calls += texts.length;
      return texts.map((t) => {
        const v = new Float32Array(32);
        for (const ch of t.toLowerCase()) if (ch >= 'a' && ch <= 'z') v[ch.charCodeAt(0) - 97]++;
        const s = Math.hypot(...v) || 1;
        return v.map((x) => x / s);
      });
    },
    async dispose() {},
  };
}

test('a custom model gets its index built once (with progress) and then loaded from the disk cache', async () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cache-'));
  try {
    const kb = fakeKb();
    const enc = letterEncoder('custom:fake:1');
    const progress: number[] = [];
    const opts = { cacheDir, shippedDir: path.join(cacheDir, 'no-shipped'), onProgress: (d: number) => progress.push(d), chunk: 2 };
    const first = await loadOrBuildCodeIndex(enc, kb, opts);
    assert.equal(first.size, 3);
    assert.deepEqual(progress, [2, 3]);
    assert.equal(enc.calls, 3);
    const second = await loadOrBuildCodeIndex(enc, kb, opts);
    assert.equal(enc.calls, 3, 'served from the cache, nothing re-embedded');
    assert.deepEqual(second.codes, first.codes);
    const other = letterEncoder('custom:fake:2');
    await loadOrBuildCodeIndex(other, kb, opts);
    assert.equal(other.calls, 3, 'another model gets its own index');
    const [q] = await enc.embed(['abdominal pain']);
    assert.equal(second.search(q, 1)[0].code, 'R10.9');
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('the shipped index matches the shipped model', { skip: !fs.existsSync(path.join(defaultCodeIndexDir(), 'code-index.json')) && 'models/embeddings not built' }, async () => {
  const idx = CodeEmbeddingIndex.load();
  assert.ok(idx.size > 70000);
  const { createOnnxEncoder } = await import('../../../src/encoder');
  const enc = await createOnnxEncoder();
  try {
    assert.equal(idx.meta.model, enc.id, 'models/embeddings was built by models/encoder: rerun npm run build:embeddings');
    const [q] = await enc.embed(['Type 2 diabetes mellitus with hyperglycemia']);
    const top = idx.search(q, 10).map((h) => h.code);
    assert.ok(top.includes('E11.65'), top.join(' '));
  } finally {
    await enc.dispose();
  }
});

test('an index serves an encoder with the same weights wherever its folder lies, and no other', async () => {
  const { sameEncoderModel } = await import('../../../src/encoder');
  assert.ok(sameEncoderModel('onnx:encoder:208f76525f85', 'onnx:my-model-copy:208f76525f85'));
  assert.ok(!sameEncoderModel('onnx:encoder:208f76525f85', 'onnx:encoder:0123456789ab'));
  assert.ok(!sameEncoderModel('onnx:encoder:208f76525f85', 'transformers:encoder:208f76525f85'));
});
