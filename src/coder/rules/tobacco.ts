// Tobacco (billing). A current smoker ("current smoker, 1 ppd", "smokes a pack a day", "tobacco use disorder") is
// nicotine dependence, F17.21- for cigarettes, F17.20- when the product is not named, which replaces "tobacco use"
// Z72.0 (Excludes1). A former smoker ("ex-smoker", "quit smoking in 2010") is Z87.891. Coders report these whenever the
// note says so; the learned scorer, trained on annotators who rarely coded them, keeps them low, so the words decide.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import type { NoteView } from '../note-view';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const CODE = 'Z87.891';
const FORMER = /\b((former|ex-?|previous|past|prior|remote) (heavy |light )?(smoker|tobacco (use|user|smoker))|ex-?smoker|(quit|stopped|ceased|gave up) (smoking|tobacco|cigarettes)|(smoker|smoking|tobacco|cigarettes?)[^.;]{0,20}\b(quit|stopped) (in |at |about |approximately )?(\d|\w+ (years?|months?) ago))\b/i;
const NEGATED = /\b(never|denies|no (history of )?(tobacco|smoking))\b/i;

const CURRENT = /\b((current|active|daily|everyday|heavy) (smoker|tobacco (use|user))|(smokes|smoking) (\d|one|two|a|half|about|approximately|\d+(\.\d+)?\s*(ppd|packs?|cigarettes))|\d+(\.\d+)?\s*(ppd|packs? (per|a) day)|tobacco use disorder|nicotine dependence|cigarette smoker)\b/i;
const CIGARETTES = /\b(cigarettes?|ppd|packs?|pack-years?)\b/i;

export function addCurrentTobacco(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  const mentions: PlacedMention[] = [];
  let cigarettes = false;
  view.sentences.forEach((s, i) => {
    if (s.role === 'family' || s.role === 'allergies') return;
    const m = CURRENT.exec(s.text);
    if (!m || NEGATED.test(s.text) || FORMER.test(s.text)) return;
    cigarettes ||= CIGARETTES.test(s.text);
    mentions.push(ruleMention('', 'Dependence, drug, nicotine', s, i, m.index, m[0].length));
  });
  if (!mentions.length) return [];
  // A product the lexicon already read ("chews tobacco" F17.220) stays; "smoker" alone reads as unspecified.
  const read = cs.find((c) => c.status === 'active' && /^F17\.2[1-9]/.test(c.code));
  const code = read?.code ?? (cigarettes ? 'F17.210' : 'F17.200');
  if (!kb.isBillable(code)) return [];
  // Tobacco use (Z72.0) and the unspecified-product codes give way to the dependence code.
  const drops: RuleEdit[] = cs.filter((c) => c.code === 'Z72.0' || (c.code !== code && /^F17\.20/.test(c.code))).map((target) => ({ op: 'drop', target }));
  return [...drops, addEdit(code, mentions.map((m) => ({ ...m, code })), 0.8, `Nicotine dependence: the note says the patient smokes now${cigarettes ? ' (cigarettes)' : ''}`)];
}

export function addTobaccoHistory(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view || !kb.isBillable(CODE)) return [];
  // A current dependence code means the note calls the patient a smoker now.
  if (cs.some((c) => c.status === 'active' && /^F17\./.test(c.code))) return [];
  const mentions: PlacedMention[] = [];
  view.sentences.forEach((s, i) => {
    if (s.role === 'family' || s.role === 'allergies') return;
    const m = FORMER.exec(s.text);
    if (m && !NEGATED.test(s.text)) mentions.push(ruleMention(CODE, 'History, personal, nicotine dependence', s, i, m.index, m[0].length));
  });
  if (!mentions.length) return [];
  return [addEdit(CODE, mentions, 0.75, 'Personal history of nicotine dependence: the note says the patient smoked and quit')];
}
