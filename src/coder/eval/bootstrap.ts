// Paired bootstrap over notes: is system A's gain over system B on a metric larger than resampling noise? Notes are
// drawn with replacement (seeded, so a run is reproducible) and both systems are scored on the same draw.
import { evaluate, type EvalReport } from './metrics';

export interface SystemRun { ranked: Map<string, string[]>; predicted: Map<string, string[]> }
export interface PairedGain { metric: string; diff: number; low: number; high: number; pNotBetter: number }

const METRICS: [string, (r: EvalReport) => number][] = [
  ['micro-F1', (r) => r.micro.f1], ['category F1', (r) => r.category.f1], ['MAP', (r) => r.map], ['P@5', (r) => r.pAt5],
];

/** A's minus B's score with a 95% interval, and the share of draws where A is not better. */
export function pairedBootstrap(gold: Map<string, Set<string>>, a: SystemRun, b: SystemRun, draws = 1000, seed = 20261128): PairedGain[] {
  const ids = [...gold.keys()].filter((id) => a.ranked.has(id) && b.ranked.has(id));
  let s = seed >>> 0;
  const rand = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const score = (run: SystemRun, sample: string[]) => {
    const g = new Map<string, Set<string>>(), r = new Map<string, string[]>(), p = new Map<string, string[]>();
    sample.forEach((id, i) => { const k = `${i}:${id}`; g.set(k, gold.get(id)!); r.set(k, run.ranked.get(id)!); p.set(k, run.predicted.get(id)!); });
    return evaluate(g, r, p);
  };
  const full = [score(a, ids), score(b, ids)];
  const diffs = METRICS.map(() => [] as number[]);
  for (let d = 0; d < draws; d++) {
    const sample = ids.map(() => ids[Math.floor(rand() * ids.length)]);
    const ra = score(a, sample), rb = score(b, sample);
    METRICS.forEach(([, f], i) => diffs[i].push(f(ra) - f(rb)));
  }
  return METRICS.map(([metric, f], i) => {
    const xs = diffs[i].sort((x, y) => x - y);
    return { metric, diff: f(full[0]) - f(full[1]), low: xs[Math.floor(0.025 * xs.length)], high: xs[Math.ceil(0.975 * xs.length) - 1], pNotBetter: xs.filter((x) => x <= 0).length / xs.length };
  });
}
