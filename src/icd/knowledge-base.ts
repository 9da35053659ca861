// The ICD-10-CM knowledge base over a loaded artifact (see artifact.ts). Loading only maps typed
// columns; strings are decoded when asked for, and entries, the search index and the index-term
// matchers are built on first use (or by warmUp()).
import { NOTE_KINDS, TERM_NEEDS_MORE_SPECIFICITY, TITLE_SUFFIX } from './artifact';
import type { ArtifactReader, StringColumn } from './artifact';
import { IcdCodeError, parseCode, RANGE, inRange } from './codes';
import { IndexTermMatcher, streamStarts, termTokensFromText } from './index-term-matcher';
import type { TermTokens } from './index-term-matcher';
import { LexicalIndex } from './lexical-index';
import { expandAbbreviations, QUALIFIER_WORDS, tokenize, TokenVocabulary } from './text';
import type { CodeKind, CodeNote, IcdEntry, IndexHit, KnowledgeBaseMeta, SearchHit, TableHit } from './types';

/** A header reference with more billable descendants than this stays a header in IndexHit.codes. */
const MAX_EXPANDED_CODES = 40;
const MAX_QUERY_CHARS = 500;
const INCLUSION = NOTE_KINDS.indexOf('inclusionTerm');

/** An Alphabetic Index as columns (diseases or external causes). */
class TermTable {
  readonly parent: Int32Array; readonly flags: Uint8Array; readonly seeTarget: Int32Array;
  readonly title: StringColumn; readonly nemod: StringColumn; readonly codes: StringColumn; readonly manif: StringColumn;
  readonly see: StringColumn; readonly seeAlso: StringColumn;
  constructor(r: ArtifactReader, name: string) {
    this.parent = r.i32(`${name}.parent`); this.flags = r.u8(`${name}.flags`); this.seeTarget = r.i32(`${name}.seeTarget`);
    this.title = r.strings(`${name}.title`); this.nemod = r.strings(`${name}.nemod`); this.codes = r.strings(`${name}.codes`);
    this.manif = r.strings(`${name}.manif`); this.see = r.strings(`${name}.see`); this.seeAlso = r.strings(`${name}.seeAlso`);
  }
  get size(): number { return this.parent.length; }
  private kids?: Map<number, number[]>;
  /** Direct subterms of a term. */
  childRows(row: number): number[] {
    if (!this.kids) {
      this.kids = new Map();
      for (let r = 0; r < this.parent.length; r++) {
        const p = this.parent[r];
        if (p < 0) continue;
        let l = this.kids.get(p);
        if (!l) this.kids.set(p, (l = []));
        l.push(r);
      }
    }
    return this.kids.get(row) ?? [];
  }
  path(row: number): string[] {
    const out: string[] = [];
    for (let r = row; r >= 0; r = this.parent[r]) out.push(this.title.get(r));
    return out.reverse();
  }
}

/** The Neoplasm or Drug table as columns. */
class CellTable {
  readonly parent: Int32Array;
  readonly title: StringColumn; readonly nemod: StringColumn; readonly cells: StringColumn;
  readonly see: StringColumn; readonly seeAlso: StringColumn;
  constructor(r: ArtifactReader, name: string, readonly headings: string[]) {
    this.parent = r.i32(`${name}.parent`);
    this.title = r.strings(`${name}.title`); this.nemod = r.strings(`${name}.nemod`); this.cells = r.strings(`${name}.cells`);
    this.see = r.strings(`${name}.see`); this.seeAlso = r.strings(`${name}.seeAlso`);
  }
}

export class IcdKnowledgeBase {
  readonly meta: KnowledgeBaseMeta;
  private readonly r: ArtifactReader;
  private readonly codes: string[];
  private readonly titles: StringColumn;
  private readonly shorts: StringColumn;
  private readonly billable: Uint8Array;
  private readonly parent: Int32Array;
  private readonly rowOf = new Map<string, number>();
  private readonly childStart: Int32Array;
  private readonly childRows: Int32Array;
  private readonly nodeCount: number;
  private readonly chapterCount: number;
  private readonly firstCodeRow: number;
  private readonly entries: (IcdEntry | undefined)[];
  private readonly noteNode: Int32Array;
  private readonly noteKind: Uint8Array;
  private readonly noteText: Int32Array;
  private readonly noteCodes: StringColumn;
  private readonly noteTexts: StringColumn;
  /** Notes of node r: noteRows[noteStart[r] .. noteStart[r + 1]). */
  private readonly noteStart: Int32Array;
  private readonly noteRows: Int32Array;
  private readonly sevenAt = new Map<number, number>();
  private readonly index: TermTable;
  private readonly eindex: TermTable;
  private readonly neoplasm: CellTable;
  private readonly drug: CellTable;
  private readonly chapterRanges: string[];
  private vocab_: TokenVocabulary | undefined;
  private indexTokens_: TermTokens | undefined;
  private reverseIndex: Map<string, number[]> | undefined;
  private search_: { index: LexicalIndex; docRow: Int32Array; docSource: Uint8Array; docText: (d: number) => string } | undefined;
  private matchers: Partial<Record<'index' | 'eindex' | 'neoplasm' | 'drug', IndexTermMatcher>> = {};

  constructor(reader: ArtifactReader) {
    this.r = reader;
    const h = reader.header;
    this.meta = { fiscalYear: h.fiscalYear, sources: h.sources, counts: h.counts };
    this.chapterRanges = h.chapterRanges;
    this.codes = reader.strings('node.code').all();
    this.titles = reader.strings('node.title');
    this.shorts = reader.strings('node.short');
    this.billable = reader.u8('node.billable');
    const parent = (this.parent = reader.i32('node.parent'));
    const n = (this.nodeCount = this.codes.length);
    if (this.titles.length !== n || this.billable.length !== n || parent.length !== n) throw new Error('node columns have different lengths');
    for (let i = 0; i < n; i++) this.rowOf.set(this.codes[i], i);
    let chapters = 0;
    while (chapters < n && parent[chapters] === -1) chapters++;
    this.chapterCount = chapters;
    let first = chapters;
    while (first < n && !parseCode(this.codes[first])) first++;
    this.firstCodeRow = first;
    [this.childStart, this.childRows] = IcdKnowledgeBase.group(parent, n);
    this.entries = new Array(n);
    this.noteNode = reader.i32('note.node');
    this.noteKind = reader.u8('note.kind');
    this.noteText = reader.i32('note.text');
    this.noteCodes = reader.strings('note.codes');
    this.noteTexts = reader.strings('text.note');
    [this.noteStart, this.noteRows] = IcdKnowledgeBase.group(this.noteNode, n);
    reader.i32('seven.node').forEach((row, i) => this.sevenAt.set(row, i));
    this.index = new TermTable(reader, 'index');
    this.eindex = new TermTable(reader, 'eindex');
    this.neoplasm = new CellTable(reader, 'neoplasm', h.tableHeadings.neoplasm);
    this.drug = new CellTable(reader, 'drug', h.tableHeadings.drug);
  }

  /** Rows grouped by a key column (counting sort): members of key k are rows[start[k] .. start[k + 1]). */
  private static group(key: Int32Array, n: number): [Int32Array, Int32Array] {
    const start = new Int32Array(n + 1);
    for (let i = 0; i < key.length; i++) if (key[i] >= 0) start[key[i] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice();
    const rows = new Int32Array(start[n]);
    for (let i = 0; i < key.length; i++) if (key[i] >= 0) rows[fill[key[i]]++] = i;
    return [start, rows];
  }

  // -------------------------------------------------------------------------------------------
  // Codes and hierarchy
  // -------------------------------------------------------------------------------------------

  /** Row of a code / block / chapter reference in any accepted spelling, or -1. */
  private find(input: unknown): number {
    if (typeof input !== 'string' || input.length > 40) return -1;
    const s = input.trim();
    const direct = this.rowOf.get(s);
    if (direct !== undefined) return direct;
    const up = s.toUpperCase().replace(/\s+/g, '');
    const ch = /^(?:CH(?:APTER)?)?0*([1-9][0-9]?)$/.exec(up);
    if (ch) return this.rowOf.get(`CH${ch[1].padStart(2, '0')}`) ?? -1;
    const rm = RANGE.exec(up);
    if (rm) return this.rowOf.get(`${rm[1]}-${rm[2]}`) ?? -1;
    const p = parseCode(up);
    return p ? this.rowOf.get(p.code) ?? -1 : -1;
  }

  /**
   * Canonical form of a code that exists in FY2026: "e11.22", "E1122", " E11.22 " -> "E11.22";
   * also "CH04" / "4" for chapters and "E08-E13" for blocks. Throws IcdCodeError otherwise.
   */
  normalize(code: string): string {
    if (typeof code !== 'string' || !code.trim()) throw new IcdCodeError('empty code: expected an ICD-10-CM code such as "E11.22"', String(code));
    const row = this.find(code);
    if (row >= 0) return this.codes[row];
    const shown = JSON.stringify(code.length > 40 ? code.slice(0, 40) + '…' : code);
    const p = parseCode(code);
    if (!p) throw new IcdCodeError(`${shown} is not an ICD-10-CM code: expected a letter, then 2 to 6 letters or digits with an optional dot after the third, e.g. "E11.22" or "E1122"`, code);
    throw new IcdCodeError(`${p.code} is not in the FY${this.meta.fiscalYear} ICD-10-CM code set (deleted, not yet created, or mistyped): search for it by its title instead`, code);
  }

  get(code: string): IcdEntry | undefined {
    const row = this.find(code);
    return row >= 0 ? this.entry(row) : undefined;
  }

  isBillable(code: string): boolean {
    const row = this.find(code);
    return row >= 0 && this.billable[row] === 1;
  }

  /** Nearest first, ending at the chapter. Empty for unknown codes. */
  ancestors(code: string): IcdEntry[] {
    const out: IcdEntry[] = [];
    const row = this.find(code);
    if (row < 0) return out;
    for (let p = this.parent[row]; p >= 0; p = this.parent[p]) out.push(this.entry(p));
    return out;
  }

  children(code: string): IcdEntry[] {
    const row = this.find(code);
    return row < 0 ? [] : this.childRowsOf(row).map((r) => this.entry(r));
  }

  /** Other children of the same parent, in tabular order (chapters: the other chapters). */
  siblings(code: string): IcdEntry[] {
    const row = this.find(code);
    if (row < 0) return [];
    const p = this.parent[row];
    const rows = p < 0 ? [...Array(this.chapterCount).keys()] : this.childRowsOf(p);
    return rows.filter((r) => r !== row).map((r) => this.entry(r));
  }

  chapters(): IcdEntry[] {
    return [...Array(this.chapterCount).keys()].map((r) => this.entry(r));
  }

  /** Every FY2026 code and header (categories and below), in tabular order. */
  *allCodes(): Iterable<IcdEntry> {
    for (let r = this.firstCodeRow; r < this.nodeCount; r++) yield this.entry(r);
  }

  *billableCodes(): Iterable<IcdEntry> {
    for (let r = this.firstCodeRow; r < this.nodeCount; r++) if (this.billable[r] === 1) yield this.entry(r);
  }

  /** Billable descendants (the code itself if billable), in tabular order. */
  billableUnder(code: string): string[] {
    const row = this.find(code);
    const out: string[] = [];
    if (row >= 0) this.collectBillable(row, out, Infinity);
    return out;
  }

  private collectBillable(row: number, out: string[], max: number): boolean {
    if (this.billable[row] === 1) { out.push(this.codes[row]); if (out.length > max) return false; }
    for (let i = this.childStart[row]; i < this.childStart[row + 1]; i++) if (!this.collectBillable(this.childRows[i], out, max)) return false;
    return true;
  }

  /** Long title of a row, expanding titles stored as a suffix of the parent's. */
  private title(row: number): string {
    const t = this.titles.get(row);
    return t[0] === TITLE_SUFFIX ? `${this.title(this.parent[row])}, ${t.slice(1)}` : t;
  }

  private childRowsOf(row: number): number[] {
    return Array.from(this.childRows.subarray(this.childStart[row], this.childStart[row + 1]));
  }

  private entry(row: number): IcdEntry {
    const cached = this.entries[row];
    if (cached) return cached;
    const c = this.codes[row];
    const isBillable = this.billable[row] === 1;
    let kind: CodeKind;
    if (row < this.chapterCount) kind = 'chapter';
    else if (row < this.firstCodeRow) kind = 'block';
    else if (c.length === 3) kind = 'category';
    else kind = isBillable ? 'code' : 'subcategory';
    let depth = 0;
    let blockRow = kind === 'block' ? row : -1;
    let chapterRow = row;
    for (let p = this.parent[row]; p >= 0; p = this.parent[p]) {
      depth++;
      if (blockRow < 0 && p >= this.chapterCount && p < this.firstCodeRow) blockRow = p;
      chapterRow = p;
    }
    const longTitle = this.title(row);
    const e: IcdEntry = {
      code: c,
      shortTitle: this.shorts.get(row) || longTitle,
      longTitle,
      billable: isBillable,
      kind,
      depth,
      children: this.childRowsOf(row).map((r) => this.codes[r]),
      chapter: { number: Number(this.codes[chapterRow].slice(2)), title: this.title(chapterRow), range: this.chapterRanges[chapterRow] ?? '' },
      block: blockRow >= 0 ? { range: this.codes[blockRow], title: this.title(blockRow) } : { range: '', title: '' },
    };
    if (this.parent[row] >= 0) e.parent = this.codes[this.parent[row]];
    // Entries are cached and shared by every caller: freeze them so none can alter another's view.
    Object.freeze(e.children); Object.freeze(e.chapter); Object.freeze(e.block);
    this.entries[row] = Object.freeze(e);
    return e;
  }

  // -------------------------------------------------------------------------------------------
  // Notes and 7th characters
  // -------------------------------------------------------------------------------------------

  /**
   * The code's own notes, then those of its ancestors up to the chapter (nearest first), each with
   * `from` = where it is written. Inclusion terms are not inherited (they describe one code).
   */
  notes(code: string): CodeNote[] {
    const row = this.find(code);
    const out: CodeNote[] = [];
    for (let r = row; r >= 0; r = this.parent[r]) {
      for (let j = this.noteStart[r]; j < this.noteStart[r + 1]; j++) {
        const i = this.noteRows[j];
        const kind = NOTE_KINDS[this.noteKind[i]];
        if (r !== row && kind === 'inclusionTerm') continue;
        const codes = this.noteCodes.get(i);
        out.push({ kind, text: this.noteTexts.get(this.noteText[i]), codes: codes ? codes.split(' ') : [], from: this.codes[r] });
      }
    }
    return out;
  }

  /** 7th-character values that apply to the code (from it or its nearest ancestor with a definition). */
  sevenCharacters(code: string): { char: string; meaning: string }[] {
    for (let r = this.find(code); r >= 0; r = this.parent[r]) {
      const i = this.sevenAt.get(r);
      if (i === undefined) continue;
      const chars = this.r.strings('seven.chars').get(i);
      const meanings = this.r.strings('seven.meanings').get(i).split('\t');
      return [...chars].map((ch, j) => ({ char: ch, meaning: meanings[j] ?? '' }));
    }
    return [];
  }

  /**
   * The 7-character codes a base code expands to (base padded with the placeholder X to six
   * characters, plus each defined 7th character), keeping only those in the FY2026 code set.
   */
  expandSevenCharacters(code: string): string[] {
    const row = this.find(code);
    if (row < this.firstCodeRow) return [];
    const base = this.codes[row].replace('.', '');
    if (base.length > 6) return [];
    const out: string[] = [];
    for (const { char } of this.sevenCharacters(code)) {
      const bare = base.padEnd(6, 'X') + char;
      const c = `${bare.slice(0, 3)}.${bare.slice(3)}`;
      if (this.rowOf.has(c)) out.push(c);
    }
    return out;
  }

  /**
   * Pairs of the given codes that an Excludes1 note forbids together (either direction, including
   * notes inherited from categories, blocks and chapters). Unknown codes are ignored.
   */
  excludes1Conflicts(codes: string[]): { a: string; b: string; note: string }[] {
    if (!Array.isArray(codes)) return [];
    const norm = [...new Set(codes.slice(0, 500).map((c) => { const r = this.find(c); return r >= this.firstCodeRow ? this.codes[r] : undefined; }).filter((c): c is string => !!c))];
    const out: { a: string; b: string; note: string }[] = [];
    const seen = new Set<string>();
    for (const a of norm) {
      const ex = this.notes(a).filter((n) => n.kind === 'excludes1' && n.codes.length);
      if (!ex.length) continue;
      for (const b of norm) {
        if (a === b || b.startsWith(a) || a.startsWith(b)) continue;
        const hit = ex.find((n) => n.codes.some((ref) => (RANGE.test(ref) ? inRange(b, ref) : b.startsWith(ref))));
        if (!hit) continue;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ a, b, note: `${hit.text} [Excludes1 at ${hit.from}]` });
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Alphabetic Index
  // -------------------------------------------------------------------------------------------

  /** Whether a search token (a word as `tokenize` in src/icd/text.ts stems it) occurs in the code texts and index. */
  hasSearchToken(token: string): boolean {
    return this.vocab().tokenIds.has(token);
  }

  /** The search vocabulary stored with the artifact (ids match its token streams). */
  private vocab(): TokenVocabulary {
    return (this.vocab_ ??= TokenVocabulary.fromTokens(this.r.strings('tok.vocab').all()));
  }

  /** Disease-index term tokens: the stored streams, used in place. */
  private indexTokens(): TermTokens {
    if (this.indexTokens_) return this.indexTokens_;
    const titles = this.r.u16('tok.indexTitle');
    const modifiers = this.r.u16('tok.indexNemod');
    return (this.indexTokens_ = { parent: this.index.parent, titles, titleStart: streamStarts(titles), modifiers, modifierStart: streamStarts(modifiers), vocab: this.vocab() });
  }

  private matcher(which: 'index' | 'eindex' | 'neoplasm' | 'drug'): IndexTermMatcher {
    const have = this.matchers[which];
    if (have) return have;
    let m: IndexTermMatcher;
    if (which === 'index') {
      const t = this.index;
      m = new IndexTermMatcher(this.indexTokens(), (r) => !t.codes.isEmpty(r) || !t.see.isEmpty(r) || !t.manif.isEmpty(r));
    } else if (which === 'eindex') {
      const t = this.eindex;
      m = new IndexTermMatcher(termTokensFromText(t.parent, (r) => t.title.get(r), (r) => t.nemod.get(r)), (r) => !t.codes.isEmpty(r) || !t.see.isEmpty(r));
    } else {
      const t = which === 'neoplasm' ? this.neoplasm : this.drug;
      // The Neoplasm table has one main term ("Neoplasm, neoplastic"): match on the site below it.
      const tokens = termTokensFromText(t.parent, (r) => t.title.get(r), (r) => t.nemod.get(r), which === 'neoplasm' ? 1 : 0);
      m = new IndexTermMatcher(tokens, (r) => /[^|]/.test(t.cells.get(r)) || !t.see.isEmpty(r));
    }
    return (this.matchers[which] = m);
  }

  /** Index entries for a term in any word order ("Heart attack" finds "Attack, heart"), best first. */
  lookupIndex(term: string, limit = 10): IndexHit[] {
    if (typeof term !== 'string' || !term.trim()) return [];
    return this.matcher('index').match(expandAbbreviations(term.slice(0, MAX_QUERY_CHARS)), limit).map((r) => this.indexHit(this.index, r));
  }

  /** Same over the Index to External Causes (FY2025). */
  lookupExternalCause(term: string, limit = 10): IndexHit[] {
    if (typeof term !== 'string' || !term.trim()) return [];
    return this.matcher('eindex').match(term.slice(0, MAX_QUERY_CHARS), limit).map((r) => this.indexHit(this.eindex, r));
  }

  /** Every term of the disease index with its resolved codes, in index order. */
  *indexEntries(): Iterable<IndexHit> {
    for (let r = 0; r < this.index.size; r++) yield this.indexHit(this.index, r);
  }

  /**
   * Main terms of the disease index that cite no code and send the reader to "see condition" ("Perineum,
   * perineal", "Chronic"): body sites and modifiers the index itself says do not name a condition.
   */
  conditionlessMainTerms(): string[] {
    const t = this.index, out: string[] = [];
    for (let r = 0; r < t.size; r++) {
      if (t.parent[r] >= 0 || !t.codes.isEmpty(r)) continue;
      if (/^(specific\s+)?condition\b/i.test(t.see.get(r) || t.seeAlso.get(r))) out.push(t.title.get(r));
    }
    return out;
  }

  /** Main terms of the disease index that cite a code themselves ("Embolism", "Infection"). */
  codedMainTerms(): string[] {
    const t = this.index, out: string[] = [];
    for (let r = 0; r < t.size; r++) if (t.parent[r] < 0 && !t.codes.isEmpty(r)) out.push(t.title.get(r));
    return out;
  }

  /** Every term of the External Cause index, in index order. */
  *externalCauseEntries(): Iterable<IndexHit> {
    for (let r = 0; r < this.eindex.size; r++) yield this.indexHit(this.eindex, r);
  }

  /**
   * Index paths that lead to the code (its synonyms): terms citing it, terms citing an ancestor
   * header (they need more specificity and lead here too), and "see" terms pointing at either.
   */
  indexPaths(code: string): string[][] {
    const row = this.find(code);
    if (row < this.firstCodeRow) return [];
    const rev = this.reverse();
    const rows: number[] = [...(rev.get(this.codes[row]) ?? [])];
    for (let p = this.parent[row]; p >= this.firstCodeRow; p = this.parent[p]) {
      for (const t of rev.get(this.codes[p]) ?? []) if (this.index.flags[t] & TERM_NEEDS_MORE_SPECIFICITY) rows.push(t);
    }
    const targets = new Set(rows);
    const viaSee: number[] = [];
    const { seeTarget, codes } = this.index;
    for (let t = 0; t < seeTarget.length; t++) if (seeTarget[t] >= 0 && codes.isEmpty(t) && targets.has(seeTarget[t])) viaSee.push(t);
    return [...new Set([...rows, ...viaSee])].map((r) => this.index.path(r));
  }

  private reverse(): Map<string, number[]> {
    if (this.reverseIndex) return this.reverseIndex;
    const m = new Map<string, number[]>();
    const { codes, manif } = this.index;
    for (let t = 0; t < this.index.size; t++) {
      if (codes.isEmpty(t) && manif.isEmpty(t)) continue;
      for (const c of `${codes.get(t)} ${manif.get(t)}`.split(' ')) {
        if (!c) continue;
        let l = m.get(c);
        if (!l) m.set(c, (l = []));
        if (l[l.length - 1] !== t) l.push(t);
      }
    }
    return (this.reverseIndex = m);
  }

  /** Header references -> billable descendants (when few enough), else the header itself. */
  private expandCodes(refs: string[]): string[] {
    const out: string[] = [];
    for (const c of refs) {
      const row = this.rowOf.get(c);
      if (row === undefined) continue;
      if (this.billable[row] === 1) { out.push(c); continue; }
      const kids: string[] = [];
      out.push(...(this.collectBillable(row, kids, MAX_EXPANDED_CODES) ? kids : [c]));
    }
    return [...new Set(out)];
  }

  private indexHit(t: TermTable, row: number): IndexHit {
    const split = (s: string) => (s ? s.split(' ') : []);
    let refs = split(t.codes.get(row));
    let manif = split(t.manif.get(row));
    let flags = t.flags[row];
    // A term without codes leads where its "see" reference points (up to three hops).
    let target = t.seeTarget[row];
    if (!refs.length && !t.see.isEmpty(row)) {
      for (let hop = 0; target >= 0 && hop < 3; hop++) {
        refs = split(t.codes.get(target));
        manif = split(t.manif.get(target));
        flags |= t.flags[target];
        if (refs.length || t.see.isEmpty(target)) break;
        target = t.seeTarget[target];
      }
    }
    // "Hypertensive urgency, see Hypertension": the coder turns to Hypertension and reads on to its subterm for the
    // words the reference leaves over ("urgency", I16.0), where it has one.
    if (!t.codes.get(row) && t.seeTarget[row] >= 0) {
      const sub = this.seeSubterm(t, row, t.seeTarget[row]);
      if (sub !== undefined) { refs = split(t.codes.get(sub)); manif = split(t.manif.get(sub)); flags = t.flags[sub]; }
    }
    const hit: IndexHit = { path: t.path(row), codes: this.expandCodes(refs) };
    if (manif.length) hit.manifestation = manif;
    if (flags & TERM_NEEDS_MORE_SPECIFICITY) hit.needsMoreSpecificity = true;
    if (!t.see.isEmpty(row)) hit.see = t.see.get(row);
    if (!t.seeAlso.isEmpty(row)) hit.seeAlso = t.seeAlso.get(row);
    const mods: string[] = [];
    for (let r = row; r >= 0; r = t.parent[r]) mods.push(t.nemod.get(r));
    if (mods.some(Boolean)) hit.modifiers = mods.reverse();
    if (refs.length) hit.referenced = refs;
    if (t.seeTarget[row] >= 0) hit.seeTarget = t.path(t.seeTarget[row]);
    return hit;
  }

  /** The target's one coded subterm whose words are exactly the see term's words that the target's title lacks. */
  private seeSubterm(t: TermTable, row: number, target: number): number | undefined {
    const words = (s: string) => (s.toLowerCase().replace(/\([^)]*\)/g, ' ').match(/[a-z0-9]+/g) ?? []).map((w) => (w.length > 3 ? w.replace(/s$/, '') : w));
    const own = t.path(row).flatMap(words);
    const have = new Set(t.path(target).flatMap(words));
    const left = [...new Set(own.filter((w) => !have.has(w)))].sort();
    if (!left.length) return undefined;
    const fits = t.childRows(target).filter((c) => {
      const ws = [...new Set(words(t.title.get(c)))].sort();
      return t.codes.get(c) && ws.length === left.length && ws.every((w, i) => w === left[i]);
    });
    return fits.length === 1 ? fits[0] : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Neoplasm and Drug tables
  // -------------------------------------------------------------------------------------------

  /** Rows of the Table of Neoplasms for a site, e.g. "lung, upper lobe" (FY2025 table). */
  neoplasmTable(site: string, limit = 5): TableHit[] {
    return this.tableLookup('neoplasm', site, limit);
  }

  /** Rows of the Table of Drugs and Chemicals for a substance, e.g. "acetaminophen" (FY2025 table). */
  drugTable(substance: string, limit = 5): TableHit[] {
    return this.tableLookup('drug', substance, limit);
  }

  /** Every row of the Neoplasm or Drug table, in table order. */
  *tableEntries(which: 'neoplasm' | 'drug'): Iterable<TableHit> {
    const t = which === 'neoplasm' ? this.neoplasm : this.drug;
    for (let r = 0; r < t.parent.length; r++) yield this.tableHit(t, r);
  }

  private tableHit(t: CellTable, row: number): TableHit {
    const path: string[] = [];
    for (let r = row; r >= 0; r = t.parent[r]) path.push(t.title.get(r));
    const vals = t.cells.get(row).split('|');
    const hit: TableHit = { path: path.reverse(), cells: Object.fromEntries(t.headings.map((h, i) => [h, vals[i] ?? ''])) };
    if (!t.see.isEmpty(row)) hit.see = t.see.get(row);
    if (!t.seeAlso.isEmpty(row)) hit.seeAlso = t.seeAlso.get(row);
    return hit;
  }

  private tableLookup(which: 'neoplasm' | 'drug', text: string, limit: number): TableHit[] {
    if (typeof text !== 'string' || !text.trim()) return [];
    const t = which === 'neoplasm' ? this.neoplasm : this.drug;
    return this.matcher(which).match(text.slice(0, MAX_QUERY_CHARS), limit).map((row) => this.tableHit(t, row));
  }

  // -------------------------------------------------------------------------------------------
  // Lexical search
  // -------------------------------------------------------------------------------------------

  private searchIndex() {
    if (this.search_) return this.search_;
    const vocab = this.vocab();
    const titleStream = this.r.u16('tok.title');
    const titleStarts = streamStarts(titleStream);
    const inclStream = this.r.u16('tok.inclusion');
    const inclStarts = streamStarts(inclStream);
    const nCodes = this.nodeCount - this.firstCodeRow;
    if (titleStarts.length - 1 !== nCodes) throw new Error('title token stream does not match the code rows');
    // Documents: code titles, inclusion terms, index terms (one per code row a term leads to; the
    // build listed these pairs and each term's path words).
    const inclusionNotes: number[] = []; // k-th inclusion term -> note row
    for (let i = 0; i < this.noteNode.length; i++) if (this.noteKind[i] === INCLUSION) inclusionNotes.push(i);
    const inclDocs = inclusionNotes.filter((i) => this.noteNode[i] >= this.firstCodeRow).length;
    const docTerm = this.r.i32('search.indexDocTerm');
    const docNode = this.r.i32('search.indexDocNode');
    const n = nCodes + inclDocs + docTerm.length;
    const rows = new Int32Array(n), refs = new Int32Array(n), sources = new Uint8Array(n);
    let d = 0;
    for (let i = 0; i < nCodes; i++, d++) { rows[d] = this.firstCodeRow + i; refs[d] = i; }
    inclusionNotes.forEach((note, k) => { if (this.noteNode[note] >= this.firstCodeRow) { rows[d] = this.noteNode[note]; sources[d] = 1; refs[d++] = k; } });
    for (let i = 0; i < docTerm.length; i++, d++) { rows[d] = docNode[i]; sources[d] = 2; refs[d] = docTerm[i]; }
    const pathStream = this.r.u16('tok.indexPath');
    const pathStarts = streamStarts(pathStream);
    const streams = [[titleStream, titleStarts], [inclStream, inclStarts], [pathStream, pathStarts]] as const;
    let capacity = 0;
    for (let k = 0; k < n; k++) { const starts = streams[sources[k]][1]; capacity += starts[refs[k] + 1] - starts[refs[k]] - 1; }
    // Extra-words penalty length: index terms' from the build; titles and inclusion terms count
    // their words except qualifiers ("unspecified", "NOS", "site not specified").
    const pathLength = this.r.u8('search.indexPathLength');
    const qualifier = new Uint8Array(vocab.tokens.length);
    for (const q of QUALIFIER_WORDS) for (const t of tokenize(q)) { const id = vocab.tokenIds.get(t); if (id !== undefined) qualifier[id] = 1; }
    const lengthOf = (doc: number) => {
      if (sources[doc] === 2) return pathLength[refs[doc]];
      const [stream, starts] = streams[sources[doc]];
      let len = 0;
      for (let i = starts[refs[doc]], end = starts[refs[doc] + 1] - 1; i < end; i++) if (!qualifier[stream[i]]) len++;
      return len;
    };
    const index = new LexicalIndex(vocab, n, (doc, out) => {
      const [stream, starts] = streams[sources[doc]];
      for (let i = starts[refs[doc]], end = starts[refs[doc] + 1] - 1; i < end; i++) out.push(stream[i]);
    }, capacity, lengthOf);
    const ix = this.index;
    const docSource = sources;
    const docRef = refs;
    const inclusionText = (k: number) => this.noteTexts.get(this.noteText[inclusionNotes[k]]);
    this.search_ = {
      index, docRow: rows, docSource,
      docText: (d) => (docSource[d] === 0 ? this.title(this.firstCodeRow + docRef[d]) : docSource[d] === 1 ? inclusionText(docRef[d]) : ix.path(docRef[d]).join(', ')),
    };
    return this.search_;
  }

  /** Builds the search and index-lookup structures now (else the first call does). Returns ms taken. */
  warmUp(): number {
    const t0 = performance.now();
    this.searchIndex();
    this.matcher('index');
    return performance.now() - t0;
  }

  /**
   * Top `k` codes for free text, matched against titles, inclusion terms and index paths. A query
   * that is a code ("e11.22", "E1122", "E11") returns that code, then its descendants.
   */
  search(text: string, k = 10): SearchHit[] {
    if (typeof text !== 'string') return [];
    const q = text.slice(0, MAX_QUERY_CHARS).trim();
    const limit = Math.max(1, Math.min(Number.isFinite(k) ? Math.floor(k) : 10, 200));
    if (!q) return [];
    const out: SearchHit[] = [];
    const codeRow = parseCode(q) ? this.find(q) : -1;
    if (codeRow >= this.firstCodeRow) {
      const queue = [codeRow];
      while (queue.length && out.length < limit) {
        const r = queue.shift()!;
        out.push({ code: this.codes[r], title: this.title(r), score: r === codeRow ? 1 : 0.99, matched: this.codes[r], source: 'title' });
        queue.push(...this.childRowsOf(r));
      }
      return out;
    }
    const s = this.searchIndex();
    const docs = s.index.search(expandAbbreviations(q), limit * 3 + 10);
    // Ties and near-ties: titles over inclusion terms over index paths, billable codes first.
    const scored = docs.map(({ doc, score }) => {
      const row = s.docRow[doc];
      const src = s.docSource[doc];
      const rank = score * (src === 0 ? 1 : src === 1 ? 0.99 : 0.98) * (this.billable[row] === 1 ? 1.02 : 1);
      return { doc, row, src, rank, score: Math.min(1, rank) };
    }).sort((x, y) => y.rank - x.rank || x.row - y.row);
    const seen = new Set<number>();
    for (const d of scored) {
      if (seen.has(d.row)) continue;
      seen.add(d.row);
      const source: SearchHit['source'] = d.src === 0 ? 'title' : d.src === 1 ? 'inclusion' : 'index';
      out.push({ code: this.codes[d.row], title: this.title(d.row), score: Math.round(d.score * 1e4) / 1e4, matched: s.docText(d.doc), source });
      if (out.length >= limit) break;
    }
    return out;
  }
}
