// HIV (billing, OCG I.C.1.a.2.d and I.C.1.a.2.f): a patient documented as HIV positive without symptoms and never
// with an HIV-related illness is Z21 (asymptomatic HIV infection status), not B20; once a related illness is
// documented, B20 stays whatever the current viral load.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const ASYMPTOMATIC = /\basymptomatic\b/i;
/** An AIDS diagnosis or an HIV-related illness written in the sentence ("AIDS-defining" illnesses denied are not). */
const RELATED = /\bAIDS\b(?![- ]defining)|\b(opportunistic|pneumocystis|PCP|kaposi|wasting)\b/i;

export function asymptomaticHiv(cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    if (c.code !== 'B20' || c.status !== 'active' || !c.mentions.length) continue;
    const sentences = c.mentions.map((m) => text.slice(m.sentenceStart, m.sentenceEnd));
    if (!sentences.every((s) => ASYMPTOMATIC.test(s) && !RELATED.test(s))) continue;
    edits.push({ op: 'replace', target: c, code: 'Z21', note: 'Asymptomatic HIV infection status: HIV positive without symptoms or a related illness (OCG I.C.1.a.2.d)' });
  }
  return edits;
}
