// Code detail: the "knowledge-injected description" of one code — titles, breadcrumb, billable flag,
// inclusion and index terms, Excludes1/2 and the other instructional notes with clickable codes,
// 7th characters, children and siblings, and the evidence for it in the active note.
import type { CodeDetail, DecideParams, DocumentSuggestion, ExplorerNote, TreeNode } from '../src/common/explorerProtocol';
import type { Evidence } from '../src/coder/types';
import { clear, codeLink, el, percent, textWithCodes } from './dom';
import { nodeLabel } from './hierarchyView';

/** What the coder can do with a suggestion: accept, reject, or clear the decision (back to pending). */
export type Choice = DecideParams['decision'];

export interface DetailEvents {
  reveal(uri: string, ev: Evidence): void;
  decide(uri: string, codes: string[], decision: Choice): void;
}

/** The active note's suggestion for the displayed code, if any. */
export interface InNote { uri: string; suggestion: DocumentSuggestion }

const KIND_LABEL: Record<string, string> = { chapter: 'Chapter', block: 'Block', category: 'Category', subcategory: 'Subcategory', code: 'Code' };

export function evidenceContext(ev: Evidence): string {
  const parts: string[] = [];
  if (ev.negation && ev.negation !== 'affirmed') parts.push(ev.negation);
  if (ev.temporality && ev.temporality !== 'recent') parts.push(ev.temporality);
  if (ev.experiencer && ev.experiencer !== 'patient') parts.push(`experiencer: ${ev.experiencer}`);
  return parts.length ? parts.join(', ') : 'affirmed';
}

/** One evidence span as a button: its text (as text), section and why it matched; activating it reveals the span. */
export function evidenceButton(uri: string, ev: Evidence, events: DetailEvents): HTMLElement {
  const why = `${ev.why}${ev.matched ? `: ${ev.matched}` : ''}`;
  const b = el('button', { type: 'button', class: 'evidence', title: 'Reveal in the note', 'aria-label': `Evidence “${ev.text}”, ${why}. Reveal in the note.` },
    el('span', { class: 'evidence-text' }, ev.text),
    el('span', { class: 'evidence-meta' }, [ev.section, why, evidenceContext(ev)].filter(Boolean).join(' · ')));
  b.addEventListener('click', () => events.reveal(uri, ev));
  return b;
}

export class DetailView {
  readonly element = el('div', { class: 'detail', 'aria-live': 'polite' });
  code: string | undefined;

  constructor(private readonly events: DetailEvents) {
    this.showEmpty();
  }

  showEmpty(message = 'Select a code in the hierarchy or search to see its description.'): void {
    this.code = undefined;
    clear(this.element);
    this.element.appendChild(el('p', { class: 'empty' }, message));
  }

  render(d: CodeDetail, inNote?: InNote): void {
    this.code = d.code;
    clear(this.element);
    const { key } = nodeLabel(d as unknown as TreeNode);
    const crumbs = el('nav', { class: 'breadcrumb', 'aria-label': 'Hierarchy path' });
    d.breadcrumb.forEach((n, i) => {
      if (i) crumbs.appendChild(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' › '));
      const lbl = nodeLabel(n);
      crumbs.appendChild(n.code === d.code ? el('span', { 'aria-current': 'page' }, lbl.key) : codeLink(n.code, lbl.key, n.title));
    });
    const header = el('header', { class: 'detail-header' },
      crumbs,
      el('h2', { class: 'detail-title', id: 'detail-title' }, el('span', { class: 'node-key' }, key), ' ', d.title),
      el('div', { class: 'detail-flags' },
        el('vscode-badge', { class: d.billable ? 'billable' : 'not-billable' }, d.billable ? 'Billable' : (d.kind === 'code' || d.kind === 'subcategory' || d.kind === 'category' ? 'Not billable: more specific code needed' : KIND_LABEL[d.kind])),
        d.shortTitle && d.shortTitle !== d.title ? el('span', { class: 'short-title' }, 'Short title: ', d.shortTitle) : null));
    this.element.appendChild(header);

    if (inNote) this.element.appendChild(this.inNoteSection(d, inNote));
    // Coding instructions first (what may be coded with what), then the code's vocabulary.
    this.list('Inclusion terms', d.inclusionTerms);
    this.notes('Excludes1 (never coded together)', d.excludes1, 'excludes1');
    this.notes('Excludes2 (not included here; may be coded together)', d.excludes2, 'excludes2');
    this.notes('Code first', d.codeFirst, 'code-first');
    this.notes('Use additional code', d.useAdditionalCode, 'use-additional');
    this.notes('Code also', d.codeAlso, 'code-also');
    if (d.sevenChr.length || d.sevenChrNote.length) {
      const s = this.section('7th characters', 'seventh');
      for (const n of d.sevenChrNote) s.appendChild(el('p', { class: 'note-text' }, textWithCodes(n.text, n.codes)));
      if (d.sevenChr.length) {
        const table = el('table', { class: 'seventh-table' },
          el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Character'), el('th', { scope: 'col' }, 'Meaning'))));
        const body = el('tbody');
        for (const o of d.sevenChr) body.appendChild(el('tr', null, el('td', { class: 'node-key' }, o.char), el('td', null, o.title)));
        table.appendChild(body);
        s.appendChild(table);
      }
    }
    this.list('Index terms leading here', d.indexTerms);
    this.notes('Includes', d.includes, 'includes');
    this.notes('Notes', d.notes, 'notes');
    this.codes('Children', d.children, 'children');
    this.codes('Siblings', d.siblings, 'siblings');
  }

  private section(title: string, id: string): HTMLElement {
    const s = el('section', { class: `detail-section section-${id}`, 'aria-labelledby': `h-${id}` }, el('h3', { id: `h-${id}` }, title));
    this.element.appendChild(s);
    return s;
  }

  private list(title: string, items: string[]): void {
    if (!items.length) return;
    const id = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const ul = el('ul', { class: 'plain' });
    for (const t of items) ul.appendChild(el('li', null, t));
    this.section(title, id).appendChild(ul);
  }

  private notes(title: string, notes: ExplorerNote[], id: string): void {
    if (!notes.length) return;
    const ul = el('ul', { class: 'plain notes' });
    for (const n of notes) {
      const li = el('li', null, textWithCodes(n.text, n.codes));
      if (n.from && n.from !== this.code) li.appendChild(el('span', { class: 'from', title: `Inherited from ${n.from}` }, ` (from ${n.from})`));
      ul.appendChild(li);
    }
    this.section(title, id).appendChild(ul);
  }

  private codes(title: string, nodes: TreeNode[], id: string): void {
    if (!nodes.length) return;
    const ul = el('ul', { class: 'plain code-list' });
    for (const n of nodes) {
      const { key } = nodeLabel(n);
      ul.appendChild(el('li', null, codeLink(n.code, key, n.title), ' ', n.title, n.billable ? el('span', { class: 'billable-mark', title: 'Billable code' }, 'B') : null));
    }
    this.section(`${title} (${nodes.length})`, id).appendChild(ul);
  }

  private inNoteSection(d: CodeDetail, n0: InNote): HTMLElement {
    const sg = n0.suggestion;
    const n = { uri: n0.uri, status: sg.status, confidence: sg.confidence, decision: sg.decision ?? 'pending', evidence: sg.evidence };
    const s = el('section', { class: 'detail-section section-in-note', 'aria-labelledby': 'h-in-note' },
      el('h3', { id: 'h-in-note' }, 'In this note'),
      el('p', { class: 'in-note-status' },
        el('span', { class: `status status-${n.status}` }, n.status), ' · ', `confidence ${percent(n.confidence)}`, ' · ',
        el('span', { class: `decision decision-${n.decision}` }, n.decision)));
    const ul = el('ul', { class: 'plain evidence-list' });
    for (const ev of n.evidence) ul.appendChild(el('li', null, evidenceButton(n.uri, ev, this.events)));
    s.appendChild(ul);
    const actions = el('div', { class: 'actions' });
    if (n.decision !== 'accepted') actions.appendChild(this.button('Accept', `Accept ${d.code}`, () => this.events.decide(n.uri, [d.code], 'accepted')));
    if (n.decision !== 'rejected') actions.appendChild(this.button('Reject', `Reject ${d.code}`, () => this.events.decide(n.uri, [d.code], 'rejected'), true));
    if (n.decision !== 'pending') actions.appendChild(this.button('Undo', `Mark ${d.code} pending again`, () => this.events.decide(n.uri, [d.code], 'clear'), true));
    s.appendChild(actions);
    return s;
  }

  private button(label: string, aria: string, fn: () => void, secondary = false): HTMLElement {
    const b = el('vscode-button', { 'aria-label': aria, secondary }, label);
    b.addEventListener('click', fn);
    return b;
  }
}
