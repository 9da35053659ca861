// Billing, outpatient (Official Guidelines Section IV.H): a diagnosis documented as "possible", "likely" or "rule out"
// is not coded, "rather, code the condition(s) to the highest degree of certainty for that encounter/visit, such as
// symptoms, signs". The symptoms written beside the hedged diagnosis ("possible pneumonia with cough and fever") are
// facts of the visit even though ConText reads the whole sentence as uncertain: they become active codes.
// In the inpatient setting the hedged diagnosis itself is already active, and these symptoms stay as they were.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** Signs and symptoms (chapter 18) and the pain-by-site codes a coder uses as symptoms. */
const SYMPTOM = /^R(0|1|2|3|4|5|6)|^M79\.6|^M25\.5/;
/** "Other general symptoms", "illness, unspecified": residual codes that name no symptom. */
const RESIDUAL = /^R68\.89$|^R69$|^R52$/;
/** Floor for a symptom taken up in place of a hedged diagnosis: the coder is to see it. */
const SYMPTOM_FLOOR = 0.5;

export function symptomsOfUncertainDiagnoses(cs: readonly RuledCandidate[]): RuleEdit[] {
  const hedgedSentences = new Set<number>();
  for (const c of cs) {
    if (c.status !== 'uncertain' || SYMPTOM.test(c.code)) continue;
    for (const m of c.mentions) if (m.negation === 'possible') hedgedSentences.add(m.sentence);
  }
  if (!hedgedSentences.size) return [];
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    if (c.status !== 'uncertain' || !SYMPTOM.test(c.code) || RESIDUAL.test(c.code)) continue;
    const stated = c.mentions.filter((m) => m.negation === 'possible' && hedgedSentences.has(m.sentence) && m.experiencer === 'patient');
    // The symptom must be its own words, not a part of the hedged diagnosis's phrase.
    if (!stated.length || stated.every((m) => m.subsumed)) continue;
    edits.push({ op: 'status', target: c, status: 'active', note: 'A symptom documented beside an uncertain diagnosis is coded in its place (guideline IV.H)' });
    if (c.confidence < SYMPTOM_FLOOR) edits.push({ op: 'confidence', target: c, confidence: SYMPTOM_FLOOR });
  }
  return edits;
}
