// The ICD-10-CM knowledge base over a loaded artifact (see artifact.ts). Rows are materialised
// lazily: loading is one JSON.parse plus a few typed arrays; entries, the search index and the
// index-term matcher are built on first use.
import { ARTIFACT_VERSION, NOTE_KINDS, TERM_NEEDS_MORE_SPECIFICITY } from './artifact';
import type { IcdArtifact, TermColumns } from './artifact';
import { IcdCodeError, parseCode, RANGE, inRange } from './codes';
import { IndexTermMatcher } from './index-term-matcher';
import { LexicalIndex } from './lexical-index';
import type { CodeKind, CodeNote, IcdEntry, IndexHit, KnowledgeBaseMeta, SearchHit, TableHit } from './types';

/** A header reference with more billable descendants than this stays a header in IndexHit.codes. */
const MAX_EXPANDED_CODES = 40;
const MAX_QUERY_CHARS = 500;

type DocSource = SearchHit['source'];

export class IcdKnowledgeBase {
  readonly meta: KnowledgeBaseMeta;
  private readonly a: IcdArtifact;
  private readonly rowOf = new Map<string, number>();
  private readonly childStart: Int32Array;
  private readonly childRows: Int32Array;
  private readonly nodeCount: number;
  private readonly chapterCount: number;
  private readonly firstCodeRow: number;
  private readonly entries: (IcdEntry | undefined)[];
  private readonly notesAt = new Map<number, number[]>();
  private readonly sevenAt = new Map<number, number>();
  private reverseIndex: Map<string, number[]> | undefined;
  private search_: { index: LexicalIndex; docRow: Int32Array; docSource: Uint8Array; docText: (d: number) => string } | undefined;
  private matcher: IndexTermMatcher | undefined;
  private eMatcher: IndexTermMatcher | undefined;

  constructor(artifact: IcdArtifact) {
    if (artifact.version !== ARTIFACT_VERSION) throw new Error(`artifact version ${artifact.version}, this build reads version ${ARTIFACT_VERSION}`);
    this.a = artifact;
    this.meta = { fiscalYear: artifact.fiscalYear, sources: artifact.sources, counts: artifact.counts };
    const { code, parent } = artifact.nodes;
    const n = (this.nodeCount = code.length);
    for (let i = 0; i < n; i++) this.rowOf.set(code[i], i);
    let chapters = 0;
    while (chapters < n && parent[chapters] === -1) chapters++;
    this.chapterCount = chapters;
    let first = chapters;
    while (first < n && !parseCode(code[first])) first++;
    this.firstCodeRow = first;
    // Children as one flat array (counting sort by parent), in row (= tabular) order.
    const counts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (parent[i] >= 0) counts[parent[i] + 1]++;
    for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
    this.childStart = counts.slice();
    const fill = counts.slice();
    this.childRows = new Int32Array(n);
    for (let i = 0; i < n; i++) if (parent[i] >= 0) this.childRows[fill[parent[i]]++] = i;
    this.entries = new Array(n);
    const nodes = artifact.notes.node;
    for (let i = 0; i < nodes.length; i++) {
      let l = this.notesAt.get(nodes[i]);
      if (!l) this.notesAt.set(nodes[i], (l = []));
      l.push(i);
    }
    artifact.sevenChr.node.forEach((row, i) => this.sevenAt.set(row, i));
  }

  // -------------------------------------------------------------------------------------------
  // Codes and hierarchy
  // -------------------------------------------------------------------------------------------

  /** Row of a code / block / chapter reference in any accepted spelling, or -1. */
  private find(input: string): number {
    if (typeof input !== 'string') return -1;
    const s = input.trim();
    const direct = this.rowOf.get(s);
    if (direct !== undefined) return direct;
    const up = s.toUpperCase().replace(/\s+/g, '');
    const ch = /^(?:CH|CHAPTER)?0*([1-9][0-9]?)$/.exec(up);
    if (ch && (up.startsWith('CH') || /^[0-9]+$/.test(up))) return this.rowOf.get(`CH${ch[1].padStart(2, '0')}`) ?? -1;
    const rm = RANGE.exec(up);
    if (rm) return this.rowOf.get(`${rm[1]}-${rm[2]}`) ?? -1;
    if (/^[A-Z][0-9A-Z]{2}$/.test(up)) { const b = this.rowOf.get(`${up}-${up}`); if (b !== undefined && !this.rowOf.has(up)) return b; }
    const p = parseCode(up);
    return p ? this.rowOf.get(p.code) ?? -1 : -1;
  }

  /**
   * Canonical form of a code that exists in FY2026: "e11.22", "E1122", " E11.22 " -> "E11.22";
   * also "CH04"/"4" for chapters and "E08-E13" for blocks. Throws IcdCodeError otherwise.
   */
  normalize(code: string): string {
    if (typeof code !== 'string' || !code.trim()) throw new IcdCodeError('empty code: expected an ICD-10-CM code such as "E11.22"', String(code));
    const row = this.find(code);
    if (row >= 0) return this.a.nodes.code[row];
    const shown = JSON.stringify(code.length > 40 ? code.slice(0, 40) + '…' : code);
    const p = parseCode(code);
    if (!p) throw new IcdCodeError(`${shown} is not an ICD-10-CM code: expected a letter, two characters, then up to four more, e.g. "E11.22" or "E1122"`, code);
    throw new IcdCodeError(`${p.code} is not in the FY${this.meta.fiscalYear} ICD-10-CM code set (deleted, never existed, or mistyped); search by title with search()`, code);
  }

  get(code: string): IcdEntry | undefined {
    const row = this.find(code);
    return row >= 0 ? this.entry(row) : undefined;
  }

  isBillable(code: string): boolean {
    const row = this.find(code);
    return row >= 0 && this.a.nodes.billable.charCodeAt(row) === 49;
  }

  /** Nearest first, ending at the chapter. Empty for unknown codes. */
  ancestors(code: string): IcdEntry[] {
    const out: IcdEntry[] = [];
    const row = this.find(code);
    if (row < 0) return out;
    for (let p = this.a.nodes.parent[row]; p >= 0; p = this.a.nodes.parent[p]) out.push(this.entry(p));
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
    const p = this.a.nodes.parent[row];
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
    const bits = this.a.nodes.billable;
    for (let r = this.firstCodeRow; r < this.nodeCount; r++) if (bits.charCodeAt(r) === 49) yield this.entry(r);
  }

  /** Billable descendants (the code itself if billable), in tabular order. */
  billableUnder(code: string): string[] {
    const row = this.find(code);
    if (row < 0) return [];
    const out: string[] = [];
    this.collectBillable(row, out, Infinity);
    return out;
  }

  private collectBillable(row: number, out: string[], max: number): boolean {
    if (this.a.nodes.billable.charCodeAt(row) === 49) { out.push(this.a.nodes.code[row]); if (out.length > max) return false; }
    for (let i = this.childStart[row]; i < this.childStart[row + 1]; i++) if (!this.collectBillable(this.childRows[i], out, max)) return false;
    return true;
  }

  private childRowsOf(row: number): number[] {
    return Array.from(this.childRows.subarray(this.childStart[row], this.childStart[row + 1]));
  }

  private entry(row: number): IcdEntry {
    const cached = this.entries[row];
    if (cached) return cached;
    const { code, title, short, billable, parent } = this.a.nodes;
    const c = code[row];
    const isBillable = billable.charCodeAt(row) === 49;
    let kind: CodeKind;
    if (row < this.chapterCount) kind = 'chapter';
    else if (row < this.firstCodeRow) kind = 'block';
    else if (c.length === 3) kind = 'category';
    else kind = isBillable ? 'code' : 'subcategory';
    let depth = 0;
    let blockRow = -1;
    let chapterRow = row;
    for (let p = parent[row]; p >= 0; p = parent[p]) {
      depth++;
      if (blockRow < 0 && p >= this.chapterCount && p < this.firstCodeRow) blockRow = p;
      chapterRow = p;
    }
    if (kind === 'block') blockRow = row;
    const chTitle = title[chapterRow];
    const chNumber = Number(code[chapterRow].slice(2));
    const e: IcdEntry = {
      code: c,
      shortTitle: short[row] || title[row],
      longTitle: title[row],
      billable: isBillable,
      kind,
      depth,
      parent: parent[row] >= 0 ? code[parent[row]] : undefined,
      children: this.childRowsOf(row).map((r) => code[r]),
      chapter: { number: chNumber, title: chTitle, range: this.chapterRange(chapterRow) },
      block: blockRow >= 0 ? { range: code[blockRow], title: title[blockRow] } : { range: '', title: '' },
    };
    if (e.parent === undefined) delete e.parent;
    this.entries[row] = e;
    return e;
  }

  private chapterRange(row: number): string {
    return this.a.chapterRanges[row] ?? '';
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
    if (row < 0) return [];
    const out: CodeNote[] = [];
    for (let r = row; r >= 0; r = this.a.nodes.parent[r]) {
      for (const i of this.notesAt.get(r) ?? []) {
        const kind = NOTE_KINDS[this.a.notes.kind[i]];
        if (r !== row && kind === 'inclusionTerm') continue;
        const codes = this.a.notes.codes[i];
        out.push({ kind, text: this.a.texts[this.a.notes.text[i]], codes: codes ? codes.split(' ') : [], from: this.a.nodes.code[r] });
      }
    }
    return out;
  }

  /** 7th-character values that apply to the code (from it or its nearest ancestor with a definition). */
  sevenCharacters(code: string): { char: string; meaning: string }[] {
    for (let r = this.find(code); r >= 0; r = this.a.nodes.parent[r]) {
      const i = this.sevenAt.get(r);
      if (i === undefined) continue;
      const chars = this.a.sevenChr.chars[i];
      return [...chars].map((ch, j) => ({ char: ch, meaning: this.a.sevenChr.meanings[i][j] }));
    }
    return [];
  }

  /**
   * The 7-character codes a base code expands to (base padded with the placeholder X to six
   * characters, plus each defined 7th character), keeping only those in the FY2026 code set.
   */
  expandSevenCharacters(code: string): string[] {
    const row = this.find(code);
    if (row < 0) return [];
    const base = this.a.nodes.code[row].replace('.', '');
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
    const norm = [...new Set(codes.map((c) => { const r = this.find(String(c)); return r >= this.firstCodeRow ? this.a.nodes.code[r] : undefined; }).filter((c): c is string => !!c))];
    const out: { a: string; b: string; note: string }[] = [];
    const seen = new Set<string>();
    for (const a of norm) {
      const ex = this.notes(a).filter((n) => n.kind === 'excludes1' && n.codes.length);
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

  private termMatcher(): IndexTermMatcher {
    const t = this.a.index;
    return (this.matcher ??= new IndexTermMatcher(t, 0, (r) => !!(t.codes[r] || t.see[r] || t.manif[r])));
  }

  /** Index entries for a term in any word order ("Heart attack" finds "Attack, heart"), best first. */
  lookupIndex(term: string, limit = 10): IndexHit[] {
    if (typeof term !== 'string' || !term.trim()) return [];
    return this.termMatcher().match(term.slice(0, MAX_QUERY_CHARS), limit).map((r) => this.indexHit(this.a.index, r));
  }

  /** Same over the Index to External Causes (FY2025). */
  lookupExternalCause(term: string, limit = 10): IndexHit[] {
    if (typeof term !== 'string' || !term.trim()) return [];
    const t = this.a.eindex;
    this.eMatcher ??= new IndexTermMatcher(t, 0, (r) => !!(t.codes[r] || t.see[r]));
    return this.eMatcher.match(term.slice(0, MAX_QUERY_CHARS), limit).map((r) => this.indexHit(this.a.eindex, r));
  }

  /** Every term of the disease index with its resolved codes, in index order. */
  *indexEntries(): Iterable<IndexHit> {
    for (let r = 0; r < this.a.index.parent.length; r++) yield this.indexHit(this.a.index, r);
  }

  /** Index paths that lead to the code (its synonyms): direct references first, then terms citing an ancestor header, then "see" terms. */
  indexPaths(code: string): string[][] {
    const row = this.find(code);
    if (row < this.firstCodeRow) return [];
    const rev = this.reverse();
    const rows: number[] = [...(rev.get(this.a.nodes.code[row]) ?? [])];
    for (let p = this.a.nodes.parent[row]; p >= this.firstCodeRow; p = this.a.nodes.parent[p]) {
      for (const t of rev.get(this.a.nodes.code[p]) ?? []) if (this.a.index.flags[t] & TERM_NEEDS_MORE_SPECIFICITY) rows.push(t);
    }
    const viaSee: number[] = [];
    const targets = new Set(rows);
    const { seeTarget, codes } = this.a.index;
    for (let t = 0; t < seeTarget.length; t++) if (!codes[t] && targets.has(seeTarget[t])) viaSee.push(t);
    return [...new Set([...rows, ...viaSee])].map((r) => this.termPath(this.a.index, r));
  }

  private reverse(): Map<string, number[]> {
    if (this.reverseIndex) return this.reverseIndex;
    const m = new Map<string, number[]>();
    const { codes, manif } = this.a.index;
    for (let t = 0; t < codes.length; t++) {
      for (const c of `${codes[t]} ${manif[t]}`.split(' ')) {
        if (!c) continue;
        let l = m.get(c);
        if (!l) m.set(c, (l = []));
        if (l[l.length - 1] !== t) l.push(t);
      }
    }
    return (this.reverseIndex = m);
  }

  private termPath(t: TermColumns, row: number): string[] {
    const path: string[] = [];
    for (let r = row; r >= 0; r = t.parent[r]) path.push(t.title[r]);
    return path.reverse();
  }

  /** Header references -> billable descendants (when few enough), else the header itself. */
  private expandCodes(refs: string[]): string[] {
    const out: string[] = [];
    for (const c of refs) {
      const row = this.rowOf.get(c);
      if (row === undefined) continue;
      if (this.a.nodes.billable.charCodeAt(row) === 49) { out.push(c); continue; }
      const kids: string[] = [];
      out.push(...(this.collectBillable(row, kids, MAX_EXPANDED_CODES) ? kids : [c]));
    }
    return [...new Set(out)];
  }

  private indexHit(t: TermColumns, row: number): IndexHit {
    const split = (s: string) => (s ? s.split(' ') : []);
    let refs = split(t.codes[row]);
    let manif = split(t.manif[row]);
    let flags = t.flags[row];
    // A term without codes leads where its "see" reference points (up to three hops).
    let target = t.seeTarget[row];
    const seeOnly = refs.length === 0 && !!t.see[row];
    for (let hop = 0; seeOnly && refs.length === 0 && target >= 0 && hop < 3; hop++) {
      refs = split(t.codes[target]);
      manif = split(t.manif[target]);
      flags |= t.flags[target];
      if (!refs.length && t.seeTarget[target] >= 0) target = t.seeTarget[target]; else break;
    }
    const hit: IndexHit = { path: this.termPath(t, row), codes: this.expandCodes(refs) };
    if (manif.length) hit.manifestation = manif;
    if (flags & TERM_NEEDS_MORE_SPECIFICITY) hit.needsMoreSpecificity = true;
    if (t.see[row]) hit.see = t.see[row];
    if (t.seeAlso[row]) hit.seeAlso = t.seeAlso[row];
    const mods: string[] = [];
    for (let r = row; r >= 0; r = t.parent[r]) mods.push(t.nemod[r]);
    if (mods.some(Boolean)) hit.modifiers = mods.reverse();
    if (refs.length) hit.referenced = refs;
    if (t.seeTarget[row] >= 0) hit.seeTarget = this.termPath(t, t.seeTarget[row]);
    return hit;
  }

  // -------------------------------------------------------------------------------------------
  // Neoplasm and Drug tables
  // -------------------------------------------------------------------------------------------

  /** Rows of the Table of Neoplasms whose path matches the site, e.g. "lung, upper lobe". */
  neoplasmTable(site: string, limit = 5): TableHit[] {
    return this.tableLookup('neoplasm', site, limit);
  }

  /** Rows of the Table of Drugs and Chemicals matching a substance, e.g. "acetaminophen". */
  drugTable(substance: string, limit = 5): TableHit[] {
    return this.tableLookup('drug', substance, limit);
  }

  private tables: Partial<Record<'neoplasm' | 'drug', IndexTermMatcher>> = {};
  private tableLookup(which: 'neoplasm' | 'drug', text: string, limit: number): TableHit[] {
    if (typeof text !== 'string' || !text.trim()) return [];
    const t = this.a[which];
    const m = (this.tables[which] ??= new IndexTermMatcher(t, which === 'neoplasm' ? 1 : 0, (r) => t.cells[r].replace(/\|/g, '') !== '' || !!t.see[r]));
    return m.match(text.slice(0, MAX_QUERY_CHARS), limit).map((row) => {
      const path: string[] = [];
      for (let r = row; r >= 0; r = t.parent[r]) path.push(t.title[r]);
      const vals = t.cells[row].split('|');
      const hit: TableHit = { path: path.reverse(), cells: Object.fromEntries(t.headings.map((h, i) => [h, vals[i] ?? ''])) };
      if (t.see[row]) hit.see = t.see[row];
      if (t.seeAlso[row]) hit.seeAlso = t.seeAlso[row];
      return hit;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Lexical search
  // -------------------------------------------------------------------------------------------

  private searchIndex() {
    if (this.search_) return this.search_;
    const texts: string[] = [];
    const rows: number[] = [];
    const sources: number[] = [];
    const { title } = this.a.nodes;
    for (let r = this.firstCodeRow; r < this.nodeCount; r++) { texts.push(title[r]); rows.push(r); sources.push(0); }
    const { node, kind, text } = this.a.notes;
    const inclusion = NOTE_KINDS.indexOf('inclusionTerm');
    for (let i = 0; i < node.length; i++) {
      if (kind[i] !== inclusion || node[i] < this.firstCodeRow) continue;
      texts.push(this.a.texts[text[i]]); rows.push(node[i]); sources.push(1);
    }
    const ix = this.a.index;
    const termOf: number[] = [];
    for (let t = 0; t < ix.parent.length; t++) {
      let refs = ix.codes[t];
      if (!refs && ix.see[t] && ix.seeTarget[t] >= 0) refs = ix.codes[ix.seeTarget[t]];
      if (!refs) continue;
      const pathText = this.termPath(ix, t).join(' ');
      for (const c of refs.split(' ')) {
        const r = this.rowOf.get(c);
        if (r === undefined) continue;
        texts.push(pathText); rows.push(r); sources.push(2); termOf[texts.length - 1] = t;
      }
    }
    const index = new LexicalIndex(texts);
    const docSource = Uint8Array.from(sources);
    this.search_ = {
      index, docRow: Int32Array.from(rows), docSource,
      docText: (d) => (docSource[d] === 2 ? this.termPath(ix, termOf[d]).join(', ') : texts[d]),
    };
    return this.search_;
  }

  /** Builds the search structures now (otherwise the first search() does). Returns ms taken. */
  warmUp(): number {
    const t0 = performance.now();
    this.searchIndex();
    this.termMatcher();
    return performance.now() - t0;
  }

  /**
   * Top `k` codes for free text, matched against titles, inclusion terms and index paths. A query
   * that is a code ("e11.22", "E1122", "E11") returns that code and its descendants first.
   */
  search(text: string, k = 10): SearchHit[] {
    if (typeof text !== 'string') return [];
    const q = text.slice(0, MAX_QUERY_CHARS).trim();
    const limit = Math.max(1, Math.min(Number.isFinite(k) ? Math.floor(k) : 10, 200));
    if (!q) return [];
    const out: SearchHit[] = [];
    const seen = new Set<number>();
    const codeRow = parseCode(q) ? this.find(q) : -1;
    if (codeRow >= this.firstCodeRow) {
      const queue = [codeRow];
      while (queue.length && out.length < limit) {
        const r = queue.shift()!;
        seen.add(r);
        out.push({ code: this.a.nodes.code[r], title: this.a.nodes.title[r], score: r === codeRow ? 1 : 0.99, matched: this.a.nodes.code[r], source: 'title' });
        queue.push(...this.childRowsOf(r));
      }
      return out;
    }
    const s = this.searchIndex();
    const BILLABLE_BONUS = 1.02;
    const docs = s.index.search(q, limit * 6 + 20);
    const scored = docs.map(({ doc, score }) => {
      const row = s.docRow[doc];
      const src = s.docSource[doc];
      const boosted = score * (src === 0 ? 1 : src === 1 ? 0.99 : 0.98) * (this.a.nodes.billable.charCodeAt(row) === 49 ? BILLABLE_BONUS : 1);
      return { doc, row, src, score: Math.min(1, boosted) };
    }).sort((x, y) => y.score - x.score || x.row - y.row);
    for (const d of scored) {
      if (seen.has(d.row)) continue;
      seen.add(d.row);
      const source: DocSource = d.src === 0 ? 'title' : d.src === 1 ? 'inclusion' : 'index';
      out.push({ code: this.a.nodes.code[d.row], title: this.a.nodes.title[d.row], score: Math.round(d.score * 1e4) / 1e4, matched: s.docText(d.doc), source });
      if (out.length >= limit) break;
    }
    return out;
  }
}
