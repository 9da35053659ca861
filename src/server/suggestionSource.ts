// The seam between the language server and whatever produces ICD-10-CM suggestions. The server only knows
// this interface; the default is the coding engine (src/coder) in a worker thread (engineSource.ts). Tests
// may pass any object with this shape.
import type { CodingOptions, CodingResult } from '../coder/types';
import type { CodeInfo, CodeSummary, NoteSection } from '../common/protocol';
import { WorkerSuggestionSource } from './engineSource';

/** Model state the status bar shows: loading, ready, lexical-only (with the reason) or error. */
export interface SourceState {
  state: 'loading' | 'ready' | 'lexical-only' | 'error';
  detail?: string;
  loadMs?: number;
}

export interface SuggestionSource {
  /** Short human name, shown in the log and the status bar. */
  readonly name: string;
  readonly state: SourceState;
  /** True once the source can code without waiting for a load. */
  readonly isReady: boolean;
  onState(fn: (s: SourceState) => void): void;
  /**
   * Codes one note. `key` (the document URI) lets a newer call replace a queued older one, which then
   * rejects with SupersededError. Must not throw for any input text; problems go into `warnings`.
   */
  code(text: string, opts: CodingOptions, key?: string): Promise<CodingResult & { engineMs?: number; engineCpuMs?: number; sentences?: { reused: number; analysed: number }; sections?: NoteSection[] }>;
  /** Drops queued work for `key` (the document closed). */
  cancel(key: string): void;
  /** Searches codes by code prefix or title words (Search ICD-10-CM command). */
  search(query: string, limit: number): Promise<CodeSummary[]>;
  /** Knowledge-base facts (breadcrumb, notes, children) for codes a suggestion did not bring, e.g. a child the coder chose. */
  codeInfo(codes: string[]): Promise<Record<string, CodeInfo>>;
  /** Answers a Code Explorer request (src/server/explorerRequests.ts) against the source's knowledge base. */
  explorer(method: string, params: unknown): Promise<unknown>;
  dispose(): Promise<void>;
}

export interface SourceOptions {
  /** Custom model folder (setting clinicalCoder.model.path; ignored in untrusted workspaces). */
  modelPath?: string;
  encoderEnabled: boolean;
  encoderThreads: number;
  log(message: string): void;
  /** Tells the user something went wrong that they should know about (the engine stopped and restarted). */
  warn?(message: string): void;
  /** The engine kept crashing and is not restarted again (the owner should restart the process). */
  onGiveUp?(reason: string): void;
}

/** Builds the suggestion source the server uses: it starts loading at once and codes when ready. */
export function createSuggestionSource(options: SourceOptions & { workerScript: string }): SuggestionSource {
  return new WorkerSuggestionSource(options);
}
