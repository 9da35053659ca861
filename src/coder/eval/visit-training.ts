// Training and cross-validation of the visit stage (src/coder/visit-features.ts) on encounter notes with billing gold.
// Folds are by note, so every figure reported from `crossValidateVisit` is on notes its model never saw.
import type { CodingEngine } from '../engine';
import { trainLogistic, LogisticScorer, type ScorerModel } from '../scorer';
import { VISIT_FEATURE_NAMES } from '../visit-features';
import { codeKey } from './metrics';

export interface VisitRow { note: string; code: string; x: Float64Array; y: number; /** Written out in the assessment: suggested whatever the model says. */ written: boolean }

export interface VisitData {
  rows: VisitRow[];
  /** Notes the visit stage does not read (no history or no assessment): the first stage's codes. */
  firstStage: Map<string, string[]>;
  /** Per visit note, the codes rules added (decided by the rule's confidence, not the visit stage). */
  fixed: Map<string, string[]>;
}

export async function collectVisitRows(engine: CodingEngine, notes: Map<string, string>, gold: Map<string, Set<string>>, useEncoder: boolean): Promise<VisitData> {
  const rows: VisitRow[] = [];
  const firstStage = new Map<string, string[]>(), fixed = new Map<string, string[]>();
  for (const [note, text] of notes) {
    const g = gold.get(note) ?? new Set<string>();
    const got = await engine.visitRows(text, { useEncoder });
    if (!got) { firstStage.set(note, (await engine.code(text, { policy: 'billing', useEncoder })).suggestions.map((s) => s.code)); continue; }
    fixed.set(note, got.fixed);
    for (const r of got.rows) rows.push({ note, code: r.code, x: r.x, y: g.has(codeKey(r.code)) ? 1 : 0, written: r.written });
  }
  return { rows, firstStage, fixed };
}

/** Threshold that maximises micro-F1 over these rows, counting gold codes no row reaches as misses. */
export function bestThreshold(rows: { p: number; y: number }[], unreachable: number): number {
  const sorted = [...rows].sort((a, b) => b.p - a.p);
  const positives = sorted.reduce((a, r) => a + r.y, 0) + unreachable;
  let tp = 0, best = 0.5, bestF1 = -1;
  sorted.forEach((r, i) => {
    tp += r.y;
    const f1 = (2 * tp) / (i + 1 + positives);
    const next = sorted[i + 1]?.p ?? 0;
    if (f1 > bestF1 && r.p > next) { bestF1 = f1; best = (r.p + next) / 2; }
  });
  return best;
}

export function trainVisitModel(rows: VisitRow[], unreachable: number, trainedOn: string): ScorerModel {
  const fit = trainLogistic(rows.map((r) => r.x), rows.map((r) => r.y), VISIT_FEATURE_NAMES, { l2: 1e-2, epochs: 400 });
  const scorer = new LogisticScorer({ ...fit, threshold: { mentions: 0.5, billing: 0.5 }, trainedOn });
  const t = bestThreshold(rows.map((r) => ({ p: scorer.score(r.x), y: r.y })), unreachable);
  return { ...fit, threshold: { mentions: t, billing: t }, trainedOn };
}

/** Deterministic folds: notes in sorted order, dealt round-robin. */
export function foldOf(notes: string[], k: number): Map<string, number> {
  return new Map([...notes].sort().map((n, i) => [n, i % k]));
}

/**
 * k-fold cross-validation by note: each note's codes are decided by a model trained on the other folds.
 * Returns the codes predicted per note at each fold model's own threshold.
 */
export function crossValidateVisit(data: VisitData, gold: Map<string, Set<string>>, k = 5): Map<string, string[]> {
  const { rows } = data;
  const notes = [...gold.keys()].filter((n) => !data.firstStage.has(n));
  const fold = foldOf(notes, k);
  const predicted = new Map<string, string[]>(notes.map((n) => [n, []]));
  for (let f = 0; f < k; f++) {
    const train = rows.filter((r) => fold.get(r.note) !== f);
    const trainNotes = notes.filter((n) => fold.get(n) !== f);
    const reached = new Set(train.filter((r) => r.y).map((r) => `${r.note}\t${codeKey(r.code)}`));
    const unreachable = trainNotes.reduce((a, n) => a + [...(gold.get(n) ?? [])].filter((c) => !reached.has(`${n}\t${c}`)).length, 0);
    const model = trainVisitModel(train, unreachable, `cross-validation fold ${f + 1}/${k}`);
    const scorer = new LogisticScorer(model, VISIT_FEATURE_NAMES);
    for (const r of rows) if (fold.get(r.note) === f && (r.written || scorer.score(r.x) >= model.threshold.billing)) predicted.get(r.note)!.push(r.code);
  }
  for (const [n, codes] of data.fixed) predicted.get(n)?.push(...codes);
  for (const [n, codes] of data.firstStage) predicted.set(n, codes);
  return predicted;
}
