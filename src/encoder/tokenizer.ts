import { Tokenizer } from '@huggingface/tokenizers';
import { EncoderLoadError } from './errors';

/** Texts (or words) with this many tokens or more are encoded whole (tokenizer.json truncates at 128). */
const WORD_LIMIT = 100;

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
  private readonly clsId: number | undefined;
  private readonly padId: number;

  constructor(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, readonly maxTokens: number) {
    try {
      this.tok = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (e) {
      throw new EncoderLoadError(`Encoder tokenizer.json could not be read (${(e as Error).message}); replace the model folder.`, undefined, { cause: e });
    }
    this.sepId = this.tok.token_to_id(String(tokenizerConfig.sep_token ?? '[SEP]'));
    this.clsId = this.tok.token_to_id(String(tokenizerConfig.cls_token ?? '[CLS]'));
    this.padId = this.tok.token_to_id(String(tokenizerConfig.pad_token ?? '[PAD]')) ?? 0;
  }

  /** Word pieces per space-separated word (without [CLS]/[SEP]): most words recur, and encode() costs ~5 µs a word. */
  private readonly words = new Map<string, number[]>();

  ids(text: string): number[] {
    const ids = this.wordPieceIds(text) ?? (this.tok.encode(text).ids as number[]);
    if (ids.length <= this.maxTokens) return ids;
    const cut = ids.slice(0, this.maxTokens);
    if (this.sepId !== undefined && ids[ids.length - 1] === this.sepId) cut[cut.length - 1] = this.sepId;
    return cut;
  }

  /**
   * encode(text).ids assembled from cached per-word encodings. Exact: the BERT normaliser and pre-tokeniser never
   * join across ASCII whitespace, so the text's pieces are its words' pieces in order; undefined (the caller encodes
   * the whole text) where the template or truncation could make that differ.
   */
  private wordPieceIds(text: string): number[] | undefined {
    if (this.clsId === undefined || this.sepId === undefined) return undefined;
    const out: number[] = [this.clsId];
    for (const w of text.split(/[ \t\n\r]+/)) {
      if (!w) continue;
      let p = this.words.get(w);
      if (!p) {
        const full = this.tok.encode(w).ids as number[];
        if (full.length < 2 || full[0] !== this.clsId || full[full.length - 1] !== this.sepId || full.length >= WORD_LIMIT) return undefined;
        p = full.slice(1, -1);
        if (this.words.size >= 50000) this.words.clear();
        this.words.set(w, p);
      }
      for (const id of p) out.push(id);
      if (out.length >= WORD_LIMIT) return undefined; // long texts: the tokenizer's own truncation applies
    }
    out.push(this.sepId);
    return out;
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
