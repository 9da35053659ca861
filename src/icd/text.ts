// Lexical normalisation shared by the build and the runtime search, so both sides agree on
// tokens: case, punctuation, diacritics and plural/singular are folded; word order is ignored
// because callers treat the result as a bag of words.

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'to', 'by', 'for', 'in', 'on', 'at', 'as', 'is', 'are', 'be', 'from', 's']);

/** Plural -> singular by suffix rules; only needs to be consistent, not linguistically perfect. */
export function stem(w: string): string {
  if (w.length <= 3 || /[0-9]/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(ches|shes|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);
  // "fractured"/"fracture", "bleeding"/"bleed", "diseased"/"disease": drop -ed, -ing, final -e.
  if (w.length > 5 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 6 && w.endsWith('ing')) w = w.slice(0, -3);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Lower-cased, accent-free words of `text` with possessive "'s" removed. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Search tokens: words minus stopwords, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOPWORDS.has(w)) out.push(stem(w));
  return out;
}

/** Order-free key of a phrase ("Attack, heart" and "heart attacks" share one). */
export function phraseKey(text: string): string {
  return [...new Set(tokenize(text))].sort().join(' ');
}
