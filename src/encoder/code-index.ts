import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir } from '../common/paths';
import { CodeIndexError } from './errors';
import { float32ToHalf, halfToFloat32 } from './fp16';
import { LruCache } from './lru-cache';
import { SimdScorer } from './simd-scorer';
import { topKMany, topKOfScores, toHits } from './top-k';
import type { CodeHit } from './types';

export const CODE_INDEX_FORMAT = 'clinical-coder-code-index';
export const CODE_INDEX_VERSION = 1;
const META_FILE = 'code-index.json';
const VECTORS_FILE = 'code-index.bin';

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
  codes: string[];
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

  private constructor(readonly meta: Omit<CodeIndexMeta, 'codes'>, readonly codes: string[], private readonly rows: Rows) {}

  /** All rows as float32 (the fallback search without SIMD; built once for an int8 index). */
  private get matrix(): Float32Array {
    if (this.rows.kind === 'f32') return this.rows.matrix;
    return (this.dense ??= dequantizeRows(this.rows.scales, this.rows.q, this.size, this.dim));
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
    const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    const rows: Rows = meta.dtype === 'int8'
      ? { kind: 'i8', scales: new Float32Array(bytes, 0, n), q: new Int8Array(bytes, n * 4, n * d) }
      : { kind: 'f32', matrix: halfToFloat32(new Uint16Array(bytes)) };
    const { codes, ...rest } = meta;
    return new CodeEmbeddingIndex(rest, codes, rows);
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    if (this.meta.dtype === 'fp32') throw new CodeIndexError('an fp32 code index is for in-memory comparisons only; build it as int8 or fp16 to save it');
    let data: Uint8Array;
    if (this.rows.kind === 'i8') {
      const { scales, q } = this.rows;
      data = new Uint8Array(this.size * 4 + q.length);
      data.set(new Uint8Array(scales.buffer), 0);
      data.set(new Uint8Array(q.buffer), this.size * 4);
    } else {
      const half = float32ToHalf(this.matrix);
      data = new Uint8Array(half.buffer);
    }
    fs.writeFileSync(path.join(dir, VECTORS_FILE), data);
    const meta: CodeIndexMeta = { ...this.meta, codes: this.codes } as CodeIndexMeta;
    fs.writeFileSync(path.join(dir, META_FILE), JSON.stringify(meta));
  }

  /** Row of each code, built on first use (the engine asks for a code's vector per mention: a scan cost ~75k compares). */
  private rowOf: Map<string, number> | undefined;
  /** Recently asked int8 rows, dequantised (a note's candidates are asked for once per phrase they overlap). */
  private readonly recent = new LruCache<number, Float32Array>(4096);

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
      const s = this.rows.scales[i], q = this.rows.q;
      for (let k = 0; k < d; k++) v[k] = q[i * d + k] * s;
      this.recent.set(i, v);
    }
    return v;
  }

  search(query: Float32Array, k: number): CodeHit[] {
    return this.searchMany([query], k)[0];
  }

  searchMany(queries: Float32Array[], k: number): CodeHit[][] {
    for (const q of queries) {
      if (q.length !== this.dim) throw new CodeIndexError(`query has ${q.length} dimensions but the code index has ${this.dim}: rebuild the index with this model ("npm run build:embeddings")`);
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
