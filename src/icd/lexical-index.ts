// An in-memory inverted index over short texts (titles, inclusion terms, index paths). Documents
// are bags of normalised tokens (see text.ts), so word order, case, punctuation and plurals do not
// matter. Scores are IDF-weighted query coverage with a mild penalty for extra words, which ranks
// "the title that says exactly this" above "a long title that also mentions it".
// A token may be marked SOFT (an index term's nonessential modifier, "urinary (tract)"): it matches
// at half weight and is never counted as an extra word.
import { tokenize } from './text';
import type { TokenVocabulary } from './text';

export interface ScoredDoc { doc: number; score: number }

/** Flag bit on a token id: the token is a modifier of the document, not part of its title. */
export const SOFT = 0x8000;
/** Most documents one query scores; posting lists are ordered shortest document first. */
const MAX_CANDIDATES = 4000;
const SOFT_WEIGHT = 0.5;

export class LexicalIndex {
  private readonly vocab: TokenVocabulary;
  /** Postings of token t: entries[postStart[t] .. postStart[t + 1]), each doc * 2 + (soft ? 1 : 0). */
  private readonly postStart: Int32Array;
  private readonly postDocs: Int32Array;
  /** Words the extra-words penalty counts per document. */
  private readonly docLen: Uint16Array;
  /** Forward index: token ids (with SOFT) of doc d are fwd[fwdStart[d] .. fwdStart[d + 1]). */
  private readonly fwd: Uint16Array;
  private readonly fwdStart: Int32Array;
  /** Scratch: query group (1-based) of each vocabulary id during a query, else 0. */
  private readonly groupOf: Uint8Array;
  private sortedVocab: string[] | undefined;
  private readonly acc: Float64Array;
  private readonly hits: Uint16Array;
  /** Scratch list of documents touched by the current query (reused to spare the GC). */
  private touched = new Int32Array(4096);
  readonly size: number;

  /**
   * Document d's distinct token ids (SOFT-flagged for modifiers) are appended to `out` by
   * `tokensOf(d, out)`, for d < count; `capacity` (total tokens, if known) spares growing the scratch
   * buffer; `lengthOf` is the length the extra-words penalty uses (default: its non-soft tokens).
   */
  constructor(vocab: TokenVocabulary, count: number, tokensOf: (d: number, out: number[]) => void, capacity = 1 << 20, lengthOf?: (d: number) => number) {
    if (vocab.tokens.length >= SOFT - 1) throw new Error('vocabulary too large for 15-bit token ids');
    this.vocab = vocab;
    this.size = count;
    this.docLen = new Uint16Array(count);
    const stored = new Uint16Array(count);
    // Pass 1: token ids of every document, flat (kept as the forward index).
    let flat = new Uint16Array(Math.max(16, capacity));
    let used = 0;
    const tmp: number[] = [];
    for (let d = 0; d < count; d++) {
      tmp.length = 0;
      tokensOf(d, tmp);
      const n = Math.min(tmp.length, 65535);
      stored[d] = n;
      let hard = 0;
      for (let i = 0; i < n; i++) if (!(tmp[i] & SOFT)) hard++;
      this.docLen[d] = lengthOf ? Math.min(65535, lengthOf(d)) : hard;
      if (used + n > flat.length) { const bigger = new Uint16Array(flat.length * 2 + n); bigger.set(flat.subarray(0, used)); flat = bigger; }
      for (let i = 0; i < n; i++) flat[used++] = tmp[i];
    }
    // Pass 2: counting sort into posting lists, each ordered by document length (then id), so when a
    // query caps how many documents it considers, it keeps the shortest: they lose least to the penalty.
    const V = vocab.tokens.length;
    const start = new Int32Array(V + 1);
    for (let i = 0; i < used; i++) start[(flat[i] & ~SOFT) + 1]++;
    for (let t = 0; t < V; t++) start[t + 1] += start[t];
    const fill = start.slice(0, V);
    const docs = new Int32Array(used);
    const docStart = new Int32Array(count + 1);
    let maxLen = 0;
    for (let d = 0; d < count; d++) { docStart[d + 1] = docStart[d] + stored[d]; if (this.docLen[d] > maxLen) maxLen = this.docLen[d]; }
    const byLen = new Int32Array(maxLen + 2);
    for (let d = 0; d < count; d++) byLen[this.docLen[d] + 1]++;
    for (let l = 0; l <= maxLen; l++) byLen[l + 1] += byLen[l];
    const order = new Int32Array(count);
    for (let d = 0; d < count; d++) order[byLen[this.docLen[d]]++] = d;
    for (const d of order) for (let i = docStart[d]; i < docStart[d + 1]; i++) docs[fill[flat[i] & ~SOFT]++] = d * 2 + (flat[i] & SOFT ? 1 : 0);
    this.fwd = used === flat.length ? flat : flat.slice(0, used);
    this.fwdStart = docStart;
    this.groupOf = new Uint8Array(V);
    this.postStart = start;
    this.postDocs = docs;
    this.acc = new Float64Array(count);
    this.hits = new Uint16Array(count);
  }

  private idf(id: number): number {
    return Math.log(1 + this.size / Math.max(1, this.postStart[id + 1] - this.postStart[id]));
  }

  /** Vocabulary ids for a query token: the token itself, else up to 3 words it is a prefix of (typing). */
  private idsFor(tok: string, allowPrefix: boolean): number[] {
    const id = this.vocab.tokenIds.get(tok);
    if (id !== undefined) return [id];
    if (!allowPrefix || tok.length < 3) return [];
    this.sortedVocab ??= [...this.vocab.tokens].sort();
    const v = this.sortedVocab;
    let lo = 0, hi = v.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (v[mid] < tok) lo = mid + 1; else hi = mid; }
    const out: number[] = [];
    for (let i = lo; i < v.length && out.length < 3 && v[i].startsWith(tok); i++) out.push(this.vocab.tokenIds.get(v[i])!);
    return out;
  }

  /**
   * Documents scored against `query`, best first, at most `limit`. Score in [0, 1]: share of the
   * query's IDF weight matched (modifiers at half weight), times 1 / (1 + 0.08 * unmatched doc words).
   */
  search(query: string, limit: number): ScoredDoc[] {
    const qtoks = [...new Set(tokenize(query))].slice(0, 32);
    if (!qtoks.length) return [];
    const groups = qtoks.map((t, i) => this.idsFor(t, i === qtoks.length - 1));
    const weights = groups.map((g) => (g.length ? Math.max(...g.map((id) => this.idf(id))) : Math.log(1 + this.size)));
    const total = weights.reduce((a, b) => a + b, 0);
    // Rare words first. A document first reached by word i can score at most the share of weight
    // still to come; once that is under half (or enough candidates are held), later common words
    // only add to the candidates, read from their own short token lists.
    const order = groups.map((_, i) => i).filter((i) => groups[i].length).sort((x, y) => weights[y] - weights[x]);
    const { acc, hits, postDocs, postStart } = this;
    let touched = this.touched;
    let nTouched = 0;
    let remaining = order.reduce((a, i) => a + weights[i], 0);
    let next = 0;
    for (; next < order.length; next++) {
      if (nTouched > 0 && (nTouched >= MAX_CANDIDATES || remaining / total < 0.5)) break;
      const w = weights[order[next]];
      const ids = groups[order[next]];
      const seen = ids.length > 1 ? new Set<number>() : undefined;
      for (const id of ids) {
        for (let i = postStart[id], end = postStart[id + 1]; i < end; i++) {
          const e = postDocs[i];
          const d = e >> 1;
          if (seen) { if (seen.has(d)) continue; seen.add(d); }
          if (acc[d] === 0) {
            // In the first list every later entry is new too: once full, the rest can be skipped.
            if (nTouched >= MAX_CANDIDATES && next === 0 && !seen) break;
            if (nTouched >= MAX_CANDIDATES || (nTouched > 0 && remaining / total < 0.5)) continue;
            if (nTouched === touched.length) { const bigger = new Int32Array(touched.length * 2); bigger.set(touched); touched = this.touched = bigger; }
            touched[nTouched++] = d;
          }
          if (e & 1) acc[d] += w * SOFT_WEIGHT;
          else { acc[d] += w; hits[d]++; }
        }
      }
      remaining -= w;
    }
    if (next < order.length) {
      const { groupOf, fwd, fwdStart } = this;
      for (let k = next; k < order.length; k++) for (const id of groups[order[k]]) groupOf[id] = k - next + 1;
      for (let c = 0; c < nTouched; c++) {
        const d = touched[c];
        let counted = 0; // bit g-1 set once group g has been added (at most 32 groups)
        for (let i = fwdStart[d], end = fwdStart[d + 1]; i < end; i++) {
          const g = groupOf[fwd[i] & ~SOFT];
          if (g === 0) continue;
          const bit = 1 << (g - 1);
          if (counted & bit) continue;
          counted |= bit;
          const w = weights[order[next + g - 1]];
          if (fwd[i] & SOFT) acc[d] += w * SOFT_WEIGHT;
          else { acc[d] += w; hits[d]++; }
        }
      }
      for (let k = next; k < order.length; k++) for (const id of groups[order[k]]) groupOf[id] = 0;
    }
    // Keep the best `limit` in a small sorted array (limit is small; most docs are rejected at once).
    const best: ScoredDoc[] = [];
    let floor = -1;
    const { docLen } = this;
    for (let k = 0; k < nTouched; k++) {
      const d = touched[k];
      const extra = docLen[d] - hits[d];
      const score = Math.min(1, acc[d] / total) / (1 + 0.08 * (extra > 0 ? extra : 0));
      acc[d] = 0;
      hits[d] = 0;
      if (score < floor || (score === floor && best.length >= limit)) continue;
      let i = best.length;
      while (i > 0 && (best[i - 1].score < score || (best[i - 1].score === score && best[i - 1].doc > d))) i--;
      best.splice(i, 0, { doc: d, score });
      if (best.length > limit) best.pop();
      if (best.length >= limit) floor = best[best.length - 1].score;
    }
    return best;
  }
}
