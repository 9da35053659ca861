// Dual coding from the index: an entry that pairs an etiology with a manifestation code adds both.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { RuledCandidate } from './types';

/** Dual coding: an index entry with a manifestation code adds that code (e.g. amyloid heart -> E85.4 + I43). */
export function addManifestations(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const have = new Map(cs.map((c) => [c.code, c]));
  const extra: RuledCandidate[] = [];
  for (const c of cs) {
    for (const m of c.mentions) for (const code of m.manifestation ?? []) {
      if (!kb.isBillable(code)) continue;
      // The index pairs them ("G30.9 [F02.80]"): the manifestation stands or falls with its etiology.
      const had = have.get(code);
      if (had) {
        if (!had.mentions.includes(m)) had.mentions = [...had.mentions, m];
        if (c.confidence > had.confidence) { had.confidence = c.confidence; had.status = c.status; }
        continue;
      }
      const nc: RuledCandidate = { code, mentions: [m], confidence: c.confidence, status: c.status, notes: [`Manifestation of ${c.code} (code first the underlying condition)`] };
      have.set(code, nc);
      extra.push(nc);
    }
  }
  return [...cs, ...extra];
}
