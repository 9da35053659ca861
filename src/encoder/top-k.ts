import type { CodeHit } from './types';

/**
 * Exact top-k over a row-major [count, dim] matrix of unit vectors: dot product per row, a small sorted buffer
 * for the best k. Queries are processed in blocks so each row is read from memory once per block.
 */
export type TopK = { idx: Int32Array; score: Float32Array; n: number };

/**
 * Inserts row r with score s into a sorted (descending) buffer of capacity kk; returns the score a new row
 * must beat from now on (-Infinity until the buffer is full). Called only for rows above that bar.
 */
export function insertTopK(res: TopK, kk: number, r: number, s: number): number {
  let p = res.n < kk ? res.n++ : kk - 1;
  while (p > 0 && res.score[p - 1] < s) {
    res.score[p] = res.score[p - 1];
    res.idx[p] = res.idx[p - 1];
    p--;
  }
  res.score[p] = s;
  res.idx[p] = r;
  return res.n === kk ? res.score[kk - 1] : -Infinity;
}

export function topKMany(matrix: Float32Array, count: number, dim: number, queries: Float32Array[], k: number): Array<{ idx: Int32Array; score: Float32Array; n: number }> {
  const kk = Math.max(0, Math.min(k, count));
  const results = queries.map(() => ({ idx: new Int32Array(kk), score: new Float32Array(kk).fill(-Infinity), n: 0 }));
  if (!kk) return results;
  const BLOCK = 8;
  for (let q0 = 0; q0 < queries.length; q0 += BLOCK) {
    const qs = queries.slice(q0, q0 + BLOCK);
    const rs = results.slice(q0, q0 + BLOCK);
    const mins = new Float64Array(qs.length).fill(-Infinity);
    for (let r = 0, off = 0; r < count; r++, off += dim) {
      for (let j = 0; j < qs.length; j++) {
        const q = qs[j];
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let d = 0;
        for (; d + 3 < dim; d += 4) {
          s0 += matrix[off + d] * q[d];
          s1 += matrix[off + d + 1] * q[d + 1];
          s2 += matrix[off + d + 2] * q[d + 2];
          s3 += matrix[off + d + 3] * q[d + 3];
        }
        for (; d < dim; d++) s0 += matrix[off + d] * q[d];
        const s = s0 + s1 + s2 + s3;
        if (s <= mins[j]) continue;
        mins[j] = insertTopK(rs[j], kk, r, s);
      }
    }
  }
  return results;
}

export function toHits(codes: readonly string[], r: { idx: Int32Array; score: Float32Array; n: number }): CodeHit[] {
  const out: CodeHit[] = [];
  for (let i = 0; i < r.n; i++) out.push({ code: codes[r.idx[i]], score: r.score[i] });
  return out;
}

/** Indices and scores of the k largest values of `scores`, descending. */
export function topKOfScores(scores: Float32Array, k: number): { idx: Int32Array; score: Float32Array; n: number } {
  const kk = Math.max(0, Math.min(k, scores.length));
  const res = { idx: new Int32Array(kk), score: new Float32Array(kk).fill(-Infinity), n: 0 };
  if (!kk) return res;
  let min = -Infinity;
  for (let r = 0; r < scores.length; r++) {
    const s = scores[r];
    if (s <= min) continue;
    min = insertTopK(res, kk, r, s);
  }
  return res;
}
