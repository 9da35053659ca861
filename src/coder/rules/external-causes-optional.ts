// Billing (Official Guidelines I.C.20): "there is no national requirement for mandatory ICD-10-CM external cause
// code reporting"; they are reported where a state or payer requires them. The claim a coder writes for a visit
// usually carries none, so an external cause (V00-Y99) is kept in view but set aside. Where a payer wants them,
// disabling this rule (clinicalCoder.rules.disabled) reports them again.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const EXTERNAL_CAUSE = /^[V-Y]\d/;

export function externalCausesSetAside(cs: readonly RuledCandidate[]): RuleEdit[] {
  return cs.filter((c) => c.status === 'active' && EXTERNAL_CAUSE.test(c.code))
    .map((target) => ({ op: 'status', target, status: 'uncertain',
      note: 'External cause: not reported unless a state or payer requires it (guideline I.C.20); disable the rule external-causes-optional to report external causes' }));
}
