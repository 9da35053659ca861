// Billing, outpatient (Official Guidelines IV.J): "code all documented conditions that coexist at the time of the
// visit and require or affect patient care, treatment or management"; history codes only when the history affects
// care (I.C.21.c.4). When the note has an assessment, a condition written only in the past medical, surgical or family
// history or the medication list, and a family or personal history Z code written only there, is set aside: the
// visit did not take it up. Status codes, long-term drug use, allergy status, BMI and tobacco keep their own rules.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import type { SectionRole } from '../../note/types';

const LIST_ROLES: ReadonlySet<SectionRole> = new Set<SectionRole>(['history', 'family', 'medications']);
/** Family (Z80-Z84) and personal (Z86-Z87) history codes; nicotine dependence history is the tobacco rule's. */
const HISTORY_Z = /^Z8[0-4]|^Z8[67]/;
const OWN_RULES = /^Z87\.891$/;

export function unaddressedHistory(cs: readonly RuledCandidate[]): RuleEdit[] {
  return cs.filter((c) => c.status === 'active' && c.mentions.length > 0 && !OWN_RULES.test(c.code)
    && (!c.code.startsWith('Z') || HISTORY_Z.test(c.code)) && c.mentions.every((m) => LIST_ROLES.has(m.role)))
    .map((target) => ({ op: 'status', target, status: target.code.startsWith('Z8') && target.mentions.every((m) => m.role === 'family') ? 'family' : 'historical',
      note: 'Written only in the history or medication lists, not taken up by the history of present illness or the assessment and plan: not coded (guideline IV.J)' }));
}
