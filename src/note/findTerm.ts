// Locating an evaluation term in its sentence: case-insensitive, preferring a whole-word occurrence
// ("MI" in "Admit to rule out MI." is the last word, not the "mi" inside "Admit").

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * [start, end) of the first case-insensitive occurrence of `term` that stands as a word (no letter or digit
 * glued to either side); failing that, the first occurrence anywhere; undefined when absent or empty.
 */
export function findTerm(sentence: string, term: string): [number, number] | undefined {
  if (typeof sentence !== 'string' || typeof term !== 'string' || !term) return undefined;
  const body = escapeRegExp(term);
  const word = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu').exec(sentence);
  if (word) return [word.index, word.index + word[0].length];
  const any = new RegExp(body, 'iu').exec(sentence);
  if (any) return [any.index, any.index + any[0].length];
  const i = sentence.toLowerCase().indexOf(term.toLowerCase());
  return i >= 0 && sentence.length === sentence.toLowerCase().length ? [i, i + term.length] : undefined;
}
