// Finds Alphabetic Index terms (or table rows) for a phrase in any word order. A term's words are
// those of its whole path (main term + subterms); nonessential modifiers also count as matches but
// are never penalised as extra words. Index titles list variant forms after commas ("Infarct,
// infarction"; "myocardium, myocardial"), so each path element counts the extra words of its
// best-matching variant only. Ranking: terms covering every query word, fewest extra words, terms
// that lead somewhere (codes or a cross reference) before bare headings, shallowest, index order;
// if no term covers every word, the terms covering the most.
import { tokenize } from './text';

export interface TermTreeWithModifiers { parent: number[]; title: string[]; nemod: string[] }

export class IndexTermMatcher {
  private readonly vocab = new Map<string, number>();
  private readonly postings: number[][] = [];
  private readonly pathToks: Int32Array[] = [];
  private readonly depth: Uint8Array;
  /** Per row: token ids of each comma-separated variant of its own title. */
  private readonly variants: Int32Array[][] = [];
  private readonly parent: number[];

  /** `skipLevels`: leading path levels whose words are ignored (the Neoplasm table's single main term). */
  constructor(tree: TermTreeWithModifiers, skipLevels = 0, private readonly leadsSomewhere: (row: number) => boolean = () => true) {
    const n = tree.parent.length;
    this.parent = tree.parent;
    this.depth = new Uint8Array(n);
    const modToks: Int32Array[] = [];
    const id = (t: string) => {
      let i = this.vocab.get(t);
      if (i === undefined) { i = this.postings.length; this.vocab.set(t, i); this.postings.push([]); }
      return i;
    };
    for (let r = 0; r < n; r++) {
      const p = tree.parent[r];
      if (p >= r) throw new Error('index rows must list parents before children');
      const d = p < 0 ? 0 : this.depth[p] + 1;
      this.depth[r] = d;
      const own = d < skipLevels ? [] : tokenize(tree.title[r]).map(id);
      const parts = tree.title[r].split(',').map((v) => Int32Array.from(new Set(tokenize(v).map(id)))).filter((v) => v.length);
      this.variants.push(d < skipLevels ? [] : parts.length ? parts : [Int32Array.from(own)]);
      const mods = tokenize(tree.nemod[r]).map(id);
      const path = new Set(p < 0 ? own : [...this.pathToks[p], ...own]);
      const mod = new Set(p < 0 ? mods : [...modToks[p], ...mods]);
      this.pathToks.push(Int32Array.from(path));
      modToks.push(Int32Array.from(mod));
      for (const t of new Set([...path, ...mod])) this.postings[t].push(r);
    }
  }

  /** Rows best first. */
  match(text: string, limit: number): number[] {
    const ids: number[] = [];
    for (const t of new Set(tokenize(text))) {
      const i = this.vocab.get(t);
      ids.push(i ?? -1);
    }
    const known = ids.filter((i) => i >= 0);
    if (!known.length) return [];
    const q = new Set(known);
    const extra = (r: number) => {
      let e = 0;
      for (let x = r; x >= 0; x = this.parent[x]) {
        let best = Infinity;
        for (const v of this.variants[x]) { let m = 0; for (const t of v) if (!q.has(t)) m++; if (m < best) best = m; }
        if (best !== Infinity) e += best;
      }
      return e;
    };
    // Count, per row, how many distinct query words it holds.
    const covered = new Map<number, number>();
    for (const i of q) for (const r of this.postings[i]) covered.set(r, (covered.get(r) ?? 0) + 1);
    let need = ids.length;
    let rows = [...covered].filter(([, c]) => c >= need).map(([r]) => r);
    if (!rows.length) {
      let max = 0;
      for (const c of covered.values()) if (c > max) max = c;
      need = max;
      if (max < Math.ceil(ids.length / 2)) return [];
      rows = [...covered].filter(([, c]) => c === max).map(([r]) => r);
    }
    const scored = rows.map((r) => ({ r, e: extra(r), l: this.leadsSomewhere(r) ? 0 : 1, d: this.depth[r] }));
    scored.sort((a, b) => a.e - b.e || a.l - b.l || a.d - b.d || a.r - b.r);
    return scored.slice(0, Math.max(1, limit)).map((s) => s.r);
  }
}
