// Messages between the language server's main thread and its engine worker thread (engineWorker.ts).
// The engine (knowledge base, lexicon, scorer, encoder) loads and codes in the worker so the server keeps
// answering LSP requests while it loads (seconds) and while it codes a long note.
import type { CodingOptions, CodingResult } from '../coder/types';
import type { NoteSection } from '../common/protocol';

/** `workerData.role` that makes dist/server.js run as the engine worker instead of the language server. */
export const ENGINE_WORKER_ROLE = 'clinical-coder-engine';

export interface EngineWorkerData {
  role: typeof ENGINE_WORKER_ROLE;
  /** Custom encoder folder (clinicalCoder.model.path), already cleared in untrusted workspaces. */
  modelPath?: string;
  encoderEnabled: boolean;
  encoderThreads: number;
}

export type ToWorker =
  | { type: 'code'; id: number; text: string; opts: CodingOptions }
  | { type: 'search'; id: number; query: string; limit: number }
  | { type: 'explorer'; id: number; method: string; params: unknown }
  | { type: 'info'; id: number; codes: string[] };

export type FromWorker =
  | { type: 'ready'; loadMs: number; encoder: boolean; warnings: string[]; lexicalReason?: string; /** Which encoder runs, for the status tooltip. */ model?: string }
  | { type: 'fatal'; error: string }
  | { type: 'log'; message: string }
  | { type: 'result'; id: number; result?: unknown; error?: string; engineMs?: number };

/** What a code request returns: the engine's result plus how much of the sentence cache it reused. */
export interface WorkerCodingResult extends CodingResult {
  /** Wall time in the worker (engine, KB facts, sections). */
  engineMs: number;
  /** CPU time of the process meanwhile (the worker's work; the main thread idles while it waits). */
  engineCpuMs: number;
  sentences: { reused: number; analysed: number };
  /** Section headers of the coded text (for the section code lenses). */
  sections: NoteSection[];
}
