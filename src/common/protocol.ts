// Typed custom LSP requests and notifications, shared by the language server, the VS Code client and the
// webview. Only plain types and method names live here (no runtime dependency), so the browser bundle can
// import it too. Add a request: declare its params/result types, then one `defineRequest` line.
import type { CodingResult, Suggestion } from '../coder/types';

/** A request's method name, carrying its parameter and result types for the typed helpers on each side. */
export interface RequestDef<P, R> { readonly method: string; readonly __types?: [P, R] }
export interface NotificationDef<P> { readonly method: string; readonly __types?: [P] }
export type ParamsOf<D> = D extends RequestDef<infer P, unknown> ? P : D extends NotificationDef<infer P> ? P : never;
export type ResultOf<D> = D extends RequestDef<unknown, infer R> ? R : never;

export function defineRequest<P, R>(method: string): RequestDef<P, R> { return { method }; }
export function defineNotification<P>(method: string): NotificationDef<P> { return { method }; }

export type Decision = 'accepted' | 'rejected';

/** A coding note from the knowledge base that matters when assigning a code. */
export interface CodeInfoNote { kind: 'excludes1' | 'codeFirst' | 'useAdditionalCode'; text: string; from: string }

/** Knowledge-base facts about a suggested code, for the hover and the "more specific" quick fixes. */
export interface CodeInfo {
  /** Chapter › block › category (root first); chapters are named "Chapter N". */
  breadcrumb: { code: string; title: string }[];
  notes: CodeInfoNote[];
  /** Billable codes below this one (more specific), nearest level first. */
  children: { code: string; title: string }[];
  /** The code's own title and billability in the shipped code set. */
  title?: string;
  billable?: boolean;
  /** Set when the code is not in the shipped FY2026 code set (a hand-edited or foreign decisions file). */
  unknown?: true;
}

/** A suggestion as the editor shows it: the engine's suggestion plus the coder's decision, if any. */
export interface DocumentSuggestion extends Suggestion {
  decision?: Decision;
  info?: CodeInfo;
  /** Set on a code the coder chose in place of a suggested one ("replace with a more specific child"). */
  replaces?: string;
}

export interface DocumentCoding {
  uri: string;
  /** The document version these suggestions were computed for. */
  version: number;
  suggestions: DocumentSuggestion[];
  warnings: string[];
  /** Name of the suggestion source that produced them, e.g. "engine". */
  source: string;
  /** Set when the note was not coded, or only in part (too large, looks binary): what the user sees. */
  skipped?: string;
  /** Engine time for this coding and how many sentences came from the engine's cache (incremental re-coding). */
  engineMs?: number;
  /** CPU time of that coding (on a busy machine wall time waits for a core; this does not). */
  engineCpuMs?: number;
  sentences?: { reused: number; analysed: number };
  /** The note's section headers (for the section code lenses). */
  sections?: NoteSection[];
}

export interface UriParams { uri: string }
export interface DecideParams {
  uri: string;
  code: string;
  decision: Decision | 'clear';
  /** Accept `code` in place of this suggested code (its evidence carries over); the replaced code is rejected. */
  replaces?: string;
}
/** Accept or reject every pending suggestion whose main evidence lies in [start, end) (one section). */
export interface DecideSectionParams { uri: string; start: number; end: number; decision: Decision }
/** A note section as the code lenses and "Accept all in this section" see it (offsets into the note). */
export interface NoteSection { title: string; kind: string; start: number; end: number; headerStart: number; headerEnd: number }
export interface SearchParams { query: string; limit?: number }
export interface CodeSummary { code: string; title: string; billable: boolean }
export type ExportFormat = 'json' | 'csv' | 'fhir';
export interface ExportParams { uri: string; format: ExportFormat }
export interface ExportResult { format: ExportFormat; mimeType: string; extension: string; content: string }
export interface CodeTextParams { text: string; languageId?: string }

/** Source state the status bar shows: the model loading, ready, lexical-only (detail says why) or failed. */
export interface ServerStatus {
  state: 'starting' | 'loading' | 'ready' | 'lexical-only' | 'error';
  source: string;
  detail?: string;
  /** Engine load time (knowledge base + model), once loaded. */
  loadMs?: number;
  /** Server process id (the client uses it to tell a restart). */
  pid?: number;
}
export interface DocumentStatus { uri: string; suggested: number; accepted: number; rejected: number; skipped?: string }

export const Requests = {
  /** The current suggestions for an open document (codes it now if stale). */
  documentCoding: defineRequest<UriParams, DocumentCoding | null>('clinicalCoder/documentCoding'),
  /** Codes arbitrary text (workspace batch coding of unopened files, the CLI-like path). */
  codeText: defineRequest<CodeTextParams, CodingResult>('clinicalCoder/codeText'),
  /** Records the coder's decision on a suggested code (persisted, see src/server/decisions.ts). */
  decide: defineRequest<DecideParams, DocumentCoding | null>('clinicalCoder/decide'),
  /** Records one decision for every pending suggestion of a section ("Accept all in this section"). */
  decideSection: defineRequest<DecideSectionParams, DocumentCoding | null>('clinicalCoder/decideSection'),
  /** Searches ICD-10-CM codes and titles. */
  searchCodes: defineRequest<SearchParams, CodeSummary[]>('clinicalCoder/searchCodes'),
  /** Renders a document's codes in an export format. */
  exportCodes: defineRequest<ExportParams, ExportResult>('clinicalCoder/exportCodes'),
  /** The server's state (source loaded, lexical only, ...). */
  serverStatus: defineRequest<Record<string, never>, ServerStatus>('clinicalCoder/serverStatus'),
} as const;

export const Notifications = {
  /** Sent by the server after each (re)coding of a document. */
  documentStatus: defineNotification<DocumentStatus>('clinicalCoder/documentStatus'),
  /** Sent by the server when its state changes. */
  serverStatus: defineNotification<ServerStatus>('clinicalCoder/serverStatus'),
} as const;

/** Command ids contributed in package.json; code lenses and hovers link to them. */
export const Commands = {
  codeCurrentNote: 'clinicalCoder.codeCurrentNote',
  codeWorkspace: 'clinicalCoder.codeWorkspace',
  openExplorer: 'clinicalCoder.openExplorer',
  searchCodes: 'clinicalCoder.searchCodes',
  exportCodes: 'clinicalCoder.exportCodes',
  toggleSuggestions: 'clinicalCoder.toggleSuggestions',
  showLog: 'clinicalCoder.showLog',
  acceptCode: 'clinicalCoder.acceptCode',
  rejectCode: 'clinicalCoder.rejectCode',
  /** Accept a more specific code in place of a suggested one (args: CodeCommandArgs & { replaces }). */
  replaceCode: 'clinicalCoder.replaceCode',
  /** Accept every pending code of a section (args: SectionCommandArgs). */
  acceptSection: 'clinicalCoder.acceptSection',
} as const;

/** Arguments of the accept/reject/open-explorer commands when invoked from a lens, hover link or code action. */
export interface CodeCommandArgs { uri: string; code: string; replaces?: string }
export interface SectionCommandArgs { uri: string; start: number; end: number; title: string }
