import * as path from 'node:path';
import type { InferenceSession as OrtSession } from 'onnxruntime-node';
import { resolveModelsDir } from '../common/paths';
import { EncoderLoadError } from './errors';
import { disableRuntimeTelemetry } from './runtime-telemetry';
import { LruCache } from './lru-cache';
import { readModelFolder, MODEL_FOLDER_HINT, type ModelFolder } from './model-folder';
import { readStaticModel, StaticModel } from './static-model';
import { meanPoolNormalize } from './pooling';
import { EncoderTokenizer } from './tokenizer';
import type { Encoder, EncoderOptions } from './types';

/** Counters for benchmarks (tokens actually run through the model, excluding padding and cache hits). */
export interface EncoderStats {
  texts: number;
  cacheHits: number;
  tokens: number;
  paddedTokens: number;
  inferenceMs: number;
}

export interface OnnxEncoder extends Encoder {
  readonly modelDir: string;
  readonly fingerprint: string;
  readonly stats: EncoderStats;
  readonly tokenizer: EncoderTokenizer;
  /** 'js' for the shipped static graph (no native runtime loaded), 'onnxruntime' for any other model. */
  readonly runtime: 'js' | 'onnxruntime';
}

/**
 * What a user can do when the native ONNX runtime does not load: each platform VSIX carries only its own
 * binary, so a missing one means the extension was installed for another platform.
 */
export function nativeRuntimeMessage(e: Error, platform: string = process.platform, arch: string = process.arch): string {
  const target = `${platform}-${arch}`;
  const missing = /Cannot find module|no such file|ENOENT|image not found|cannot open shared object/i.test(e?.message ?? '');
  const why = missing ? `the ONNX runtime for ${target} is not part of this installation` : `the ONNX runtime for ${target} could not be loaded (${String(e?.message ?? e).split('\n')[0]})`;
  return `${why}. Install the Clinical Coder VSIX built for ${target} (clinical-coder-${target}.vsix). Suggestions are lexical-only until then.`;
}

export function defaultEncoderDir(): string {
  return path.join(resolveModelsDir(), 'encoder');
}

/**
 * The default encoder: our shipped ONNX model (run in JS when its graph is the static one, else on onnxruntime-node). Texts are sorted by length before batching
 * (less padding), results come back in input order; an LRU cache keyed by text skips repeated sentences.
 */
export async function createOnnxEncoder(opts: EncoderOptions = {}): Promise<OnnxEncoder> {
  const dir = path.resolve(opts.modelDir ?? defaultEncoderDir());
  const folder = readModelFolder(dir);
  const maxTokens = opts.maxTokens ?? Number(folder.tokenizerConfig.model_max_length ?? 128);
  const tokenizer = new EncoderTokenizer(folder.tokenizerJson, folder.tokenizerConfig, Math.min(maxTokens, 512));
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const cache = new LruCache<string, Float32Array>(opts.cacheSize ?? 4096);
  const stats: EncoderStats = { texts: 0, cacheHits: 0, tokens: 0, paddedTokens: 0, inferenceMs: 0 };
  // The shipped (static) graph runs in JS from the same weights; other graphs, or runtime 'onnxruntime', on onnxruntime.
  const weights = opts.runtime === 'onnxruntime' ? undefined : readStaticModel(folder.onnxPath);
  const backend = weights ? staticBackend(new StaticModel(weights), tokenizer, stats) : await onnxBackend(folder, dir, tokenizer, stats, opts);
  let dim = weights ? weights.out : Number(folder.config.embedding_size ?? folder.config.hidden_size ?? 0);
  const run = async (texts: string[]) => {
    const vecs = await backend.run(texts);
    if (vecs[0]) dim = vecs[0].length;
    return vecs;
  };

  const encoder: OnnxEncoder = {
    id: `onnx:${path.basename(dir)}:${folder.fingerprint}`,
    get dim() { return dim; },
    modelDir: dir,
    fingerprint: folder.fingerprint,
    stats,
    tokenizer,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const result: Float32Array[] = new Array(texts.length);
      const todo: number[] = [];
      const seen = new Map<string, number[]>();
      texts.forEach((raw, i) => {
        const t = typeof raw === 'string' ? raw : String(raw ?? '');
        const hit = cache.get(t);
        stats.texts++;
        if (hit) {
          stats.cacheHits++;
          result[i] = hit;
          return;
        }
        const same = seen.get(t);
        if (same) same.push(i);
        else {
          seen.set(t, [i]);
          todo.push(i);
        }
      });
      // length-sorted batches: similar lengths pad less
      const lens = new Map(todo.map((i) => [i, texts[i].length]));
      todo.sort((a, b) => lens.get(a)! - lens.get(b)! || a - b);
      for (let s = 0; s < todo.length; s += batchSize) {
        const idx = todo.slice(s, s + batchSize);
        const vecs = await run(idx.map((i) => String(texts[i] ?? '')));
        idx.forEach((i, j) => {
          const t = String(texts[i] ?? '');
          cache.set(t, vecs[j]);
          for (const k of seen.get(t)!) result[k] = vecs[j];
        });
      }
      return result;
    },
    runtime: weights ? 'js' : 'onnxruntime',
    async dispose() {
      await backend.dispose();
    },
  };
  if (!dim) {
    dim = (await encoder.embed(['warm up']))[0].length;
  }
  return encoder;
}

interface Backend { run(texts: string[]): Promise<Float32Array[]>; dispose(): Promise<void> }

function staticBackend(model: StaticModel, tokenizer: EncoderTokenizer, stats: EncoderStats): Backend {
  return {
    async run(texts) {
      const ids = texts.map((t) => tokenizer.ids(t));
      const t0 = performance.now();
      const out = model.embed(ids);
      stats.inferenceMs += performance.now() - t0;
      for (const x of ids) { stats.tokens += x.length; stats.paddedTokens += x.length; }
      return out;
    },
    async dispose() { /* nothing native to release */ },
  };
}

async function onnxBackend(folder: ModelFolder, dir: string, tokenizer: EncoderTokenizer, stats: EncoderStats, opts: EncoderOptions): Promise<Backend> {
  let ort: typeof import('onnxruntime-node');
  try {
    // Also here for library users who import the encoder directly (their main thread).
    disableRuntimeTelemetry();
    ort = await import('onnxruntime-node');
  } catch (e) {
    throw new EncoderLoadError(nativeRuntimeMessage(e as Error), dir, { cause: e });
  }
  let session: OrtSession;
  try {
    const threads = opts.threads ?? 2;
    session = await ort.InferenceSession.create(folder.onnxPath, {
      intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
    });
  } catch (e) {
    throw new EncoderLoadError(`Encoder weights are corrupt or not an ONNX model: ${folder.onnxPath} (${(e as Error).message.split('\n')[0]}). ${MODEL_FOLDER_HINT}`, dir, { cause: e });
  }
  const inputs = new Set(session.inputNames);
  if (!inputs.has('input_ids')) {
    await session.release();
    throw new EncoderLoadError(`Encoder ONNX model ${folder.onnxPath} must take input_ids (has: ${session.inputNames.join(', ')}). ${MODEL_FOLDER_HINT}`, dir);
  }
  const outputName = session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0];

  async function run(texts: string[]): Promise<Float32Array[]> {
    const tb = tokenizer.batch(texts);
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      input_ids: new ort.Tensor('int64', tb.inputIds, [tb.batch, tb.seq]),
    };
    if (inputs.has('attention_mask')) feeds.attention_mask = new ort.Tensor('int64', tb.attentionMask, [tb.batch, tb.seq]);
    if (inputs.has('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', tb.tokenTypeIds, [tb.batch, tb.seq]);
    const t0 = performance.now();
    const out = await session.run(feeds);
    stats.inferenceMs += performance.now() - t0;
    stats.tokens += tb.lengths.reduce((a, b) => a + b, 0);
    stats.paddedTokens += tb.batch * tb.seq;
    const hidden = out[outputName];
    const d = hidden.dims[hidden.dims.length - 1];
    if (hidden.dims.length === 2) {
      // already pooled [batch, dim]
      const data = hidden.data as Float32Array;
      return Array.from({ length: tb.batch }, (_, b) => meanPoolNormalize(data.subarray(b * d, (b + 1) * d), [1], 1, 1, d)[0]);
    }
    return meanPoolNormalize(hidden.data as Float32Array, tb.attentionMask, tb.batch, tb.seq, d);
  }

  return { run, dispose: () => session.release() };
}
