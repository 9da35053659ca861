// Code Explorer webview entry point (bundled by esbuild into dist/webview.js, an iife).
// Three views in tabs — Hierarchy, Code, Note — fed by the language server through the extension.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-tree/index.js';
import '@vscode-elements/elements/dist/vscode-tree-item/index.js';
import './styles.css';
import type { ActiveNote, DocumentCoding, ExplorerViewState, HostToWebview } from '../src/common/explorerProtocol';
import type { Evidence } from '../src/coder/types';
import { el } from './dom';
import { loadState, onHostMessage, post, request, saveState } from './host';
import { DetailView, type Choice } from './detailView';
import { HierarchyView, whenIdle } from './hierarchyView';
import { SummaryView } from './summaryView';

const TABS: ExplorerViewState['tab'][] = ['hierarchy', 'detail', 'summary'];

class ExplorerApp {
  private tab: ExplorerViewState['tab'] = 'hierarchy';
  private note: ActiveNote | null = null;
  private readonly tabs: HTMLElement & { selectedIndex: number };
  private readonly notice = el('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
  private readonly hierarchy: HierarchyView;
  private readonly detail: DetailView;
  private readonly summary: SummaryView;
  private detailSeq = 0;
  /** Selected in the tree but not yet shown in the Code tab. */
  private pendingDetail: string | undefined;
  private summarySeq = 0;
  private restoring = true;
  private persistQueued = false;
  /** The active note's latest coding (null: not coded; undefined: not asked yet). */
  private coding: DocumentCoding | null | undefined;

  constructor(root: HTMLElement) {
    const reveal = (uri: string, ev: Evidence) => post({ type: 'reveal', uri, start: ev.start, end: ev.end });
    const decide = (uri: string, codes: string[], decision: Choice) => void this.decide(uri, codes, decision);
    this.hierarchy = new HierarchyView({
      // Browsing the tree only notes the code; its detail is built when the Code tab is shown or the
      // user activates the node (Enter, double-click). Keeps expanding and arrowing through the tree fast.
      select: (code, activate) => {
        if (activate) void this.showCode(code, { switchTab: true, revealInTree: false });
        else { this.pendingDetail = code; this.persist(); }
      },
      stateChanged: () => this.persist(),
      error: (e) => this.showError(e),
    });
    this.detail = new DetailView({ reveal, decide });
    this.summary = new SummaryView({ reveal, decide, exportAs: (uri, format) => post({ type: 'export', uri, format }) });

    this.tabs = el('vscode-tabs', { class: 'tabs', 'aria-label': 'Code Explorer views' },
      el('vscode-tab-header', { slot: 'header', 'data-tab': 'hierarchy' }, 'Hierarchy'),
      el('vscode-tab-panel', null, this.hierarchy.element),
      el('vscode-tab-header', { slot: 'header', 'data-tab': 'detail' }, 'Code'),
      el('vscode-tab-panel', null, this.detail.element),
      el('vscode-tab-header', { slot: 'header', 'data-tab': 'summary' }, 'Note'),
      el('vscode-tab-panel', null, this.summary.element),
    ) as HTMLElement & { selectedIndex: number };
    this.tabs.addEventListener('vsc-tabs-select', (ev) => {
      const i = (ev as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      this.tab = TABS[i] ?? 'hierarchy';
      if (this.tab === 'detail' && this.pendingDetail && this.pendingDetail !== this.detail.code) {
        void this.showCode(this.pendingDetail, { switchTab: false, revealInTree: false });
      }
      this.persist();
    });
    root.append(this.notice, this.tabs);

    // Every code shown anywhere is a .code-link button: one delegated listener opens it.
    document.addEventListener('click', (ev) => {
      const link = (ev.target as HTMLElement | null)?.closest?.('.code-link[data-code]') as HTMLElement | null;
      if (link) { ev.preventDefault(); void this.showCode(link.dataset.code!, { switchTab: true, revealInTree: true }); }
    });
    onHostMessage((m) => this.onHost(m));
  }

  async start(): Promise<void> {
    const st = loadState();
    if (st) { this.tab = st.tab; this.note = st.note ?? null; }
    this.selectTab(this.tab);
    post({ type: 'ready' });
    try {
      await this.hierarchy.init(st?.expanded ?? [], st?.selected);
    } catch (e) {
      this.showError(e);
    }
    performance.mark('explorer:ready');
    document.body.dataset.ready = 'true';
    if (st?.query) this.hierarchy.setQuery(st.query);
    if (st?.detailCode) void this.showCode(st.detailCode, { switchTab: false, revealInTree: false });
    if (this.note) void this.refreshSummary();
    this.restoring = false;
    this.persist();
  }

  private onHost(m: HostToWebview): void {
    switch (m.type) {
      case 'activeNote':
        this.note = m.note;
        this.persist();
        void this.refreshSummary();
        if (this.detail.code) void this.showCode(this.detail.code, { switchTab: false, revealInTree: false });
        break;
      case 'noteChanged':
        if (this.note?.uri === m.uri) {
          void this.refreshSummary();
          if (this.detail.code) void this.showCode(this.detail.code, { switchTab: false, revealInTree: false });
        }
        break;
      case 'showCode':
        void this.showCode(m.code, { switchTab: true, revealInTree: true });
        break;
      case 'notice':
        this.setNotice(m.message, m.level);
        break;
    }
  }

  private selectTab(tab: ExplorerViewState['tab']): void {
    this.tab = tab;
    this.tabs.selectedIndex = TABS.indexOf(tab);
  }

  async showCode(code: string, opts: { switchTab: boolean; revealInTree: boolean }): Promise<void> {
    const seq = ++this.detailSeq;
    this.pendingDetail = undefined;
    try {
      const d = await request('clinicalCoder/explorer/detail', { code });
      if (seq !== this.detailSeq) return;
      if (!d) { this.detail.showEmpty(`${code} is not an ICD-10-CM FY2026 code or header.`); }
      else {
        const sg = this.note && this.coding?.uri === this.note.uri ? this.coding.suggestions.find((x) => x.code === d.code) : undefined;
        this.detail.render(d, sg && this.note ? { uri: this.note.uri, suggestion: sg } : undefined);
        if (opts.revealInTree) void this.hierarchy.reveal(d.breadcrumb.map((n) => n.code));
      }
      if (opts.switchTab) this.selectTab('detail');
      this.persist();
      performance.mark('explorer:detail', { detail: { code } });
    } catch (e) { this.showError(e); }
  }

  private async refreshSummary(): Promise<void> {
    const note = this.note;
    const seq = ++this.summarySeq;
    if (!note) { this.coding = undefined; this.summary.showEmpty('Open a clinical note in the editor to see its suggested codes.'); return; }
    try {
      const coding = await request('clinicalCoder/documentCoding', { uri: note.uri });
      if (seq !== this.summarySeq) return;
      this.setCoding(note, coding);
    } catch (e) { this.showError(e); }
  }

  private setCoding(note: ActiveNote, coding: DocumentCoding | null): void {
    this.coding = coding;
    this.summary.render(note, coding);
    performance.mark('explorer:summary');
  }

  /** Decisions go to the language server, which owns (and persists) them; several codes = accept all. */
  private async decide(uri: string, codes: string[], decision: Choice): Promise<void> {
    if (!codes.length) return;
    try {
      let coding: DocumentCoding | null = null;
      for (const code of codes) coding = await request('clinicalCoder/decide', { uri, code, decision });
      ++this.summarySeq; // an older documentCoding answer must not overwrite this one
      if (this.note?.uri === uri) this.setCoding(this.note, coding);
      if (this.detail.code && codes.includes(this.detail.code)) void this.showCode(this.detail.code, { switchTab: false, revealInTree: false });
      this.setNotice(`${codes.length === 1 ? codes[0] : `${codes.length} codes`} ${decision === 'clear' ? 'marked pending' : decision}.`, 'info');
    } catch (e) { this.showError(e); }
  }

  /** Saves the view state when the page is idle (it changes on every keystroke and expansion). */
  private persist(): void {
    if (this.restoring || this.persistQueued) return;
    this.persistQueued = true;
    whenIdle(() => this.persistNow());
  }

  persistNow(): void {
    this.persistQueued = false;
    if (this.restoring) return;
    saveState({
      v: 1, tab: this.tab, query: this.hierarchy.query, expanded: this.hierarchy.expanded,
      selected: this.hierarchy.selected, detailCode: this.pendingDetail ?? this.detail.code, note: this.note,
    });
  }

  private setNotice(message: string, level: 'info' | 'error'): void {
    this.notice.textContent = message;
    this.notice.className = `notice notice-${level}`;
    this.notice.hidden = false;
    if (level === 'info') setTimeout(() => { if (this.notice.textContent === message) this.notice.hidden = true; }, 4000);
  }

  private showError(e: unknown): void {
    this.setNotice(e instanceof Error ? e.message : String(e), 'error');
  }
}

const root = document.getElementById('app') ?? document.body;
const app = new ExplorerApp(root);
void app.start();
// Hidden or closing: write the state now rather than when idle.
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') app.persistNow(); });
window.addEventListener('pagehide', () => app.persistNow());
