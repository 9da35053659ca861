// Suggestions -> LSP diagnostics: one per suggested code, on its main evidence span, the other spans as
// related information. Pending codes use the severity setting; accepted codes are hints marked "✓ accepted:"
// with the Unnecessary tag left off (they stay readable); rejected codes disappear. A note that was not
// coded, or only in part, gets one message at its top (source "Clinical Coder").
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentCoding, DocumentSuggestion } from '../common/protocol';
import type { ServerSettings, Severity } from './settings';

export const DIAGNOSTIC_SOURCE = 'ICD-10-CM';
export const NOTICE_SOURCE = 'Clinical Coder';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** "E11.22 Type 2 diabetes mellitus with diabetic chronic kidney disease (91%)" */
export function diagnosticMessage(s: DocumentSuggestion): string {
  const context = s.status === 'active' ? '' : ` [${s.status}]`;
  const accepted = s.decision === 'accepted' ? '✓ accepted: ' : '';
  const replaces = s.replaces ? ` (in place of ${s.replaces})` : '';
  return `${accepted}${s.code} ${s.title} (${Math.round(s.confidence * 100)}%)${context}${replaces}`;
}

/** Data carried on each diagnostic so code actions know what it is about. */
export interface DiagnosticData { uri: string; code: string }

export function toDiagnostics(doc: TextDocument, coding: DocumentCoding, settings: ServerSettings): Diagnostic[] {
  if (!settings.enabled) return [];
  const out: Diagnostic[] = [];
  if (coding.skipped) {
    out.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: NOTICE_SOURCE, message: coding.skipped });
  }
  const length = doc.getText().length;
  for (const s of coding.suggestions) {
    if (s.decision === 'rejected' || !s.evidence.length) continue;
    const [main, ...rest] = s.evidence;
    if (main.end > length) continue;
    const hint = s.decision === 'accepted' || s.status !== 'active';
    out.push({
      range: { start: doc.positionAt(main.start), end: doc.positionAt(main.end) },
      severity: hint ? DiagnosticSeverity.Hint : SEVERITY[settings.severity],
      source: DIAGNOSTIC_SOURCE,
      code: s.code,
      message: diagnosticMessage(s),
      relatedInformation: rest.map((e) => ({
        location: { uri: coding.uri, range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) } },
        message: `also: "${e.text.replace(/\s+/g, ' ')}"${e.section ? ` (${e.section})` : ''}`,
      })),
      data: { uri: coding.uri, code: s.code } satisfies DiagnosticData,
    });
  }
  return out;
}
