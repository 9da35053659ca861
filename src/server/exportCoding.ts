// A note's codes in an export format, written by the CLI's writers (src/coder/export), for Export Codes.
import { csvHeader, toCsvRows, toFhirBundle, toJsonDocument, type CodedNote } from '../coder/export/index';
import type { DocumentCoding, ExportFormat, ExportResult } from '../common/protocol';

/** Exported: the accepted codes, or every pending suggestion when none was accepted yet; rejected codes never. */
export function exportCoding(coding: DocumentCoding, format: ExportFormat): ExportResult {
  const live = coding.suggestions.filter((s) => s.decision !== 'rejected' && s.status === 'active');
  const accepted = live.filter((s) => s.decision === 'accepted');
  const suggestions = (accepted.length ? accepted : live).map(({ info: _info, decision: _d, replaces: _r, ...s }) => s);
  const note: CodedNote = { file: coding.uri, suggestions, warnings: coding.warnings };
  if (format === 'csv') return { format, mimeType: 'text/csv', extension: 'csv', content: [csvHeader(), ...toCsvRows(note)].join('\n') + '\n' };
  if (format === 'fhir') return { format, mimeType: 'application/fhir+json', extension: 'fhir.json', content: JSON.stringify(toFhirBundle(note), null, 2) + '\n' };
  return { format: 'json', mimeType: 'application/json', extension: 'json', content: toJsonDocument([note]) + '\n' };
}
