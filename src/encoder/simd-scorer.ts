import { DOT_SIMD_WASM } from './dot-simd-wasm';

export const BLOCK = 16;

export interface Int16Query { v: Int16Array; scale: number }

/**
 * Brute-force dot products of query vectors against a fixed [count, dim] matrix, in WebAssembly SIMD (the matrix
 * lives in wasm memory; queries go in blocks of 16 so it streams from memory once per block). About 5x faster than
 * plain JS loops, the int8 kernel (`createInt8`) about twice the float32 one; `create`/`createInt8` return
 * undefined where SIMD is unavailable or dim is not a multiple of 16/32.
 */
export class SimdScorer {
  private constructor(
    private readonly scoresFn: (m: number, q: number, out: number, n: number, d: number, nq: number) => void,
    private readonly memory: WebAssembly.Memory,
    private readonly count: number,
    private readonly dim: number,
    private readonly qOff: number,
    private readonly outOff: number,
  ) {}

  static create(matrix: Float32Array, count: number, dim: number): SimdScorer | undefined {
    if (dim % 16 !== 0 || typeof WebAssembly === 'undefined') return undefined;
    try {
      const module = new WebAssembly.Module(Buffer.from(DOT_SIMD_WASM, 'base64'));
      const inst = new WebAssembly.Instance(module, {});
      const memory = inst.exports.memory as WebAssembly.Memory;
      const mBytes = count * dim * 4;
      const qOff = align(mBytes);
      const outOff = align(qOff + BLOCK * dim * 4);
      const total = outOff + BLOCK * count * 4;
      const pages = Math.ceil(total / 65536) - memory.buffer.byteLength / 65536;
      if (pages > 0) memory.grow(pages);
      new Float32Array(memory.buffer, 0, count * dim).set(matrix.subarray(0, count * dim));
      return new SimdScorer(inst.exports.scores as never, memory, count, dim, qOff, outOff);
    } catch {
      return undefined;
    }
  }

  /**
   * The int8 kernel: `q` holds [count, dim] int8 rows and `scales` their float32 scales (the shipped index as
   * stored); queries are rounded to int16 with a scale each (relative error ~1e-5). dim must be a multiple of 32.
   */
  /**
   * `spanRows`: when set, the output buffer holds only that many scores (for `scoreSpan`; `scoreBlocks` is then
   * unavailable). `order`: rows are stored as q's rows order[0], order[1], ... (copied straight into wasm memory).
   */
  static createInt8(q: Int8Array, scales: Float32Array, count: number, dim: number, spanRows?: number, order?: Uint32Array): SimdScorer | undefined {
    if (dim % 32 !== 0 || typeof WebAssembly === 'undefined') return undefined;
    try {
      const module = new WebAssembly.Module(Buffer.from(DOT_SIMD_WASM, 'base64'));
      const inst = new WebAssembly.Instance(module, {});
      const memory = inst.exports.memory as WebAssembly.Memory;
      const scalesOff = align(count * dim);
      const qOff = align(scalesOff + count * 4);
      const qScalesOff = align(qOff + BLOCK * dim * 2);
      const outOff = align(qScalesOff + BLOCK * 4);
      const total = outOff + (spanRows !== undefined ? spanRows : BLOCK * count) * 4;
      const pages = Math.ceil(total / 65536) - memory.buffer.byteLength / 65536;
      if (pages > 0) memory.grow(pages);
      const mq = new Int8Array(memory.buffer, 0, count * dim), ms = new Float32Array(memory.buffer, scalesOff, count);
      if (!order) { mq.set(q.subarray(0, count * dim)); ms.set(scales.subarray(0, count)); }
      else for (let i = 0; i < count; i++) { const r = order[i]; mq.set(q.subarray(r * dim, (r + 1) * dim), i * dim); ms[i] = scales[r]; }
      const fn = inst.exports.scores_i8 as (m: number, sc: number, q: number, qs: number, out: number, n: number, d: number, nq: number) => void;
      const scorer = new SimdScorer((m, qv, out, n, d, nq) => fn(m, scalesOff, qv, qScalesOff, out, n, d, nq), memory, count, dim, qOff, outOff);
      scorer.int16Queries = qScalesOff;
      scorer.rowViews = { q: new Int8Array(memory.buffer, 0, count * dim), scales: new Float32Array(memory.buffer, scalesOff, count) };
      scorer.blocks = spanRows === undefined;
      scorer.spanFn = (start, n, nq) => fn(start * dim, scalesOff + start * 4, qOff, qScalesOff, outOff, n, dim, nq);
      return scorer;
    } catch {
      return undefined;
    }
  }

  /** Offset of the query scales when queries go in as int16 (the int8 kernel); undefined for float32 queries. */
  private int16Queries: number | undefined;

  private blocks = true;
  private rowViews: { q: Int8Array; scales: Float32Array } | undefined;

  /** The int8 rows and scales as stored in wasm memory (views, never reallocated: the memory does not grow). */
  get int8Rows(): { q: Int8Array; scales: Float32Array } | undefined { return this.rowViews; }
  private spanFn: ((start: number, n: number, nq: number) => void) | undefined;

  /** Whether `setQuery`/`scoreSpan` work (the int8 kernel). */
  get canScoreSpans(): boolean { return !!this.spanFn; }

  /** A query rounded to int16 with its scale, exactly as `scoreBlocks` rounds it (so scores are identical). */
  int16Query(q: Float32Array): Int16Query {
    let max = 0;
    for (let k = 0; k < this.dim; k++) max = Math.max(max, Math.abs(q[k]));
    const scale = max / 32767 || 1;
    const v = new Int16Array(this.dim);
    for (let k = 0; k < this.dim; k++) v[k] = Math.round(q[k] / scale);
    return { v, scale };
  }

  /**
   * Scores of up to 16 prepared queries against rows [start, start + n) in one pass over those rows:
   * `each(i, scores)` with a view valid during the call only. The output buffer must hold block.length * n scores.
   */
  scoreSpan(block: Int16Query[], start: number, n: number, each: (i: number, scores: Float32Array) => void): void {
    const qv = new Int16Array(this.memory.buffer, this.qOff, block.length * this.dim);
    const qs = new Float32Array(this.memory.buffer, this.int16Queries!, block.length);
    block.forEach((q, i) => { qv.set(q.v, i * this.dim); qs[i] = q.scale; });
    this.spanFn!(start, n, block.length);
    for (let i = 0; i < block.length; i++) each(i, new Float32Array(this.memory.buffer, this.outOff + i * n * 4, n));
  }

  private writeInt16Queries(block: Float32Array[]): void {
    const qv = new Int16Array(this.memory.buffer, this.qOff, block.length * this.dim);
    const qs = new Float32Array(this.memory.buffer, this.int16Queries!, block.length);
    block.forEach((q, j) => { const r = this.int16Query(q); qv.set(r.v, j * this.dim); qs[j] = r.scale; });
  }

  /** Calls `each(j, scores)` for every query j with a view of its `count` scores (valid during the call only). */
  scoreBlocks(queries: Float32Array[], each: (j: number, scores: Float32Array) => void): void {
    if (!this.blocks) throw new Error('this scorer was built for scoreSpan only');
    for (let q0 = 0; q0 < queries.length; q0 += BLOCK) {
      const block = queries.slice(q0, q0 + BLOCK);
      if (this.int16Queries === undefined) {
        const qv = new Float32Array(this.memory.buffer, this.qOff, block.length * this.dim);
        block.forEach((q, j) => qv.set(q, j * this.dim));
      } else this.writeInt16Queries(block);
      this.scoresFn(0, this.qOff, this.outOff, this.count, this.dim, block.length);
      for (let j = 0; j < block.length; j++) each(q0 + j, new Float32Array(this.memory.buffer, this.outOff + j * this.count * 4, this.count));
    }
  }
}

function align(n: number): number {
  return Math.ceil(n / 64) * 64;
}
