// Abbreviation expansion over the curated dictionary. Ambiguous abbreviations ("MS", "PE", "RA") are
// settled by cue words around them (and the section role); when the cues do not settle it the match is
// flagged `ambiguous` with every sense listed, never silently guessed.
import type { AbbreviationMatch, SectionRole, Token } from './types';
import { ABBREVIATION_ROWS, type AmbiguousAbbreviation } from './abbreviation-table';
import { tokenize } from './tokenize';

interface Entry { key: string; expansion?: string; ambiguous?: AmbiguousAbbreviation }

// Keys that are ordinary English words (or names) in lower case: only matched when written with capitals.
const ENGLISH = new Set(['aids', 'all', 'fast', 'tips', 'stat', 'from', 'pots', 'sad', 'goo', 'los', 'nash', 'lap', 'cap', 'hit', 'tee',
  'pad', 'map', 'doe', 'lad', 'mac', 'rad', 'nec', 'mom', 'ate', 'cat', 'tab', 'sens', 'nag', 'bid', 'dot', 'ted', 'led', 'art',
  'ace', 'cot', 'ear', 'arm', 'fat', 'bed', 'rib', 'bat', 'gas', 'cab', 'mag', 'ache', 'dose', 'temp', 'lip', 'era', 'par', 'aid',
  'vats', 'spa', 'pea', 'tap', 'dip', 'lung', 'ring', 'mist', 'mold', 'cold', 'tone', 'hand', 'foot', 'dull', 'bum', 'dim', 'pen',
  'sob', 'can', 'pat', 'pal', 'sad', 'ran', 'rust', 'sole', 'mid', 'gag', 'sat', 'sit', 'hip', 'has', 'us', 'dc', 'ext']);
// Two-letter (or shorter) keys that clinicians commonly write in lower case.
const LOWER_OK = new Set(['po', 'qd', 'hx', 'dx', 'tx', 'rx', 'sx', 'fx', 'bx', 'cx', 'yo', 'dm', 'bid', 'tid', 'qid', 'qod', 'qhs',
  'prn', 'sob', 'abd', 'ext', 'neuro', 'bilat', 'subq', 'temp', 'wt', 'ht', 'etoh', 'hr', 'bp', 'ns', 'iv', 'im', 'sq', 'rr', 'afib', 'bs']);

const SINGLE = new Map<string, Entry>();
const MULTI = new Map<string, Entry[]>(); // first token (lower case) -> entries whose key spans several tokens

function keyOf(s: string): string {
  return s.toLowerCase();
}

function register(key: string, entry: Entry): void {
  const toks = tokenize(key);
  // The table has one row per key (checked when loaded), so nothing here is overwritten.
  if (toks.length === 1 && toks[0].text.length === key.length) SINGLE.set(keyOf(key), entry);
  else if (toks.length) {
    const first = toks[0].norm;
    const list = MULTI.get(first) ?? [];
    list.push(entry);
    list.sort((a, b) => b.key.length - a.key.length);
    MULTI.set(first, list);
  }
}

for (const r of ABBREVIATION_ROWS) {
  register(r.key, r.senses ? { key: r.key, ambiguous: { key: r.key, senses: r.senses } } : { key: r.key, expansion: r.expansion });
}

/** How many distinct abbreviations the dictionary holds. */
export function abbreviationCount(): number {
  return SINGLE.size + [...MULTI.values()].reduce((n, l) => n + l.length, 0);
}

/** Look one abbreviation up (case-insensitive); undefined when unknown. */
export function lookupAbbreviation(abbr: string): { expansions: string[]; ambiguous: boolean } | undefined {
  const k = keyOf(abbr.trim());
  const e = SINGLE.get(k) ?? [...MULTI.values()].flat().find((x) => keyOf(x.key) === k);
  if (!e) return undefined;
  return e.ambiguous ? { expansions: e.ambiguous.senses.map((s) => s.expansion), ambiguous: true } : { expansions: [e.expansion ?? ''], ambiguous: false };
}

function caseAllows(written: string, key: string): boolean {
  if (/[A-Z]/.test(written)) {
    // "Ms." / "Pe" in prose: mixed case two-letter words only when the dictionary writes them that way.
    if (written.length <= 3 && /^[A-Z][a-z]+$/.test(written) && !LOWER_OK.has(key) && !/^(hx|dx|tx|rx|sx|fx|bx|cx|pt|cr|na|hb|wt|ht)$/.test(key)) return false;
    return true;
  }
  if (/[^a-z]/.test(key)) return key.length > 1; // s/p, b.i.d., t2dm, ckd3 ...
  if (LOWER_OK.has(key)) return true;
  return key.length >= 3 && !ENGLISH.has(key);
}

const CUE_WINDOW = 10;

/**
 * Finds dictionary abbreviations in `text`. `context` (e.g. the whole note) adds cue words for the
 * ambiguous ones; `roleAt` gives the section role at an offset when known.
 */
export function expandAbbreviations(text: string, context?: string, roleAt?: (offset: number) => SectionRole | undefined,
  tokens: Token[] = tokenize(typeof text === 'string' ? text : '')): AbbreviationMatch[] {
  if (typeof text !== 'string' || !text) return [];
  const out: AbbreviationMatch[] = [];
  let contextWords: Set<string> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const c0 = t.text.charCodeAt(0);
    if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) continue;
    let entry: Entry | undefined;
    let end = t.end;
    const multi = MULTI.get(t.norm);
    if (multi) {
      for (const e of multi) {
        const slice = text.slice(t.start, t.start + e.key.length);
        const after = text.charCodeAt(t.start + e.key.length);
        if (keyOf(slice) === keyOf(e.key) && !(after >= 48 && after <= 57) && !/[\p{L}]/u.test(text[t.start + e.key.length] ?? '') && caseAllows(slice, keyOf(e.key))) {
          entry = e;
          end = t.start + e.key.length;
          break;
        }
      }
    }
    if (!entry) {
      const e = SINGLE.get(t.norm);
      if (e && caseAllows(t.text, t.norm)) entry = e;
    }
    if (!entry) continue;
    const written = text.slice(t.start, end);
    if (!entry.ambiguous) {
      out.push({ start: t.start, end, text: written, expansion: entry.expansion ?? '', ambiguous: false });
    } else {
      contextWords ??= new Set((context ? tokenize(context) : tokens).map((x) => x.norm));
      out.push(resolve(entry.ambiguous, tokens, i, t.start, end, written, contextWords, roleAt?.(t.start)));
    }
    while (i + 1 < tokens.length && tokens[i + 1].start < end) i++;
  }
  return out;
}

function resolve(a: AmbiguousAbbreviation, tokens: Token[], i: number, start: number, end: number, written: string,
  contextWords: Set<string>, role?: SectionRole): AbbreviationMatch {
  const scores = a.senses.map(() => 0);
  const why: string[] = a.senses.map(() => '');
  const lo = Math.max(0, i - CUE_WINDOW);
  const hi = Math.min(tokens.length, i + CUE_WINDOW + 1);
  a.senses.forEach((s, si) => {
    const cues = cueSet(s);
    for (let k = lo; k < hi; k++) {
      if (k === i) continue;
      const w = tokens[k].norm;
      if (cues.has(w) || cues.has(w.replace(/s$/, ''))) {
        // Nearer cues weigh more.
        const d = Math.abs(k - i);
        scores[si] += d <= 2 ? 3 : d <= 5 ? 2 : 1;
        if (!why[si]) why[si] = `context:"${tokens[k].text}"`;
      }
    }
    if (role && s.roles?.includes(role)) { scores[si] += 2; if (!why[si]) why[si] = `section:${role}`; }
    for (const c of s.cues) if (contextWords.has(c)) scores[si] += 0.25;
  });
  // Strong local patterns.
  const prev = tokens[i - 1]?.norm;
  const key = a.key.toLowerCase();
  if (key === 'ra' && prev === 'on') { const k = idx(a, 'room air'); scores[k] += 5; why[k] = 'context:"on RA"'; }
  if (key === 'pe' && tokens[i + 1]?.norm === ':') { const k = idx(a, 'physical exam'); scores[k] += 5; why[k] = 'context:"PE:"'; }
  if (key === 'pt' && written === 'Pt') { const k = idx(a, 'patient'); scores[k] += 5; why[k] = 'context:"Pt"'; }
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  const second = Math.max(...scores.filter((_, k) => k !== best));
  const settled = scores[best] >= 1 && scores[best] >= second + 1;
  const chosen = settled ? best : 0;
  const alternatives = a.senses.map((s) => s.expansion).filter((_, k) => k !== chosen);
  const m: AbbreviationMatch = { start, end, text: written, expansion: a.senses[chosen].expansion, alternatives, ambiguous: !settled };
  if (settled) m.resolvedBy = why[best] || 'context';
  return m;
}

const CUE_SETS = new WeakMap<object, Set<string>>();
function cueSet(sense: { cues: string[] }): Set<string> {
  let set = CUE_SETS.get(sense);
  if (!set) { set = new Set(sense.cues); CUE_SETS.set(sense, set); }
  return set;
}

function idx(a: AmbiguousAbbreviation, expansion: string): number {
  return Math.max(0, a.senses.findIndex((s) => s.expansion === expansion));
}
