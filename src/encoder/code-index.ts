import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir } from '../common/paths';
import { CodeIndexError } from './errors';
import { float32ToHalf, halfToFloat32 } from './fp16';
import { SimdScorer } from './simd-scorer';
import { topKMany, topKOfScores, toHits } from './top-k';
import type { CodeHit } from './types';

export const CODE_INDEX_FORMAT = 'clinical-coder-code-index';
export const CODE_INDEX_VERSION = 1;
const META_FILE = 'code-index.json';
const VECTORS_FILE = 'code-index.f16';

/** What the index was built from: a different model or text recipe means the index must be rebuilt. */
export interface CodeIndexMeta {
  format: typeof CODE_INDEX_FORMAT;
  version: number;
  /** Encoder.id of the model that embedded the code texts. */
  model: string;
  dim: number;
  count: number;
  dtype: 'fp16';
  /** Code text recipe (buildCodeText options) and knowledge base it came from. */
  textRecipe: string;
  builtAt: string;
  codes: string[];
}

export function defaultCodeIndexDir(): string {
  return path.join(resolveModelsDir(), 'embeddings');
}

/**
 * Precomputed embeddings of knowledge-injected code texts with exact (brute-force) top-k search. Stored as
 * fp16 (half the size; the accuracy cost is measured in the encoder benchmark), searched as float32.
 */
export class CodeEmbeddingIndex {
  private simd: SimdScorer | undefined | null = null;

  private constructor(readonly meta: Omit<CodeIndexMeta, 'codes'>, readonly codes: string[], private readonly matrix: Float32Array) {}

  get size(): number {
    return this.codes.length;
  }

  get dim(): number {
    return this.meta.dim;
  }

  /** `keepFloat32`: skip the fp16 rounding (only to measure what fp16 storage costs). */
  static fromVectors(codes: string[], vectors: Float32Array[], meta: { model: string; textRecipe: string }, keepFloat32 = false): CodeEmbeddingIndex {
    const dim = vectors[0]?.length ?? 0;
    const m = new Float32Array(codes.length * dim);
    vectors.forEach((v, i) => m.set(v, i * dim));
    // round-trip through fp16 so an in-memory index scores exactly like the saved one
    const half = keepFloat32 ? m : halfToFloat32(float32ToHalf(m));
    return new CodeEmbeddingIndex({ format: CODE_INDEX_FORMAT, version: CODE_INDEX_VERSION, dim, count: codes.length, dtype: 'fp16', builtAt: new Date().toISOString(), ...meta }, codes, half);
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
    if (buf.length !== meta.count * meta.dim * 2) {
      throw new CodeIndexError(`Code embedding index ${vecFile} has ${buf.length} bytes, expected ${meta.count * meta.dim * 2}: ${fix}`);
    }
    const half = new Uint16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    const { codes, ...rest } = meta;
    return new CodeEmbeddingIndex(rest, codes, halfToFloat32(half));
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const half = float32ToHalf(this.matrix);
    fs.writeFileSync(path.join(dir, VECTORS_FILE), Buffer.from(half.buffer, half.byteOffset, half.byteLength));
    const meta: CodeIndexMeta = { ...this.meta, codes: this.codes } as CodeIndexMeta;
    fs.writeFileSync(path.join(dir, META_FILE), JSON.stringify(meta));
  }

  /** The stored (fp16-rounded) vector of a code, if indexed. */
  vector(code: string): Float32Array | undefined {
    const i = this.codes.indexOf(code);
    return i < 0 ? undefined : this.matrix.slice(i * this.dim, (i + 1) * this.dim);
  }

  search(query: Float32Array, k: number): CodeHit[] {
    return this.searchMany([query], k)[0];
  }

  searchMany(queries: Float32Array[], k: number): CodeHit[][] {
    for (const q of queries) {
      if (q.length !== this.dim) throw new CodeIndexError(`query has ${q.length} dimensions but the code index has ${this.dim}: rebuild the index with this model ("npm run build:embeddings")`);
    }
    if (this.simd === null) this.simd = SimdScorer.create(this.matrix, this.size, this.dim);
    if (!this.simd) return topKMany(this.matrix, this.size, this.dim, queries, k).map((r) => toHits(this.codes, r));
    const out: CodeHit[][] = new Array(queries.length);
    this.simd.scoreBlocks(queries, (j, scores) => { out[j] = toHits(this.codes, topKOfScores(scores, k)); });
    return out;
  }
}
