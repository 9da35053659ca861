// Local clinical concept encoder: our ONNX model on onnxruntime-node, any HF-layout ONNX folder via
// transformers.js, and the precomputed code embedding index. No `vscode` import here.
export type { Encoder, EncoderOptions, CodeHit } from './types';
export { EncoderLoadError, CodeIndexError } from './errors';
export { createOnnxEncoder, defaultEncoderDir, nativeRuntimeMessage } from './onnx-encoder';
export type { OnnxEncoder, EncoderStats } from './onnx-encoder';
export { createTransformersEncoder } from './transformers-encoder';
export { CodeEmbeddingIndex, defaultCodeIndexDir } from './code-index';
export type { CodeIndexMeta } from './code-index';
export { buildCodeText, codeTextParts, joinCodeText, mainTermKey } from './code-text';
export type { CodeTextOptions, CodeTextParts, CodeTextKnowledge } from './code-text';
export { buildCodeEmbeddingIndex, loadOrBuildCodeIndex, sameEncoderModel, billableCodeList, textRecipe } from './index-builder';
export type { BuildIndexOptions, IndexProgress } from './index-builder';
export { cosine } from './pooling';
export { openEncoder } from './open-encoder';
export type { EncoderChoice } from './open-encoder';
