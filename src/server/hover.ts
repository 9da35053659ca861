// Hover on an evidence span: the code, its title and confidence, the breadcrumb (chapter › block › category),
// the context status, the evidence sentence and why it matched, the coding notes that matter (Excludes1,
// code first, use additional code), more specific alternatives, and command links (Accept, Reject, Code Explorer).
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type CodeCommandArgs, type DocumentCoding, type DocumentSuggestion } from '../common/protocol';
import type { Evidence } from '../coder/types';
import { isCodeShaped } from './decisions';

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
    contents: { kind: 'markdown', value: hits.slice(0, 4).map((h) => renderSuggestion(doc, coding.uri, h.s, h.e)).join('\n\n---\n\n') },
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  };
}

function commandLink(title: string, command: string, args: CodeCommandArgs): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${title}")`;
}

/** Every string from a note, a decisions file or the code set is shown as text: markdown and HTML characters escaped. */
export const escape = (s: string): string => String(s).replace(/[\\`*_{}[\]()#+\-.!|<>~=:&"']/g, '\\$&');
/** A code the code set vouches for is shown as written; anything else is text. */
const codeText = (c: string): string => (isCodeShaped(c) ? c : escape(c));
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

const WHY: Record<Evidence['why'], string> = {
  index: 'Alphabetic Index term',
  inclusion: 'inclusion term',
  title: 'code title',
  abbreviation: 'abbreviation',
  encoder: 'semantic match (encoder)',
  learned: 'phrase learned from coded notes',
  coder: 'the coder’s decision',
};

function contextStatus(s: DocumentSuggestion, e: Evidence): string {
  const parts: string[] = [s.status];
  if (e.negation && e.negation !== 'affirmed') parts.push(e.negation);
  if (e.temporality && e.temporality !== 'recent') parts.push(e.temporality);
  if (e.experiencer === 'other') parts.push('family member');
  return parts.join(', ');
}

const NOTE_LABEL = { excludes1: 'Excludes1', codeFirst: 'Code first', useAdditionalCode: 'Use additional code' } as const;

export function renderSuggestion(doc: TextDocument, uri: string, s: DocumentSuggestion, e: Evidence): string {
  const lines: string[] = [];
  const decision = s.decision ? ` · **${escape(s.decision)}**${s.replaces ? ` in place of ${codeText(s.replaces)}` : ''}` : '';
  lines.push(`**${codeText(s.code)}** ${escape(s.title)} — ${Math.round(s.confidence * 100)}%${decision}`);
  if (s.info?.breadcrumb.length) lines.push('', s.info.breadcrumb.map((b) => `${escape(b.code)} ${escape(b.title)}`).join(' › '));
  const context = [`context: ${contextStatus(s, e)}`, s.billable ? 'billable' : 'not billable (header)'];
  if (e.section) context.push(`section: ${escape(e.section.replace(/_/g, ' '))}`);
  lines.push('', context.join(' · '));
  const text = doc.getText();
  const sentence = e.sentenceStart !== undefined && e.sentenceEnd !== undefined && e.sentenceEnd <= text.length
    ? oneLine(text.slice(e.sentenceStart, e.sentenceEnd)) : oneLine(e.text);
  const shown = sentence.length > 400 ? `${sentence.slice(0, 400)}…` : sentence;
  const ev = oneLine(e.text);
  lines.push('', `Evidence: “${escape(shown).replace(escape(ev), `**${escape(ev)}**`)}”`);
  const sim = e.similarity !== undefined ? ` (similarity ${e.similarity.toFixed(2)})` : '';
  lines.push('', `Why: ${WHY[e.why] ?? escape(String(e.why))}${e.matched ? ` “${escape(e.matched)}”` : ''}${sim}`);
  if (s.evidence.length > 1) lines.push('', `Also mentioned ${s.evidence.length - 1} more time${s.evidence.length > 2 ? 's' : ''} in this note.`);
  const kbNotes = s.info?.notes ?? [];
  for (const n of kbNotes.slice(0, 6)) lines.push('', `_${NOTE_LABEL[n.kind]}${n.from !== s.code ? ` (at ${escape(n.from)})` : ''}:_ ${escape(n.text)}`);
  // Engine messages (combination codes, Excludes1 conflicts in this note) that the KB notes do not already say.
  for (const n of (s.notes ?? []).filter((m) => !kbNotes.some((k) => m.includes(k.text))).slice(0, 4)) lines.push('', `_Rule:_ ${escape(n)}`);
  // Which coding rules shaped this code, and the guideline each one implements.
  const applied = [...new Map((s.rules ?? []).map((r) => [r.id, r])).values()].slice(0, 6);
  if (applied.length) lines.push('', `_Coding rules:_ ${applied.map((r) => `${escape(r.id)} (${escape(r.guideline)})`).join(' · ')}`);
  const specific = moreSpecific(s);
  if (specific.length) {
    lines.push('', 'More specific:');
    for (const a of specific.slice(0, 8)) lines.push(`- ${codeText(a.code)} ${escape(a.title)}${a.reason ? ` (${escape(a.reason)})` : ''}`);
  }
  const args = { uri, code: s.code };
  lines.push('', [
    commandLink('Accept', Commands.acceptCode, args),
    commandLink('Reject', Commands.rejectCode, args),
    commandLink('Open in Code Explorer', Commands.openExplorer, args),
  ].join(' · '));
  return lines.join('\n');
}

/** More specific codes for a suggestion: its billable children, then the engine's alternatives. */
export function moreSpecific(s: DocumentSuggestion): { code: string; title: string; reason?: string }[] {
  const out: { code: string; title: string; reason?: string }[] = [];
  const seen = new Set<string>([s.code]);
  for (const c of s.info?.children ?? []) if (!seen.has(c.code)) { seen.add(c.code); out.push(c); }
  for (const a of s.alternatives) if (!seen.has(a.code)) { seen.add(a.code); out.push(a); }
  return out;
}
