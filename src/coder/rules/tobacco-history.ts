// History of tobacco dependence, Z87.891 (billing): "former smoker", "ex-smoker", "quit smoking in 2010". Coders
// report it whenever the note says the patient used to smoke; the learned scorer, trained on annotators who rarely
// coded it, keeps it low, so the documented words decide here. A current smoker is F17.2-, not this code.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import type { NoteView } from '../note-view';
import { addRuleCode, ruleMention } from './rule-mention';
import type { RuledCandidate } from './types';

const CODE = 'Z87.891';
const FORMER = /\b((former|ex-?|previous|past|prior|remote) (heavy |light )?(smoker|tobacco (use|user|smoker))|ex-?smoker|(quit|stopped|ceased|gave up) (smoking|tobacco|cigarettes)|(smoker|smoking|tobacco|cigarettes?)[^.;]{0,20}\b(quit|stopped) (in |at |about |approximately )?(\d|\w+ (years?|months?) ago))\b/i;
const NEGATED = /\b(never|denies|no (history of )?(tobacco|smoking))\b/i;

export function addTobaccoHistory(kb: IcdKnowledgeBase, cs: RuledCandidate[], view: NoteView | undefined): RuledCandidate[] {
  if (!view || !kb.isBillable(CODE)) return cs;
  // A current dependence code means the note calls the patient a smoker now.
  if (cs.some((c) => c.status === 'active' && /^F17\./.test(c.code))) return cs;
  const mentions: PlacedMention[] = [];
  view.sentences.forEach((s, i) => {
    if (s.role === 'family' || s.role === 'allergies') return;
    const m = FORMER.exec(s.text);
    if (m && !NEGATED.test(s.text)) mentions.push(ruleMention(CODE, 'History, personal, nicotine dependence', s, i, m.index, m[0].length));
  });
  if (!mentions.length) return cs;
  const out = [...cs];
  addRuleCode(out, CODE, mentions, 0.75, 'Personal history of nicotine dependence: the note says the patient smoked and quit');
  return out;
}
