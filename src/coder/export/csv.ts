// CSV (RFC 4180): one row per suggestion; its evidence spans are joined into one cell.
import { ranked, type CodedNote } from './records';

export const CSV_HEADER = ['file', 'rank', 'code', 'title', 'confidence', 'status', 'billable', 'evidence', 'why'];

function cell(v: string | number | boolean): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_HEADER.join(',');
}

/** Rows for one note, without the header. */
export function toCsvRows(note: CodedNote): string[] {
  return ranked(note.suggestions).map((s, i) => [
    note.file, i + 1, s.code, s.title, s.confidence.toFixed(3), s.status, s.billable,
    s.evidence.map((e) => `${e.start}-${e.end}:${e.text}`).join(' | '),
    [...new Set(s.evidence.map((e) => e.why))].join('|'),
  ].map(cell).join(','));
}
