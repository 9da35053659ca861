import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir } from '../common/paths';
import { CodeIndexError } from './errors';
import { float32ToHalf, halfToFloat32 } from './fp16';
import { LruCache } from './lru-cache';
import { BLOCK, SimdScorer } from './simd-scorer';
import { buildPartition, partitionBytes, readPartition, type Partition } from './partition';
import { topKMany, topKOfScores, toHits, type TopK } from './top-k';
import type { CodeHit } from './types';

export const CODE_INDEX_FORMAT = 'clinical-coder-code-index';
export const CODE_INDEX_VERSION = 1;
const META_FILE = 'code-index.json';
const VECTORS_FILE = 'code-index.bin';
const PARTITION_FILE = 'code-index.lists.bin';
/** Below this many codes exact search is cheap and no partition is built. */
const MIN_PARTITIONED = 10000;
/** Coarse lists of a partitioned index (about 290 codes each for 74,719). */
export const DEFAULT_LISTS = 256;
/**
 * Lists a query re-scores exactly (of 256, so about an eighth of the codes): on 4,000 note phrases the top 3
 * codes equal exact search's for 92% of phrases, the top code for 97.5%, and the hits the engine keeps (>= 0.7)
 * for 96.6%, at a seventh of the cost (the encoder benchmark measures it; test/unit/encoder/two-stage-search.test.ts checks it).
 */
export const DEFAULT_PROBES = 32;

/** How vectors are stored: int8 with a float32 scale per code (shipped), fp16, or fp32 (in memory only, for comparisons). */
export type CodeIndexStorage = 'int8' | 'fp16' | 'fp32';

/** What the index was built from: a different model or text recipe means the index must be rebuilt. */
export interface CodeIndexMeta {
  format: typeof CODE_INDEX_FORMAT;
  version: number;
  /** Encoder.id of the model that embedded the code texts. */
  model: string;
  dim: number;
  count: number;
  dtype: CodeIndexStorage;
  /** Code text recipe (buildCodeText options) and knowledge base it came from. */
  textRecipe: string;
  builtAt: string;
  /** Coarse lists for two-stage search (code-index.lists.bin); absent: exact search only. */
  partition?: { lists: number };
  codes: string[];
}

export interface SearchOptions {
  /** Brute force over every code (default false when the index has a partition). */
  exact?: boolean;
  /** Lists re-scored per query in two-stage search (default DEFAULT_PROBES). */
  probes?: number;
  /**
   * Only hits scoring at least this are wanted (the engine keeps hits >= 0.7): a two-stage query whose best
   * score in its nearest quarter of the lists is below minScore - 0.1 stops there (on 4,000 note phrases this
   * stopped 39% of the queries; 2 of the 667 phrases with a hit >= 0.7 lost it).
   */
  minScore?: number;
}

export function defaultCodeIndexDir(): string {
  return path.join(resolveModelsDir(), 'embeddings');
}

/** Rows in memory: float32 (fp16/fp32 indexes), or int8 with a scale per row, searched as int8 (the shipped index). */
type Rows = { kind: 'f32'; matrix: Float32Array } | { kind: 'i8'; q: Int8Array; scales: Float32Array };

/**
 * Precomputed embeddings of knowledge-injected code texts with exact (brute-force) top-k search. Stored as
 * int8 with one scale per code (a quarter of fp32; the accuracy cost against fp16/fp32 is measured in the encoder
 * benchmark) and searched as int8 too (WebAssembly integer dot products; 9.6 MB in memory instead of 38 MB).
 */
export class CodeEmbeddingIndex {
  private simd: SimdScorer | undefined | null = null;
  private dense: Float32Array | undefined;
  /** The int8 rows in list order (two-stage search) and the centroid scorer. */
  private lists: { rows: SimdScorer; centroids: SimdScorer } | undefined | null = null;

  /**
   * Set once the rows live in list order in the list scorer's memory (the file-order copy is then dropped):
   * row i of the index is at position pos[i].
   */
  private pos: Uint32Array | undefined;

  private constructor(readonly meta: Omit<CodeIndexMeta, 'codes'>, readonly codes: string[], private rows: Rows, private partition?: Partition) {}

  /** The rows in index order (a copy when they are held in list order). */
  private fileOrderRows(): Rows {
    if (!this.pos || this.rows.kind !== 'i8') return this.rows;
    const d = this.dim, q = new Int8Array(this.size * d), scales = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const pi = this.pos[i];
      q.set(this.rows.q.subarray(pi * d, (pi + 1) * d), i * d);
      scales[i] = this.rows.scales[pi];
    }
    return { kind: 'i8', q, scales };
  }

  /** Whether search runs in two stages (coarse lists, then exact re-scoring of the nearest lists). */
  get partitioned(): boolean {
    return !!this.partition;
  }

  /**
   * Builds the coarse lists for two-stage search (spherical k-means, deterministic; seconds for 74,719 codes).
   * Small indexes keep exact search only.
   */
  buildPartition(opts: { lists?: number; minCodes?: number } = {}): this {
    if (this.size < (opts.minCodes ?? MIN_PARTITIONED) || this.rows.kind !== 'i8') return this;
    this.rows = this.fileOrderRows();
    this.pos = undefined;
    this.simd = null;
    const lists = opts.lists ?? DEFAULT_LISTS;
    this.partition = buildPartition(this.matrix, this.size, this.dim, { lists });
    (this.meta as CodeIndexMeta).partition = { lists: this.partition.offsets.length - 1 };
    this.lists = null;
    return this;
  }

  /** All rows as float32 (the fallback search without SIMD; built once for an int8 index). */
  private get matrix(): Float32Array {
    if (this.rows.kind === 'f32') return this.rows.matrix;
    if (this.dense) return this.dense;
    const rows = this.fileOrderRows() as Extract<Rows, { kind: 'i8' }>;
    return (this.dense = dequantizeRows(rows.scales, rows.q, this.size, this.dim));
  }

  get size(): number {
    return this.codes.length;
  }

  get dim(): number {
    return this.meta.dim;
  }

  /** Vectors are rounded to `storage` precision at once, so an in-memory index scores exactly like the saved one. */
  static fromVectors(codes: string[], vectors: Float32Array[], meta: { model: string; textRecipe: string }, storage: CodeIndexStorage = 'int8'): CodeEmbeddingIndex {
    const dim = vectors[0]?.length ?? 0;
    const m = new Float32Array(codes.length * dim);
    vectors.forEach((v, i) => m.set(v, i * dim));
    let rows: Rows;
    if (storage === 'int8') { const [scales, q] = quantizeRows(m, codes.length, dim); rows = { kind: 'i8', q, scales }; }
    else rows = { kind: 'f32', matrix: storage === 'fp32' ? m : halfToFloat32(float32ToHalf(m)) };
    return new CodeEmbeddingIndex({ format: CODE_INDEX_FORMAT, version: CODE_INDEX_VERSION, dim, count: codes.length, dtype: storage, builtAt: new Date().toISOString(), ...meta }, codes, rows);
  }

  /** Loads `dir` (default: the shipped models/embeddings). Throws CodeIndexError with the fix on any problem. */
  static load(dir: string = defaultCodeIndexDir()): CodeEmbeddingIndex {
    const metaFile = path.join(dir, META_FILE);
    const vecFile = path.join(dir, VECTORS_FILE);
    const fix = 'run "npm run build:embeddings" or restore the committed models/embeddings/ folder';
    if (!fs.existsSync(metaFile) || !fs.existsSync(vecFile)) throw new CodeIndexError(`Code embedding index not found in ${dir}: ${fix}`);
    let meta: CodeIndexMeta;
    try {
      meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CodeIndexMeta;
    } catch (e) {
      throw new CodeIndexError(`Code embedding index ${metaFile} is corrupt (${(e as Error).message}): ${fix}`, { cause: e });
    }
    if (meta.format !== CODE_INDEX_FORMAT || meta.version !== CODE_INDEX_VERSION || !Array.isArray(meta.codes) || meta.codes.length !== meta.count) {
      throw new CodeIndexError(`${metaFile} is not a version ${CODE_INDEX_VERSION} code embedding index: ${fix}`);
    }
    const buf = fs.readFileSync(vecFile);
    const n = meta.count, d = meta.dim;
    const expected = meta.dtype === 'int8' ? n * 4 + n * d : meta.dtype === 'fp16' ? n * d * 2 : -1;
    if (buf.length !== expected) {
      throw new CodeIndexError(`Code embedding index ${vecFile} has ${buf.length} bytes, expected ${expected} (${meta.dtype}): ${fix}`);
    }
    // A large file's Buffer owns its memory from offset 0: used in place rather than copied (10 MB less at load).
    const bytes = buf.byteOffset % 4 === 0 && buf.byteOffset === 0 && buf.buffer.byteLength === buf.length ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    const rows: Rows = meta.dtype === 'int8'
      ? { kind: 'i8', scales: new Float32Array(bytes, 0, n), q: new Int8Array(bytes, n * 4, n * d) }
      : { kind: 'f32', matrix: halfToFloat32(new Uint16Array(bytes)) };
    let partition: Partition | undefined;
    if (meta.partition) {
      const file = path.join(dir, PARTITION_FILE);
      const p = fs.existsSync(file) && meta.dtype === 'int8' ? readPartition(fs.readFileSync(file), meta.partition.lists, n, d) : undefined;
      if (!p) throw new CodeIndexError(`Code embedding index ${file} is missing or does not match ${metaFile}: ${fix}`);
      partition = p;
    }
    const { codes, ...rest } = meta;
    return new CodeEmbeddingIndex(rest, codes, rows, partition);
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    if (this.meta.dtype === 'fp32') throw new CodeIndexError('an fp32 code index is for in-memory comparisons only; build it as int8 or fp16 to save it');
    let data: Uint8Array;
    const stored = this.fileOrderRows();
    if (stored.kind === 'i8') {
      const { scales, q } = stored;
      data = new Uint8Array(this.size * 4 + q.length);
      data.set(new Uint8Array(scales.buffer), 0);
      data.set(new Uint8Array(q.buffer), this.size * 4);
    } else {
      const half = float32ToHalf(this.matrix);
      data = new Uint8Array(half.buffer);
    }
    fs.writeFileSync(path.join(dir, VECTORS_FILE), data);
    const lists = path.join(dir, PARTITION_FILE);
    if (this.partition) fs.writeFileSync(lists, partitionBytes(this.partition));
    else fs.rmSync(lists, { force: true });
    const meta: CodeIndexMeta = { ...this.meta, codes: this.codes } as CodeIndexMeta;
    fs.writeFileSync(path.join(dir, META_FILE), JSON.stringify(meta));
  }

  /** Row of each code, built on first use (the engine asks for a code's vector per mention: a scan cost ~75k compares). */
  private rowOf: Map<string, number> | undefined;
  /** Recently asked int8 rows, dequantised (a note's candidates are asked for once per phrase they overlap). */
  private readonly recent = new LruCache<number, Float32Array>(1024);

  /** The stored (storage-rounded) vector of a code, if indexed (shared: do not modify it). */
  vector(code: string): Float32Array | undefined {
    this.rowOf ??= new Map(this.codes.map((c, i) => [c, i]));
    const i = this.rowOf.get(code);
    if (i === undefined) return undefined;
    const d = this.dim;
    if (this.rows.kind === 'f32') return this.rows.matrix.subarray(i * d, (i + 1) * d);
    let v = this.recent.get(i);
    if (!v) {
      v = new Float32Array(d);
      const at = this.pos ? this.pos[i] : i;
      const s = this.rows.scales[at], q = this.rows.q;
      for (let k = 0; k < d; k++) v[k] = q[at * d + k] * s;
      this.recent.set(i, v);
    }
    return v;
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): CodeHit[] {
    return this.searchMany([query], k, opts)[0];
  }

  /** Top-k codes per query: two-stage when the index has lists (same scores as exact search), else brute force. */
  searchMany(queries: Float32Array[], k: number, opts: SearchOptions = {}): CodeHit[][] {
    for (const q of queries) {
      if (q.length !== this.dim) throw new CodeIndexError(`query has ${q.length} dimensions but the code index has ${this.dim}: rebuild the index with this model ("npm run build:embeddings")`);
    }
    if (this.partition && this.rows.kind === 'i8') {
      const lists = this.listScorers();
      // Every list probed is exact search (ties broken by row as the scan breaks them).
      if (lists) return opts.exact ? this.searchLists(lists, queries, k, Infinity) : this.searchLists(lists, queries, k, opts.probes ?? DEFAULT_PROBES, opts.minScore);
    }
    if (this.simd === null) {
      this.simd = this.rows.kind === 'i8'
        ? SimdScorer.createInt8(this.rows.q, this.rows.scales, this.size, this.dim) ?? SimdScorer.create(this.matrix, this.size, this.dim)
        : SimdScorer.create(this.rows.matrix, this.size, this.dim);
    }
    if (!this.simd) return topKMany(this.matrix, this.size, this.dim, queries, k).map((r) => toHits(this.codes, r));
    const out: CodeHit[][] = new Array(queries.length);
    this.simd.scoreBlocks(queries, (j, scores) => { out[j] = toHits(this.codes, topKOfScores(scores, k)); });
    return out;
  }

  /** The rows copied in list order into the int8 kernel's memory, and the centroids (built on first two-stage search). */
  private listScorers(): { rows: SimdScorer; centroids: SimdScorer } | undefined {
    if (this.lists !== null) return this.lists;
    const p = this.partition!, d = this.dim;
    if (this.rows.kind !== 'i8') return (this.lists = undefined);
    let longest = 0;
    for (let l = 0; l + 1 < p.offsets.length; l++) longest = Math.max(longest, p.offsets[l + 1] - p.offsets[l]);
    const rows = SimdScorer.createInt8(this.rows.q, this.rows.scales, this.size, d, BLOCK * longest, p.order);
    const centroids = SimdScorer.create(p.centroids, p.offsets.length - 1, d);
    this.lists = rows?.canScoreSpans && rows.int8Rows && centroids ? { rows, centroids } : undefined;
    if (this.lists) {
      // The rows now live in the scorer's memory in list order; the index-order copy is dropped (10 MB).
      this.rows = { kind: 'i8', ...rows!.int8Rows! };
      this.pos = new Uint32Array(this.size);
      for (let i = 0; i < this.size; i++) this.pos[p.order[i]] = i;
      this.simd = null;
    }
    return this.lists;
  }

  private searchLists(s: { rows: SimdScorer; centroids: SimdScorer }, queries: Float32Array[], k: number, probes: number, minScore?: number): CodeHit[][] {
    const p = this.partition!;
    const nLists = p.offsets.length - 1;
    const kk = Math.max(0, Math.min(k, this.size));
    const near: Int32Array[] = new Array(queries.length);
    s.centroids.scoreBlocks(queries, (j, scores) => { near[j] = topKOfScores(scores, Math.min(probes, nLists)).idx; });
    const prepared = queries.map((q) => s.rows.int16Query(q));
    const res: TopK[] = queries.map(() => ({ idx: new Int32Array(kk), score: new Float32Array(kk).fill(-Infinity), n: 0 }));
    const min = new Float64Array(queries.length).fill(-Infinity);
    // Queries that probe the same list are scored together (its rows stream once per block of 16 queries).
    const scan = (from: number, to: number, which: number[]) => {
      const byList: number[][] = Array.from({ length: nLists }, () => []);
      for (const j of which) for (let r = from; r < Math.min(to, near[j].length); r++) byList[near[j][r]].push(j);
      for (let l = 0; l < nLists; l++) {
        const start = p.offsets[l], n = p.offsets[l + 1] - start, js = byList[l];
        if (!n || !js.length) continue;
        for (let b = 0; b < js.length; b += BLOCK) {
          const block = js.slice(b, b + BLOCK);
          s.rows.scoreSpan(block.map((j) => prepared[j]), start, n, (i, scores) => {
            const j = block[i], r0 = res[j];
            let m = min[j];
            for (let r = 0; r < n; r++) if (scores[r] >= m) m = insertByRow(r0, kk, p.order[start + r], scores[r]);
            min[j] = m;
          });
        }
      }
    };
    const all = queries.map((_q, j) => j);
    if (kk && minScore === undefined) scan(0, Infinity, all);
    else if (kk && minScore !== undefined) {
      const first = Math.max(1, Math.ceil(Math.min(probes, nLists) / 4));
      scan(0, first, all);
      scan(first, Infinity, all.filter((j) => res[j].n > 0 && res[j].score[0] >= minScore - 0.1));
    }
    return res.map((r) => {
      const out: CodeHit[] = [];
      for (let i = 0; i < r.n; i++) out.push({ code: this.codes[r.idx[i]], score: r.score[i] });
      return out;
    });
  }
}

/**
 * insertTopK with ties broken by row number, as the exact scan (which meets rows in index order) breaks them,
 * so the two-stage search orders equal scores (codes with the same text) the same way.
 */
function insertByRow(res: TopK, kk: number, row: number, s: number): number {
  if (res.n === kk && (s < res.score[kk - 1] || (s === res.score[kk - 1] && row > res.idx[kk - 1]))) return res.score[kk - 1];
  let p = res.n < kk ? res.n++ : kk - 1;
  while (p > 0 && (res.score[p - 1] < s || (res.score[p - 1] === s && res.idx[p - 1] > row))) {
    res.score[p] = res.score[p - 1];
    res.idx[p] = res.idx[p - 1];
    p--;
  }
  res.score[p] = s;
  res.idx[p] = row;
  return res.n === kk ? res.score[kk - 1] : -Infinity;
}

/** Symmetric int8 per row: scale = max |x| / 127. */
function quantizeRows(m: Float32Array, n: number, d: number): [Float32Array, Int8Array] {
  const scales = new Float32Array(n);
  const q = new Int8Array(n * d);
  for (let r = 0; r < n; r++) {
    let max = 0;
    for (let k = 0; k < d; k++) max = Math.max(max, Math.abs(m[r * d + k]));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let k = 0; k < d; k++) q[r * d + k] = Math.round(m[r * d + k] / scale);
  }
  return [scales, q];
}

function dequantizeRows(scales: Float32Array, q: Int8Array, n: number, d: number): Float32Array {
  const m = new Float32Array(n * d);
  for (let r = 0; r < n; r++) for (let k = 0; k < d; k++) m[r * d + k] = q[r * d + k] * scales[r];
  return m;
}
