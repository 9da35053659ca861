// The assertion of a rule's words, by the note's ContextDetector: a rule adds its own cue words (triggers) instead of
// keeping a private negation regex, and scopes them to the list item its words are in.
import { ContextDetector } from '../../note/context/ContextDetector';
import type { TriggerSpec } from '../../note/context/lexicon';
import type { ContextResult } from '../../note/types';
import type { ViewSentence } from '../note-view';
import { itemAround } from './rule-mention';

const detectors = new WeakMap<readonly TriggerSpec[], ContextDetector>();
const plain = new ContextDetector();

/** Cue words in both directions within a list item ("CABG planned", "candidate for TKA"). */
export function cues(category: TriggerSpec['category'], phrases: readonly string[]): TriggerSpec[] {
  return phrases.map((phrase) => ({ phrase, category, direction: 'both', window: 8 }));
}

/** How the words at `at` of the sentence are asserted, within their list item (text between "," / ";"). */
export function itemAssertion(s: ViewSentence, at: number, length: number, extra: readonly TriggerSpec[] = []): ContextResult {
  let detector = extra.length ? detectors.get(extra) : plain;
  if (!detector) detectors.set(extra, (detector = new ContextDetector(extra)));
  const item = itemAround(s.text, at, length);
  const from = s.text.lastIndexOf(item, at);
  return detector.analyze(item, s.role, at - from, at - from + length).at(at - from, at - from + length);
}

/** Affirmed and not hypothetical: the patient has it. */
export const isAsserted = (c: ContextResult): boolean => c.negation === 'affirmed' && c.temporality !== 'hypothetical';
