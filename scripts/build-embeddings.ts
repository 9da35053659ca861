// `npm run build:embeddings`: embeds the knowledge-injected text of every billable FY2026 code with the shipped
// encoder (models/encoder) and writes the int8 code index and its coarse lists (two-stage search) to models/embeddings/.
import * as path from 'node:path';
import { resolveModelsDir } from '../src/common/paths';
import { buildCodeEmbeddingIndex, createOnnxEncoder } from '../src/encoder';
import { loadKnowledgeBase } from '../src/icd';

async function main(): Promise<void> {
  const t0 = performance.now();
  const kb = loadKnowledgeBase();
  // onnxruntime, the reference runtime (the JS path that serves queries agrees to cosine 1 - 1e-8).
  const encoder = await createOnnxEncoder({ runtime: 'onnxruntime', threads: Number(process.env.ENCODER_THREADS ?? 2), batchSize: 64, cacheSize: 0 });
  const index = await buildCodeEmbeddingIndex(encoder, kb, {
    chunk: 4096,
    onProgress: (d, t) => process.stdout.write(`\rembedding code texts ${d}/${t}`),
  });
  process.stdout.write('\n');
  const dir = path.join(resolveModelsDir(), 'embeddings');
  index.save(dir);
  await encoder.dispose();
  console.log(`wrote ${dir}: ${index.size} codes x ${index.dim} dims (${index.meta.dtype}), model ${index.meta.model}, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
