// What part of a document is coded, by the guard the CLI uses too (src/note/noteText.ts): binary text is not coded,
// very large notes are coded up to the cap, text the editor could not decode is coded with a warning; each case says
// so in a visible message. An empty document simply has no codes (no message while a note is being started).
import { checkNoteText } from '../note/noteText';

export { MAX_CODED_CHARS, looksBinary } from '../note/noteText';

export interface GuardedText { text: string; skipped?: string }

export function guardNote(text: string): GuardedText {
  const r = checkNoteText(text);
  if (!r.ok) return r.reason === 'empty' ? { text: '' } : { text: '', skipped: r.error };
  return r.warnings.length ? { text: r.text, skipped: r.warnings.join(' ') } : { text: r.text };
}
