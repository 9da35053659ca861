// parseNote: the whole note model in one pass (sections -> sentences/tokens -> abbreviations).
// Never throws; bad input (empty, binary, huge) yields a well-formed Note plus warnings.
import type { ContextResult, Note, Section, SectionRole, Sentence } from './types';
import { detectSections, MAX_SECTIONS } from './sections';
import { segmentSentences, MAX_SENTENCES } from './sentences';
import { expandAbbreviations } from './abbreviations';
import { ContextDetector } from './context/ContextDetector';

/** Characters analysed per note; the rest is kept in `text` (offsets stay valid) but not segmented. */
export const MAX_ANALYZED_CHARS = 500_000;
const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

/** Characters analysed when the text looks binary. */
export const MAX_BINARY_CHARS = 200_000;

export function parseNote(text: string): Note {
  const src = typeof text === 'string' ? text : '';
  const warnings: string[] = [];
  if (typeof text !== 'string') warnings.push('Input was not a string; treated as an empty note.');
  try {
    const binary = inspectEncoding(src, warnings);
    // Binary junk tokenizes into a token per byte: analyse less of it.
    const limit = Math.min(src.length, binary ? MAX_BINARY_CHARS : MAX_ANALYZED_CHARS);
    if (src.length > limit) {
      warnings.push(`Note is ${src.length} characters; only the first ${limit} were analysed. Split very large documents into separate notes.`);
    }
    // Old Mac line ends (a lone CR) become LF in a same-length copy used only to find lines; offsets are unchanged.
    const head = src.length > limit ? src.slice(0, limit) : src;
    const lines = LONE_CR.test(head) ? head.replace(LONE_CR_ALL, '\n') + src.slice(head.length) : src;
    const sections = detectSections(lines, limit);
    if (sections.length >= MAX_SECTIONS) warnings.push(`More than ${MAX_SECTIONS} headers; later ones were treated as text.`);
    const sentences = segmentSentences(lines, sections, limit);
    if (lines !== src) {
      for (const s of sentences) s.text = src.slice(s.start, s.end);
      for (const sec of sections) if (sec.title !== undefined && sec.headerStart !== undefined) sec.title = sec.title.replace(/\n/g, '\r');
    }
    if (sentences.length >= MAX_SENTENCES) warnings.push(`More than ${MAX_SENTENCES} sentences; the rest of the note was not segmented.`);
    const tokens = sentences.flatMap((s) => s.tokens);
    const roleAt = (offset: number): SectionRole | undefined => sectionAt(sections, offset)?.role;
    const abbreviations = expandAbbreviations(src, undefined, roleAt, tokens);
    return { text: src, sections, sentences, abbreviations, warnings };
  } catch (err) {
    warnings.push(`Note could not be analysed (${(err as Error)?.message ?? err}); returned without structure.`);
    return { text: src, sections: [], sentences: [], abbreviations: [], warnings };
  }
}

/** Returns true when the text looks binary (many control characters). */
function inspectEncoding(text: string, warnings: string[]): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (!sample) return false;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127) control++;
    else if (c === 0xfffd) replacement++;
  }
  const binary = control > sample.length * 0.01;
  if (binary) warnings.push('Text contains control characters; it may be a binary file rather than a clinical note.');
  if (replacement > 0) warnings.push('Text contains U+FFFD replacement characters; it was probably not valid UTF-8. Re-save the file as UTF-8.');
  return binary;
}

/** The section holding `offset` (binary search; sections are sorted and contiguous). */
export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The sentence holding `offset`, if any. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

let defaultDetector: ContextDetector | undefined;

/**
 * Context of a mention at note offsets [start, end): finds its sentence and section and runs the
 * ContextDetector. Outside any sentence the defaults (affirmed, recent, patient) come back.
 */
export function contextAt(note: Note, start: number, end: number, detector: ContextDetector = (defaultDetector ??= new ContextDetector())): ContextResult {
  const sentence = sentenceAt(note.sentences, start);
  if (!sentence) return { negation: 'affirmed', temporality: 'recent', experiencer: 'patient', triggers: [] };
  const section = note.sections[sentence.sectionIndex];
  const r = detector.detect(sentence.text, start - sentence.start, Math.min(end, sentence.end) - sentence.start, section);
  // Report trigger offsets in note coordinates.
  return { ...r, triggers: r.triggers.map((t) => (t.kind.startsWith('section:') ? t : { ...t, start: t.start + sentence.start, end: t.end + sentence.start })) };
}
