// The on-disk layout of models/icd10cm/icd10cm.json.gz. Columnar arrays (one array per field,
// one position per row) keep the gzip small and the load a single JSON.parse. Bump
// ARTIFACT_VERSION whenever the layout changes; the loader refuses other versions.

export const ARTIFACT_DIR = 'icd10cm';
export const ARTIFACT_FILE = 'icd10cm.json.gz';
export const ARTIFACT_FORMAT = 'clinical-coder/icd10cm';
export const ARTIFACT_VERSION = 1;

export const NOTE_KINDS = ['inclusionTerm', 'includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso', 'note', 'sevenChrNote'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Flags on index terms. */
export const TERM_NEEDS_MORE_SPECIFICITY = 1;
/** The term's own codes came from <subcat>/<seecat> ("see category ..."). */
export const TERM_CATEGORY_REFERENCE = 2;

export interface SourceFile { file: string; sha256: string; fiscalYear: number }

/** Alphabetic Index (diseases or external causes): one row per term, parents before children. */
export interface TermColumns {
  parent: number[];      // row of the parent term, -1 for a main term
  title: string[];       // title without nonessential modifiers
  nemod: string[];       // nonessential modifiers, e.g. "(acute) (chronic)", '' if none
  codes: string[];       // space-separated reconciled FY2026 codes, '' if none
  manif: string[];       // space-separated manifestation codes (dual coding), '' if none
  flags: number[];       // TERM_* bits
  see: string[];         // "see" text, '' if none
  seeAlso: string[];     // "see also" text, '' if none
  seeTarget: number[];   // row the see / see-also text resolves to, -1 if unresolved or none
}

/** Neoplasm / Drug tables: a term tree whose rows carry one code per column ('' = no code). */
export interface TableColumns {
  headings: string[];    // column names after the first ("Malignant Primary", ...)
  parent: number[];
  title: string[];
  nemod: string[];
  cells: string[];       // codes joined by '|', one per heading
  see: string[];
  seeAlso: string[];
}

export interface IcdArtifact {
  format: string;
  version: number;
  fiscalYear: number;
  sources: SourceFile[];
  counts: Record<string, number>;
  /** Code range of each chapter as the tabular states it ("A00-B99"), in chapter order. */
  chapterRanges: string[];
  /** Chapters, then blocks, then codes in tabular order. */
  nodes: {
    code: string[];      // "CH04", "E08-E13", "E11.22"
    title: string[];     // long title
    short: string[];     // short title, '' when identical to the long title
    billable: string;    // one '1'/'0' per node
    parent: number[];    // -1 for chapters
  };
  /** Note text table; notes point into it (excludes texts repeat a lot). */
  texts: string[];
  notes: {
    node: number[];
    kind: number[];      // index into NOTE_KINDS
    text: number[];      // index into texts
    codes: string[];     // space-separated referenced codes / ranges, FY2026-valid
  };
  sevenChr: { node: number[]; chars: string[]; meanings: string[][] };
  index: TermColumns;
  eindex: TermColumns;
  neoplasm: TableColumns;
  drug: TableColumns;
}
