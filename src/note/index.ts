// Note understanding: sections, sentences, tokens, abbreviations and clinical context.
// Pure functions, no `vscode` import; offsets are UTF-16 code units into the original text.
export type {
  SectionRole, Section, Token, Sentence, AbbreviationMatch, Note, Negation, Temporality, Experiencer, ContextResult, ContextTrigger,
} from './types';
export { parseNote, sectionAt, sentenceAt, contextAt, MAX_ANALYZED_CHARS } from './parseNote';
export { detectSections, lookupSection, normalizeHeader } from './sections';
export { segmentSentences, MAX_SENTENCE_CHARS } from './sentences';
export { tokenize } from './tokenize';
export { findTerm } from './findTerm';
export { decodeNoteBytes, guardNote, looksBinary, MAX_CODED_CHARS, MAX_NOTE_FILE_BYTES } from './noteText';
export type { DecodedNote, GuardedText, NoteEncoding } from './noteText';
export { expandAbbreviations, lookupAbbreviation, abbreviationCount } from './abbreviations';
export { ContextDetector, SentenceContext } from './context/ContextDetector';
export type { TriggerSpec, TriggerCategory, Direction } from './context/lexicon';
