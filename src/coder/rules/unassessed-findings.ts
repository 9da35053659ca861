// Billing, guideline III.B: findings documented only in the exam or results are not coded without an assessment.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/**
 * Billing, guideline III.B: abnormal findings are not coded unless the provider indicates their clinical significance.
 * When the note has an assessment, a code documented only in the exam, results or review of systems ("tympanic
 * membrane erythematous" -> L53.9) is set aside as uncertain, with the reason.
 */
export function setAsideUnassessedFindings(cs: readonly RuledCandidate[]): RuleEdit[] {
  // A BMI (Z68) is reported with the weight diagnosis its rule requires, wherever it was measured (guideline I.B.14).
  return cs.filter((c) => c.status === 'active' && !c.code.startsWith('Z68') && c.mentions.length > 0 && c.mentions.every((m) => m.role === 'exam' || m.role === 'findings' || m.role === 'ros'))
    .map((target) => ({ op: 'status', target, status: 'uncertain',
      note: 'Found only in the exam or results, not in the assessment: not coded unless the provider states its significance (guideline III.B)' }));
}
