// Neoplasm mentions: the Table of Neoplasms is organised by site (rows) and behaviour (columns),
// so "liver metastases" is the row "liver" in the column "Malignant Secondary". A behaviour word
// in the sentence picks the column; the site words near it pick the row.
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import type { SentenceToken } from './mention-matcher';
import { normKeys } from './normalize';
import { defaultCode } from './term-lexicon';

const BEHAVIOUR: [RegExp, string][] = [
  [/^(metasta|secondar)/, 'Malignant Secondary'],
  [/^(carcinoma|adenocarcinoma|cancer|malignan|sarcoma|carcinomatosi|neoplasm malignant)/, 'Malignant Primary'],
  [/^(benign|adenoma)$/, 'Benign'],
  [/^(tumor|tumour|neoplasm|neoplasia|mass)$/, 'Unspecified Behavior'],
];
const WINDOW = 6;

export interface NeoplasmMatch { code: string; tokens: number[]; start: number; end: number; text: string; column: string }

export class NeoplasmMatcher {
  private readonly cache = new Map<string, { path: string[]; cells: Record<string, string> } | null>();
  constructor(private readonly kb: IcdKnowledgeBase) {}

  private row(query: string) {
    let r = this.cache.get(query);
    if (r === undefined) {
      const hits = this.kb.neoplasmTable(query, 1);
      r = hits.length ? { path: hits[0].path, cells: hits[0].cells } : null;
      if (this.cache.size > 20000) this.cache.clear();
      this.cache.set(query, r);
    }
    return r;
  }

  match(text: string, toks: SentenceToken[]): NeoplasmMatch[] {
    const out: NeoplasmMatch[] = [];
    const words = toks.filter((t) => !t.expanded);
    for (let i = 0; i < words.length; i++) {
      const col = BEHAVIOUR.find(([re]) => re.test(words[i].key))?.[1];
      if (!col) continue;
      // "in situ" and "uncertain behavior" override the column.
      const near = words.slice(Math.max(0, i - WINDOW), i + WINDOW + 1);
      const keys = new Set(near.map((w) => w.key));
      const column = keys.has('situ') ? 'Ca in situ' : keys.has('uncertain') || keys.has('borderline') ? 'Uncertain Behavior' : col;
      let best: { code: string; depth: number; idx: number[] } | undefined;
      for (let a = 0; a < near.length; a++) {
        if (near[a] === words[i] || BEHAVIOUR.some(([re]) => re.test(near[a].key))) continue;
        for (let n = 1; n <= 2 && a + n <= near.length; n++) {
          const span = near.slice(a, a + n);
          if (span.some((w) => w === words[i])) break;
          const query = span.map((w) => text.slice(w.start, w.end)).join(' ');
          const row = this.row(query.toLowerCase());
          if (!row) continue;
          const siteKeys = normKeys(row.path.slice(1).join(' '));
          // The row must be exactly these words: no word of the row missing, no extra word in the span.
          if (!siteKeys.length || !siteKeys.every((k) => keys.has(k)) || !span.every((w) => siteKeys.includes(w.key))) continue;
          const code = row.cells[column]?.replace(/\.?-$/, '');
          if (!code) continue;
          const under = this.kb.isBillable(code) ? [code] : this.kb.billableUnder(code);
          const billable = under.length ? defaultCode(this.kb, under) : undefined;
          if (!billable) continue;
          if (!best || siteKeys.length > best.depth) best = { code: billable, depth: siteKeys.length, idx: [...span.map((w) => toks.indexOf(w)), toks.indexOf(words[i])] };
        }
      }
      if (best) {
        const ts = best.idx.map((j) => toks[j]);
        const start = Math.min(...ts.map((t) => t.start)), end = Math.max(...ts.map((t) => t.end));
        out.push({ code: best.code, tokens: best.idx.sort((x, y) => x - y), start, end, text: `Neoplasm, ${column}`, column });
      }
    }
    return out;
  }
}
