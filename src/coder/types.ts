// The engine's public contract: what every surface (language server, CLI, webview) consumes.

export type SuggestionStatus = 'active' | 'historical' | 'family' | 'negated' | 'uncertain';
export type CodingPolicy = 'billing' | 'mentions';
/**
 * Where the encounter took place, which decides how the billing policy reads uncertain diagnoses: outpatient
 * (Official Guidelines Section IV.H: "probable", "likely", "rule out" are coded as their signs and symptoms) or
 * inpatient (Section II.H/III.C: uncertain diagnoses documented at discharge are coded as if established).
 */
export type CareSetting = 'outpatient' | 'inpatient';

/**
 * Why an evidence span matched a code ('learned': a phrase the scorer learned from coded training notes; 'coder': not
 * the engine's match but the coder's decision, e.g. a more specific child chosen in place of a suggestion).
 */
export type MatchReason = 'index' | 'inclusion' | 'title' | 'abbreviation' | 'encoder' | 'learned' | 'coder';

export interface Evidence {
  /** Character offsets into the note text (UTF-16 code units, as VS Code counts). */
  start: number;
  end: number;
  text: string;
  why: MatchReason;
  /** The knowledge-base text that matched, e.g. the index path "Diabetes, type 2, with, chronic kidney disease". */
  matched?: string;
  /** The sentence holding the evidence. */
  sentenceStart?: number;
  sentenceEnd?: number;
  section?: string;
  negation?: 'affirmed' | 'negated' | 'possible';
  temporality?: 'recent' | 'historical' | 'hypothetical';
  experiencer?: 'patient' | 'other';
  /** Encoder cosine similarity, when the encoder contributed. */
  similarity?: number;
}

export interface Alternative { code: string; title: string; reason?: string }

/** What a coding rule did to a suggestion ("E11.22: rule diabetes-combinations (OCG I.C.4.a ...), add"). */
export interface RuleProvenance { id: string; guideline: string; action: string }

export interface Suggestion {
  code: string;
  title: string;
  /** Calibrated probability that a coder would assign this code, in [0, 1]. */
  confidence: number;
  status: SuggestionStatus;
  billable: boolean;
  evidence: Evidence[];
  /** More specific codes the evidence does not (yet) support, e.g. "specify laterality". */
  alternatives: Alternative[];
  /** Coding-rule messages: Excludes1 conflicts, "use additional code", "code first". */
  notes?: string[];
  /** The coding rules that added or changed this code, in the order they ran. */
  rules?: RuleProvenance[];
}

export interface CodingOptions {
  policy?: CodingPolicy;
  /** Minimum confidence to return a suggestion. */
  threshold?: number;
  maxSuggestions?: number;
  useEncoder?: boolean;
  /** Include non-active suggestions (negated, family, ...). */
  all?: boolean;
  /** Billing policy: the encounter's setting (default outpatient). */
  setting?: CareSetting;
  /** Older spelling of `setting: 'inpatient'`; ignored when `setting` is given. */
  codeUncertainAsConfirmed?: boolean;
  /** Ids of coding rules not to apply (`clinical-coder rules` lists them). */
  disabledRules?: readonly string[];
}

export interface CodingResult {
  suggestions: Suggestion[];
  /** Human-readable problems met while coding (e.g. "encoder unavailable: lexical only"). */
  warnings: string[];
  timings?: Record<string, number>;
}
