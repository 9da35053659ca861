// Lexical normalisation shared by the build and the runtime search, so both sides agree on
// tokens: case, punctuation, diacritics and plural/singular are folded; word order is ignored
// because callers treat the result as a bag of words.

// Shared with note reading: one abbreviation table for the whole engine.
import { ABBREVIATION_ROWS, defaultExpansion } from '../note/abbreviation-table';

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'to', 'by', 'for', 'in', 'on', 'at', 'as', 'is', 'are', 'be', 'from', 's']);

/**
 * Words that only say "not further specified" ("..., unspecified", "site not specified", "NOS"):
 * search does not count them as extra words against a title, so a plain query prefers the
 * unspecified code. "Other" and "NEC" do count: they name something more specific.
 */
export const QUALIFIER_WORDS: readonly string[] = ['unspecified', 'nos', 'not', 'specified', 'site'];

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

/**
 * The comma-separated parts of an index title when they are variant forms of one word ("Infarct,
 * infarction", "Disease, diseased", "myocardium, myocardial": all start alike), else the whole
 * title as one part ("Heinz body anemia, congenital" is one phrase, not two variants).
 */
export function titleVariants(title: string): string[] {
  const parts = title.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [title];
  const head = (p: string) => (words(p)[0] ?? '').slice(0, 4);
  const h = head(parts[0]);
  return h.length >= 3 && parts.every((p) => head(p) === h) ? parts : [title];
}

/** Order-free key of a phrase ("Attack, heart" and "heart attacks" share one). */
export function phraseKey(text: string): string {
  return [...new Set(tokenize(text))].sort().join(' ');
}

/**
 * Maps text to token ids with a per-word cache: the vocabulary of ICD titles is small (~20k words)
 * while the texts are many, so each distinct word is normalised once. Id -1 = stopword.
 */
export class TokenVocabulary {
  private readonly wordIds = new Map<string, number>();
  readonly tokenIds = new Map<string, number>();
  readonly tokens: string[] = [];

  /** A vocabulary whose ids are fixed by a stored token list (id = position). */
  static fromTokens(tokens: Iterable<string>): TokenVocabulary {
    const v = new TokenVocabulary();
    for (const t of tokens) { v.tokenIds.set(t, v.tokens.length); v.tokens.push(t); }
    return v;
  }

  /** Appends the ids of `text`'s tokens (duplicates removed) to `out`; returns how many. */
  ids(text: string, out: number[], addNew = true): number {
    const start = out.length;
    // eslint-disable-next-line no-control-regex
    const s = (/[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text).toLowerCase();
    const re = /[a-z0-9]+(?:['\u2019]s\b)?/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const w = m[0];
      let id = this.wordIds.get(w);
      if (id === undefined) {
        const base = w.replace(/['\u2019]s$/, '');
        if (STOPWORDS.has(base)) id = -1;
        else {
          const t = stem(base);
          id = this.tokenIds.get(t);
          if (id === undefined) {
            if (!addNew) continue; // unknown token: no id, not cached
            id = this.tokens.length;
            this.tokenIds.set(t, id);
            this.tokens.push(t);
          }
        }
        this.wordIds.set(w, id);
      }
      if (id < 0) continue;
      let dup = false;
      for (let i = start; i < out.length; i++) if (out[i] === id) { dup = true; break; }
      if (!dup) out.push(id);
    }
    return out.length - start;
  }
}

/**
 * Clinical abbreviations spelled out in knowledge-base queries (titles spell things out): the rows of the engine's one
 * abbreviation table marked for queries. Keys are lower-case whole words.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.fromEntries(ABBREVIATION_ROWS.filter((r) => r.query)
  .map((r) => [r.key.toLowerCase(), defaultExpansion(r)]));

/** The query with known abbreviations spelled out ("T2DM with CKD" -> "type 2 diabetes mellitus with chronic kidney disease"). */
export function expandAbbreviations(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9]*/g, (w) => ABBREVIATIONS[w.toLowerCase()] ?? w);
}
