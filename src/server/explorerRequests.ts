// Server side of the Code Explorer: answers the webview's hierarchy, detail and search requests
// (src/common/explorerProtocol.ts) from the knowledge base. The note's suggestions and the coder's decisions
// go through the editor's own requests (clinicalCoder/documentCoding, clinicalCoder/decide).
// ExplorerService is pure (no connection, no I/O) so the tests use it directly;
// registerExplorerRequests is the one line the server calls to wire it to the connection.

import type {
  CodeDetail, ExplorerNote, ExplorerNoteKind, ExplorerRequestMap, NodeKind, SearchResponse, SevenCharOption, TreeNode,
} from '../common/explorerProtocol';
import { loadKnowledgeBase } from '../icd/loader';

// ---- What the explorer needs from the knowledge base (issue 3), structurally typed so this file
// compiles against the real IcdKnowledgeBase and against the small fixture KB of the browser tests.

export interface ExplorerEntry {
  code: string;
  shortTitle?: string;
  longTitle?: string;
  billable: boolean;
  kind: NodeKind;
  parent?: string | null;
  children: readonly string[];
  chapter?: { number: number; title: string; range: string };
  block?: { range: string; title: string };
  range?: string;
}

export interface ExplorerKbNote {
  kind: string;
  text: string;
  codes?: readonly string[];
  from?: string;
}

export interface ExplorerKbHit {
  code: string;
  title?: string;
  score?: number;
  matched?: string;
  source?: string;
}

export interface ExplorerKnowledgeBase {
  get(code: string): ExplorerEntry | undefined;
  notes(code: string): readonly ExplorerKbNote[];
  indexPaths(code: string): readonly (readonly string[])[];
  search(text: string, k: number): readonly ExplorerKbHit[];
  /** Chapter entries, chapter codes, or {number,...} records: all are accepted. */
  chapters(): readonly unknown[];
  /** 7th-character options of a code: array of {char,title}, a Map or a record char → title. */
  sevenCharacters?(code: string): unknown;
  /** Builds the lazy search structures now (the first search would otherwise pay for it). */
  warmUp?(): unknown;
}

export interface ExplorerDeps {
  /** The knowledge base; by default the process-wide instance of src/icd (shared with the engine). */
  knowledgeBase(): ExplorerKnowledgeBase | undefined | Promise<ExplorerKnowledgeBase | undefined>;
}

const NO_KB = 'The ICD-10-CM knowledge base is not loaded (models/icd10cm missing?). Reinstall the extension or run `npm run build:icd`.';
const MAX_SEARCH = 200;
const MAX_QUERY = 200;

function titleOf(e: ExplorerEntry): string {
  return e.longTitle || e.shortTitle || e.code;
}

function rangeOf(e: ExplorerEntry): string | undefined {
  if (e.range) return e.range;
  if (e.kind === 'chapter') return e.chapter?.range;
  if (e.kind === 'block') return e.block?.range;
  return undefined;
}

const NOTE_KINDS = new Set<ExplorerNoteKind>([
  'inclusionTerm', 'includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso', 'note', 'sevenChrNote',
]);

export class ExplorerService {
  constructor(private readonly kb: ExplorerKnowledgeBase) {}

  node(code: string): TreeNode | undefined {
    const e = this.kb.get(code);
    if (!e) return undefined;
    const range = rangeOf(e);
    return { code: e.code, title: titleOf(e), kind: e.kind, billable: !!e.billable, hasChildren: e.children.length > 0, ...(range ? { range } : {}) };
  }

  private nodes(codes: readonly string[]): TreeNode[] {
    const out: TreeNode[] = [];
    for (const c of codes) { const n = this.node(c); if (n) out.push(n); }
    return out;
  }

  roots(): TreeNode[] {
    const out: TreeNode[] = [];
    for (const ch of this.kb.chapters()) {
      let code: string | undefined;
      if (typeof ch === 'string') code = ch;
      else if (ch && typeof ch === 'object') {
        const o = ch as { code?: unknown; number?: unknown };
        if (typeof o.code === 'string') code = o.code;
        else if (typeof o.number === 'number') code = `CH${String(o.number).padStart(2, '0')}`;
      }
      const n = code ? this.node(code) : undefined;
      if (n) out.push(n);
    }
    return out;
  }

  children(code: string): TreeNode[] {
    const e = this.kb.get(String(code));
    return e ? this.nodes(e.children) : [];
  }

  /** Root first, the code itself last. */
  path(code: string): TreeNode[] {
    const out: TreeNode[] = [];
    const seen = new Set<string>();
    let e = this.kb.get(code);
    while (e && !seen.has(e.code)) {
      seen.add(e.code);
      const n = this.node(e.code);
      if (n) out.unshift(n);
      e = e.parent ? this.kb.get(e.parent) : undefined;
    }
    return out;
  }

  search(text: string, limit = 50): SearchResponse {
    const t0 = performance.now();
    const query = String(text ?? '').slice(0, MAX_QUERY);
    const k = Math.max(1, Math.min(MAX_SEARCH, Math.floor(Number(limit) || 50)));
    if (!query.trim()) return { query, results: [], elapsedMs: 0 };
    const results: SearchResponse['results'] = [];
    const seen = new Set<string>();
    // A typed code ("e11.22", "E1122") goes first even if the lexical search ranks it lower.
    const exact = this.lookupCode(query);
    if (exact) {
      results.push({ code: exact.code, title: titleOf(exact), kind: exact.kind, billable: !!exact.billable, score: 1, matched: exact.code, source: 'code' });
      seen.add(exact.code);
    }
    let hits: readonly ExplorerKbHit[] = [];
    try { hits = this.kb.search(query, k); } catch { hits = []; }
    for (const h of hits) {
      if (seen.has(h.code) || results.length >= k) continue;
      const e = this.kb.get(h.code);
      if (!e) continue;
      seen.add(h.code);
      results.push({
        code: e.code, title: titleOf(e), kind: e.kind, billable: !!e.billable,
        score: h.score ?? 0, matched: h.matched ?? h.title ?? '', source: h.source ?? '',
      });
    }
    return { query, results, elapsedMs: performance.now() - t0 };
  }

  private safeGet(code: string): ExplorerEntry | undefined {
    try { return code ? this.kb.get(code) : undefined; } catch { return undefined; }
  }

  private lookupCode(text: string): ExplorerEntry | undefined {
    const s = text.trim().toUpperCase().replace(/\s+/g, '');
    if (!/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{0,4})$/.test(s)) return undefined;
    const bare = s.replace('.', '');
    const dotted = bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
    return this.kb.get(dotted);
  }

  detail(code: string): CodeDetail | null {
    // A cited range that is not a block ("N18.1-N18.6") opens its first code.
    const e = this.safeGet(String(code)) ?? this.lookupCode(String(code)) ?? this.safeGet(String(code).split('-')[0]);
    if (!e) return null;
    const groups: Record<ExplorerNoteKind, ExplorerNote[]> = {
      inclusionTerm: [], includes: [], excludes1: [], excludes2: [], codeFirst: [], useAdditionalCode: [], codeAlso: [], note: [], sevenChrNote: [],
    };
    let notes: readonly ExplorerKbNote[] = [];
    try { notes = this.kb.notes(e.code); } catch { notes = []; }
    for (const n of notes) {
      const kind = (NOTE_KINDS.has(n.kind as ExplorerNoteKind) ? n.kind : 'note') as ExplorerNoteKind;
      groups[kind].push({ kind, text: String(n.text ?? ''), codes: [...(n.codes ?? [])], from: n.from ?? e.code });
    }
    let indexTerms: string[] = [];
    try { indexTerms = this.kb.indexPaths(e.code).map((p) => p.join(', ')); } catch { indexTerms = []; }
    const parent = e.parent ? this.kb.get(e.parent) : undefined;
    const siblingCodes = parent ? parent.children.filter((c) => c !== e.code) : [];
    const range = rangeOf(e);
    return {
      code: e.code,
      title: titleOf(e),
      shortTitle: e.shortTitle ?? '',
      kind: e.kind,
      billable: !!e.billable,
      ...(range ? { range } : {}),
      breadcrumb: this.path(e.code),
      inclusionTerms: groups.inclusionTerm.map((n) => n.text),
      indexTerms,
      excludes1: groups.excludes1,
      excludes2: groups.excludes2,
      includes: groups.includes,
      codeFirst: groups.codeFirst,
      useAdditionalCode: groups.useAdditionalCode,
      codeAlso: groups.codeAlso,
      notes: groups.note,
      sevenChrNote: groups.sevenChrNote,
      sevenChr: this.sevenChr(e.code),
      children: this.nodes(e.children),
      siblings: this.nodes(siblingCodes),
    };
  }

  private sevenChr(code: string): SevenCharOption[] {
    let raw: unknown;
    try { raw = this.kb.sevenCharacters?.(code); } catch { raw = undefined; }
    if (!raw) return [];
    const out: SevenCharOption[] = [];
    const push = (char: unknown, title: unknown) => { if (typeof char === 'string') out.push({ char, title: String(title ?? '') }); };
    if (raw instanceof Map) for (const [c, t] of raw) push(c, t);
    else if (Array.isArray(raw)) for (const o of raw) push(o?.char ?? o?.character ?? o?.[0], o?.title ?? o?.meaning ?? o?.description ?? o?.[1]);
    else if (typeof raw === 'object') {
      const o = raw as { options?: unknown };
      if (Array.isArray(o.options)) return this.sevenChrFrom(o.options);
      for (const [c, t] of Object.entries(raw as Record<string, unknown>)) push(c, t);
    }
    return out;
  }

  private sevenChrFrom(arr: unknown[]): SevenCharOption[] {
    return arr.flatMap((o) => {
      const r = o as { char?: unknown; character?: unknown; title?: unknown; meaning?: unknown; description?: unknown };
      const char = r.char ?? r.character;
      return typeof char === 'string' ? [{ char, title: String(r.title ?? r.meaning ?? r.description ?? '') }] : [];
    });
  }
}

type Handler<M extends keyof ExplorerRequestMap> = (params: ExplorerRequestMap[M]['params']) => Promise<ExplorerRequestMap[M]['result']>;

type ExplorerOwnMethod = 'clinicalCoder/explorer/roots' | 'clinicalCoder/explorer/children' | 'clinicalCoder/explorer/childrenMany'
  | 'clinicalCoder/explorer/detail' | 'clinicalCoder/explorer/search';
const MAX_PREFETCH = 100;

/** All request handlers, keyed by method; the connection-free core of registerExplorerRequests. */
export function createExplorerHandlers(deps: ExplorerDeps = DEFAULT_DEPS): { [M in ExplorerOwnMethod]: Handler<M> } {
  let service: ExplorerService | undefined;
  let serviceKb: ExplorerKnowledgeBase | undefined;
  const svc = async (): Promise<ExplorerService> => {
    let kb: ExplorerKnowledgeBase | undefined;
    try { kb = await deps.knowledgeBase(); } catch (e) { throw new Error(`Code Explorer: ${e instanceof Error ? e.message : String(e)}`); }
    if (!kb) throw new Error(NO_KB);
    if (kb !== serviceKb) { service = new ExplorerService(kb); serviceKb = kb; }
    return service!;
  };
  const code = (p: { code?: unknown } | undefined): string => {
    if (typeof p?.code !== 'string' || !p.code.trim()) throw new Error('Code Explorer: the request names no code.');
    return p.code.trim();
  };
  // The knowledge base builds its search index and reverse index map on first use (~1 s): do it
  // right after the panel has its chapters, so the first keystroke and first detail are fast.
  let warmed = false;
  const warmSoon = (kb: ExplorerKnowledgeBase | undefined) => {
    if (warmed || !kb) return;
    warmed = true;
    setTimeout(() => { try { kb.warmUp?.(); kb.indexPaths('A00.0'); } catch { /* a failing warm-up only costs speed */ } }, 20);
  };
  return {
    'clinicalCoder/explorer/roots': async () => { const s = await svc(); warmSoon(serviceKb); return s.roots(); },
    'clinicalCoder/explorer/children': async (p) => (await svc()).children(code(p)),
    'clinicalCoder/explorer/childrenMany': async (p) => {
      const s = await svc();
      const codes = Array.isArray(p?.codes) ? p.codes.filter((c): c is string => typeof c === 'string').slice(0, MAX_PREFETCH) : [];
      return Object.fromEntries(codes.map((c) => [c, s.children(c)]));
    },
    'clinicalCoder/explorer/search': async (p) => (await svc()).search(String(p?.text ?? ''), p?.limit),
    'clinicalCoder/explorer/detail': async (p) => (await svc()).detail(code(p)),
  };
}

const DEFAULT_DEPS: ExplorerDeps = { knowledgeBase: () => loadKnowledgeBase() };

/** The part of vscode-languageserver's Connection used here. */
export interface RequestConnection {
  onRequest(method: string, handler: (params: never) => unknown): unknown;
}

/** Registers the Code Explorer's custom requests on the language server connection. */
export function registerExplorerRequests(connection: RequestConnection, deps: ExplorerDeps = DEFAULT_DEPS): void {
  const handlers = createExplorerHandlers(deps) as Record<string, (p: unknown) => Promise<unknown>>;
  for (const [method, handler] of Object.entries(handlers)) {
    connection.onRequest(method, ((params: unknown) => handler(params)) as (params: never) => unknown);
  }
}
