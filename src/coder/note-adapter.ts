// Bridges note understanding (src/note) to the engine's NoteView; falls back to plain
// segmentation if the note model cannot be built (it never should, but coding must go on).
import { parseNote } from '../note/index';
import { simpleView, type NoteView } from './note-view';

export function viewNote(text: string): NoteView {
  try {
    const note = parseNote(text);
    return {
      sentences: note.sentences.map((s) => {
        const section = note.sections[s.sectionIndex];
        return { start: s.start, end: s.end, text: text.slice(s.start, s.end), role: section?.role ?? 'narrative', section };
      }),
      abbreviations: note.abbreviations,
    };
  } catch {
    return simpleView(text);
  }
}
