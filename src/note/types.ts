// The public shapes of the note model. Every offset indexes into the original text exactly
// (JavaScript string indices = UTF-16 code units, the same unit VS Code positions use).

/** What a section means for coding: where a mention sits changes how much it counts. */
export type SectionRole =
  | 'diagnosis' | 'history' | 'family' | 'social' | 'ros' | 'exam' | 'findings' | 'medications'
  | 'allergies' | 'complaint' | 'narrative' | 'plan' | 'procedures' | 'other';

export interface Section {
  /** Canonical name, e.g. 'assessment_and_plan', 'family_history'; 'preamble' for text before any header. */
  kind: string;
  /** The header text as written (without the colon), when there is one. */
  title?: string;
  role: SectionRole;
  /** Whole section, header included: [start, end). */
  start: number;
  end: number;
  headerStart?: number;
  headerEnd?: number;
  /** First character after the header (== start when there is no header). */
  bodyStart: number;
}

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased, curly quotes and dashes straightened. */
  norm: string;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  sectionIndex: number;
  tokens: Token[];
  /** True when the sentence is an item of a bulleted or numbered list ("1. HTN - stable"). */
  listItem?: boolean;
}

export interface AbbreviationMatch {
  start: number;
  end: number;
  text: string;
  /** The chosen (or, when ambiguous and unresolved, the most common) expansion. */
  expansion: string;
  /** Other senses of an ambiguous abbreviation. */
  alternatives?: string[];
  /** True when more than one sense exists and the context did not settle it. */
  ambiguous: boolean;
  /** What settled an ambiguous abbreviation, e.g. 'context:"gait"' or 'section:exam'. */
  resolvedBy?: string;
}

export interface Note {
  text: string;
  sections: Section[];
  sentences: Sentence[];
  abbreviations: AbbreviationMatch[];
  warnings: string[];
}

export type Negation = 'affirmed' | 'negated' | 'possible';
export type Temporality = 'recent' | 'historical' | 'hypothetical';
export type Experiencer = 'patient' | 'other';

export interface ContextTrigger {
  text: string;
  start: number;
  end: number;
  /** e.g. 'negated', 'possible', 'historical', 'hypothetical', 'other', 'section:family'. */
  kind: string;
}

export interface ContextResult {
  negation: Negation;
  temporality: Temporality;
  experiencer: Experiencer;
  /** The triggers (or section defaults) that decided the result; offsets relative to the sentence. */
  triggers: ContextTrigger[];
}
