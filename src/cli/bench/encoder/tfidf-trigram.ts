import type { CodeHit } from '../../../encoder/types';

/**
 * Baseline retriever: character-trigram TF-IDF (sublinear tf, smoothed idf, cosine) over code texts, scored
 * exactly through an inverted index.
 */
export class TrigramTfidf {
  private readonly vocab = new Map<string, number>();
  private postingsDoc: Int32Array[] = [];
  private postingsW: Float32Array[] = [];
  private idf!: Float32Array;
  private readonly n: number;

  constructor(private readonly codes: string[], texts: string[]) {
    this.n = texts.length;
    const docs: Map<number, number>[] = texts.map((t) => this.counts(t, true));
    const df = new Int32Array(this.vocab.size);
    for (const d of docs) for (const id of d.keys()) df[id]++;
    this.idf = new Float32Array(this.vocab.size);
    for (let i = 0; i < df.length; i++) this.idf[i] = Math.log((1 + this.n) / (1 + df[i])) + 1;
    const lists: { d: number[]; w: number[] }[] = Array.from({ length: this.vocab.size }, () => ({ d: [], w: [] }));
    docs.forEach((d, doc) => {
      const v = this.weigh(d);
      for (const [id, w] of v) {
        lists[id].d.push(doc);
        lists[id].w.push(w);
      }
    });
    this.postingsDoc = lists.map((l) => Int32Array.from(l.d));
    this.postingsW = lists.map((l) => Float32Array.from(l.w));
  }

  private counts(text: string, grow: boolean): Map<number, number> {
    const s = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
    const m = new Map<number, number>();
    for (let i = 0; i + 3 <= s.length; i++) {
      const g = s.slice(i, i + 3);
      let id = this.vocab.get(g);
      if (id === undefined) {
        if (!grow) continue;
        id = this.vocab.size;
        this.vocab.set(g, id);
      }
      m.set(id, (m.get(id) ?? 0) + 1);
    }
    return m;
  }

  private weigh(c: Map<number, number>): Map<number, number> {
    const v = new Map<number, number>();
    let norm = 0;
    for (const [id, n] of c) {
      const w = (1 + Math.log(n)) * (this.idf[id] ?? 0);
      v.set(id, w);
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [id, w] of v) v.set(id, w * inv);
    return v;
  }

  search(query: string, k: number): CodeHit[] {
    const q = this.weigh(this.counts(query, false));
    const scores = new Float32Array(this.n);
    for (const [id, w] of q) {
      const d = this.postingsDoc[id];
      const pw = this.postingsW[id];
      for (let i = 0; i < d.length; i++) scores[d[i]] += w * pw[i];
    }
    return topK(scores, k).map((i) => ({ code: this.codes[i], score: scores[i] }));
  }
}

/** Indices of the k largest scores (descending). */
export function topK(scores: Float32Array, k: number): number[] {
  const idx: number[] = [];
  let min = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (idx.length >= k && s <= min) continue;
    let p = idx.length < k ? idx.length : k - 1;
    if (idx.length < k) idx.push(i);
    while (p > 0 && scores[idx[p - 1]] < s) {
      idx[p] = idx[p - 1];
      p--;
    }
    idx[p] = i;
    if (idx.length >= k) min = scores[idx[k - 1]];
  }
  return idx;
}
