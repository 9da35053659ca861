// The shipped model gives the same embeddings through its JS runtime (the static graph run from the ONNX file's
// weights), onnxruntime-node, transformers.js, and (reference vector stored at export) PyTorch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cosine, createOnnxEncoder, createTransformersEncoder, defaultEncoderDir } from '../../../src/encoder';

const dir = defaultEncoderDir();
const present = fs.existsSync(path.join(dir, 'onnx', 'model.onnx'));
const texts = ['acute myocardial infarction of anterior wall', 'Type 2 diabetes mellitus with hyperglycemia', 'ASC-US, cervix',
  'Café au lait spots', 'The patient, a 54-year-old man, complained of chest pain radiating to the left arm.', ''];

test('ONNX and transformers.js paths give the same embeddings (cosine >= 0.999)', { skip: !present && 'models/encoder not built' }, async () => {
  const a = await createOnnxEncoder({ cacheSize: 0 });
  const b = await createTransformersEncoder(dir);
  try {
    assert.equal(a.dim, b.dim);
    const ea = await a.embed(texts);
    const eb = await b.embed(texts);
    for (let i = 0; i < texts.length; i++) assert.ok(cosine(ea[i], eb[i]) >= 0.999, `"${texts[i]}": cosine ${cosine(ea[i], eb[i])}`);
  } finally {
    await a.dispose();
    await b.dispose();
  }
});

for (const runtime of ['auto', 'onnxruntime'] as const) test(`the ${runtime} runtime reproduces the PyTorch reference embedding stored at export`, { skip: !present && 'models/encoder not built' }, async () => {
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const ref = cfg.clinical_coder.reference;
  const enc = await createOnnxEncoder({ runtime });
  try {
    assert.equal(enc.runtime, runtime === 'auto' ? 'js' : 'onnxruntime');
    const [v] = await enc.embed([ref.text]);
    assert.ok(cosine(v, Float32Array.from(ref.embedding)) >= 0.999);
  } finally {
    await enc.dispose();
  }
});

test('the JS runtime of the shipped static graph equals onnxruntime (cosine >= 0.99999), long and empty texts included', { skip: !present && 'models/encoder not built' }, async () => {
  const js = await createOnnxEncoder({ cacheSize: 0 });
  const ort = await createOnnxEncoder({ cacheSize: 0, runtime: 'onnxruntime' });
  try {
    assert.equal(js.runtime, 'js');
    assert.equal(js.id, ort.id, 'both serve the same code index');
    const all = [...texts, 'left ventricular hypertrophy '.repeat(40), 'x', 'painful swallowing'];
    const [a, b] = [await js.embed(all), await ort.embed(all)];
    for (let i = 0; i < all.length; i++) assert.ok(cosine(a[i], b[i]) >= 0.99999, `"${all[i].slice(0, 40)}": cosine ${cosine(a[i], b[i])}`);
    assert.ok(cosine(a[0], a[1]) < 0.99, 'different texts embed differently');
  } finally {
    await js.dispose();
    await ort.dispose();
  }
});

test('embeddings are unit length, order-preserving, cached, and related texts are closer than unrelated ones', { skip: !present && 'models/encoder not built' }, async () => {
  const enc = await createOnnxEncoder({ batchSize: 2 });
  try {
    const [x, y, z, x2] = await enc.embed(['pneumonia due to streptococcus', 'streptococcal pneumonia', 'fracture of the left femur', 'pneumonia due to streptococcus']);
    for (const v of [x, y, z]) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-4);
    assert.equal(x, x2, 'a repeated text comes from the cache');
    assert.ok(cosine(x, y) > cosine(x, z) + 0.1, `related ${cosine(x, y)} vs unrelated ${cosine(x, z)}`);
    assert.equal(enc.stats.cacheHits >= 0, true);
    const again = await enc.embed(['streptococcal pneumonia']);
    assert.equal(again[0], y);
    assert.ok(enc.stats.cacheHits >= 1);
  } finally {
    await enc.dispose();
  }
});
