import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir } from '../../../common/paths';

export interface HeldOutSet {
  mainTerms: string[];
  queries: { query: string; code: string }[];
}

/** The held-out Alphabetic Index split written by models/train/prep.py (whole main terms, seeded). */
export function loadHeldOut(): HeldOutSet {
  const dir = path.join(resolveModelsDir(), 'train');
  const mainTerms = fs.readFileSync(path.join(dir, 'heldout-main-terms.txt'), 'utf8').split('\n').filter(Boolean);
  const queries = fs.readFileSync(path.join(dir, 'heldout-queries.tsv'), 'utf8').split('\n').slice(1).filter(Boolean)
    .map((l) => { const [query, code] = l.split('\t'); return { query, code }; });
  return { mainTerms, queries };
}

export interface DevNote {
  id: string;
  sentences: string[];
  /** Gold diagnosis codes, dotted upper case (CIE-10 2018). */
  gold: string[];
}

/** CodiEsp dev notes (sentence per line) with their diagnosis codes (devD.tsv). */
export function loadCodiespDev(sharedDir: string): DevNote[] {
  const dir = path.join(sharedDir, 'codiesp', 'dev');
  const gold = new Map<string, Set<string>>();
  for (const line of fs.readFileSync(path.join(dir, 'devD.tsv'), 'utf8').split('\n')) {
    const [id, code] = line.trim().split('\t');
    if (!id || !code) continue;
    if (!gold.has(id)) gold.set(id, new Set());
    gold.get(id)!.add(code.toUpperCase());
  }
  return [...gold.keys()].sort().map((id) => ({
    id,
    sentences: fs.readFileSync(path.join(dir, 'notes', `${id}.txt`), 'utf8').split('\n').map((s) => s.trim()).filter((s) => s.length > 2),
    gold: [...gold.get(id)!],
  }));
}

export interface RankMetrics { n: number; r1: number; r10: number; mrr: number }

/** Recall@1/@10 and MRR (rank beyond `depth` counts 0) of the gold code in each ranked list. */
export function rankMetrics(ranked: string[][], gold: string[]): RankMetrics {
  let r1 = 0, r10 = 0, mrr = 0;
  ranked.forEach((list, i) => {
    const r = list.indexOf(gold[i]);
    if (r === 0) r1++;
    if (r >= 0 && r < 10) r10++;
    if (r >= 0) mrr += 1 / (r + 1);
  });
  const n = gold.length;
  return { n, r1: r1 / n, r10: r10 / n, mrr: mrr / n };
}

export interface NoteRecall { exact: number; category: number; goldCodes: number; goldInCodeSet: number }

/** Micro recall of gold codes among the top-`k` candidates per note; also at category (3-character) level. */
export function noteRecall(notes: DevNote[], candidates: string[][], codeSet: Set<string>): NoteRecall {
  let hit = 0, total = 0, catHit = 0, catTotal = 0, inSet = 0;
  notes.forEach((n, i) => {
    const cands = new Set(candidates[i]);
    const cats = new Set(candidates[i].map((c) => c.slice(0, 3)));
    for (const g of n.gold) {
      total++;
      if (codeSet.has(g)) inSet++;
      if (cands.has(g)) hit++;
    }
    const goldCats = new Set(n.gold.map((g) => g.slice(0, 3)));
    for (const g of goldCats) {
      catTotal++;
      if (cats.has(g)) catHit++;
    }
  });
  return { exact: hit / total, category: catHit / catTotal, goldCodes: total, goldInCodeSet: inSet };
}

/** Max-pools per-sentence hit lists into one ranked code list per note (max similarity over sentences). */
export function maxPool(perSentence: { code: string; score: number }[][], k: number): string[] {
  const best = new Map<string, number>();
  for (const hits of perSentence) for (const h of hits) if (h.score > (best.get(h.code) ?? -Infinity)) best.set(h.code, h.score);
  return [...best.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([c]) => c);
}

export interface AciQuote { noteId: string; quote: string; code: string }

/** aci-dev gold: one evidence quote per gold code (noteId<TAB>code<TAB>evidence); empty when the file is absent. */
export function loadAciQuotes(sharedDir: string): AciQuote[] {
  const file = path.join(sharedDir, 'aci-dev', 'gold.tsv');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.split('\t')).filter((f) => f.length >= 3 && f[2].trim())
    .map(([noteId, code, quote]) => ({ noteId, code: code.trim().toUpperCase(), quote: quote.trim() }));
}
