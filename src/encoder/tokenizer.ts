import { Tokenizer } from '@huggingface/tokenizers';
import { EncoderLoadError } from './errors';

/** Token ids for a batch, padded to the longest text (row-major [batch, seq]). */
export interface TokenBatch {
  batch: number;
  seq: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  /** Real tokens per text (for throughput figures). */
  lengths: number[];
}

/**
 * WordPiece tokenisation from the model's tokenizer.json (the same pipeline transformers.js runs), with
 * truncation to `maxTokens` keeping the final [SEP], as in training.
 */
export class EncoderTokenizer {
  private readonly tok: Tokenizer;
  private readonly sepId: number | undefined;
  private readonly padId: number;

  constructor(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, readonly maxTokens: number) {
    try {
      this.tok = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (e) {
      throw new EncoderLoadError(`Encoder tokenizer.json could not be read (${(e as Error).message}); replace the model folder.`, undefined, { cause: e });
    }
    this.sepId = this.tok.token_to_id(String(tokenizerConfig.sep_token ?? '[SEP]'));
    this.padId = this.tok.token_to_id(String(tokenizerConfig.pad_token ?? '[PAD]')) ?? 0;
  }

  ids(text: string): number[] {
    const ids = this.tok.encode(text).ids as number[];
    if (ids.length <= this.maxTokens) return ids;
    const cut = ids.slice(0, this.maxTokens);
    if (this.sepId !== undefined && ids[ids.length - 1] === this.sepId) cut[cut.length - 1] = this.sepId;
    return cut;
  }

  batch(texts: string[]): TokenBatch {
    const rows = texts.map((t) => this.ids(t));
    const seq = Math.max(1, ...rows.map((r) => r.length));
    const n = rows.length;
    const inputIds = new BigInt64Array(n * seq).fill(BigInt(this.padId));
    const attentionMask = new BigInt64Array(n * seq);
    rows.forEach((r, b) => {
      for (let t = 0; t < r.length; t++) {
        inputIds[b * seq + t] = BigInt(r[t]);
        attentionMask[b * seq + t] = 1n;
      }
    });
    return { batch: n, seq, inputIds, attentionMask, tokenTypeIds: new BigInt64Array(n * seq), lengths: rows.map((r) => r.length) };
  }
}
