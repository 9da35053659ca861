// Hierarchy view: the whole ICD-10-CM tree (chapter › block › category › subcategory › code), each
// level fetched from the language server only when its parent is first expanded, plus type-ahead
// search over titles, inclusion terms and index synonyms.
import type { SearchResponse, TreeNode } from '../src/common/explorerProtocol';
import { clear, el } from './dom';
import { request } from './host';

type TreeItem = HTMLElement & { open: boolean; branch: boolean; selected: boolean; active: boolean; updateComplete?: Promise<unknown> };

export interface HierarchyEvents {
  /** A node was selected (click, Enter); `activate` when the user asked to open it (Enter, double-click, search result). */
  select(code: string, activate: boolean): void;
  stateChanged(): void;
  error(e: unknown): void;
}

/** Runs fn when the page is idle (after the next paint), or within 300 ms. */
export function whenIdle(fn: () => void): void {
  const ric = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(fn, { timeout: 300 });
  else setTimeout(fn, 30);
}

export function nodeLabel(n: TreeNode): { key: string; title: string } {
  if (n.kind === 'chapter' || n.kind === 'block') return { key: n.range ?? n.code, title: n.title };
  return { key: n.code, title: n.title };
}

export class HierarchyView {
  readonly element: HTMLElement;
  readonly field: HTMLElement & { value: string };
  private readonly tree: HTMLElement;
  private readonly resultsBox: HTMLElement;
  private readonly resultsList: HTMLElement;
  private readonly resultsStatus: HTMLElement;
  private readonly items = new Map<string, TreeItem>();
  private readonly loads = new Map<string, Promise<void>>();
  /** Children fetched ahead of time (one level below what is on screen), so expanding needs no round trip. */
  private readonly prefetched = new Map<string, TreeNode[]>();
  /** Waiting for the page to be idle before being asked for. */
  private readonly prefetchScheduled = new Set<string>();
  /** Asked for; settles when the answer is in `prefetched`. */
  private readonly prefetchInFlight = new Map<string, Promise<void>>();
  private readonly expandedSet = new Set<string>();
  private selectedItem: TreeItem | undefined;
  private searchSeq = 0;
  query = '';

  constructor(private readonly events: HierarchyEvents) {
    this.field = el('vscode-textfield', {
      type: 'search', placeholder: 'Search codes, titles, inclusion terms, synonyms…',
      'aria-label': 'Search ICD-10-CM', class: 'search', id: 'search',
    }) as HTMLElement & { value: string };
    this.resultsStatus = el('div', { class: 'results-status', role: 'status', 'aria-live': 'polite' });
    this.resultsList = el('ul', { class: 'results', role: 'listbox', 'aria-label': 'Search results' });
    this.resultsBox = el('div', { class: 'results-box', hidden: true }, this.resultsStatus, this.resultsList);
    this.tree = el('vscode-tree', { 'aria-label': 'ICD-10-CM hierarchy', 'expand-mode': 'singleClick', 'indent-guides': 'onHover', id: 'tree' });
    this.element = el('div', { class: 'hierarchy' }, el('div', { class: 'search-row' }, this.field), this.resultsBox, this.tree);

    this.field.addEventListener('input', () => this.onQuery(this.field.value));
    this.field.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown') { ev.preventDefault(); this.focusResult(0); }
      if (ev.key === 'Escape' && this.field.value) { ev.preventDefault(); this.field.value = ''; this.onQuery(''); }
    });
    this.resultsList.addEventListener('keydown', (ev) => this.onResultsKey(ev));
    this.resultsList.addEventListener('click', (ev) => {
      const li = (ev.target as HTMLElement).closest('li[data-code]') as HTMLElement | null;
      if (li) this.events.select(li.dataset.code!, true);
    });

    // vscode-tree has no "expanded" event; `open` is a reflected attribute, so watch it.
    new MutationObserver((records) => {
      for (const r of records) {
        const item = r.target as TreeItem;
        const code = item.dataset?.code;
        if (!code || r.oldValue === item.getAttribute('open')) continue;
        if (item.open) { this.expandedSet.add(code); void this.load(code); } else this.expandedSet.delete(code);
        this.events.stateChanged();
      }
    }).observe(this.tree, { subtree: true, attributes: true, attributeFilter: ['open'], attributeOldValue: true });

    this.tree.addEventListener('vsc-tree-select', () => {
      const item = this.currentSelection();
      if (item?.dataset.code) { this.selectedItem = item; this.events.select(item.dataset.code, false); }
    });
    this.tree.addEventListener('dblclick', (ev) => {
      const item = (ev.target as HTMLElement).closest('vscode-tree-item') as TreeItem | null;
      if (item?.dataset.code && !item.branch) this.events.select(item.dataset.code, true);
    });
    this.tree.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      const item = (ev.target as HTMLElement).closest?.('vscode-tree-item') as TreeItem | null;
      if (item?.dataset.code) this.events.select(item.dataset.code, true);
    });
  }

  get expanded(): string[] { return [...this.expandedSet]; }
  get selected(): string | undefined { return this.selectedItem?.dataset.code; }

  private currentSelection(): TreeItem | undefined {
    return this.tree.querySelector('vscode-tree-item[selected]') as TreeItem | undefined ?? undefined;
  }

  /** Loads the chapters, then re-opens what was open before (restored state). */
  async init(expanded: string[] = [], selected?: string): Promise<void> {
    const roots = await request('clinicalCoder/explorer/roots', {});
    this.appendNodes(this.tree, roots, 0);
    this.prefetch(roots);
    // Parents were recorded before their children, so opening in order rebuilds the tree.
    for (const code of expanded) {
      const item = this.items.get(code);
      if (!item || !item.branch) continue;
      this.expandedSet.add(code);
      item.open = true;
      await this.load(code).catch(() => undefined);
    }
    if (selected) this.markSelected(selected);
  }

  private makeItem(n: TreeNode, level: number): TreeItem {
    const { key, title } = nodeLabel(n);
    const item = el('vscode-tree-item', {
      'data-code': n.code, 'data-kind': n.kind, branch: n.hasChildren,
      'aria-label': `${key} ${title}${n.billable ? ', billable' : ''}`, title: `${key} ${title}`,
    }, el('span', { class: `node-key kind-${n.kind}` }, key), ' ', el('span', { class: 'node-title' }, title)) as TreeItem;
    if (n.billable) item.appendChild(el('span', { slot: 'decoration', class: 'billable-mark', title: 'Billable code' }, 'B'));
    item.dataset.level = String(level);
    // Straight into the parent's "children" slot: saves the item a second slot change (and the tree a re-render).
    if (level > 0) item.setAttribute('slot', 'children');
    this.items.set(n.code, item);
    return item;
  }

  private appendNodes(parent: HTMLElement, nodes: TreeNode[], level: number): void {
    const frag = document.createDocumentFragment();
    for (const n of nodes) frag.appendChild(this.makeItem(n, level));
    parent.appendChild(frag);
  }

  /** Fetches and inserts a node's children once; later calls share the same promise. */
  load(code: string): Promise<void> {
    let p = this.loads.get(code);
    if (p) return p;
    const item = this.items.get(code);
    if (!item) return Promise.resolve();
    const insert = (children: TreeNode[]) => {
      const level = Number(item.dataset.level ?? 0) + 1;
      this.appendNodes(item, children, level);
      performance.mark('explorer:expanded', { detail: { code, count: children.length } });
      this.prefetch(children);
    };
    const ready = this.prefetched.get(code);
    if (ready) {
      this.prefetched.delete(code);
      insert(ready);
      p = Promise.resolve();
    } else {
      // Expanded before its look-ahead: wait for an answer already on its way, else ask now.
      this.prefetchScheduled.delete(code);
      const inFlight = this.prefetchInFlight.get(code) ?? Promise.resolve();
      p = inFlight.then(() => {
        const got = this.prefetched.get(code);
        if (got) { this.prefetched.delete(code); insert(got); return; }
        return request('clinicalCoder/explorer/children', { code }).then(insert);
      }).catch((e) => { this.loads.delete(code); this.events.error(e); });
    }
    this.loads.set(code, p);
    return p;
  }

  /** Asks, in the background, for the children of the given nodes that have some. */
  private prefetch(nodes: TreeNode[]): void {
    const codes = nodes.filter((n) => n.hasChildren && !this.loads.has(n.code) && !this.prefetched.has(n.code)
      && !this.prefetchScheduled.has(n.code) && !this.prefetchInFlight.has(n.code)).map((n) => n.code);
    if (!codes.length) return;
    for (const c of codes) this.prefetchScheduled.add(c);
    // After the frame that shows the new rows has been painted.
    whenIdle(() => {
      const batch = codes.filter((c) => this.prefetchScheduled.delete(c)); // not expanded meanwhile
      if (!batch.length) return;
      const p = request('clinicalCoder/explorer/childrenMany', { codes: batch }).then((byCode) => {
        for (const c of batch) if (Array.isArray(byCode[c])) this.prefetched.set(c, byCode[c]);
      }).catch(() => undefined).finally(() => { for (const c of batch) this.prefetchInFlight.delete(c); });
      for (const c of batch) this.prefetchInFlight.set(c, p);
    });
  }

  /** Opens every ancestor of the code (root first) and selects it. `path` is root → code. */
  async reveal(path: string[]): Promise<void> {
    for (const code of path.slice(0, -1)) {
      const item = this.items.get(code);
      if (!item) return;
      if (!item.open) { item.open = true; this.expandedSet.add(code); }
      await this.load(code);
    }
    const last = path[path.length - 1];
    if (last) this.markSelected(last);
    this.events.stateChanged();
  }

  private markSelected(code: string): void {
    const item = this.items.get(code);
    if (!item) return;
    if (this.selectedItem && this.selectedItem !== item) this.selectedItem.selected = false;
    for (const other of this.tree.querySelectorAll('vscode-tree-item[selected]')) if (other !== item) (other as TreeItem).selected = false;
    item.selected = true;
    item.active = true;
    this.selectedItem = item;
    item.scrollIntoView?.({ block: 'nearest' });
  }

  // ---- search

  setQuery(q: string): void {
    this.field.value = q;
    this.onQuery(q);
  }

  private onQuery(q: string): void {
    this.query = q;
    const seq = ++this.searchSeq;
    const t0 = performance.now();
    this.events.stateChanged();
    if (!q.trim()) {
      this.resultsBox.hidden = true;
      this.tree.hidden = false;
      clear(this.resultsList);
      return;
    }
    request('clinicalCoder/explorer/search', { text: q, limit: 50 }).then((r) => {
      if (seq !== this.searchSeq) return; // a newer keystroke won
      this.renderResults(r);
      performance.mark('explorer:search', { detail: { query: q, ms: performance.now() - t0, count: r.results.length } });
    }).catch((e) => this.events.error(e));
  }

  private renderResults(r: SearchResponse): void {
    this.tree.hidden = true;
    this.resultsBox.hidden = false;
    const frag = document.createDocumentFragment();
    r.results.forEach((h, i) => {
      const { key, title } = nodeLabel({ ...h, hasChildren: false });
      const li = el('li', { role: 'option', tabindex: -1, 'data-code': h.code, 'data-index': i, 'aria-selected': 'false', class: 'result' },
        el('span', { class: 'node-key' }, key), ' ', el('span', { class: 'node-title' }, title),
        h.billable ? el('span', { class: 'billable-mark', title: 'Billable code' }, 'B') : null);
      if (h.matched && h.matched.toLowerCase() !== title.toLowerCase() && h.matched !== h.code) {
        li.appendChild(el('div', { class: 'matched' }, `${h.source ? `${h.source}: ` : ''}${h.matched}`));
      }
      frag.appendChild(li);
    });
    clear(this.resultsList);
    this.resultsList.appendChild(frag);
    this.resultsStatus.textContent = r.results.length ? `${r.results.length} result${r.results.length === 1 ? '' : 's'}` : `No codes match “${r.query}”.`;
  }

  private focusResult(i: number): void {
    const lis = this.resultsList.querySelectorAll<HTMLElement>('li[data-code]');
    if (!lis.length) return;
    const idx = Math.max(0, Math.min(lis.length - 1, i));
    lis.forEach((li, j) => li.setAttribute('aria-selected', j === idx ? 'true' : 'false'));
    lis[idx].focus();
  }

  private onResultsKey(ev: KeyboardEvent): void {
    const li = (ev.target as HTMLElement).closest('li[data-code]') as HTMLElement | null;
    if (!li) return;
    const i = Number(li.dataset.index);
    if (ev.key === 'ArrowDown') { ev.preventDefault(); this.focusResult(i + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); if (i === 0) this.field.focus(); else this.focusResult(i - 1); }
    else if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.events.select(li.dataset.code!, true); }
    else if (ev.key === 'Escape') { ev.preventDefault(); this.field.focus(); }
  }
}
