// Groups a run's errors against billing gold into the classes a coder reviewing them would name, so a bench can
// print where the remaining errors are rather than only how many there are.
import { codeKey } from './metrics';

export interface ErrorClassCount { errorClass: string; count: number; examples: string[] }

/** Per note: false positives and false negatives, classed; counts summed over notes, largest first. */
export function errorClasses(gold: Map<string, Set<string>>, predicted: Map<string, string[]>): ErrorClassCount[] {
  const counts = new Map<string, { count: number; codes: Map<string, number> }>();
  const bump = (k: string, code: string) => {
    let e = counts.get(k);
    if (!e) counts.set(k, (e = { count: 0, codes: new Map() }));
    e.count++;
    e.codes.set(code, (e.codes.get(code) ?? 0) + 1);
  };
  for (const [id, g] of gold) {
    const pred = new Set((predicted.get(id) ?? []).map(codeKey));
    const gCat = new Set([...g].map((c) => c.slice(0, 3)));
    const pCat = new Set([...pred].map((c) => c.slice(0, 3)));
    for (const c of pred) {
      if (g.has(c)) continue;
      if (gCat.has(c.slice(0, 3))) bump('FP right category, wrong code (specificity, laterality, type)', c);
      else bump(`FP ${kindOf(c)} not in gold`, c);
    }
    for (const c of g) {
      if (pred.has(c)) continue;
      if (pCat.has(c.slice(0, 3))) bump('FN right category, wrong code (specificity, laterality, type)', c);
      else bump(`FN ${kindOf(c)} missed`, c);
    }
  }
  return [...counts].map(([errorClass, e]) => ({
    errorClass, count: e.count,
    examples: [...e.codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6).map(([c, n]) => `${c}×${n}`),
  })).sort((a, b) => b.count - a.count || (a.errorClass < b.errorClass ? -1 : 1));
}

function kindOf(code: string): string {
  if (/^R/.test(code)) return 'symptom (R)';
  if (/^Z79/.test(code)) return 'long-term drug use (Z79)';
  if (/^Z8[0-4]/.test(code)) return 'family history (Z80-Z84)';
  if (/^Z8[5-7]/.test(code)) return 'personal history (Z85-Z87)';
  if (/^Z/.test(code)) return 'other Z code';
  if (/^[V-Y]/.test(code)) return 'external cause';
  return 'diagnosis';
}
