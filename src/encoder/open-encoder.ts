import * as path from 'node:path';
import { EncoderLoadError } from './errors';
import { createOnnxEncoder } from './onnx-encoder';
import { createTransformersEncoder } from './transformers-encoder';
import type { Encoder, EncoderOptions } from './types';

export interface EncoderChoice {
  /** undefined when loading failed: the engine runs lexical-only and shows `warning`. */
  encoder?: Encoder;
  /** 'shipped' (our ONNX model on onnxruntime) or 'custom' (clinicalCoder.model.path via transformers.js). */
  source: 'shipped' | 'custom';
  warning?: string;
}

/**
 * Opens the encoder the settings ask for and never throws: an empty `customModelPath` means our shipped model;
 * otherwise the user's HF-layout folder through transformers.js. Any load failure becomes a warning.
 */
export async function openEncoder(customModelPath?: string, opts: EncoderOptions = {}): Promise<EncoderChoice> {
  const custom = customModelPath?.trim();
  const source = custom ? 'custom' : 'shipped';
  try {
    const encoder = custom ? await createTransformersEncoder(path.resolve(custom), { batchSize: opts.batchSize }) : await createOnnxEncoder(opts);
    return { encoder, source };
  } catch (e) {
    const msg = e instanceof EncoderLoadError ? e.message : `Encoder failed to load: ${(e as Error)?.message ?? e}. Suggestions are lexical-only.`;
    return { source, warning: `Semantic matching is off (lexical-only suggestions): ${msg}` };
  }
}
