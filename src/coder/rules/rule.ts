// What a coding rule is: a named unit with the guideline it implements, the policies it runs under, its phase and
// examples, and a body that says what to change (edits) instead of changing the candidates itself.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import type { NoteView } from '../note-view';
import type { CodingPolicy, RuleProvenance, SuggestionStatus } from '../types';
import type { RuledCandidate } from './types';

/** Phases run in this order; rules of one phase in registry order. */
export const RULE_PHASES = ['read', 'filter', 'add', 'specificity', 'assess', 'conflicts', 'annotate'] as const;
export type RulePhase = (typeof RULE_PHASES)[number];

/** What every rule sees: the knowledge base, the policy and the note (its text, sentences, sections, abbreviations). */
export interface RuleContext {
  kb: IcdKnowledgeBase;
  policy: CodingPolicy;
  text: string;
  view?: NoteView;
}

/** A note snippet and what coding it must (expect) and must not (forbid) suggest as active codes. */
export interface RuleExample {
  note: string;
  expect?: string[];
  forbid?: string[];
  /** Default: the first of the rule's policies. */
  policy?: CodingPolicy;
  /** Rules off for this example: a later rule that would set aside what this one produces (a user can turn it off too). */
  without?: string[];
}

export type RuleEdit =
  /** A code from the rule; joins the same code when already suggested (evidence, higher confidence, active). */
  | { op: 'add'; code: string; mentions: PlacedMention[]; confidence: number; note: string }
  | { op: 'drop'; target: RuledCandidate }
  | { op: 'status'; target: RuledCandidate; status: SuggestionStatus; note: string }
  | { op: 'note'; target: RuledCandidate; note: string }
  /** Another code for the same evidence (a side, a 7th character); merged with that code when already suggested. */
  | { op: 'replace'; target: RuledCandidate; code: string; note: string }
  | { op: 'confidence'; target: RuledCandidate; confidence: number }
  /** More evidence for a code, e.g. the mentions of a code it replaces (`from`). */
  | { op: 'evidence'; target: RuledCandidate; mentions: PlacedMention[]; note?: string; from?: string };

/** A code a rule would use instead of a candidate's, and why. */
export interface Recode { code: string; note: string }

interface RuleMeta {
  /** kebab-case, stable: settings and the CLI name rules by it. */
  id: string;
  title: string;
  /** The guideline section or index entry it implements, e.g. "OCG I.C.4.a", "Index: Diabetes, poorly controlled". */
  guideline: string;
  policies: readonly CodingPolicy[];
  phase: RulePhase;
  examples: readonly RuleExample[];
}

/** A rule that returns edits; the candidates it is given are frozen. */
export interface EditRule extends RuleMeta { edits(ctx: RuleContext, cs: readonly RuledCandidate[]): RuleEdit[] }

/**
 * A hierarchy-driven algorithm (specificity, Excludes1, laterality, 7th character...) that rewrites the list: it gets
 * copies of the candidates, so nothing it changes leaks into the input; the runner records what it changed.
 */
export interface TransformRule extends RuleMeta { transform(ctx: RuleContext, cs: RuledCandidate[]): RuledCandidate[] }

export type CodingRule = EditRule | TransformRule;

export type { RuleProvenance };

export const isEditRule = (r: CodingRule): r is EditRule => 'edits' in r;
