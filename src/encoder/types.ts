/** A sentence encoder: texts in, L2-normalised embeddings out (same order). */
export interface Encoder {
  /** Identifies the model (used to key cached code indexes). */
  readonly id: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface EncoderOptions {
  /** HF-layout folder (config.json, tokenizer.json, onnx/model.onnx). Default: resolveModelsDir()/encoder. */
  modelDir?: string;
  /** Intra-op threads for onnxruntime (default 2). */
  threads?: number;
  /** Texts per inference call (default 32). */
  batchSize?: number;
  /** LRU cache entries keyed by text (default 4096; 0 disables). */
  cacheSize?: number;
  /** 'auto' (default): the shipped static graph runs in JS, any other graph on onnxruntime; 'onnxruntime' forces it. */
  runtime?: 'auto' | 'onnxruntime';
  /** Token limit per text including [CLS]/[SEP] (default: tokenizer_config model_max_length, else 128). */
  maxTokens?: number;
}

export interface CodeHit {
  code: string;
  score: number;
}
