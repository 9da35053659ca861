// Which mentions come from the knowledge base's own words (not a learned phrase or an encoder guess), and how rules
// look them up by sentence.
import type { PlacedMention } from '../features';
import type { RuledCandidate } from './types';

/** A mention read from the knowledge base's own words (not a learned phrase or an encoder guess). */
export const isLexical = (m: PlacedMention): boolean => m.source !== 'learned' && m.source !== 'encoder';
export const lexicalOf = (c: RuledCandidate): PlacedMention[] => c.mentions.filter(isLexical);

/** Mentions (with whatever they carry) grouped by their sentence. */
export function bySentence<T extends { m: PlacedMention }>(xs: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of xs) { let l = out.get(x.m.sentence); if (!l) out.set(x.m.sentence, (l = [])); l.push(x); }
  return out;
}

/** Every lexical mention of the code lies inside a longer match (learned and encoder guesses aside). */
export function onlyInside(c: RuledCandidate): boolean {
  const lexical = lexicalOf(c);
  return lexical.length > 0 && lexical.every((m) => m.subsumed);
}
