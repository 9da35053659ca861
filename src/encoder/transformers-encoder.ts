import * as path from 'node:path';
import { EncoderLoadError } from './errors';
import { readModelFolder, MODEL_FOLDER_HINT } from './model-folder';
import type { Encoder } from './types';

/**
 * Any user-provided HF-layout ONNX folder (setting clinicalCoder.model.path) through @huggingface/transformers,
 * strictly offline: feature-extraction with mean pooling and L2 normalisation.
 */
export async function createTransformersEncoder(modelDir: string, opts: { batchSize?: number } = {}): Promise<Encoder> {
  const dir = path.resolve(modelDir);
  const folder = readModelFolder(dir);
  let tf: typeof import('@huggingface/transformers');
  try {
    tf = await import('@huggingface/transformers');
  } catch (e) {
    throw new EncoderLoadError(`@huggingface/transformers could not be loaded (${(e as Error).message}); reinstall the extension.`, dir, { cause: e });
  }
  tf.env.allowRemoteModels = false;
  tf.env.allowLocalModels = true;
  tf.env.localModelPath = path.dirname(dir) + path.sep;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let extractor: any;
  try {
    extractor = await tf.pipeline('feature-extraction', path.basename(dir), { dtype: 'fp32', local_files_only: true });
  } catch (e) {
    throw new EncoderLoadError(`The model in ${dir} could not be loaded by transformers.js (${(e as Error).message.split('\n')[0]}). ${MODEL_FOLDER_HINT}`, dir, { cause: e });
  }
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  let dim = Number(folder.config.embedding_size ?? folder.config.hidden_size ?? 0);
  const encoder: Encoder = {
    id: `transformers:${path.basename(dir)}:${folder.fingerprint}`,
    get dim() { return dim; },
    async embed(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let s = 0; s < texts.length; s += batchSize) {
        const chunk = texts.slice(s, s + batchSize).map((t) => String(t ?? ''));
        const t = await extractor(chunk, { pooling: 'mean', normalize: true });
        const [n, d] = t.dims as number[];
        dim = d;
        const data = t.data as Float32Array;
        for (let i = 0; i < n; i++) out.push(Float32Array.from(data.subarray(i * d, (i + 1) * d)));
      }
      return out;
    },
    async dispose() {
      await extractor?.dispose?.();
    },
  };
  if (!dim) dim = (await encoder.embed(['warm up']))[0].length;
  return encoder;
}
