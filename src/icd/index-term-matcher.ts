// Finds Alphabetic Index terms (or table rows) for a phrase in any word order. A term's words are
// those of its whole path (main term + subterms); nonessential modifiers also count as matches but
// are never penalised as extra words. Index titles list variant forms after commas ("Infarct,
// infarction"; "myocardium, myocardial"; see titleVariants), so each path element counts the extra
// words of its best-matching variant only. Ranking: terms covering every query word, fewest extra words, terms
// that lead somewhere (codes or a cross reference) before bare headings, shallowest, index order;
// if no term covers every word, the terms covering the most.
import { TOKEN_END, TOKEN_VARIANT } from './artifact';
import { TokenVocabulary, titleVariants, tokenize } from './text';

/**
 * Token streams of a term tree, in the artifact's stream layout: per row, its title's token ids
 * with TOKEN_VARIANT between comma variants, closed by TOKEN_END; likewise its modifiers.
 */
export interface TermTokens {
  parent: ArrayLike<number>;
  titles: Uint16Array;
  titleStart: Int32Array;
  modifiers: Uint16Array;
  modifierStart: Int32Array;
  vocab: TokenVocabulary;
}

/** Start offset of each END-terminated document in a token stream (plus the end). */
export function streamStarts(stream: Uint16Array): Int32Array {
  let n = 0;
  for (let i = 0; i < stream.length; i++) if (stream[i] === TOKEN_END) n++;
  const starts = new Int32Array(n + 1);
  let d = 0;
  for (let i = 0; i < stream.length; i++) if (stream[i] === TOKEN_END) starts[++d] = i + 1;
  return starts;
}

/** Tokenises a term tree's titles and modifiers (for trees stored without token streams). */
export function termTokensFromText(parent: ArrayLike<number>, title: (r: number) => string, nemod: (r: number) => string, skipLevels = 0): TermTokens {
  const vocab = new TokenVocabulary();
  const titles: number[] = [];
  const mods: number[] = [];
  const depth = new Uint8Array(parent.length);
  const tmp: number[] = [];
  for (let r = 0; r < parent.length; r++) {
    depth[r] = parent[r] < 0 ? 0 : depth[parent[r]] + 1;
    if (depth[r] >= skipLevels) {
      let first = true;
      for (const part of titleVariants(title(r))) {
        tmp.length = 0;
        if (!vocab.ids(part, tmp)) continue;
        if (!first) titles.push(TOKEN_VARIANT);
        titles.push(...tmp);
        first = false;
      }
    }
    titles.push(TOKEN_END);
    tmp.length = 0;
    vocab.ids(nemod(r), tmp);
    mods.push(...tmp, TOKEN_END);
  }
  if (vocab.tokens.length >= TOKEN_VARIANT) throw new Error('term vocabulary too large');
  const t = Uint16Array.from(titles), m = Uint16Array.from(mods);
  return { parent, titles: t, titleStart: streamStarts(t), modifiers: m, modifierStart: streamStarts(m), vocab };
}

export class IndexTermMatcher {
  /** Rows posted under token t: postRows[postStart[t] .. postStart[t + 1]). */
  private readonly postStart: Int32Array;
  private readonly postRows: Int32Array;
  private readonly depth: Uint8Array;
  private readonly counts: Uint8Array;

  constructor(private readonly t: TermTokens, private readonly leadsSomewhere: (row: number) => boolean = () => true) {
    const n = t.parent.length;
    if (t.titleStart.length !== n + 1 || t.modifierStart.length !== n + 1) throw new Error('term token streams do not match the term rows');
    this.depth = new Uint8Array(n);
    this.counts = new Uint8Array(n);
    // Path words of each row (its ancestors' title words, its own, all modifiers), flat.
    const pathStart = new Int32Array(n + 1);
    let flat = new Int32Array(1 << 18);
    let used = 0;
    const words: number[] = [];
    for (let r = 0; r < n; r++) {
      const p = t.parent[r];
      if (p >= r) throw new Error('index rows must list parents before children');
      this.depth[r] = p < 0 ? 0 : this.depth[p] + 1;
      words.length = 0;
      if (p >= 0) for (let i = pathStart[p]; i < pathStart[p + 1]; i++) words.push(flat[i]);
      const add = (id: number) => { if (id < TOKEN_VARIANT && !words.includes(id)) words.push(id); };
      for (let i = t.titleStart[r]; i < t.titleStart[r + 1]; i++) add(t.titles[i]);
      for (let i = t.modifierStart[r]; i < t.modifierStart[r + 1]; i++) add(t.modifiers[i]);
      if (used + words.length > flat.length) { const bigger = new Int32Array(flat.length * 2 + words.length); bigger.set(flat.subarray(0, used)); flat = bigger; }
      for (const w of words) flat[used++] = w;
      pathStart[r + 1] = used;
    }
    // Invert: token -> rows (counting sort; rows ascending).
    const V = t.vocab.tokens.length;
    const start = new Int32Array(V + 1);
    for (let i = 0; i < used; i++) start[flat[i] + 1]++;
    for (let v = 0; v < V; v++) start[v + 1] += start[v];
    const fill = start.slice(0, V);
    const rows = new Int32Array(used);
    for (let r = 0; r < n; r++) for (let i = pathStart[r]; i < pathStart[r + 1]; i++) rows[fill[flat[i]]++] = r;
    this.postStart = start;
    this.postRows = rows;
  }

  /** Extra (unmatched) title words on the row's path, counting each element's best variant. */
  private extra(r: number, q: Set<number>): number {
    const { titles, titleStart, parent } = this.t;
    let e = 0;
    for (let x = r; x >= 0; x = parent[x]) {
      let best = Infinity, cur = 0, any = false;
      for (let i = titleStart[x]; i < titleStart[x + 1]; i++) {
        const id = titles[i];
        if (id === TOKEN_VARIANT || id === TOKEN_END) { if (any && cur < best) best = cur; cur = 0; any = false; continue; }
        any = true;
        if (!q.has(id)) cur++;
      }
      if (best !== Infinity) e += best;
    }
    return e;
  }

  /** Rows best first. */
  match(text: string, limit: number): number[] {
    const toks = [...new Set(tokenize(text))].slice(0, 32);
    if (!toks.length) return [];
    const q = new Set<number>();
    for (const tok of toks) { const id = this.t.vocab.tokenIds.get(tok); if (id !== undefined) q.add(id); }
    if (!q.size) return [];
    // Count, per row, how many distinct query words it holds (typed scratch arrays, reset after).
    const counts = this.counts;
    const touched: number[] = [];
    for (const id of q) {
      for (let i = this.postStart[id]; i < this.postStart[id + 1]; i++) {
        const r = this.postRows[i];
        if (counts[r]++ === 0) touched.push(r);
      }
    }
    let max = 0;
    for (const r of touched) if (counts[r] > max) max = counts[r];
    const need = max >= toks.length ? toks.length : max;
    const rows: number[] = [];
    if (need >= Math.ceil(toks.length / 2)) for (const r of touched) if (counts[r] >= need) rows.push(r);
    for (const r of touched) counts[r] = 0;
    if (!rows.length) return [];
    const scored = rows.map((r) => ({ r, e: this.extra(r, q), l: this.leadsSomewhere(r) ? 0 : 1, d: this.depth[r] }));
    scored.sort((a, b) => a.e - b.e || a.l - b.l || a.d - b.d || a.r - b.r);
    return scored.slice(0, Math.max(1, limit)).map((s) => s.r);
  }
}
