// Note summary: the active note's suggestions grouped pending / accepted / rejected, each with its
// evidence (activating a snippet selects it in the editor), accept/reject, accept-all and export.
import type { ActiveNote, DocumentCoding, DocumentSuggestion, ExportFormat } from '../src/common/explorerProtocol';
import { clear, codeLink, el, percent } from './dom';
import { evidenceButton, type DetailEvents } from './detailView';

type Group = 'pending' | 'accepted' | 'rejected';
const groupOf = (s: DocumentSuggestion): Group => s.decision ?? 'pending';

export interface SummaryEvents extends DetailEvents {
  exportAs(uri: string, format: ExportFormat): void;
}

const GROUPS: { decision: Group; title: string }[] = [
  { decision: 'pending', title: 'Pending' },
  { decision: 'accepted', title: 'Accepted' },
  { decision: 'rejected', title: 'Rejected' },
];

export class SummaryView {
  readonly element = el('div', { class: 'summary' });
  coding: DocumentCoding | null | undefined;

  constructor(private readonly events: SummaryEvents) {
    this.showEmpty('Open a clinical note in the editor to see its suggested codes.');
  }

  showEmpty(message: string): void {
    this.coding = undefined;
    clear(this.element);
    this.element.appendChild(el('p', { class: 'empty' }, message));
  }

  /** `coding` null: the server does not code this file (not a note language, or excluded). */
  render(note: ActiveNote, coding: DocumentCoding | null): void {
    this.coding = coding;
    clear(this.element);
    if (!coding) {
      this.element.appendChild(el('h2', { class: 'note-name', title: note.uri }, note.name));
      this.element.appendChild(el('p', { class: 'empty' }, 'This file is not coded: its language must be listed in the clinicalCoder.languages setting and its path match clinicalCoder.include.'));
      return;
    }
    const s = { uri: coding.uri, coded: true, warnings: coding.warnings, items: coding.suggestions.map((sg) => ({ suggestion: sg, decision: groupOf(sg) })) };
    const counts: Record<Group, number> = { pending: 0, accepted: 0, rejected: 0 };
    for (const it of s.items) counts[it.decision]++;
    const header = el('header', { class: 'summary-header' },
      el('h2', { class: 'note-name', title: note.uri }, note.name),
      el('p', { class: 'counts', role: 'status' },
        s.coded ? `${s.items.length} code${s.items.length === 1 ? '' : 's'} · ${counts.pending} pending · ${counts.accepted} accepted · ${counts.rejected} rejected` : 'Coding this note…'));
    const toolbar = el('div', { class: 'actions toolbar', role: 'toolbar', 'aria-label': 'Note actions' });
    const acceptAll = this.button('Accept all pending', 'Accept all pending codes', () =>
      this.events.decide(s.uri, s.items.filter((i) => i.decision === 'pending').map((i) => i.suggestion.code), 'accepted'));
    if (!counts.pending) acceptAll.setAttribute('disabled', '');
    toolbar.appendChild(acceptAll);
    for (const f of ['json', 'csv', 'fhir'] as ExportFormat[]) {
      toolbar.appendChild(this.button(`Export ${f.toUpperCase()}`, `Export codes as ${f.toUpperCase()}`, () => this.events.exportAs(s.uri, f), true));
    }
    header.appendChild(toolbar);
    this.element.appendChild(header);
    for (const w of s.warnings) this.element.appendChild(el('p', { class: 'warning', role: 'note' }, w));
    if (!s.coded) return;
    if (!s.items.length) { this.element.appendChild(el('p', { class: 'empty' }, 'No codes suggested for this note.')); return; }
    for (const g of GROUPS) {
      const items = s.items.filter((i) => i.decision === g.decision);
      const id = `group-${g.decision}`;
      const section = el('section', { class: `group ${id}`, 'aria-labelledby': `h-${id}` }, el('h3', { id: `h-${id}` }, `${g.title} (${items.length})`));
      const ul = el('ul', { class: 'plain items' });
      for (const it of items) ul.appendChild(this.item(s.uri, it));
      section.appendChild(ul);
      this.element.appendChild(section);
    }
  }

  private item(uri: string, it: { suggestion: DocumentSuggestion; decision: Group }): HTMLElement {
    const sg = it.suggestion;
    const li = el('li', { class: `item decision-${it.decision}`, 'data-code': sg.code },
      el('div', { class: 'item-head' },
        codeLink(sg.code, sg.code, sg.title), ' ',
        el('span', { class: 'item-title' }, sg.title), ' ',
        el('span', { class: 'confidence', title: 'Confidence' }, percent(sg.confidence)),
        sg.status !== 'active' ? el('span', { class: `status status-${sg.status}` }, sg.status) : null,
        sg.billable ? null : el('span', { class: 'not-billable', title: 'Header code: a more specific code is needed' }, 'not billable')));
    const evs = el('ul', { class: 'plain evidence-list', 'aria-label': `Evidence for ${sg.code}` });
    for (const ev of sg.evidence) evs.appendChild(el('li', null, evidenceButton(uri, ev, this.events)));
    li.appendChild(evs);
    if (sg.notes?.length) {
      const notes = el('ul', { class: 'plain rule-notes' });
      for (const n of sg.notes) notes.appendChild(el('li', null, n));
      li.appendChild(notes);
    }
    const actions = el('div', { class: 'actions' });
    if (it.decision !== 'accepted') actions.appendChild(this.button('Accept', `Accept ${sg.code}`, () => this.events.decide(uri, [sg.code], 'accepted')));
    if (it.decision !== 'rejected') actions.appendChild(this.button('Reject', `Reject ${sg.code}`, () => this.events.decide(uri, [sg.code], 'rejected'), true));
    if (it.decision !== 'pending') actions.appendChild(this.button('Undo', `Mark ${sg.code} pending again`, () => this.events.decide(uri, [sg.code], 'clear'), true));
    li.appendChild(actions);
    return li;
  }

  private button(label: string, aria: string, fn: () => void, secondary = false): HTMLElement {
    const b = el('vscode-button', { 'aria-label': aria, secondary }, label);
    b.addEventListener('click', fn);
    return b;
  }
}
