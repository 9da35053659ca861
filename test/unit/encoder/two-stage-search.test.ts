// Two-stage search over the shipped index (coarse lists, then exact re-scoring of the nearest lists) returns the
// codes and scores of exact search for real phrases with the real model; a partition survives save/load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeEmbeddingIndex, createOnnxEncoder, defaultCodeIndexDir } from '../../../src/encoder';

const shipped = fs.existsSync(path.join(defaultCodeIndexDir(), 'code-index.json'));

// Diagnosis wording as notes write it: index terms, lay terms, abbreviations, and filler that retrieves nothing good.
const PHRASES = [
  'type 2 diabetes mellitus with hyperglycemia', 'essential hypertension', 'acute myocardial infarction', 'heart attack',
  'painful swallowing', 'shortness of breath', 'chronic kidney disease stage 3', 'community acquired pneumonia',
  'right knee osteoarthritis', 'left breast mass', 'urinary tract infection', 'major depressive disorder recurrent',
  'generalized anxiety', 'gastroesophageal reflux', 'migraine without aura', 'low back pain', 'atrial fibrillation',
  'hypothyroidism', 'iron deficiency anemia', 'obstructive sleep apnea', 'morbid obesity', 'chest pain on exertion',
  'sprain of the left ankle', 'fracture of the right distal radius', 'COPD exacerbation', 'asthma', 'hyperlipidemia',
  'vitamin D deficiency', 'benign prostatic hyperplasia', 'kidney stones', 'rash on both arms', 'fever and chills',
  'numbness and tingling in the hands', 'carpal tunnel syndrome', 'rotator cuff tear', 'pelvic cyst', 'bladder neck',
  'sugar is high', 'water pill', 'the patient is doing well',
];

test('two-stage search returns the top codes of exact search on real phrases (shipped model and index)', { skip: !shipped && 'models/embeddings not built' }, async () => {
  const idx = CodeEmbeddingIndex.load();
  assert.ok(idx.partitioned, 'the shipped index has coarse lists: rerun npm run build:embeddings');
  const enc = await createOnnxEncoder();
  try {
    const qs = await enc.embed(PHRASES);
    const exact = idx.searchMany(qs, 3, { exact: true });
    const two = idx.searchMany(qs, 3);
    let sameTop1 = 0, sameTop3 = 0;
    PHRASES.forEach((p, j) => {
      // Whatever it finds is scored exactly as exact search scores it.
      const exactScore = new Map(idx.searchMany([qs[j]], 200, { exact: true })[0].map((h) => [h.code, h.score]));
      for (const h of two[j]) if (exactScore.has(h.code)) assert.equal(h.score, exactScore.get(h.code), `${p}: ${h.code}`);
      if (two[j][0].code === exact[j][0].code) sameTop1++;
      if (two[j].map((h) => h.code).join() === exact[j].map((h) => h.code).join()) sameTop3++;
      // It can only miss: never a better score than exact search's best.
      assert.ok(two[j][0].score <= exact[j][0].score, p);
    });
    assert.ok(sameTop1 >= PHRASES.length - 1, `top code equal for ${sameTop1} of ${PHRASES.length}`);
    assert.ok(sameTop3 >= PHRASES.length - 4, `top 3 equal for ${sameTop3} of ${PHRASES.length}`);
    // With every list probed, two-stage search is exact search (same codes, same order, ties included).
    assert.deepEqual(idx.searchMany(qs, 5, { probes: 100000 }), idx.searchMany(qs, 5, { exact: true }));
    // minScore: the hits at or above it are the same; only hopeless queries stop early (with lower best scores).
    const early = idx.searchMany(qs, 3, { minScore: 0.7 });
    const kept = (hits: { code: string; score: number }[]) => hits.filter((h) => h.score >= 0.7);
    PHRASES.forEach((p, j) => assert.deepEqual(kept(early[j]), kept(two[j]), p));
    assert.ok(PHRASES.some((_p, j) => kept(two[j]).length > 0), 'some phrases have hits >= 0.7');
  } finally {
    await enc.dispose();
  }
});

test('a partition is saved and loaded with the index; a damaged list file is refused', () => {
  let s = 7;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  const vecs = Array.from({ length: 12000 }, () => { const v = Float32Array.from({ length: 32 }, r); const n = Math.hypot(...v); return v.map((x) => x / n); });
  const codes = vecs.map((_, i) => `Z${i}`);
  const idx = CodeEmbeddingIndex.fromVectors(codes, vecs, { model: 'm', textRecipe: 'r' }).buildPartition({ lists: 64 });
  assert.ok(idx.partitioned);
  assert.equal(CodeEmbeddingIndex.fromVectors(codes.slice(0, 500), vecs.slice(0, 500), { model: 'm', textRecipe: 'r' }).buildPartition().partitioned, false, 'small indexes stay exact');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lists-'));
  try {
    idx.save(dir);
    const back = CodeEmbeddingIndex.load(dir);
    assert.ok(back.partitioned);
    const q = vecs.slice(0, 20);
    assert.deepEqual(back.searchMany(q, 4, { probes: 8 }), idx.searchMany(q, 4, { probes: 8 }));
    assert.deepEqual(back.searchMany(q, 4, { probes: 64 }), back.searchMany(q, 4, { exact: true }));
    // Each query is its own vector: found first, wherever its list is.
    back.searchMany(q, 1).forEach((h, j) => assert.equal(h[0].code, codes[j]));
    fs.writeFileSync(path.join(dir, 'code-index.lists.bin'), Buffer.alloc(100));
    assert.throws(() => CodeEmbeddingIndex.load(dir), /lists\.bin is missing or does not match/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
