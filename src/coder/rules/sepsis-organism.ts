// Sepsis with its organism (billing, guideline I.C.1.d): "sepsis due to E. coli urinary tract infection" is A41.51,
// not A41.9 "Sepsis, unspecified organism", when the sentence that documents the sepsis names the organism. The
// local infection keeps its own organism code (N39.0 with B96.20).
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { NoteView } from '../note-view';
import { ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const ORGANISMS: [RegExp, string][] = [
  [/\b(MRSA|methicillin[- ]resistant staph\w*( aureus)?)\b/i, 'A41.02'],
  [/\b(MSSA|methicillin[- ](susceptible|sensitive) staph\w*( aureus)?|staph(ylococcus|ylococcal)? aureus|S\. aureus)\b/i, 'A41.01'],
  [/\b(E\.? ?coli|Escherichia coli)\b/i, 'A41.51'],
  [/\bpseudomonas\b/i, 'A41.52'],
  [/\bserratia\b/i, 'A41.53'],
  [/\bacinetobacter\b/i, 'A41.54'],
  [/\b(enterococc\w*|E\. faecalis|E\. faecium)\b/i, 'A41.81'],
  [/\b(strep(tococcus)? pneumoniae|pneumococc\w*)\b/i, 'A40.3'],
  [/\b(group A strep\w*|GAS|streptococcus pyogenes)\b/i, 'A40.0'],
  [/\b(group B strep\w*|GBS|streptococcus agalactiae)\b/i, 'A40.1'],
  [/\b(klebsiella|proteus|enterobacter|gram[- ]negative)\b/i, 'A41.59'],
];

export function applySepsisOrganism(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  return cs.flatMap((c): RuleEdit[] => {
    if (c.code !== 'A41.9' || c.status !== 'active') return [];
    for (const m of c.mentions) {
      const s = view.sentences[m.sentence];
      if (!s) continue;
      for (const [re, code] of ORGANISMS) {
        const o = re.exec(s.text);
        if (!o || !kb.isBillable(code) || cs.some((x) => x.code === code)) continue;
        return [{ op: 'replace', target: c, code, note: `Organism from the note: ${o[0]} (A41.9 is for an unspecified organism)` },
          { op: 'evidence', target: c, mentions: [ruleMention(code, `Sepsis, ${o[0]}`, s, m.sentence, o.index, o[0].length)] }];
      }
    }
    return [];
  });
}
