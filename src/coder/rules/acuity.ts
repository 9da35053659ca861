// Acuity: where a code has its acuity unspecified ("Unspecified systolic (congestive) heart failure") and the words
// with the mention say acute, chronic or acute on chronic, the sibling whose title is the same with that acuity in
// place of "unspecified" is chosen (I50.20 -> I50.22 for "chronic heart failure with reduced ejection fraction").
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { itemBefore, recodes } from './rule-mention';
import type { Recode, RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** Characters before a mention searched for its acuity, inside its own list item. */
const LOOK_BACK = 32;

const words = (t: string): string[] => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** The acuity the candidate's mentions write, when they agree on one. */
function documentedAcuity(c: RuledCandidate, text: string): string[] | undefined {
  const found = new Set<string>();
  for (const m of c.mentions) {
    const span = (itemBefore(text, m, LOOK_BACK, ',;:\n.') + ' ' + text.slice(m.start, m.end)).toLowerCase();
    if (/\bacute(ly)? on chronic\b|\bacute exacerbation of chronic\b/.test(span)) found.add('acute on chronic');
    else if (/\bchronic\b/.test(span) && !/\bacute\b/.test(span)) found.add('chronic');
    else if (/\bacute\b/.test(span) && !/\bchronic\b/.test(span)) found.add('acute');
  }
  return found.size === 1 ? [...found][0].split(' ') : undefined;
}

const sorted = (ws: string[]) => [...ws].sort().join(' ');

export function acuity(kb: IcdKnowledgeBase, c: RuledCandidate, text: string): Recode | undefined {
  const e = kb.get(c.code);
  if (!e?.parent || !/\bunspecified\b/i.test(e.longTitle) || c.code.replace('.', '').length === 7) return undefined;
  const written = documentedAcuity(c, text);
  if (!written) return undefined;
  const own = words(e.longTitle);
  const at = own.indexOf('unspecified');
  const want = sorted([...own.slice(0, at), ...own.slice(at + 1), ...written]);
  const sibling = kb.children(e.parent).find((s) => s.code !== c.code && s.billable && sorted(words(s.longTitle)) === want);
  if (!sibling) return undefined;
  return { code: sibling.code, note: `Acuity from the note: ${written.join(' ')} (${c.code} has it unspecified)` };
}

/** The written acuity for every candidate, as edits (the runner merges a candidate that becomes a code already present). */
export function applyAcuity(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  return recodes(cs, (c) => acuity(kb, c, text));
}
