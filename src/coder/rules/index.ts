// Coding rules a coder applies after scoring, run by the registry: history and family Z codes (billing), combination
// codes, specificity, 7th characters, manifestation codes, status codes, "use additional"/"code first" notes, Excludes1.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { CodingPolicy } from '../types';
import type { NoteView } from '../note-view';
import { CODING_RULES } from './registry';
import { runRules } from './runner';
import type { RuledCandidate, ScoredCandidate } from './types';

export function applyCodingRules(kb: IcdKnowledgeBase, scored: ScoredCandidate[], policy: CodingPolicy, text: string, view?: NoteView,
  disabled: ReadonlySet<string> = new Set()): RuledCandidate[] {
  return runRules(CODING_RULES, { kb, policy, text, view }, scored.map((c) => ({ ...c })), disabled);
}
