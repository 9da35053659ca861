import type { CodeCandidate } from '../features';
import type { Alternative, RuleProvenance, SuggestionStatus } from '../types';

export interface ScoredCandidate extends CodeCandidate {
  confidence: number;
  status: SuggestionStatus;
}

export interface RuledCandidate extends ScoredCandidate {
  alternatives?: Alternative[];
  notes?: string[];
  /** Which rules changed this code, and how. */
  rules?: RuleProvenance[];
}
