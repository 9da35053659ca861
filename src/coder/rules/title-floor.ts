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
/** A mention that writes out an index or inclusion term of two words or more (a few words between: "fracture of the right distal radius"). */
export function writesIndexTerm(m: PlacedMention): boolean {
  // Encounter and status Z codes are read from words like "follow-up": their own rules decide them.
  // A header's title ("Seborrheic keratosis", L82) read as its default child ("Inflamed ...") says less than the code.
  return (m.source === 'index' || m.source === 'inclusion' || (m.source === 'title' && !m.needsMoreSpecificity)) && (!m.code.startsWith('Z') || namesCondition(m)) && !m.subsumed && m.negation === 'affirmed' && m.experiencer === 'patient'
    && m.temporality !== 'hypothetical' && m.nKeys >= 2 && m.window <= 2 * m.nKeys + 1 && !RESIDUAL.test(m.matched);
}

/**
 * A Z code the index reaches from a condition's own main term ("Tuberculosis, latent" Z22.7, "Carrier" aside): the
 * words name a condition, not an encounter, a status or a history, which their own rules decide.
 */
function namesCondition(m: PlacedMention): boolean {
  if (m.source !== 'index') return false;
  const main = m.matched.split(',')[0].trim().toLowerCase();
  return !Z_MAIN_TERMS.has(main);
}
const Z_MAIN_TERMS = new Set(['history', 'status', 'encounter', 'examination', 'admission', 'screening', 'observation', 'follow-up',
  'counseling', 'aftercare', 'vaccination', 'long-term', 'presence', 'absence', 'dependence', 'problem', 'problems', 'exposure',
  'contact', 'carrier', 'pregnancy', 'supervision', 'test', 'tests', 'testing', 'care', 'fitting', 'adjustment', 'removal',
  'attention', 'resistance', 'allergy', 'awaiting', 'donor', 'prophylactic', 'prophylaxis', 'risk', 'at risk', 'underdosing',
  'noncompliance', 'non-compliance', 'personal', 'family', 'refusal', 'unavailability', 'lack', 'low', 'stress', 'transplant',
  'maintenance', 'weeks', 'body mass index', 'bmi', 'surveillance', 'check-up', 'checkup', 'visit', 'evaluation', 'consultation']);

/** A mention that writes out a whole official title of three words or more. */
export function writesTitle(m: PlacedMention): boolean {
  return m.source === 'title' && !m.subsumed && m.negation === 'affirmed' && m.nKeys >= 3 && !RESIDUAL.test(m.matched);
}

export function floorWrittenIndexTerms(cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  return cs.filter((c) => c.confidence < INDEX_TERM_FLOOR && c.mentions.some((m) => writesIndexTerm(m) || ((m.role === 'diagnosis' || m.role === 'plan') && isWholeItem(m, text))))
    .map((target) => ({ op: 'confidence', target, confidence: INDEX_TERM_FLOOR }));
}

/** The mention is the whole assessment item or its first clause ("2. Depression.", "- Hypertension, poorly controlled"). */
export function isWholeItem(m: PlacedMention, text: string): boolean {
  if (m.subsumed || m.negation !== 'affirmed' || m.experiencer !== 'patient' || m.source === 'learned' || m.source === 'encoder') return false;
  // "Other hypertension" read from "Hypertension": a residual title names no condition of its own.
  if (RESIDUAL.test(m.matched) || /^other\b/i.test(m.matched) || m.code.startsWith('Z')) return false;
  // The item, or its first clause: "2. Hypertension, poorly controlled" names hypertension.
  const sentence = text.slice(m.sentenceStart, m.sentenceEnd);
  const lead = /^\s*(?:[-*•]|\d+[.)])?\s*/.exec(sentence)![0].length;
  const item = sentence.slice(lead).split(/\s*[,;:(]\s*|\s+-\s+/)[0].replace(/[\s.]+$/, '');
  return item.length > 0 && m.start === m.sentenceStart + lead && item.toLowerCase() === text.slice(m.start, m.end).toLowerCase();
}
