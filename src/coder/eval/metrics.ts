// Evaluation of ranked code suggestions against a gold standard (CodiEsp format: noteId<TAB>code).
// Codes are compared in canonical undotted upper case, so "e11.22", "E1122" and "E11.22" agree.

/** Canonical comparison key of a code: upper case, no dot, no trailing dash. */
export function codeKey(code: string): string {
  return code.trim().toUpperCase().replace(/\./g, '').replace(/-+$/, '');
}

/** Parses `noteId<TAB>code` lines; blank lines and lines without a tab are ignored. */
export function parseGold(tsv: string): Map<string, Set<string>> {
  const gold = new Map<string, Set<string>>();
  for (const line of tsv.split(/\r?\n/)) {
    const [id, code] = line.split('\t');
    if (!id || !code || !code.trim()) continue;
    let set = gold.get(id.trim());
    if (!set) gold.set(id.trim(), (set = new Set()));
    set.add(codeKey(code));
  }
  return gold;
}

export interface Prf { precision: number; recall: number; f1: number }
export interface EvalReport {
  notes: number;
  goldCodes: number;
  predictedCodes: number;
  micro: Prf & { tp: number; fp: number; fn: number };
  /** Averaged over every code that is in the gold standard or predicted. */
  macro: Prf;
  /** Micro scores when codes are compared by category (first 3 characters). */
  category: Prf;
  /** Mean average precision of the full ranking (CodiEsp's main metric). */
  map: number;
  /** Precision of the top 5 of the ranking, averaged over notes. */
  pAt5: number;
  /**
   * The same scores with the gold standard read in FY2026 terms (only when `isCurrentCode` is given): a gold code
   * that is not a FY2026 billable code (2018 R51, since split into R51.0/R51.9; T14.90 without its 7th character)
   * is matched by a predicted FY2026 code under it. Exact scores stay the primary figures.
   */
  editionAware?: { micro: Prf & { tp: number; fp: number; fn: number }; category: Prf; map: number; pAt5: number; staleGoldCodes: number };
  seconds?: number;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Scores predictions. `ranked` per note is the full ranking (best first, used by MAP and P@5);
 * `predicted` per note is the thresholded set (used by P/R/F1). Notes absent from `ranked` count as empty.
 */
export function evaluate(gold: Map<string, Set<string>>, ranked: Map<string, string[]>, predicted: Map<string, string[]>, isCurrentCode?: (key: string) => boolean): EvalReport {
  const exact = evaluateExact(gold, ranked, predicted);
  if (!isCurrentCode) return exact;
  const mappedRanked = new Map<string, string[]>(), mappedPredicted = new Map<string, string[]>();
  let stale = 0;
  for (const [id, g] of gold) {
    const old = [...g].filter((c) => !isCurrentCode(c)).sort((a, b) => b.length - a.length);
    stale += old.length;
    const map = (c: string) => { const k = codeKey(c); return g.has(k) ? k : old.find((o) => k.startsWith(o)) ?? k; };
    mappedRanked.set(id, (ranked.get(id) ?? []).map(map));
    mappedPredicted.set(id, [...new Set((predicted.get(id) ?? []).map(map))]);
  }
  const e = evaluateExact(gold, mappedRanked, mappedPredicted);
  return { ...exact, editionAware: { micro: e.micro, category: e.category, map: e.map, pAt5: e.pAt5, staleGoldCodes: stale } };
}

function evaluateExact(gold: Map<string, Set<string>>, ranked: Map<string, string[]>, predicted: Map<string, string[]>): EvalReport {
  let tp = 0, fp = 0, fn = 0, ctp = 0, cfp = 0, cfn = 0, apSum = 0, p5Sum = 0, nPred = 0, nGold = 0;
  const perCode = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (c: string, k: 'tp' | 'fp' | 'fn') => {
    let e = perCode.get(c);
    if (!e) perCode.set(c, (e = { tp: 0, fp: 0, fn: 0 }));
    e[k]++;
  };
  for (const [id, g] of gold) {
    const pred = new Set((predicted.get(id) ?? []).map(codeKey));
    nPred += pred.size; nGold += g.size;
    for (const c of pred) if (g.has(c)) { tp++; bump(c, 'tp'); } else { fp++; bump(c, 'fp'); }
    for (const c of g) if (!pred.has(c)) { fn++; bump(c, 'fn'); }
    const gCat = new Set([...g].map((c) => c.slice(0, 3)));
    const pCat = new Set([...pred].map((c) => c.slice(0, 3)));
    for (const c of pCat) if (gCat.has(c)) ctp++; else cfp++;
    for (const c of gCat) if (!pCat.has(c)) cfn++;
    // Average precision over the ranking, each gold code counted once.
    const rank = dedupe((ranked.get(id) ?? []).map(codeKey));
    let hits = 0, ap = 0;
    rank.forEach((c, i) => { if (g.has(c)) { hits++; ap += hits / (i + 1); } });
    apSum += g.size ? ap / g.size : 0;
    p5Sum += rank.slice(0, 5).filter((c) => g.has(c)).length / 5;
  }
  let mp = 0, mr = 0, mf = 0;
  for (const e of perCode.values()) { const s = prf(e.tp, e.fp, e.fn); mp += s.precision; mr += s.recall; mf += s.f1; }
  const n = perCode.size || 1;
  return {
    notes: gold.size, goldCodes: nGold, predictedCodes: nPred,
    micro: { ...prf(tp, fp, fn), tp, fp, fn },
    macro: { precision: mp / n, recall: mr / n, f1: mf / n },
    category: prf(ctp, cfp, cfn),
    map: gold.size ? apSum / gold.size : 0,
    pAt5: gold.size ? p5Sum / gold.size : 0,
  };
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x) ? false : (seen.add(x), true)));
}

/** Rounds every number in a report to 4 decimals for printing. */
export function roundReport<T>(r: T): T {
  return JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e4) / 1e4 : v)));
}
