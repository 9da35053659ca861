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

/** A suggestion as the editor shows it: the engine's suggestion plus the coder's decision, if any. */
export interface DocumentSuggestion extends Suggestion { decision?: Decision }

export interface DocumentCoding {
  uri: string;
  /** The document version these suggestions were computed for. */
  version: number;
  suggestions: DocumentSuggestion[];
  warnings: string[];
  /** Name of the suggestion source that produced them, e.g. "keyword table" or "engine". */
  source: string;
}

export interface UriParams { uri: string }
export interface DecideParams { uri: string; code: string; decision: Decision | 'clear' }
export interface SearchParams { query: string; limit?: number }
export interface CodeSummary { code: string; title: string; billable: boolean }
export type ExportFormat = 'json' | 'csv' | 'fhir';
export interface ExportParams { uri: string; format: ExportFormat }
export interface ExportResult { format: ExportFormat; mimeType: string; extension: string; content: string }
export interface CodeTextParams { text: string; languageId?: string }

/** Source state the status bar shows. */
export interface ServerStatus {
  state: 'starting' | 'ready' | 'lexical-only' | 'error';
  source: string;
  detail?: string;
}
export interface DocumentStatus { uri: string; suggested: number; accepted: number; rejected: number }

export const Requests = {
  /** The current suggestions for an open document (codes it now if stale). */
  documentCoding: defineRequest<UriParams, DocumentCoding | null>('clinicalCoder/documentCoding'),
  /** Codes arbitrary text (workspace batch coding of unopened files, the CLI-like path). */
  codeText: defineRequest<CodeTextParams, CodingResult>('clinicalCoder/codeText'),
  /** Records the coder's decision on a suggested code. */
  decide: defineRequest<DecideParams, DocumentCoding | null>('clinicalCoder/decide'),
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
} as const;

/** Arguments of the accept/reject/open-explorer commands when invoked from a lens, hover link or code action. */
export interface CodeCommandArgs { uri: string; code: string }
