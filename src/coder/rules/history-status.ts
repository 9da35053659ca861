// Billing: a past condition becomes its personal history Z code, a relative's its family history Z code.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { explains, spans } from '../features';
import { familyHistoryCode, personalHistoryCode } from './history-codes';
import { isLexical } from './lexical-mentions';
import type { RuledCandidate } from './types';

export function addHistoryCodes(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const byCode = new Map(cs.map((c) => [c.code, c]));
  const zOf = (c: RuledCandidate) => (c.status === 'historical' ? personalHistoryCode(c.code) : familyHistoryCode(c.code));
  // A history code needs the knowledge base's words for the condition: a learned phrase ("psychiatric" -> F09) or an
  // encoder guess is too weak to state that the patient had it.
  const past = cs.filter((c) => (c.status === 'historical' || c.status === 'family')
    && c.mentions.some(isLexical));
  // Whole phrases first: a candidate whose every mention lies inside another's ("infection" inside "urinary tract
  // infection") adds its Z code only when no covering phrase gave a different one (Z87.440, not also Z86.19).
  const whole = past.filter((c) => !c.mentions.every((m) => m.subsumed));
  const covered = (c: RuledCandidate, z: string) => c.mentions.every((m) => whole.some((w) => w !== c && zOf(w) !== z
    && w.mentions.some((n) => spans(n, m))));
  // Part of a current diagnosis ("diabetic peripheral neuropathy" in E11.40's words): not a history of its own.
  const current = cs.filter((c) => c.status === 'active');
  const partOfCurrent = (c: RuledCandidate) => c.mentions.every((m) => current.some((a) => a.code !== c.code
    && a.mentions.some((n) => explains(n, m))));
  for (const c of [...whole, ...past.filter((x) => !whole.includes(x))]) {
    const z = zOf(c);
    if (!z || !kb.isBillable(z) || partOfCurrent(c)) continue;
    if (!whole.includes(c) && covered(c, z)) continue;
    const why = `${c.status === 'historical' ? 'Personal' : 'Family'} history of ${kb.get(c.code)?.longTitle ?? c.code} (${c.code})`;
    const existing = byCode.get(z);
    if (existing) {
      existing.confidence = Math.max(existing.confidence, c.confidence);
      existing.mentions = [...existing.mentions, ...c.mentions];
      existing.notes = [...(existing.notes ?? []), why];
      if (existing.status !== 'active') existing.status = 'active';
      continue;
    }
    const nc: RuledCandidate = { code: z, mentions: c.mentions, confidence: c.confidence, status: 'active', notes: [why] };
    byCode.set(z, nc);
    cs.push(nc);
  }
  return cs;
}
