// Sentence segmentation for clinical text: lines and list items are boundaries, wrapped prose lines
// are joined, and periods after abbreviations ("Dr.", "b.i.d.", "e.g."), initials and decimals do not
// end a sentence. Every sentence keeps exact offsets into the note.
import type { Section, Sentence } from './types';
import { tokenize } from './tokenize';

/** Longest sentence kept whole; longer runs (pasted tables, binary junk) are cut at whitespace. */
export const MAX_SENTENCE_CHARS = 1000;
/** Tokens kept per sentence (a cut sentence never exceeds this anyway). */
const MAX_SENTENCE_TOKENS = 400;

// "1. ", "2) ", "- ", "* ", "• ", "a) ", "(3) ", "#4 " at the start of a line.
const LIST_MARKER_RE = /^[ \t]*(?:[-*•▪◦·‣⁃+]|\d{1,3}[.)](?!\d)|[a-zA-Z][)]|\(\d{1,3}\)|#\d{1,3}[.):]?)[ \t]+/;

const NO_SPLIT = new Set(['dr', 'mr', 'mrs', 'ms', 'st', 'sr', 'jr', 'vs', 'e.g', 'i.e', 'eg', 'ie', 'approx', 'appr', 'b.i.d', 't.i.d',
  'q.i.d', 'q.d', 'q.h.s', 'q.o.d', 'p.o', 'p.r.n', 'a.m', 'p.m', 'no', 'nos', 'fig', 'pt', 'pts', 'dept', 'prof', 'u.s', 'wt', 'ht',
  'temp', 'resp', 'tab', 'tabs', 'cap', 'caps', 'q', 'al', 'cf', 'inc', 'co', 'ltd', 'vol', 'mt', 'ft', 'hosp', 'gen', 'sx', 'dx', 'hx',
  'tx', 'rx', 'c.f', 'w.r.t', 'n.b', 'sp', 'ca', 'min', 'max', 'cont', 'ext', 'abd', 'bilat', 'approx', 'ref', 'est', 'yr', 'yrs',
  'mos', 'wk', 'wks', 'hr', 'hrs', 'sec', 'lt', 'rt', 'neg', 'pos', 'avg', 'mg', 'mcg', 'ml', 'dl', 'kg', 'lb', 'lbs', 'oz', 'in']);

/** Sentences kept per note; a real note has hundreds. Past this the rest of the text is not segmented. */
export const MAX_SENTENCES = 20_000;
/** Tokens kept per note; sentences past this budget carry no tokens. */
export const MAX_NOTE_TOKENS = 250_000;

class Budget extends Error {}

export function segmentSentences(text: string, sections: Section[], limit = text.length): Sentence[] {
  const out: Sentence[] = [];
  const state = { tokens: 0 };
  try {
    sections.forEach((sec, si) => {
      const a = Math.min(sec.bodyStart, limit);
      const b = Math.min(sec.end, limit);
      if (b > a) splitRange(text, a, b, si, out, state);
    });
  } catch (e) {
    if (!(e instanceof Budget)) throw e;
  }
  return out;
}

interface TokenBudget { tokens: number }

function splitRange(text: string, a: number, b: number, sectionIndex: number, out: Sentence[], budget: TokenBudget): void {
  let sStart = -1;
  let sEnd = -1;
  let listItem = false;
  let prevLineLen = 0;
  const flush = (): void => {
    if (sStart >= 0 && sEnd > sStart) emit(text, sStart, sEnd, sectionIndex, listItem, out, budget);
    sStart = -1;
    sEnd = -1;
    listItem = false;
  };
  let ls = a;
  while (ls < b) {
    let le = text.indexOf('\n', ls);
    if (le < 0 || le > b) le = b;
    const next = le + 1;
    // Trim the line.
    let cs = ls;
    let ce = le;
    while (cs < ce && isSpace(text.charCodeAt(cs))) cs++;
    while (ce > cs && isSpace(text.charCodeAt(ce - 1))) ce--;
    if (cs >= ce) { flush(); prevLineLen = 0; ls = next; continue; }
    // Only lines starting with a bullet, digit, "(", "#" or "x)" can carry a list marker.
    const c0 = text.charCodeAt(cs);
    const maybeMarker = !((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90)) || text.charCodeAt(cs + 1) === 41;
    const marker = maybeMarker ? LIST_MARKER_RE.exec(text.slice(cs, Math.min(ce, cs + 40))) : null;
    if (sStart >= 0) {
      const last = text.charCodeAt(sEnd - 1);
      const endsClause = last === 46 || last === 33 || last === 63 || last === 58 || last === 59; // . ! ? : ;
      const lowerStart = c0 >= 97 && c0 <= 122;
      const openEnd = last === 44 || last === 40; // , (
      const wrapped = !marker && !endsClause && (lowerStart || openEnd || (prevLineLen >= 50 && /[\p{L}\p{N}]/u.test(text[sEnd - 1])));
      if (!wrapped) flush();
    }
    if (sStart < 0) { sStart = cs; listItem = !!marker; }
    splitLine(text, marker ? cs + marker[0].length : cs, ce);
    sEnd = ce;
    prevLineLen = ce - cs;
    ls = next;
  }
  flush();

  function splitLine(t: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const ch = t.charCodeAt(i);
      if (ch !== 46 && ch !== 33 && ch !== 63) continue; // . ! ?
      let q = i + 1;
      while (q < to && (t.charCodeAt(q) === 46 || t.charCodeAt(q) === 33 || t.charCodeAt(q) === 63 || t.charCodeAt(q) === 41 || t.charCodeAt(q) === 34)) q++;
      if (q >= to || !isSpace(t.charCodeAt(q))) { i = q - 1; continue; }
      let n = q;
      while (n < to && isSpace(t.charCodeAt(n))) n++;
      if (n >= to) break;
      const nextCh = t[n];
      if (/[\p{Ll}]/u.test(nextCh)) { i = q - 1; continue; }
      if (ch === 46) {
        const before = /[A-Za-z.]+$/.exec(t.slice(Math.max(from, i - 12), i))?.[0] ?? '';
        const w = before.toLowerCase().replace(/^\.+/, '');
        if (NO_SPLIT.has(w) || /^[A-Z]$/.test(before)) { i = q - 1; continue; }
        // "... stable 2. DM": an inline numbered item starts a new sentence at its number.
        const num = /(?:^|\s)(\d{1,2})$/.exec(t.slice(Math.max(from, i - 4), i));
        if (num && sStart >= 0 && i - num[1].length > sStart) {
          let e = i - num[1].length;
          while (e > sStart && isSpace(t.charCodeAt(e - 1))) e--;
          if (e > sStart) { sEnd = e; emit(t, sStart, sEnd, sectionIndex, listItem, out, budget); sStart = i - num[1].length; listItem = true; }
          i = q - 1;
          continue;
        }
      }
      if (sStart >= 0 && q > sStart) emit(t, sStart, q, sectionIndex, listItem, out, budget);
      sStart = n;
      listItem = false;
      i = n - 1;
    }
  }
}

function emit(text: string, start: number, end: number, sectionIndex: number, listItem: boolean, out: Sentence[], budget: TokenBudget): void {
  while (end - start > MAX_SENTENCE_CHARS) {
    // Cut at the last whitespace in the window (or hard, never inside a surrogate pair).
    let cut = start + MAX_SENTENCE_CHARS;
    let k = cut;
    while (k > start + MAX_SENTENCE_CHARS / 2 && !isSpace(text.charCodeAt(k))) k--;
    if (k > start + MAX_SENTENCE_CHARS / 2) cut = k;
    else if (isLowSurrogate(text.charCodeAt(cut))) cut--;
    push(text, start, cut, sectionIndex, listItem, out, budget);
    start = cut;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    listItem = false;
  }
  if (end > start) push(text, start, end, sectionIndex, listItem, out, budget);
}

function push(text: string, start: number, end: number, sectionIndex: number, listItem: boolean, out: Sentence[], budget: TokenBudget): void {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return;
  if (out.length >= MAX_SENTENCES) throw new Budget();
  const tokens = budget.tokens < MAX_NOTE_TOKENS ? tokenize(text, start, end, MAX_SENTENCE_TOKENS) : [];
  budget.tokens += tokens.length;
  const s: Sentence = { start, end, text: text.slice(start, end), sectionIndex, tokens };
  if (listItem) s.listItem = true;
  out.push(s);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
