// The 7th character of injury and external-cause codes from the documented encounter.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { Recode, RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** Injury codes: the 7th character follows the documented encounter (initial unless "subsequent"/"sequela" is written). */
export function seventhCharacter(kb: IcdKnowledgeBase, c: RuledCandidate, text: string): Recode | undefined {
  if (!/^[ST]/.test(c.code) || c.code.replace('.', '').length !== 7 || !c.code.endsWith('A')) return undefined;
  const near = c.mentions.map((m) => text.slice(m.sentenceStart, m.sentenceEnd)).join(' ').toLowerCase();
  let seventh: string | undefined;
  if (/\bsequela|\blate effect/.test(near)) seventh = 'S';
  else if (/\bsubsequent (encounter|visit)|\bfollow[- ]up visit|\broutine healing\b/.test(near)) seventh = 'D';
  if (!seventh) return undefined;
  const alt = c.code.slice(0, -1) + seventh;
  return kb.isBillable(alt) ? { code: alt, note: `7th character ${seventh} from the documented encounter` } : undefined;
}

/**
 * External causes (V00-Y38) carry the encounter of the injury they explain (guideline I.C.20.a): a fall at home seen
 * at a follow-up for the fracture is W19.XXXD, like S72.142D.
 */
export function alignExternalCauses(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[]): RuleEdit[] {
  const encounters = new Set(cs.filter((c) => c.status === 'active' && /^[ST]/.test(c.code) && c.code.replace('.', '').length === 7).map((c) => c.code.slice(-1)));
  if (encounters.size !== 1) return [];
  const seventh = [...encounters][0];
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    if (!/^(V|W|X|Y[0-3])/.test(c.code) || c.code.replace('.', '').length !== 7 || c.code.endsWith(seventh)) continue;
    const alt = c.code.slice(0, -1) + seventh;
    if (kb.isBillable(alt)) edits.push({ op: 'replace', target: c, code: alt, note: `7th character ${seventh}: the encounter of the injury it explains` });
  }
  return edits;
}
