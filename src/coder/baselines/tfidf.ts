// Baseline 2: character-trigram TF-IDF. Each billable code is a document (title and index paths);
// each phrase-sized chunk of a sentence (split at punctuation and function words, so the query is
// about as long as a code title) is a query; the best code per chunk is kept, and codes are ranked
// by their best similarity in the note.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';

const CHUNK_BREAK = /[,;:()[\].]|\b(?:and|or|with|without|but|which|that|who|was|were|is|are|has|had|have|showed|shows|revealed|presented|presenting|performed|after|before|for|due to|during|from)\b/i;

/** Trigrams this common carry no signal and make the inverted lists long. */
const MAX_DF_FRACTION = 0.03;

function trigrams(s: string): Map<string, number> {
  const t = ` ${s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const m = new Map<string, number>();
  for (let i = 0; i + 3 <= t.length; i++) { const g = t.slice(i, i + 3); m.set(g, (m.get(g) ?? 0) + 1); }
  return m;
}

export class TfidfBaseline {
  private readonly codes: string[] = [];
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, { doc: number; w: number }[]>();

  constructor(kb: IcdKnowledgeBase, readonly minSimilarity = 0.3) {
    const texts = new Map<string, string[]>();
    for (const e of kb.billableCodes()) texts.set(e.code, [e.longTitle]);
    for (const hit of kb.indexEntries()) for (const c of hit.codes) texts.get(c)?.push(hit.path.join(' '));
    const docs: Map<string, number>[] = [];
    const df = new Map<string, number>();
    for (const [code, t] of texts) {
      const tf = trigrams(t.slice(0, 6).join(' '));
      this.codes.push(code);
      docs.push(tf);
      for (const g of tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
    }
    const n = docs.length;
    for (const [g, d] of df) if (d <= n * MAX_DF_FRACTION) this.idf.set(g, Math.log(n / d));
    docs.forEach((tf, doc) => {
      let norm = 0;
      const ws: [string, number][] = [];
      for (const [g, c] of tf) { const idf = this.idf.get(g); if (idf) { const w = (1 + Math.log(c)) * idf; ws.push([g, w]); norm += w * w; } }
      norm = Math.sqrt(norm) || 1;
      for (const [g, w] of ws) { let l = this.postings.get(g); if (!l) this.postings.set(g, (l = [])); l.push({ doc, w: w / norm }); }
    });
  }

  /** Ranked codes with their best chunk similarity. */
  code(sentences: string[]): { code: string; score: number }[] {
    const best = new Map<number, number>();
    const chunks = sentences.flatMap((s) => s.split(CHUNK_BREAK).filter((c) => c && /[a-z]{3}/i.test(c)));
    for (const s of chunks) {
      const q = trigrams(s);
      let norm = 0;
      const acc = new Map<number, number>();
      const qw: [string, number][] = [];
      for (const [g, c] of q) { const idf = this.idf.get(g); if (idf) { const w = (1 + Math.log(c)) * idf; qw.push([g, w]); norm += w * w; } }
      norm = Math.sqrt(norm) || 1;
      for (const [g, w] of qw) for (const p of this.postings.get(g)!) acc.set(p.doc, (acc.get(p.doc) ?? 0) + (w / norm) * p.w);
      let top = -1, topScore = 0;
      for (const [d, v] of acc) if (v > topScore) { topScore = v; top = d; }
      if (top >= 0 && topScore > (best.get(top) ?? 0)) best.set(top, topScore);
    }
    return [...best].map(([d, score]) => ({ code: this.codes[d], score })).sort((a, b) => b.score - a.score);
  }
}
