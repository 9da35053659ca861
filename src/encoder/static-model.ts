// The shipped encoder's graph is embeddings -> LayerNorm -> linear -> (mean pooling outside). Such a graph runs
// in plain JS from the ONNX file's own weights, without loading onnxruntime: the linear layer commutes with the
// mean, so each text costs one LayerNorm per token and one 256x128 product, and the native runtime's memory and
// start-up are saved. Any other graph (a custom model) returns undefined here and runs on onnxruntime.
import * as fs from 'node:fs';
import { float32ToHalf, halfTable } from './fp16';
import { SimdScorer } from './simd-scorer';

interface Tensor { dims: number[]; type: number; data?: Float32Array }
interface Node { op: string; inputs: string[]; outputs: string[]; value?: Tensor }

/** Weights of a static (attention-free) encoder, as in models/train/model.py with layers = 0. */
export interface StaticWeights {
  vocab: number;
  hidden: number;
  out: number;
  maxPos: number;
  tok: Float32Array;
  pos: Float32Array;
  typ: Float32Array;
  lnWeight: Float32Array;
  lnBias: Float32Array;
  eps: number;
  /** [hidden, out] row-major (MatMul's right operand). */
  proj: Float32Array;
  projBias: Float32Array;
}

// A minimal protobuf reader: enough of onnx.proto (ModelProto.graph, GraphProto.node/initializer, NodeProto,
// TensorProto, AttributeProto.t) to read this graph.
type Field = { f: number; w: number; v: bigint | [number, number] | number };
function* fields(b: Uint8Array, start: number, end: number): Generator<Field> {
  let p = start;
  const varint = (): bigint => {
    let r = 0n, sh = 0n;
    for (;;) {
      if (p >= end) throw new Error('truncated varint');
      const x = b[p++];
      r |= BigInt(x & 0x7f) << sh;
      if (!(x & 0x80)) return r;
      sh += 7n;
    }
  };
  while (p < end) {
    const key = Number(varint());
    const f = key >>> 3, w = key & 7;
    if (w === 0) yield { f, w, v: varint() };
    else if (w === 2) {
      const l = Number(varint());
      if (p + l > end) throw new Error('truncated field');
      yield { f, w, v: [p, p + l] };
      p += l;
    } else if (w === 5) { yield { f, w, v: p }; p += 4; } else if (w === 1) { yield { f, w, v: p }; p += 8; } else throw new Error(`wire type ${w}`);
  }
}

const utf8 = (b: Uint8Array, r: [number, number]) => Buffer.from(b.buffer, b.byteOffset + r[0], r[1] - r[0]).toString('utf8');

function readTensor(b: Uint8Array, r: [number, number]): Tensor & { name: string } {
  const t: Tensor & { name: string } = { dims: [], type: 0, name: '' };
  const floats: number[] = [];
  let raw: [number, number] | undefined;
  for (const { f, w, v } of fields(b, r[0], r[1])) {
    if (f === 1 && w === 0) t.dims.push(Number(v));
    else if (f === 1) throw new Error('packed dims'); // torch.onnx writes them unpacked; anything else is not ours
    else if (f === 2) t.type = Number(v);
    else if (f === 8) t.name = utf8(b, v as [number, number]);
    else if (f === 9) raw = v as [number, number];
    else if (f === 4 && w === 5) floats.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength).readFloatLE(v as number));
  }
  // Small tensors are copied, so only the embedding table (most of the file) can keep the file's bytes alive: as a
  // view where aligned (no second copy), else as a copy too.
  if (t.type === 1 && raw) {
    const at = b.byteOffset + raw[0], len = (raw[1] - raw[0]) >> 2;
    t.data = at % 4 === 0 && len > 1 << 18 ? new Float32Array(b.buffer, at, len) : new Float32Array(new Uint8Array(b.subarray(raw[0], raw[1])).buffer);
  }
  else if (t.type === 1 && floats.length) t.data = Float32Array.from(floats);
  return t;
}

function readGraph(b: Uint8Array): { nodes: Node[]; inits: Map<string, Tensor> } | undefined {
  const nodes: Node[] = [];
  const inits = new Map<string, Tensor>();
  let seen = false;
  for (const { f, v } of fields(b, 0, b.length)) {
    if (f !== 7) continue;
    seen = true;
    const [gs, ge] = v as [number, number];
    for (const g of fields(b, gs, ge)) {
      if (g.f === 5) { const t = readTensor(b, g.v as [number, number]); inits.set(t.name, t); }
      if (g.f !== 1) continue;
      const node: Node = { op: '', inputs: [], outputs: [] };
      const [ns, ne] = g.v as [number, number];
      for (const n of fields(b, ns, ne)) {
        if (n.f === 1) node.inputs.push(utf8(b, n.v as [number, number]));
        else if (n.f === 2) node.outputs.push(utf8(b, n.v as [number, number]));
        else if (n.f === 4) node.op = utf8(b, n.v as [number, number]);
        else if (n.f === 5) {
          const [as, ae] = n.v as [number, number];
          for (const a of fields(b, as, ae)) if (a.f === 5) node.value = readTensor(b, a.v as [number, number]);
        }
      }
      nodes.push(node);
    }
  }
  return seen ? { nodes, inits } : undefined;
}

/** The ops of models/train/model.py exported with layers = 0 (torch.onnx, opset 14); nothing else is accepted. */
const STATIC_OPS = ['Shape', 'Constant', 'Gather', 'Cast', 'Constant', 'Constant', 'Range', 'Constant', 'Unsqueeze', 'Gather', 'Gather', 'Add', 'Gather', 'Add',
  'ReduceMean', 'Sub', 'Constant', 'Pow', 'ReduceMean', 'Constant', 'Add', 'Sqrt', 'Div', 'Mul', 'Add', 'MatMul', 'Add'];

/** Reads a static encoder's weights from an ONNX file; undefined when the graph is anything else (or unreadable). */
export function readStaticModel(onnxPath: string): StaticWeights | undefined {
  let g: ReturnType<typeof readGraph>;
  try {
    g = readGraph(fs.readFileSync(onnxPath));
  } catch {
    return undefined;
  }
  if (!g || g.nodes.length !== STATIC_OPS.length || g.nodes.some((n, i) => n.op !== STATIC_OPS[i])) return undefined;
  const f32 = (name: string, dims: number): Float32Array | undefined => {
    const t = g!.inits.get(name);
    return t && t.type === 1 && t.data && t.dims.length === dims ? t.data : undefined;
  };
  const tok = f32('tok.weight', 2), pos = f32('pos.weight', 2), typ = f32('typ.weight', 2);
  const lnWeight = f32('ln.weight', 1), lnBias = f32('ln.bias', 1), projBias = f32('proj.bias', 1);
  const matmul = g.nodes[25], lnAdd = g.nodes[20], epsNode = g.nodes.find((n) => n.outputs[0] === lnAdd.inputs[1]);
  const proj = f32(matmul.inputs[1], 2);
  const eps = epsNode?.value?.data?.[0];
  if (!tok || !pos || !typ || !lnWeight || !lnBias || !projBias || !proj || eps === undefined) return undefined;
  const [vocab, hidden] = g.inits.get('tok.weight')!.dims;
  const [projIn, out] = g.inits.get(matmul.inputs[1])!.dims;
  const maxPos = g.inits.get('pos.weight')!.dims[0];
  const ok = tok.length === vocab * hidden && pos.length === maxPos * hidden && typ.length >= hidden && lnWeight.length === hidden
    && lnBias.length === hidden && projIn === hidden && proj.length === hidden * out && projBias.length === out;
  return ok ? { vocab, hidden, out, maxPos, tok, pos, typ, lnWeight, lnBias, eps, proj, projBias } : undefined;
}

/**
 * Runs the static graph: per token, embedding sum and LayerNorm, averaged over the text; then one projection per
 * text (WebAssembly SIMD, batched; plain JS where SIMD is unavailable) and L2 normalisation. Equal to float
 * rounding to running the ONNX graph and pooling its output, since mean_t(W LN(x_t) + b) = W mean_t(LN(x_t)) + b.
 */
export class StaticModel {
  private readonly simd: SimdScorer | undefined;
  readonly w: StaticWeights;
  /** The token embedding table in half precision (6 MB instead of 12; embeddings move by cosine < 1e-6). */
  private readonly tok16: Uint16Array;
  private readonly half = halfTable();

  constructor(weights: StaticWeights) {
    this.tok16 = float32ToHalf(weights.tok);
    const w = (this.w = { ...weights, tok: new Float32Array(0) });
    // The projection transposed: row j holds output j's weights, the layout the dot-product kernel takes.
    const t = new Float32Array(w.out * w.hidden);
    for (let k = 0; k < w.hidden; k++) for (let j = 0; j < w.out; j++) t[j * w.hidden + k] = w.proj[k * w.out + j];
    this.simd = SimdScorer.create(t, w.out, w.hidden);
  }

  embed(batch: readonly (readonly number[])[]): Float32Array[] {
    const means = batch.map((ids) => this.meanLayerNorm(ids));
    const out = means.map(() => new Float32Array(this.w.out));
    if (this.simd) this.simd.scoreBlocks(means, (j, scores) => out[j].set(scores));
    else means.forEach((m, j) => this.project(m, out[j]));
    return out.map((o, j) => this.finish(o, batch[j].length > 0));
  }

  private meanLayerNorm(ids: readonly number[]): Float32Array {
    const { hidden: h, pos, typ, lnWeight, lnBias, eps, vocab } = this.w;
    const tok = this.tok16, half = this.half;
    const x = new Float64Array(h);
    const sum = new Float64Array(h);
    const n = Math.min(ids.length, this.w.maxPos);
    for (let t = 0; t < n; t++) {
      const raw = ids[t];
      const to = (raw >= 0 && raw < vocab ? raw : 0) * h, po = t * h;
      let mean = 0;
      for (let k = 0; k < h; k++) { const v = half[tok[to + k]] + pos[po + k] + typ[k]; x[k] = v; mean += v; }
      mean /= h;
      let vr = 0;
      for (let k = 0; k < h; k++) { const d = x[k] - mean; x[k] = d; vr += d * d; }
      const inv = 1 / Math.sqrt(vr / h + eps);
      for (let k = 0; k < h; k++) sum[k] += x[k] * inv * lnWeight[k] + lnBias[k];
    }
    const m = new Float32Array(h);
    if (n) for (let k = 0; k < h; k++) m[k] = sum[k] / n;
    return m;
  }

  private project(m: Float32Array, o: Float32Array): void {
    const { hidden: h, out: dOut, proj } = this.w;
    const acc = new Float64Array(dOut);
    for (let k = 0; k < h; k++) {
      const row = k * dOut;
      for (let j = 0; j < dOut; j++) acc[j] += m[k] * proj[row + j];
    }
    o.set(acc);
  }

  private finish(o: Float32Array, any: boolean): Float32Array {
    if (!any) return o.fill(0);
    const b = this.w.projBias;
    let s = 0;
    for (let j = 0; j < o.length; j++) { o[j] += b[j]; s += o[j] * o[j]; }
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < o.length; j++) o[j] *= inv;
    return o;
  }
}
