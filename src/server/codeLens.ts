// Code lens at the top of the note: "7 suggested · 3 accepted · Open summary".
import type { CodeLens } from 'vscode-languageserver';
import { Commands, type DocumentCoding } from '../common/protocol';

export function summaryLensTitle(coding: DocumentCoding): string {
  const pending = coding.suggestions.filter((s) => !s.decision && s.status === 'active').length;
  const accepted = coding.suggestions.filter((s) => s.decision === 'accepted').length;
  const top = coding.suggestions.filter((s) => s.decision !== 'rejected' && s.status === 'active').slice(0, 3).map((s) => s.code);
  const codes = top.length ? ` · ${top.join(', ')}${coding.suggestions.length > top.length ? ', …' : ''}` : '';
  return `ICD-10-CM: ${pending} suggested · ${accepted} accepted${codes} · Open summary`;
}

export function codeLenses(coding: DocumentCoding): CodeLens[] {
  return [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    command: { title: summaryLensTitle(coding), command: Commands.openExplorer, arguments: [{ uri: coding.uri }] },
  }];
}
