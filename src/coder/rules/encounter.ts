// The 7th character of injury and external-cause codes from the documented encounter.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { RuledCandidate } from './types';

/** Injury codes: the 7th character follows the documented encounter (initial unless "subsequent"/"sequela" is written). */
export function withSeventhCharacter(kb: IcdKnowledgeBase, c: RuledCandidate, text: string): RuledCandidate {
  if (!/^[ST]/.test(c.code) || c.code.replace('.', '').length !== 7 || !c.code.endsWith('A')) return c;
  const near = c.mentions.map((m) => text.slice(m.sentenceStart, m.sentenceEnd)).join(' ').toLowerCase();
  let seventh: string | undefined;
  if (/\bsequela|\blate effect/.test(near)) seventh = 'S';
  else if (/\bsubsequent (encounter|visit)|\bfollow[- ]up visit|\broutine healing\b/.test(near)) seventh = 'D';
  if (!seventh) return c;
  const alt = c.code.slice(0, -1) + seventh;
  return kb.isBillable(alt) ? { ...c, code: alt, notes: [...(c.notes ?? []), `7th character ${seventh} from the documented encounter`] } : c;
}

/**
 * External causes (V00-Y38) carry the encounter of the injury they explain (guideline I.C.20.a): a fall at home seen
 * at a follow-up for the fracture is W19.XXXD, like S72.142D.
 */
export function alignExternalCauses(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const encounters = new Set(cs.filter((c) => c.status === 'active' && /^[ST]/.test(c.code) && c.code.replace('.', '').length === 7).map((c) => c.code.slice(-1)));
  if (encounters.size !== 1) return cs;
  const seventh = [...encounters][0];
  return cs.map((c) => {
    if (!/^(V|W|X|Y[0-3])/.test(c.code) || c.code.replace('.', '').length !== 7 || c.code.endsWith(seventh)) return c;
    const alt = c.code.slice(0, -1) + seventh;
    return kb.isBillable(alt) ? { ...c, code: alt, notes: [...(c.notes ?? []), `7th character ${seventh}: the encounter of the injury it explains`] } : c;
  });
}
