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
/** Nouns that name a malignancy at the site before them ("breast cancer", "colon adenocarcinoma"). */
const PRIMARY_NOUN = /^(cancers?|carcinoma\w*|adenocarcinoma\w*|malignan\w*|tumou?rs?|neoplasms?|sarcoma\w*|melanoma\w*)$/;
/** Words that name a neoplasm, for the behaviour word "secondary". */
const NEOPLASM_WORD = /^(tumou?rs?|neoplasms?|neoplasia|malignan\w*|cancers?|carcinoma\w*|lesions?|deposits?|mets|metasta\w*|masse?s?)$/;
const NODAL = /^(node|nodal|lymph|lymphatic|lymphadenopathy|adenopathy)$/;

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
      // "Secondary to her radiation therapy" is a cause, and "secondary" alone names no neoplasm (secondary
      // hypertension): it is the behaviour only beside a neoplasm word ("secondary malignancy of the liver").
      if (/^secondar/.test(words[i].key) && words[i].key !== 'secondaries') {
        const next = text.slice(words[i].end).match(/^\W*(\w+)/)?.[1]?.toLowerCase();
        const clause = words.slice(Math.max(0, i - 3), i + 4).map((w) => w.key);
        if (next === 'to' || !clause.some((k) => NEOPLASM_WORD.test(k))) continue;
      }
      // "in situ" and "uncertain behavior" override the column.
      // The site is looked for within the behaviour word's clause: in "lung cancer, with metastasis to mediastinal
      // lymph nodes" the lung is not the metastasis' site.
      let lo = Math.max(0, i - WINDOW), hi = Math.min(words.length - 1, i + WINDOW);
      for (let j = i; j > lo; j--) if (/[,;:]/.test(text.slice(words[j - 1].end, words[j].start))) { lo = j; break; }
      for (let j = i; j < hi; j++) if (/[,;:]/.test(text.slice(words[j].end, words[j + 1].start))) { hi = j; break; }
      const near = words.slice(lo, hi + 1);
      const keys = new Set(near.map((w) => w.key));
      const column = keys.has('situ') ? 'Ca in situ' : keys.has('uncertain') || keys.has('borderline') ? 'Uncertain Behavior' : col;
      let best: { code: string; depth: number; score: number; idx: number[] } | undefined;
      const at = near.indexOf(words[i]);
      // "Metastatic breast cancer" names the primary (the index: Metastasis, cancer from specified site, see Neoplasm,
      // malignant, by site); only "metastatic to the liver" or "liver metastases" names a secondary site.
      const adjective = /^metastatic$/i.test(text.slice(words[i].start, words[i].end));
      for (let a = 0; a < near.length; a++) {
        if (near[a] === words[i] || BEHAVIOUR.some(([re]) => re.test(near[a].key))) continue;
        for (let n = 1; n <= 3 && a + n <= near.length; n++) {
          const span = near.slice(a, a + n);
          if (span.some((w) => w === words[i])) break;
          if (adjective && a > at && a + n < near.length && PRIMARY_NOUN.test(near[a + n].key)) continue;
          // Lymph nodes ("mediastinal nodal metastasis", "axillary lymph nodes") are the table's row "lymph, gland".
          const site = span.filter((w) => !NODAL.test(w.key));
          const nodal = site.length < span.length;
          if (!site.length || (!nodal && n > 2)) continue;
          const query = site.map((w) => text.slice(w.start, w.end)).join(' ') + (nodal ? ' lymph' : '');
          const row = this.row(query.toLowerCase());
          if (!row) continue;
          let siteKeys = normKeys(row.path.slice(1).join(' '));
          if (nodal) {
            if (!/^lymph/i.test(row.path[1] ?? '') || row.path.length < 3) continue;
            siteKeys = normKeys(row.path[row.path.length - 1]);
            if (!siteKeys.length || !siteKeys.every((k) => keys.has(k)) || !site.every((w) => siteKeys.includes(w.key))) continue;
            siteKeys = [...siteKeys, 'lymph'];
          } else if (!siteKeys.length || !siteKeys.every((k) => keys.has(k)) || !span.every((w) => siteKeys.includes(w.key))) {
            // The row must be exactly these words: no word of the row missing, no extra word in the span.
            continue;
          }
          const code = row.cells[column]?.replace(/\.?-$/, '');
          if (!code) continue;
          const under = this.kb.isBillable(code) ? [code] : this.kb.billableUnder(code);
          const billable = under.length ? defaultCode(this.kb, under) : undefined;
          if (!billable) continue;
          // Deeper rows win, and nearer ones: "lung with mediastinal nodal metastasis" is the nodes' metastasis.
          const distance = Math.min(Math.abs(a - at), Math.abs(a + n - 1 - at));
          // A site written right before the behaviour noun is its own ("lung with brain metastasis": the brain).
          const adjunct = !adjective && a + n === at ? 3 : 0;
          const score = siteKeys.length - 0.5 * distance + adjunct;
          // "mediastinal lymph nodes": the nodal words right after the row's words belong to the site.
          const whole = [...span];
          for (let b = a + n; nodal && b < near.length && NODAL.test(near[b].key); b++) whole.push(near[b]);
          if (!best || score > best.score) best = { code: billable, depth: siteKeys.length, score, idx: [...whole.map((w) => toks.indexOf(w)), toks.indexOf(words[i])] };
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
