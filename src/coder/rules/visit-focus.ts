// Billing, outpatient (Official Guidelines Section IV.D and IV.J): code what the visit addressed; signs and symptoms
// only when no definitive diagnosis has been established. Three narrow readings of that:
// - a symptom the history, review of systems or exam mentions but neither the reason for the visit nor the assessment
//   and plan take up is set aside once the assessment names a diagnosis (the numbness of a carpal tunnel visit);
// - back or neck pain (M54.2, M54.5-, M54.6, M54.9) is part of a named cause the note codes: a disc disorder,
//   radiculopathy or sciatica, spinal stenosis, a back or neck strain, a kidney or ureter stone (guideline I.B.5);
// - "Pain, unspecified" (R52) and "Injury, unspecified" (T14.9-) say no site or condition is known: never beside an
//   active code, where the note has said what the pain or the injury is ("right knee pain", "ankle sprain").
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** Signs and symptoms (chapter 18), and back and neck pain by site (dorsalgia without a named cause). */
const SYMPTOM = /^R[0-6]|^M54\.[2569]/;
const ADDRESSED = new Set(['diagnosis', 'plan', 'complaint']);
const UNSPECIFIED_SITE = /^R52$|^T14\.9/;

export function unaddressedSymptoms(cs: readonly RuledCandidate[]): RuleEdit[] {
  const diagnosed = cs.some((c) => c.status === 'active' && !SYMPTOM.test(c.code) && !c.code.startsWith('Z') && c.mentions.some((m) => ADDRESSED.has(m.role)));
  if (!diagnosed) return [];
  return cs.filter((c) => c.status === 'active' && SYMPTOM.test(c.code) && !c.mentions.some((m) => ADDRESSED.has(m.role)))
    .map((c) => ({ op: 'status', target: c, status: 'uncertain',
      note: 'A symptom neither the reason for the visit nor the assessment and plan take up, beside an assessed diagnosis: not coded (guideline IV.D)' }));
}

const DORSALGIA = /^M54\.([269]|5)/;
const CAUSE_OF_DORSALGIA = /^M4[0-8]|^M5[01]|^M53|^M54\.[134]|^S(13|16|23|29|33|39)\.|^N2[03]/;

export function dorsalgiaWithItsCause(cs: readonly RuledCandidate[]): RuleEdit[] {
  const cause = cs.find((c) => c.status === 'active' && CAUSE_OF_DORSALGIA.test(c.code));
  if (!cause) return [];
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    if (c.status !== 'active' || !DORSALGIA.test(c.code)) continue;
    edits.push({ op: 'evidence', target: cause, mentions: c.mentions, from: c.code }, { op: 'drop', target: c });
  }
  return edits;
}

export function unspecifiedSiteCodes(cs: readonly RuledCandidate[]): RuleEdit[] {
  if (!cs.some((c) => c.status === 'active' && !UNSPECIFIED_SITE.test(c.code))) return [];
  return cs.filter((c) => UNSPECIFIED_SITE.test(c.code)).map((c) => ({ op: 'drop', target: c }));
}
