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

const INDEX_TERM_FLOOR = 0.5;

/**
 * An Alphabetic Index term or inclusion term of two words or more, written contiguously, affirmed, about the patient
 * ("ankle sprain", "low back strain") names its code as plainly as a title: it is suggested, whatever the learned score.
 */
export function floorWrittenIndexTerms(cs: readonly RuledCandidate[]): RuleEdit[] {
  return cs.filter((c) => c.confidence < INDEX_TERM_FLOOR && c.mentions.some((m) => (m.source === 'index' || m.source === 'inclusion') && !m.subsumed
    && m.negation === 'affirmed' && m.experiencer === 'patient' && m.temporality !== 'hypothetical' && m.nKeys >= 2 && m.window === m.nKeys
    && !RESIDUAL.test(m.matched))).map((target) => ({ op: 'confidence', target, confidence: INDEX_TERM_FLOOR }));
}
