// Writes a note's codes as JSON, CSV or a FHIR R4 Bundle of Conditions. Accepted codes, or all pending
// suggestions when none was accepted yet; rejected codes are never exported.
import type { DocumentCoding, DocumentSuggestion, ExportFormat, ExportResult } from '../common/protocol';

function exported(coding: DocumentCoding): DocumentSuggestion[] {
  const live = coding.suggestions.filter((s) => s.decision !== 'rejected' && s.status === 'active');
  const accepted = live.filter((s) => s.decision === 'accepted');
  return accepted.length ? accepted : live;
}

const csvCell = (v: string | number): string => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function writeExport(coding: DocumentCoding, format: ExportFormat): ExportResult {
  const rows = exported(coding);
  if (format === 'csv') {
    const lines = ['code,title,confidence,decision,evidence'];
    for (const s of rows) lines.push([s.code, s.title, s.confidence.toFixed(2), s.decision ?? 'pending', s.evidence[0]?.text ?? ''].map(csvCell).join(','));
    return { format, mimeType: 'text/csv', extension: 'csv', content: lines.join('\n') + '\n' };
  }
  if (format === 'fhir') {
    const bundle = {
      resourceType: 'Bundle', type: 'collection',
      entry: rows.map((s) => ({
        resource: {
          resourceType: 'Condition',
          verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: s.decision === 'accepted' ? 'confirmed' : 'provisional' }] },
          code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: s.code, display: s.title }], text: s.evidence[0]?.text },
        },
      })),
    };
    return { format, mimeType: 'application/fhir+json', extension: 'fhir.json', content: JSON.stringify(bundle, null, 2) + '\n' };
  }
  const json = {
    format: 'clinical-coder-export', version: 1, uri: coding.uri,
    codes: rows.map((s) => ({ code: s.code, title: s.title, confidence: s.confidence, decision: s.decision ?? 'pending', status: s.status,
      evidence: s.evidence.map((e) => ({ start: e.start, end: e.end, text: e.text })) })),
  };
  return { format: 'json', mimeType: 'application/json', extension: 'json', content: JSON.stringify(json, null, 2) + '\n' };
}
