// What the writers consume: one coded note (its file or id, and the engine's suggestions).
import type { Suggestion } from '../types';

export interface CodedNote {
  /** The path as given or found (CLI), or a document URI (editor). */
  file: string;
  suggestions: Suggestion[];
  warnings?: string[];
}

/** The compact suggestion shape of the JSONL format (stable, documented in the CLI help). */
export function compactSuggestion(s: Suggestion) {
  return {
    code: s.code,
    title: s.title,
    confidence: Math.round(s.confidence * 1000) / 1000,
    status: s.status,
    evidence: s.evidence.map((e) => ({ start: e.start, end: e.end, text: e.text, why: e.why })),
  };
}

/** Suggestions ranked by confidence (ties: code order, so output is deterministic). */
export function ranked(suggestions: Suggestion[]): Suggestion[] {
  return [...suggestions].sort((a, b) => b.confidence - a.confidence || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
