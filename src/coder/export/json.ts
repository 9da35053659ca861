// JSON: the full suggestion objects (alternatives, notes, context of each evidence span) per note.
import { ranked, type CodedNote } from './records';

export function toJsonDocument(notes: CodedNote[]): string {
  return JSON.stringify(notes.map((n) => ({ file: n.file, suggestions: ranked(n.suggestions), warnings: n.warnings ?? [] })), null, 2);
}
