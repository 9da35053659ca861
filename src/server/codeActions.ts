// Quick fixes on an ICD-10-CM diagnostic: Accept / Reject the code. (Issue 7 adds "replace with a more
// specific child" and "accept all in this section".)
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { Commands } from '../common/protocol';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

export function codeActionsFor(diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !d.data) continue;
    const data = d.data as DiagnosticData;
    out.push(
      { title: `Accept ${data.code}`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
        command: { title: `Accept ${data.code}`, command: Commands.acceptCode, arguments: [data] } },
      { title: `Reject ${data.code}`, kind: CodeActionKind.QuickFix, diagnostics: [d],
        command: { title: `Reject ${data.code}`, command: Commands.rejectCode, arguments: [data] } },
    );
  }
  return out;
}
