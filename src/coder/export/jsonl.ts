// JSONL: one line per note, `{"file": ..., "suggestions": [{code,title,confidence,status,evidence}]}`.
import { compactSuggestion, ranked, type CodedNote } from './records';

export function toJsonLine(note: CodedNote): string {
  return JSON.stringify({ file: note.file, suggestions: ranked(note.suggestions).map(compactSuggestion) });
}
