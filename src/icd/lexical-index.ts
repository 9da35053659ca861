// An in-memory inverted index over short texts (titles, inclusion terms, index paths). Documents
// are bags of normalised tokens (see text.ts), so word order, case, punctuation and plurals do not
// matter. Scores are IDF-weighted query coverage with a mild penalty for extra words, which ranks
// "the title that says exactly this" above "a long title that also mentions it".
import { tokenize } from './text';

export interface ScoredDoc { doc: number; score: number }

export class LexicalIndex {
  private readonly vocab = new Map<string, number>();
  private postings: Int32Array[] = [];
  private docLen: Uint16Array;
  private sortedVocab: string[] | undefined;
  private readonly acc: Float64Array;
  private readonly hits: Uint16Array;
  readonly size: number;

  /** `texts[i]` is document i. Tokenisation of repeated words is cached (vocabulary is small). */
  constructor(texts: readonly string[]) {
    this.size = texts.length;
    this.docLen = new Uint16Array(texts.length);
    const lists: number[][] = [];
    for (let d = 0; d < texts.length; d++) {
      const toks = new Set(tokenize(texts[d]));
      this.docLen[d] = Math.min(toks.size, 65535);
      for (const t of toks) {
        let id = this.vocab.get(t);
        if (id === undefined) { id = lists.length; this.vocab.set(t, id); lists.push([]); }
        lists[id].push(d);
      }
    }
    this.postings = lists.map((l) => Int32Array.from(l));
    this.acc = new Float64Array(texts.length);
    this.hits = new Uint16Array(texts.length);
  }

  private idf(id: number): number {
    return Math.log(1 + this.size / this.postings[id].length);
  }

  /** Vocabulary ids for a query token: the token itself, else up to 3 words it is a prefix of (typing). */
  private idsFor(tok: string, allowPrefix: boolean): number[] {
    const id = this.vocab.get(tok);
    if (id !== undefined) return [id];
    if (!allowPrefix || tok.length < 3) return [];
    this.sortedVocab ??= [...this.vocab.keys()].sort();
    const v = this.sortedVocab;
    let lo = 0, hi = v.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (v[mid] < tok) lo = mid + 1; else hi = mid; }
    const out: number[] = [];
    for (let i = lo; i < v.length && out.length < 3 && v[i].startsWith(tok); i++) out.push(this.vocab.get(v[i])!);
    return out;
  }

  /**
   * Documents scored against `query`, best first, at most `limit`; `accept` filters documents.
   * Score in [0, 1]: share of the query's IDF weight matched, times 1 / (1 + 0.08 * unmatched doc words).
   */
  search(query: string, limit: number, accept?: (doc: number, score: number) => boolean): ScoredDoc[] {
    const qtoks = [...new Set(tokenize(query))].slice(0, 32);
    if (!qtoks.length) return [];
    const groups = qtoks.map((t, i) => this.idsFor(t, i === qtoks.length - 1));
    let total = 0;
    const weights: number[] = [];
    for (const g of groups) {
      const w = g.length ? Math.max(...g.map((id) => this.idf(id))) : Math.log(1 + this.size);
      weights.push(w);
      total += w;
    }
    const touched: number[] = [];
    const { acc, hits } = this;
    for (let gi = 0; gi < groups.length; gi++) {
      const w = weights[gi];
      const seenInGroup = groups[gi].length > 1 ? new Set<number>() : undefined;
      for (const id of groups[gi]) {
        const list = this.postings[id];
        for (let i = 0; i < list.length; i++) {
          const d = list[i];
          if (seenInGroup) { if (seenInGroup.has(d)) continue; seenInGroup.add(d); }
          if (hits[d] === 0) touched.push(d);
          acc[d] += w;
          hits[d]++;
        }
      }
    }
    // Keep the best `limit` in a small sorted array (limit is small; most docs are rejected at once).
    const best: ScoredDoc[] = [];
    let floor = 0;
    for (const d of touched) {
      const coverage = acc[d] / total;
      const extra = Math.max(0, this.docLen[d] - hits[d]);
      const score = coverage / (1 + 0.08 * extra);
      acc[d] = 0;
      hits[d] = 0;
      if (best.length >= limit && score <= floor) continue;
      if (accept && !accept(d, score)) continue;
      let i = best.length;
      while (i > 0 && best[i - 1].score < score) i--;
      best.splice(i, 0, { doc: d, score });
      if (best.length > limit) best.pop();
      floor = best.length >= limit ? best[best.length - 1].score : 0;
    }
    return best;
  }
}
