// Bridges note understanding (src/note) to the engine's NoteView.
import { simpleView, type NoteView } from './note-view';

export function viewNote(text: string): NoteView {
  return simpleView(text);
}
