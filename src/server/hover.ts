// Hover on an evidence span: the code, its title and confidence, the context, the evidence sentence and why
// it matched, coding notes, more specific alternatives, and command links (Accept, Reject, Code Explorer).
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type CodeCommandArgs, type DocumentCoding, type DocumentSuggestion } from '../common/protocol';
import type { Evidence } from '../coder/types';

export function hoverAt(doc: TextDocument, coding: DocumentCoding, offset: number): Hover | null {
  const hits: Array<{ s: DocumentSuggestion; e: Evidence }> = [];
  for (const s of coding.suggestions) {
    if (s.decision === 'rejected') continue;
    const e = s.evidence.find((ev) => offset >= ev.start && offset <= ev.end);
    if (e) hits.push({ s, e });
  }
  if (!hits.length) return null;
  const start = Math.min(...hits.map((h) => h.e.start));
  const end = Math.max(...hits.map((h) => h.e.end));
  return {
    contents: { kind: 'markdown', value: hits.map((h) => renderSuggestion(doc, coding.uri, h.s, h.e)).join('\n\n---\n\n') },
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  };
}

function commandLink(title: string, command: string, args: CodeCommandArgs): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${title}")`;
}

const escape = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

export function renderSuggestion(doc: TextDocument, uri: string, s: DocumentSuggestion, e: Evidence): string {
  const lines: string[] = [];
  const decision = s.decision ? ` · **${s.decision}**` : '';
  lines.push(`**${s.code}** ${escape(s.title)} — ${Math.round(s.confidence * 100)}%${decision}`);
  const context = [`status: ${s.status}`, s.billable ? 'billable' : 'not billable (header)'];
  if (e.section) context.push(`section: ${escape(e.section)}`);
  lines.push('', context.join(' · '));
  const text = doc.getText();
  const sentence = e.sentenceStart !== undefined && e.sentenceEnd !== undefined
    ? text.slice(e.sentenceStart, e.sentenceEnd).replace(/\s+/g, ' ').trim() : e.text;
  lines.push('', `Evidence: “${escape(sentence).replace(escape(e.text.replace(/\s+/g, ' ')), `**${escape(e.text.replace(/\s+/g, ' '))}**`)}”`);
  lines.push('', `Why: ${e.why} match${e.matched ? ` for “${escape(e.matched)}”` : ''}${e.negation && e.negation !== 'affirmed' ? ` · ${e.negation}` : ''}${e.temporality === 'historical' ? ' · historical' : ''}${e.experiencer === 'other' ? ' · family member' : ''}`);
  if (s.evidence.length > 1) lines.push('', `Also mentioned ${s.evidence.length - 1} more time${s.evidence.length > 2 ? 's' : ''} in this note.`);
  for (const n of s.notes ?? []) lines.push('', `_Note:_ ${escape(n)}`);
  if (s.alternatives.length) {
    lines.push('', 'More specific:');
    for (const a of s.alternatives) lines.push(`- ${a.code} ${escape(a.title)}${a.reason ? ` (${escape(a.reason)})` : ''}`);
  }
  const args = { uri, code: s.code };
  lines.push('', [
    commandLink('Accept', Commands.acceptCode, args),
    commandLink('Reject', Commands.rejectCode, args),
    commandLink('Open in Code Explorer', Commands.openExplorer, args),
  ].join(' · '));
  return lines.join('\n');
}
