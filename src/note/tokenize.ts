// Word tokenization that keeps clinical units whole: "120/80", "7.2", "b.i.d.", "s/p", "x-ray", "COVID-19".
import type { Token } from './types';
import { normalizeChar } from './context/contextTokens';

// Order matters: the first alternative that matches at a position wins.
const TOKEN_RE = new RegExp([
  String.raw`\d+(?:[.,:/]\d+)*(?:%|[A-Za-z]{1,3})?(?![\p{L}\p{N}])`, // numbers, vitals, times, ratios, "10mg", "2nd" 
  String.raw`(?:[A-Za-z]\.){2,}`,                                   // dotted abbreviations: b.i.d. e.g. p.o.
  String.raw`[A-Za-z]{1,2}(?:/[A-Za-z]{1,2})+(?![\p{L}\p{N}])`,    // slash abbreviations: s/p h/o n/v/d a/p
  String.raw`[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*`,     // words, with inner apostrophes and hyphens
  String.raw`[^\s\p{L}\p{N}\p{M}]`,                                 // any other single character (code point)
].join('|'), 'gu');

/** Tokens of text[from, to), offsets into `text`. At most `max` tokens. */
export function tokenize(text: string, from = 0, to = text.length, max = Infinity): Token[] {
  const out: Token[] = [];
  // Match on the slice: a regex run from `from` over the whole text could scan far past `to` (one 50 MB line).
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = TOKEN_RE.exec(part)) !== null) {
    const raw = m[0];
    const start = from + m.index;
    out.push({ start, end: start + raw.length, text: raw, norm: normalizeToken(raw) });
  }
  TOKEN_RE.lastIndex = 0;
  return out;
}

export function normalizeToken(raw: string): string {
  if (raw.length <= 2) return normalizeChar(raw).toLowerCase();
  const lower = raw.toLowerCase();
  return lower.indexOf('\u2019') >= 0 || lower.indexOf('\u2018') >= 0 ? lower.replace(/[\u2018\u2019]/g, "'") : lower;
}
