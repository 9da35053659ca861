// Billing: readings a coder would not report, each returned as the candidates to drop (the runner drops them).
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { spans, type PlacedMention } from '../features';
import { bySentence, isLexical, lexicalOf } from './lexical-mentions';
import type { RuledCandidate } from './types';
import { MATCH_STOPWORDS, normTokens } from '../normalize';

/**
 * Billing: a code resting only on learned phrases or encoder similarity is dropped when every one of
 * its mentions lies on words the knowledge-base lexicon already coded as something else.
 */
export function explainedGuesses(cs: readonly RuledCandidate[]): RuledCandidate[] {
  // Overlaps only happen within a sentence: index the lexical mentions by sentence (a long note repeats codes
  // hundreds of times, and comparing every mention with every other would be quadratic).
  const lexical = bySentence(cs.flatMap((c) => lexicalOf(c).map((m) => ({ code: c.code, m }))));
  return cs.filter((c) => {
    if (c.mentions.some(isLexical)) return false;
    return c.mentions.every((m) => (lexical.get(m.sentence) ?? []).some((l) => l.code !== c.code && l.m.start < m.end && m.start < l.m.end));
  });
}

/**
 * Billing: the same words read two ways ("CAD": coronary artery disease I25.10, and its words "artery disease" I77.9):
 * the reading that a longer match subsumes is dropped when the other code rests on exactly those words, unsubsumed.
 */
export function weakerReadings(cs: readonly RuledCandidate[]): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  return cs.filter((c) => c.status === 'active' && c.mentions.length > 0 && c.mentions.every((m) => m.subsumed
    && active.some((o) => o !== c && o.mentions.some((n) => !n.subsumed && n.start === m.start && n.end === m.end && isLexical(n)))));
}

/**
 * A header's title read as its default child is a guess ("Seborrheic keratosis", L82, read as L82.0 inflamed); where
 * the index or a billable title codes the same words within the category (L82.1), the guess is dropped.
 */
export function guessedHeaderDefaults(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[]): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  const guess = (m: PlacedMention) => m.source === 'title' && m.needsMoreSpecificity;
  const words = (code: string) => new Set((kb.get(code)?.longTitle.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w !== 'unspecified'));
  // A guess that only adds to the index's code keeps its place ("Contusion of right knee", S80.01XA, over the index's
  // S80.00XA "unspecified knee"): it is the same reading, more specific.
  const refines = (c: string, o: string) => { const wc = words(c); return [...words(o)].every((w) => wc.has(w)); };
  return active.filter((c) => {
    const lex = lexicalOf(c);
    return lex.length > 0 && lex.every((m) => guess(m) && active.some((o) => o !== c && o.code.slice(0, 3) === c.code.slice(0, 3)
      && lexicalOf(o).some((n) => !guess(n) && n.start <= m.start && n.end >= m.end) && !refines(c.code, o.code)));
  });
}

/** Words that put a second condition inside a phrase: "anemia of CKD", "UTI due to E. coli", "HTN and CKD". */
const COMPLEMENT = /\b(of|in|with|due to|secondary to|from|and|or|on|after|associated with|caused by|plus)\b|[,;/+&]/i;

/**
 * Billing: a code read from words inside a longer phrase that another code names as one condition ("infection" and
 * "respiratory infection" inside "viral upper respiratory infection" -> J06.9; "hyperparathyroidism" in "secondary
 * hyperparathyroidism of renal origin" -> N25.81) is dropped. Kept: words after "of", "with", "due to", "and"...
 * (another condition: N18.9 in "anemia of CKD"), words before a list comma the longer match reaches across, and a
 * code the longer one's "use additional code" / "code also" / "code first" notes ask for (the CKD stage of E11.22).
 */
export function partReadings(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  const asksFor = (outer: string, inner: string) => kb.notes(outer).some((n) => /useAdditional|codeAlso|codeFirst/.test(n.kind)
    && n.text.includes(inner.slice(0, 3)));
  const drop = new Set<RuledCandidate>();
  // Covering mentions are looked up in the part's own sentence only (linear in long notes).
  const covers = bySentence(active.flatMap((b) => lexicalOf(b).map((m) => ({ b, m }))));
  const asked = new Map<string, boolean>();
  // The longer code's own title names the part ("Irritable bowel syndrome with diarrhea" holds "diarrhea"): the part
  // is that code's meaning, not a second condition after "with" (guideline I.B.5, signs integral to a diagnosis).
  const titleHolds = (outer: string, m: PlacedMention) => {
    const title = new Set(normTokens(kb.get(outer)?.longTitle ?? '').map((t) => t.key));
    const part = normTokens(text.slice(m.start, m.end)).map((t) => t.key).filter((k) => !MATCH_STOPWORDS.has(k));
    return part.length > 0 && part.every((k) => title.has(k));
  };
  const asks = (outer: string, inner: string) => { const k = `${outer}>${inner}`; let v = asked.get(k); if (v === undefined) asked.set(k, (v = asksFor(outer, inner))); return v; };
  for (const a of active) {
    const lex = lexicalOf(a);
    if (!lex.length || !lex.every((m) => m.subsumed)) continue;
    const partOf = (m: PlacedMention) => (covers.get(m.sentence) ?? []).some(({ b, m: n }) => b !== a && !drop.has(b) && spans(n, m)
      && (n.end - n.start > m.end - m.start || n.nKeys > m.nKeys) && (!COMPLEMENT.test(text.slice(n.start, m.start)) || titleHolds(b.code, m))
      && !/[,;]/.test(text.slice(m.end, n.end)) && !asks(b.code, a.code));
    if (lex.every(partOf)) drop.add(a);
  }
  return [...drop];
}
