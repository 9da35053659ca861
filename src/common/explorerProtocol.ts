// The Code Explorer's typed protocol, shared by three parties:
//   webview  <-- postMessage -->  extension host  <-- LSP custom requests -->  language server
// The webview never reads files: every piece of data comes from the language server through the
// extension, which forwards only the request methods listed in EXPLORER_METHODS.
// Types only (plus two constant tables): safe to import from the browser bundle.

import type { DecideParams, DocumentCoding, ExportFormat, UriParams } from './protocol';

export type { DecideParams, DocumentCoding, DocumentSuggestion, Decision, ExportFormat } from './protocol';

export type NodeKind = 'chapter' | 'block' | 'category' | 'subcategory' | 'code';

/** One row of the hierarchy. Chapters and blocks carry their range in `range`. */
export interface TreeNode {
  code: string;
  title: string;
  kind: NodeKind;
  billable: boolean;
  hasChildren: boolean;
  range?: string;
}

export type ExplorerNoteKind =
  | 'inclusionTerm' | 'includes' | 'excludes1' | 'excludes2' | 'codeFirst' | 'useAdditionalCode'
  | 'codeAlso' | 'note' | 'sevenChrNote';

/** A tabular note on a code, own or inherited (`from` is the code that carries it). */
export interface ExplorerNote {
  kind: ExplorerNoteKind;
  text: string;
  /** Codes cited in the text, canonical dotted form; the webview makes them clickable. */
  codes: string[];
  from: string;
}

export interface SevenCharOption {
  /** The 7th character, e.g. "A". */
  char: string;
  title: string;
}

/** Everything the code-detail view shows: the "knowledge-injected description". */
export interface CodeDetail {
  code: string;
  title: string;
  shortTitle: string;
  kind: NodeKind;
  billable: boolean;
  range?: string;
  /** Root (chapter) first, the code itself last. */
  breadcrumb: TreeNode[];
  inclusionTerms: string[];
  /** Alphabetic Index paths leading here, each joined with ", " ("Diabetes, type 2, with, ..."). */
  indexTerms: string[];
  excludes1: ExplorerNote[];
  excludes2: ExplorerNote[];
  includes: ExplorerNote[];
  codeFirst: ExplorerNote[];
  useAdditionalCode: ExplorerNote[];
  codeAlso: ExplorerNote[];
  notes: ExplorerNote[];
  sevenChrNote: ExplorerNote[];
  sevenChr: SevenCharOption[];
  children: TreeNode[];
  siblings: TreeNode[];
}

export interface SearchResult {
  code: string;
  title: string;
  kind: NodeKind;
  billable: boolean;
  score: number;
  /** The text that matched (title, inclusion term or index path). */
  matched: string;
  source: string;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
  /** Server-side search time in ms (shown in the bench, not in the UI). */
  elapsedMs: number;
}

/**
 * Requests the webview may send. The first four are answered by src/server/explorerRequests.ts from the
 * knowledge base; the note's suggestions and the coder's decisions use the editor's own requests
 * (src/common/protocol.ts), so the panel, the diagnostics and the code lenses share one source of truth.
 */
export interface ExplorerRequestMap {
  'clinicalCoder/explorer/roots': { params: Record<string, never>; result: TreeNode[] };
  'clinicalCoder/explorer/children': { params: { code: string }; result: TreeNode[] };
  /** Look-ahead: the children of several nodes at once (the tree prefetches one level below what is shown). */
  'clinicalCoder/explorer/childrenMany': { params: { codes: string[] }; result: Record<string, TreeNode[]> };
  'clinicalCoder/explorer/detail': { params: { code: string }; result: CodeDetail | null };
  'clinicalCoder/explorer/search': { params: { text: string; limit?: number }; result: SearchResponse };
  'clinicalCoder/documentCoding': { params: UriParams; result: DocumentCoding | null };
  'clinicalCoder/decide': { params: DecideParams; result: DocumentCoding | null };
}
export type ExplorerMethod = keyof ExplorerRequestMap;
export type ParamsOf<M extends ExplorerMethod> = ExplorerRequestMap[M]['params'];
export type ResultOf<M extends ExplorerMethod> = ExplorerRequestMap[M]['result'];

/** The only methods the extension forwards from the webview to the server. */
export const EXPLORER_METHODS: readonly ExplorerMethod[] = [
  'clinicalCoder/explorer/roots',
  'clinicalCoder/explorer/children',
  'clinicalCoder/explorer/childrenMany',
  'clinicalCoder/explorer/detail',
  'clinicalCoder/explorer/search',
  'clinicalCoder/documentCoding',
  'clinicalCoder/decide',
];

export function isExplorerMethod(m: unknown): m is ExplorerMethod {
  return typeof m === 'string' && (EXPLORER_METHODS as readonly string[]).includes(m);
}

/** The note the panel follows (the active editor's document when it is a note). */
export interface ActiveNote {
  uri: string;
  /** File name for display. */
  name: string;
}

/** Messages the webview posts to the extension host. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'request'; id: number; method: ExplorerMethod; params: unknown }
  /** Reveal and select note text [start, end) (UTF-16 offsets) in the editor. */
  | { type: 'reveal'; uri: string; start: number; end: number }
  | { type: 'export'; uri: string; format: ExportFormat };

/** Messages the extension host posts to the webview. */
export type HostToWebview =
  | { type: 'response'; id: number; result?: unknown; error?: string }
  | { type: 'activeNote'; note: ActiveNote | null }
  /** The note's suggestions changed (new diagnostics): re-ask for the summary. */
  | { type: 'noteChanged'; uri: string }
  /** Open the detail of a code (command "Open in Code Explorer" from hovers and code lenses). */
  | { type: 'showCode'; code: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string };

/** What the webview keeps in vscode.setState (restored on show and, through the serializer, on restart). */
export interface ExplorerViewState {
  v: 1;
  tab: 'hierarchy' | 'detail' | 'summary';
  query: string;
  expanded: string[];
  selected?: string;
  detailCode?: string;
  note?: ActiveNote | null;
}

/** The webview panel type (also the serializer's key and the activation event onWebviewPanel:<it>). */
export const VIEW_TYPE = 'clinicalCoder.codeExplorer';
