// ICD-10-CM knowledge base: the FY2026 code set with its hierarchy, tabular notes, 7th characters,
// Alphabetic Index, Neoplasm/Drug tables and External Cause index. No `vscode` import here.
export { IcdKnowledgeBase } from './knowledge-base';
export { loadKnowledgeBase, artifactPath, IcdArtifactError } from './loader';
export { IcdCodeError, parseCode, dotCode, undotCode, chapterCode } from './codes';
export type { ParsedCode } from './codes';
export { tokenize, phraseKey, stem, expandAbbreviations, ABBREVIATIONS } from './text';
export { NOTE_KINDS } from './artifact';
export type { NoteKind } from './artifact';
export type { CodeKind, IcdEntry, CodeNote, IndexHit, SearchHit, TableHit, KnowledgeBaseMeta } from './types';
