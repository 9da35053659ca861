import type { CodeCandidate } from '../features';
import type { Alternative, SuggestionStatus } from '../types';

export interface ScoredCandidate extends CodeCandidate {
  confidence: number;
  status: SuggestionStatus;
}

export interface RuledCandidate extends ScoredCandidate {
  alternatives?: Alternative[];
  notes?: string[];
}
