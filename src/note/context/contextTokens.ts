// Tokenization shared by the trigger lexicon and the sentences it is matched against, so a phrase
// like "s/p" or "can't rule out" lines up token for token with the text.

export interface ContextToken {
  start: number;
  end: number;
  norm: string;
  /** A letter/digit run (as opposed to a punctuation mark). */
  word: boolean;
}

// Letters, digits and combining marks form words; anything else that is not whitespace is a
// one-character token. The `u` flag keeps astral characters (emoji) whole, so offsets stay exact.
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;
const PHRASE_RE = /<[a-z]+>|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

const PUNCT_NORMAL: Record<string, string> = { '\u2019': "'", '\u2018': "'", '`': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u2212': '-' };

export function normalizeChar(ch: string): string {
  return PUNCT_NORMAL[ch] ?? ch;
}

/** Tokens of `text` from `from` to `to` (offsets into `text`). */
export function contextTokens(text: string, from = 0, to = text.length): ContextToken[] {
  const out: ContextToken[] = [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(part)) !== null) {
    const raw = m[0];
    const start = from + m.index;
    const word = raw.length > 1 || WORD_CHAR.test(raw);
    out.push({ start, end: start + raw.length, norm: word ? raw.toLowerCase() : normalizeChar(raw), word });
    // "doesn't" -> does + not, "can't" -> can + not: negation words the lexicon can see.
    const n = out.length;
    if (n >= 3 && out[n - 1].norm === 't' && out[n - 2].norm === "'" && out[n - 2].start === out[n - 3].end && out[n - 1].start === out[n - 2].end) {
      const w = out[n - 3];
      const base = CONTRACTIONS[w.norm];
      if (base) {
        const cut = w.norm.endsWith('n') && w.norm !== 'can' ? w.end - 1 : w.end; // "does|n't", "can|'t"
        out.splice(n - 3, 3, { start: w.start, end: cut, norm: base, word: true }, { start: cut, end: out[n - 1].end, norm: 'not', word: true });
      }
    }
  }
  return out;
}

const CONTRACTIONS: Record<string, string> = {
  doesn: 'does', don: 'do', didn: 'did', isn: 'is', wasn: 'was', aren: 'are', weren: 'were', hasn: 'has', haven: 'have',
  hadn: 'had', couldn: 'could', wouldn: 'would', shouldn: 'should', won: 'will', can: 'can', ain: 'is', mustn: 'must', needn: 'need',
};

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function phraseTokens(phrase: string): string[] {
  const toks = (phrase.toLowerCase().match(PHRASE_RE) ?? []).map(normalizeChar);
  // Same contraction handling as contextTokens.
  for (let i = 2; i < toks.length; i++) {
    if (toks[i] === 't' && toks[i - 1] === "'" && CONTRACTIONS[toks[i - 2]]) {
      toks.splice(i - 2, 3, CONTRACTIONS[toks[i - 2]], 'not');
      i--;
    }
  }
  return toks;
}

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

export function isMonth(norm: string): boolean {
  return MONTHS.has(norm);
}

/** The lexicon keys a token can match: itself, plus number classes. */
export function tokenKeys(norm: string): string[] {
  const c = norm.charCodeAt(0);
  if (c >= 97 && c <= 122 && !MONTHS.has(norm)) return [norm];
  if (c >= 48 && c <= 57) {
    if (/^\d+$/.test(norm)) return /^(19[2-9]\d|20[0-4]\d)$/.test(norm) ? [norm, '<year>', '<num>'] : [norm, '<num>'];
    if (/^(\d0s|19\d0s|20\d0s)$/.test(norm)) return [norm, '<decade>'];
    return [norm];
  }
  if (MONTHS.has(norm)) return [norm, '<month>'];
  return [norm];
}
