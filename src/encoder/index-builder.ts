import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { CodeEmbeddingIndex, defaultCodeIndexDir } from './code-index';
import { buildCodeText, type CodeTextKnowledge, type CodeTextOptions } from './code-text';
import type { Encoder } from './types';

export type IndexProgress = (done: number, total: number) => void;

export interface BuildIndexOptions {
  /** Codes to index (default: every billable FY2026 code). */
  codes?: string[];
  textOptions?: CodeTextOptions;
  onProgress?: IndexProgress;
  /** Texts per embed() call (progress granularity). */
  chunk?: number;
}

export function textRecipe(opts: CodeTextOptions = {}): string {
  return `title;ancestors:${opts.maxAncestors ?? 2};inclusion;synonyms:${opts.maxSynonyms ?? 6}${opts.excludeMainTerms ? `;excluding:${opts.excludeMainTerms.size}` : ''}`;
}

/** Whether an index built by `indexModel` serves `encoderId`: the same weights (the id's last part is their hash). */
export function sameEncoderModel(indexModel: string, encoderId: string): boolean {
  const hash = (id: string) => id.split(':').pop();
  return indexModel.split(':')[0] === encoderId.split(':')[0] && hash(indexModel) === hash(encoderId);
}

export function billableCodeList(kb: Pick<import('../icd').IcdKnowledgeBase, 'billableCodes'>): string[] {
  return [...kb.billableCodes()].map((e) => e.code);
}

/** Embeds every code text with `encoder` (the work `npm run build:embeddings` and custom models do). */
export async function buildCodeEmbeddingIndex(encoder: Encoder, kb: CodeTextKnowledge & Pick<import('../icd').IcdKnowledgeBase, 'billableCodes'>, opts: BuildIndexOptions = {}): Promise<CodeEmbeddingIndex> {
  const codes = opts.codes ?? billableCodeList(kb);
  const texts = codes.map((c) => buildCodeText(kb, c, opts.textOptions));
  const chunk = opts.chunk ?? 1024;
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += chunk) {
    vectors.push(...(await encoder.embed(texts.slice(i, i + chunk))));
    opts.onProgress?.(Math.min(i + chunk, texts.length), texts.length);
  }
  // Coarse lists for two-stage search (a few seconds; small indexes stay exact-only).
  return CodeEmbeddingIndex.fromVectors(codes, vectors, { model: encoder.id, textRecipe: textRecipe(opts.textOptions) }).buildPartition();
}

/**
 * The index for `encoder`: the shipped one when it was built by this model, else a cached one under `cacheDir`
 * keyed by the model id, else built now (minutes on 2 cores; `onProgress` reports) and cached on disk.
 */
export async function loadOrBuildCodeIndex(encoder: Encoder, kb: CodeTextKnowledge & Pick<import('../icd').IcdKnowledgeBase, 'billableCodes'>, opts: BuildIndexOptions & { cacheDir: string; shippedDir?: string | null }): Promise<CodeEmbeddingIndex> {
  const recipe = textRecipe(opts.textOptions);
  const cached = path.join(opts.cacheDir, crypto.createHash('sha1').update(`${encoder.id}|${recipe}`).digest('hex').slice(0, 16));
  // shippedDir null: the caller already knows the shipped index is another model's.
  const candidates = opts.shippedDir === null ? [cached] : [opts.shippedDir ?? defaultCodeIndexDir(), cached];
  for (const dir of candidates) {
    try {
      const idx = CodeEmbeddingIndex.load(dir);
      if (sameEncoderModel(idx.meta.model, encoder.id) && idx.meta.textRecipe === recipe && idx.dim === encoder.dim) return idx;
    } catch {
      // missing or stale: try the next one, then rebuild
    }
  }
  const idx = await buildCodeEmbeddingIndex(encoder, kb, opts);
  try {
    idx.save(cached);
  } catch {
    // a read-only cache only costs a rebuild next time
  }
  return idx;
}
