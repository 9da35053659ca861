// The seam between the language server and whatever produces ICD-10-CM suggestions. The server only knows
// this interface; swapping the stand-in keyword table for the real engine (src/coder) is one line in
// createSuggestionSource below.
import type { CodingOptions, CodingResult } from '../coder/types';
import type { CodeSummary } from '../common/protocol';
import { KeywordSuggestionSource } from './keywordSource';

export interface SuggestionSource {
  /** Short human name, shown in the log and the status bar ("keyword table", "engine"). */
  readonly name: string;
  /** Codes one note. Must not throw for any input text; problems go into `warnings`. */
  code(text: string, opts: CodingOptions): Promise<CodingResult>;
  /** Searches codes by code prefix or title words (Search ICD-10-CM command, Code Explorer). */
  search?(query: string, limit: number): Promise<CodeSummary[]>;
  /** True when the source runs without its model (lexical only); `reason` says why. */
  readonly degraded?: { reason: string };
}

export interface SourceOptions {
  /** Custom model folder (setting clinicalCoder.model.path; ignored in untrusted workspaces). */
  modelPath?: string;
  encoderEnabled: boolean;
  encoderThreads: number;
  log(message: string): void;
}

/** Builds the suggestion source the server uses. */
export async function createSuggestionSource(options: SourceOptions): Promise<SuggestionSource> {
  void options;
  return new KeywordSuggestionSource();
}
