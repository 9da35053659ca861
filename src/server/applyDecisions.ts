// Puts the coder's decisions on a fresh coding: a decision applies while its evidence text is still in the
// note (anchors.ts). An accepted code the engine no longer suggests (a more specific child the coder chose,
// or one that fell under the threshold) is still shown, on its anchored evidence.
import type { Suggestion } from '../coder/types';
import type { DocumentSuggestion } from '../common/protocol';
import { locateAnchor } from './anchors';
import type { DecisionRecord } from './decisions';

export function applyDecisions(text: string, suggestions: readonly Suggestion[], records: readonly DecisionRecord[]): DocumentSuggestion[] {
  if (!records.length) return suggestions as DocumentSuggestion[];
  const out: DocumentSuggestion[] = suggestions.map((s) => ({ ...s }));
  const byCode = new Map(out.map((s) => [s.code, s]));
  for (const r of records) {
    const where = r.evidence ? locateAnchor(text, r.evidence) : undefined;
    if (r.evidence && !where) continue; // the evidence was edited away: the decision no longer holds
    const s = byCode.get(r.code);
    if (s) {
      s.decision = r.decision;
      if (r.replaces) s.replaces = r.replaces;
      continue;
    }
    if (r.decision !== 'accepted' || !where) continue;
    const chosen: DocumentSuggestion = {
      code: r.code, title: r.title ?? r.code, confidence: r.confidence ?? 1, status: 'active', billable: true,
      evidence: [{ start: where.start, end: where.end, text: text.slice(where.start, where.end), why: 'coder', matched: r.replaces ? `chosen by the coder in place of ${r.replaces}` : 'accepted by the coder' }],
      alternatives: [], decision: 'accepted', ...(r.replaces ? { replaces: r.replaces } : {}),
    };
    out.push(chosen);
    byCode.set(r.code, chosen);
  }
  return out;
}
