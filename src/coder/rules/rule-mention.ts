// Evidence for a code that a coding rule adds from the note's words (a drug list, "former smoker"), placed like any
// lexical mention so hover, offsets and the CLI treat it the same.
import type { PlacedMention } from '../features';
import type { ViewSentence } from '../note-view';
import type { Recode, RuleEdit } from './rule';
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

/** An edit adding a rule's code (the runner joins it to the same code already suggested from other words). */
export function addEdit(code: string, mentions: PlacedMention[], confidence: number, note: string): RuleEdit {
  return { op: 'add', code, mentions, confidence, note };
}

/** Replace edits for the candidates a function gives another code. */
export function recodes(cs: readonly RuledCandidate[], f: (c: RuledCandidate) => Recode | undefined): RuleEdit[] {
  const out: RuleEdit[] = [];
  for (const c of cs) { const r = f(c); if (r) out.push({ op: 'replace', target: c, code: r.code, note: r.note }); }
  return out;
}

/**
 * The words just before a mention inside its own list item: at most `lookBack` characters of its sentence, cut at the
 * last separator ("s/p left TKA, hx of breast cancer": the side before the comma is the knee's).
 */
export function itemBefore(text: string, m: { start: number; sentenceStart?: number }, lookBack: number, separators = ',;:\n'): string {
  const before = text.slice(Math.max(m.sentenceStart ?? 0, m.start - lookBack), m.start);
  let cut = -1;
  for (const sep of separators) cut = Math.max(cut, before.lastIndexOf(sep));
  return before.slice(cut + 1);
}

/** The list item around an offset of a sentence: its text between the nearest "," or ";" on either side. */
export function itemAround(text: string, at: number, length: number): string {
  const from = Math.max(0, ...[',', ';'].map((sep) => text.lastIndexOf(sep, at) + 1));
  const ends = [',', ';'].map((sep) => text.indexOf(sep, at + length)).filter((x) => x >= 0);
  return text.slice(from, ends.length ? Math.min(...ends) : text.length);
}

/** Candidates a rule turned into the same code become one: the more confident one's fields, both sets of evidence. */
export function mergeSameCodes(cs: RuledCandidate[]): RuledCandidate[] {
  const out = new Map<string, RuledCandidate>();
  for (const c of cs) {
    const have = out.get(c.code);
    if (!have) { out.set(c.code, c); continue; }
    const [keep, other] = have.confidence >= c.confidence ? [have, c] : [c, have];
    const rules = [...(keep.rules ?? []), ...(other.rules ?? []).filter((r) => !keep.rules?.some((k) => k.id === r.id && k.action === r.action))];
    out.set(c.code, { ...keep, mentions: [...keep.mentions, ...other.mentions], notes: [...new Set([...(keep.notes ?? []), ...(other.notes ?? [])])],
      ...(rules.length ? { rules } : {}),
      status: keep.status === 'active' || other.status === 'active' ? 'active' : keep.status });
  }
  return [...out.values()];
}
