// A code's whole official title written out ("COPD with acute exacerbation" is J44.1's title with its abbreviation)
// is the strongest evidence there is: the learned score, which also weighs how long the note is, is floored.
import { RESIDUAL } from '../term-lexicon';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const TITLE_FLOOR = 0.6;

export function floorWrittenTitles(cs: readonly RuledCandidate[]): RuleEdit[] {
  return cs.filter((c) => c.confidence < TITLE_FLOOR && c.mentions.some((m) => m.source === 'title' && !m.subsumed && m.negation === 'affirmed'
    && m.nKeys >= 3 && !RESIDUAL.test(m.matched))).map((target) => ({ op: 'confidence', target, confidence: TITLE_FLOOR }));
}
