// Public shapes of the ICD-10-CM knowledge base. Code strings:
//   chapters  "CH01".."CH22" (ICD-10-CM chapters have no code of their own)
//   blocks    "first-last" as in the tabular section id, always with both ends: "E08-E13", "B10-B10"
//   codes     dotted, upper case: "E11", "E11.2", "E11.22", "S72.001A"
import type { NoteKind } from './artifact';

export type CodeKind = 'chapter' | 'block' | 'category' | 'subcategory' | 'code';

export interface IcdEntry {
  /** See the header comment for the chapter / block / code formats. */
  code: string;
  shortTitle: string;
  longTitle: string;
  /** Valid for submission in FY2026. */
  billable: boolean;
  /** chapter; block (tabular section); category (3 characters, billable or not); subcategory (longer header); code (longer, billable). */
  kind: CodeKind;
  /** Number of ancestors: chapter 0, block 1 (nested blocks 2), categories one below their block, and so on. */
  depth: number;
  parent?: string;
  children: string[];
  chapter: { number: number; title: string; range: string };
  /** The narrowest block holding the entry (for a chapter: range and title empty). */
  block: { range: string; title: string };
}

export interface CodeNote {
  kind: NoteKind;
  text: string;
  /** Codes (dotted) and ranges ("P35-P39") cited in the text, checked against FY2026: deleted ones dropped. */
  codes: string[];
  /** The code, block or chapter the note is written at (the entry's own code when not inherited). */
  from: string;
}

export interface IndexHit {
  /** Main term, then subterms (titles without nonessential modifiers). */
  path: string[];
  /** Billable FY2026 codes the term leads to: header references are expanded to their billable descendants (up to 40; beyond that the header itself is kept). For a "see" term, the codes of its target. */
  codes: string[];
  /** Manifestation (dual) codes to add after `codes`, e.g. I43 for "Amyloid heart". */
  manifestation?: string[];
  /** The index names a header (written "X.-", or a code split since FY2023): a more specific code is needed. */
  needsMoreSpecificity?: boolean;
  see?: string;
  seeAlso?: string;
  /** Nonessential modifiers per path element ('' where none). */
  modifiers?: string[];
  /** Codes exactly as the index cites them after reconciliation (headers not expanded). */
  referenced?: string[];
  /** Path of the term the see / see-also reference resolves to. */
  seeTarget?: string[];
}

export interface SearchHit {
  code: string;
  title: string;
  score: number;
  /** The text that matched (a title, an inclusion term, or an index path joined with ", "). */
  matched: string;
  source: 'title' | 'inclusion' | 'index';
}

/** A row of the Neoplasm or Drug table: one code per column ('' where the table has none). */
export interface TableHit {
  path: string[];
  cells: Record<string, string>;
  see?: string;
  seeAlso?: string;
}

export interface KnowledgeBaseMeta {
  fiscalYear: number;
  sources: { file: string; sha256: string; fiscalYear: number }[];
  counts: Record<string, number>;
}
