// Coarse partition of the code index for two-stage search: spherical k-means over the code vectors, rows grouped
// by their nearest centroid. A query scores the centroids, then exactly re-scores the rows of its nearest lists
// only (a few thousand of the 74,719), with the same int8 kernel, so the scores it returns are the exact ones.
import { SimdScorer } from './simd-scorer';
import { topKMany } from './top-k';

export interface Partition {
  /** [lists, dim] unit centroids. */
  centroids: Float32Array;
  /** Rows of list l are order[offsets[l] .. offsets[l + 1]). */
  offsets: Uint32Array;
  /** Row numbers (into the index) grouped by list. */
  order: Uint32Array;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Nearest centroid of each of `n` rows (row-major `rows`). */
function assign(rows: Float32Array, n: number, dim: number, centroids: Float32Array, lists: number): Uint32Array {
  const out = new Uint32Array(n);
  const queries = Array.from({ length: n }, (_, i) => rows.subarray(i * dim, (i + 1) * dim));
  const simd = SimdScorer.create(centroids, lists, dim);
  const best = (j: number, scores: Float32Array) => {
    let b = 0;
    for (let c = 1; c < lists; c++) if (scores[c] > scores[b]) b = c;
    out[j] = b;
  };
  if (simd) simd.scoreBlocks(queries, best);
  else topKMany(centroids, lists, dim, queries, 1).forEach((r, j) => { out[j] = r.idx[0]; });
  return out;
}

/**
 * Spherical k-means (deterministic: seeded initial rows, fixed iterations) on up to `sample` rows, then every row
 * assigned to its nearest centroid. `rows` holds unit vectors, row-major [n, dim].
 */
export function buildPartition(rows: Float32Array, n: number, dim: number, opts: { lists?: number; iterations?: number; sample?: number; seed?: number } = {}): Partition {
  const lists = Math.max(1, Math.min(opts.lists ?? 256, n));
  const rand = lcg(opts.seed ?? 20261);
  // Training rows: a seeded sample (k-means on all 74,719 rows costs 3x more for no better lists).
  const take = Math.min(n, opts.sample ?? 30000);
  const pick = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < take; i++) { const j = i + Math.floor(rand() * (n - i)); [pick[i], pick[j]] = [pick[j], pick[i]]; }
  const train = new Float32Array(take * dim);
  for (let i = 0; i < take; i++) train.set(rows.subarray(pick[i] * dim, (pick[i] + 1) * dim), i * dim);
  const centroids = new Float32Array(lists * dim);
  for (let c = 0; c < lists; c++) centroids.set(train.subarray(c * dim, (c + 1) * dim), c * dim);
  for (let it = 0; it < (opts.iterations ?? 10); it++) {
    const a = assign(train, take, dim, centroids, lists);
    const sums = new Float64Array(lists * dim);
    const counts = new Uint32Array(lists);
    for (let i = 0; i < take; i++) {
      counts[a[i]]++;
      for (let k = 0; k < dim; k++) sums[a[i] * dim + k] += train[i * dim + k];
    }
    for (let c = 0; c < lists; c++) {
      if (!counts[c]) { // an empty list restarts from a random training row
        const r = Math.floor(rand() * take);
        centroids.set(train.subarray(r * dim, (r + 1) * dim), c * dim);
        continue;
      }
      let s = 0;
      for (let k = 0; k < dim; k++) s += sums[c * dim + k] ** 2;
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let k = 0; k < dim; k++) centroids[c * dim + k] = sums[c * dim + k] * inv;
    }
  }
  const a = assign(rows, n, dim, centroids, lists);
  const offsets = new Uint32Array(lists + 1);
  for (let i = 0; i < n; i++) offsets[a[i] + 1]++;
  for (let c = 0; c < lists; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, lists);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[a[i]]++] = i;
  return { centroids, offsets, order };
}

/** Serialised as float32 centroids, then uint32 offsets (lists + 1), then uint32 order (n). */
export function partitionBytes(p: Partition): Uint8Array {
  const out = new Uint8Array(p.centroids.byteLength + p.offsets.byteLength + p.order.byteLength);
  out.set(new Uint8Array(p.centroids.buffer, p.centroids.byteOffset, p.centroids.byteLength), 0);
  out.set(new Uint8Array(p.offsets.buffer, p.offsets.byteOffset, p.offsets.byteLength), p.centroids.byteLength);
  out.set(new Uint8Array(p.order.buffer, p.order.byteOffset, p.order.byteLength), p.centroids.byteLength + p.offsets.byteLength);
  return out;
}

/** The inverse of `partitionBytes`; undefined when the bytes do not describe a partition of n rows. */
export function readPartition(bytes: Uint8Array, lists: number, n: number, dim: number): Partition | undefined {
  if (bytes.length !== lists * dim * 4 + (lists + 1) * 4 + n * 4) return undefined;
  const copy = new Uint8Array(bytes); // aligned
  const centroids = new Float32Array(copy.buffer, 0, lists * dim);
  const offsets = new Uint32Array(copy.buffer, lists * dim * 4, lists + 1);
  const order = new Uint32Array(copy.buffer, lists * dim * 4 + (lists + 1) * 4, n);
  if (offsets[0] !== 0 || offsets[lists] !== n) return undefined;
  for (let c = 0; c < lists; c++) if (offsets[c + 1] < offsets[c]) return undefined;
  const seen = new Uint8Array(n);
  for (const r of order) { if (r >= n || seen[r]) return undefined; seen[r] = 1; }
  return { centroids, offsets, order };
}
