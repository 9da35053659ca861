// Evidence for a code that a coding rule adds from the note's words (a drug list, "former smoker"), placed like any
// lexical mention so hover, offsets and the CLI treat it the same.
import type { PlacedMention } from '../features';
import type { ViewSentence } from '../note-view';
import type { RuledCandidate } from './types';

export function ruleMention(code: string, indexPath: string, s: ViewSentence, sentence: number, at: number, length: number): PlacedMention {
  const start = s.start + at;
  return {
    code, source: 'index', matched: indexPath, start, end: start + length, nKeys: 1, window: 1,
    optionalHits: 0, depth: 1, rarity: 0, subsumed: false, viaAbbreviation: false, needsMoreSpecificity: false,
    negation: 'affirmed', temporality: 'recent', experiencer: 'patient',
    sentence, sentenceStart: s.start, sentenceEnd: s.end, role: s.role,
  };
}

/** Adds a rule's code, or joins its evidence and confidence to the same code already suggested from other words. */
export function addRuleCode(out: RuledCandidate[], code: string, mentions: PlacedMention[], confidence: number, note: string): void {
  const existing = out.find((c) => c.code === code);
  if (!existing) { out.push({ code, mentions, status: 'active', confidence, notes: [note] }); return; }
  existing.mentions = [...mentions, ...existing.mentions.filter((m) => !mentions.some((n) => n.start === m.start))];
  existing.confidence = Math.max(existing.confidence, confidence);
  existing.status = 'active';
  existing.notes = [...(existing.notes ?? []), note];
}
