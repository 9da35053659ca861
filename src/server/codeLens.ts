// Code lenses: at the top of the note ("7 suggested · 3 accepted · Open summary") and on each section
// header that has codes (the codes found in that section, e.g. "E11.22 · I10 · N18.30").
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type DocumentCoding, type DocumentSuggestion, type NoteSection } from '../common/protocol';

const shown = (s: DocumentSuggestion) => s.decision !== 'rejected' && s.status === 'active';

export function summaryLensTitle(coding: DocumentCoding): string {
  const pending = coding.suggestions.filter((s) => !s.decision && s.status === 'active').length;
  const accepted = coding.suggestions.filter((s) => s.decision === 'accepted').length;
  const top = coding.suggestions.filter(shown).slice(0, 3).map((s) => s.code);
  const more = coding.suggestions.filter(shown).length > top.length;
  const codes = top.length ? ` · ${top.join(', ')}${more ? ', …' : ''}` : '';
  return `ICD-10-CM: ${pending} suggested · ${accepted} accepted${codes} · Open summary`;
}

/** The codes the section documents: any of their evidence lies in it (COPD in the history and its exacerbation in the course). */
export function codesInSection(coding: DocumentCoding, sec: Pick<NoteSection, 'start' | 'end'>): DocumentSuggestion[] {
  return coding.suggestions.filter((s) => shown(s) && s.evidence.some((e) => e.start >= sec.start && e.start < sec.end));
}

export function codeLenses(doc: TextDocument, coding: DocumentCoding): CodeLens[] {
  const lenses: CodeLens[] = [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    command: { title: summaryLensTitle(coding), command: Commands.openExplorer, arguments: [{ uri: coding.uri }] },
  }];
  const length = doc.getText().length;
  for (const sec of coding.sections ?? []) {
    if (sec.headerStart >= length) continue;
    const codes = codesInSection(coding, sec);
    if (!codes.length) continue;
    const line = doc.positionAt(sec.headerStart).line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const list = codes.slice(0, 6).map((s) => `${s.decision === 'accepted' ? '✓' : ''}${s.code}`).join(' · ') + (codes.length > 6 ? ` · +${codes.length - 6}` : '');
    // Line 0 already has the summary lens; a header there gets its codes in the same row.
    lenses.push({ range, command: { title: list, command: Commands.openExplorer, arguments: [{ uri: coding.uri, code: codes[0].code }] } });
    if (codes.some((s) => !s.decision)) {
      lenses.push({ range, command: { title: 'Accept all in this section', command: Commands.acceptSection, arguments: [{ uri: coding.uri, start: sec.start, end: sec.end, title: sec.title }] } });
    }
  }
  return lenses;
}
