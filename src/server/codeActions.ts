// Quick fixes on an ICD-10-CM diagnostic: Accept, Reject, Replace with a more specific child (one action per
// child; the child is accepted on the same evidence and the suggested code rejected), and Accept all in
// this section. Commands only: the note itself is never edited.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { Commands, type CodeCommandArgs, type DocumentCoding, type SectionCommandArgs } from '../common/protocol';
import { codesInSection } from './codeLens';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';
import { moreSpecific } from './hover';

const MAX_CHILD_ACTIONS = 10;

export function codeActionsFor(diagnostics: readonly Diagnostic[], coding: DocumentCoding | null | undefined): CodeAction[] {
  const out: CodeAction[] = [];
  const sectionsOffered = new Set<number>();
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !d.data) continue;
    const data = d.data as DiagnosticData;
    const s = coding?.suggestions.find((x) => x.code === data.code);
    const action = (title: string, command: string, args: unknown, preferred = false): CodeAction => ({
      title, kind: CodeActionKind.QuickFix, diagnostics: [d], ...(preferred ? { isPreferred: true } : {}), command: { title, command, arguments: [args] },
    });
    if (s?.decision !== 'accepted') out.push(action(`Accept ${data.code}`, Commands.acceptCode, { uri: data.uri, code: data.code } satisfies CodeCommandArgs, true));
    out.push(action(`Reject ${data.code}`, Commands.rejectCode, { uri: data.uri, code: data.code } satisfies CodeCommandArgs));
    if (s) {
      for (const c of moreSpecific(s).slice(0, MAX_CHILD_ACTIONS)) {
        out.push(action(`Replace with more specific ${c.code} ${c.title}`, Commands.replaceCode, { uri: data.uri, code: c.code, replaces: s.code } satisfies CodeCommandArgs));
      }
      const main = s.evidence[0];
      const sec = main && coding?.sections?.find((x) => main.start >= x.start && main.start < x.end);
      if (sec && !sectionsOffered.has(sec.start) && codesInSection(coding!, sec).some((x) => !x.decision)) {
        sectionsOffered.add(sec.start);
        out.push(action(`Accept all in this section (${sec.title})`, Commands.acceptSection, { uri: data.uri, start: sec.start, end: sec.end, title: sec.title } satisfies SectionCommandArgs));
      }
    }
  }
  return out;
}
