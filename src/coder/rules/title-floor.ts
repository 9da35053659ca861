// A code's whole official title written out ("COPD with acute exacerbation" is J44.1's title with its abbreviation)
// is the strongest evidence there is: the learned score, which also weighs how long the note is, is floored.
import { RESIDUAL } from '../term-lexicon';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import type { PlacedMention } from '../features';

const TITLE_FLOOR = 0.6;

export function floorWrittenTitles(cs: readonly RuledCandidate[]): RuleEdit[] {
  return cs.filter((c) => c.confidence < TITLE_FLOOR && c.mentions.some(writesTitle)).map((target) => ({ op: 'confidence', target, confidence: TITLE_FLOOR }));
}

const INDEX_TERM_FLOOR = 0.5;

/**
 * An Alphabetic Index term or inclusion term of two words or more, written contiguously, affirmed, about the patient
 * ("ankle sprain", "low back strain") names its code as plainly as a title: it is suggested, whatever the learned score.
 */
/** A mention that writes out an index or inclusion term of two words or more (a gap word or two allowed: "strain of low back"). */
export function writesIndexTerm(m: PlacedMention): boolean {
  // Encounter and status Z codes are read from words like "follow-up": their own rules decide them.
  return (m.source === 'index' || m.source === 'inclusion' || m.source === 'title') && !m.code.startsWith('Z') && !m.subsumed && m.negation === 'affirmed' && m.experiencer === 'patient'
    && m.temporality !== 'hypothetical' && m.nKeys >= 2 && m.window <= 2 * m.nKeys - 1 && !RESIDUAL.test(m.matched);
}

/** A mention that writes out a whole official title of three words or more. */
export function writesTitle(m: PlacedMention): boolean {
  return m.source === 'title' && !m.subsumed && m.negation === 'affirmed' && m.nKeys >= 3 && !RESIDUAL.test(m.matched);
}

export function floorWrittenIndexTerms(cs: readonly RuledCandidate[]): RuleEdit[] {
  return cs.filter((c) => c.confidence < INDEX_TERM_FLOOR && c.mentions.some(writesIndexTerm)).map((target) => ({ op: 'confidence', target, confidence: INDEX_TERM_FLOOR }));
}
