// Evidence anchors: how a decision stays tied to the words it was made on. An anchor is the evidence text,
// a small hash of the text around it and where it was; it is found again in an edited note by its text,
// preferring the occurrence with the same surroundings, then the one nearest its old place. Edits
// elsewhere in the note leave the decision in force; editing the evidence itself releases it.

/** Characters of surrounding text hashed on each side. */
const CONTEXT_CHARS = 40;

export interface EvidenceAnchor {
  /** The evidence text as it was when the decision was made. */
  text: string;
  /** FNV-1a (hex) of the normalised text around it (CONTEXT_CHARS each side). */
  context: string;
  /** Its offset then (a tie-breaker only). */
  start: number;
}

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

export function contextHash(text: string, start: number, end: number): string {
  return fnv1a(`${norm(text.slice(Math.max(0, start - CONTEXT_CHARS), start))}\u0000${norm(text.slice(end, end + CONTEXT_CHARS))}`);
}

export function anchorOf(text: string, start: number, end: number): EvidenceAnchor {
  return { text: text.slice(start, end), context: contextHash(text, start, end), start };
}

/** Where the anchor's text is now: [start, end), or undefined when the evidence is gone from the note. */
export function locateAnchor(text: string, a: EvidenceAnchor): { start: number; end: number } | undefined {
  if (!a.text) return undefined;
  let occurrences = findAll(text, a.text);
  if (!occurrences.length) occurrences = findAll(text.toLowerCase(), a.text.toLowerCase());
  if (!occurrences.length) return undefined;
  const len = a.text.length;
  const same = occurrences.filter((s) => contextHash(text, s, s + len) === a.context);
  const pool = same.length ? same : occurrences;
  let best = pool[0];
  for (const s of pool) if (Math.abs(s - a.start) < Math.abs(best - a.start)) best = s;
  return { start: best, end: best + len };
}

function findAll(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0 && out.length < 1000; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}
