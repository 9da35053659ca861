import * as path from 'node:path';
import { EncoderLoadError } from './errors';
import { createOnnxEncoder } from './onnx-encoder';
import type { Encoder, EncoderOptions } from './types';

export interface EncoderChoice {
  /** undefined when loading failed: the engine runs lexical-only and shows `warning`. */
  encoder?: Encoder;
  /** 'shipped' (our ONNX model) or 'custom' (clinicalCoder.model.path); both run on onnxruntime-node. */
  source: 'shipped' | 'custom';
  warning?: string;
}

/**
 * Opens the encoder the settings ask for and never throws: an empty `customModelPath` means our shipped model;
 * otherwise the user's HF-layout folder (config.json, tokenizer.json, onnx/model.onnx), read with the same tokenizer
 * and runtime as the shipped model, so it works from the installed extension (transformers.js is not shipped).
 * Any load failure becomes a warning.
 */
export async function openEncoder(customModelPath?: string, opts: EncoderOptions = {}): Promise<EncoderChoice> {
  const custom = customModelPath?.trim();
  const source = custom ? 'custom' : 'shipped';
  try {
    const encoder = await createOnnxEncoder(custom ? { ...opts, modelDir: path.resolve(custom) } : opts);
    return { encoder, source };
  } catch (e) {
    const msg = e instanceof EncoderLoadError ? e.message : `Encoder failed to load: ${(e as Error)?.message ?? e}. Suggestions are lexical-only.`;
    return { source, warning: `Semantic matching is off (lexical-only suggestions): ${msg}` };
  }
}
