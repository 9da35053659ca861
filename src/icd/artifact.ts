// The on-disk layout of models/icd10cm/icd10cm.bin.gz: one gzip'd buffer holding a small JSON
// header and typed columns (one column per field, one position per row). Strings are stored as
// u16 byte lengths plus UTF-8 bytes and decoded on demand, so loading is one gunzip and a few
// typed-array views: no JSON.parse of megabytes and no hundred thousand strings up front.
// Bump ARTIFACT_VERSION whenever the layout changes; the loader refuses other versions.

export const ARTIFACT_DIR = 'icd10cm';
export const ARTIFACT_FILE = 'icd10cm.bin.gz';
export const ARTIFACT_FORMAT = 'clinical-coder/icd10cm';
export const ARTIFACT_VERSION = 4;
const MAGIC = 'CCICD10\n';

export const NOTE_KINDS = ['inclusionTerm', 'includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso', 'note', 'sevenChrNote'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Flags on index terms. */
export const TERM_NEEDS_MORE_SPECIFICITY = 1;
/** The term's own codes came from <subcat>/<seecat> ("see category ..."). */
export const TERM_CATEGORY_REFERENCE = 2;

/** Marks a title stored as a suffix of its parent's (most 7-character codes: "<base title>, initial encounter"). */
export const TITLE_SUFFIX = '\u001f';

/** Token streams (u16 token ids): END closes a document, VARIANT separates comma variants of a title. */
export const TOKEN_END = 0xffff;
export const TOKEN_VARIANT = 0xfffe;

export interface SourceFile { file: string; sha256: string; fiscalYear: number }

export type SectionType = 'str' | 'i32' | 'u8' | 'u16';
interface SectionInfo { name: string; type: SectionType; count: number; offset: number; bytes: number }

export interface ArtifactHeader {
  format: string;
  version: number;
  fiscalYear: number;
  sources: SourceFile[];
  counts: Record<string, number>;
  /** Code range of each chapter as the tabular states it ("A00-B99"), in chapter order. */
  chapterRanges: string[];
  /** Column names of the Neoplasm and Drug tables (after the first, the term). */
  tableHeadings: { neoplasm: string[]; drug: string[] };
  sections: SectionInfo[];
}

/*
 * Columns (rows = nodes: chapters, then blocks, then FY2026 codes in tabular order):
 *   node.code str ("CH04", "E08-E13", "E11.22")   node.title str (long; TITLE_SUFFIX = parent's + ", " + rest)
 *   node.short str ('' = same as title)            node.billable u8   node.parent i32 (-1 for chapters)
 *   note.node i32  note.kind u8 (NOTE_KINDS)  note.text i32 (row of text.note)  note.codes str (space-separated)
 *   text.note str (deduplicated note texts)
 *   seven.node i32  seven.chars str ("ABCDS")  seven.meanings str (tab-separated, one per char)
 *   <t>.parent i32 <t>.title str <t>.nemod str <t>.codes str <t>.manif str <t>.flags u8 <t>.see str
 *   <t>.seeAlso str <t>.seeTarget i32       for t = index (diseases) and eindex (external causes)
 *   <t>.parent i32 <t>.title str <t>.nemod str <t>.cells str ('|'-separated) <t>.see str <t>.seeAlso str
 *                                            for t = neoplasm, drug
 *   tok.vocab str; tok.title u16 (code rows); tok.inclusion u16 (inclusion-term notes, in note order);
 *   tok.indexTitle u16 (with VARIANT separators); tok.indexNemod u16; tok.indexPath u16 (path title words, then modifier words flagged SOFT, per term)
 *   search.indexDocTerm i32, search.indexDocNode i32: one search document per (index term, code row it leads to)
 *   search.indexPathLength u8: per term, words the extra-words penalty counts (shortest variant per level, no qualifiers)
 */

const align4 = (n: number) => (n + 3) & ~3;

export class ArtifactWriter {
  private readonly parts: { info: Omit<SectionInfo, 'offset'>; data: Buffer }[] = [];

  strings(name: string, values: readonly string[]): void {
    const bufs = values.map((v) => Buffer.from(v, 'utf8'));
    const lens = Buffer.alloc(values.length * 2);
    bufs.forEach((b, i) => {
      if (b.length > 0xffff) throw new Error(`${name}[${i}] is longer than 65535 bytes`);
      lens.writeUInt16LE(b.length, i * 2);
    });
    this.add(name, 'str', values.length, Buffer.concat([lens, ...bufs]));
  }

  i32(name: string, values: readonly number[]): void {
    const b = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => {
      if (!Number.isInteger(v)) throw new Error(`${name}[${i}] is not an integer: ${v}`);
      b.writeInt32LE(v, i * 4);
    });
    this.add(name, 'i32', values.length, b);
  }

  u8(name: string, values: readonly number[]): void {
    values.forEach((v, i) => { if (!(Number.isInteger(v) && v >= 0 && v < 256)) throw new Error(`${name}[${i}] is not a byte: ${v}`); });
    this.add(name, 'u8', values.length, Buffer.from(values));
  }

  u16(name: string, values: readonly number[]): void {
    const b = Buffer.alloc(values.length * 2);
    values.forEach((v, i) => b.writeUInt16LE(v, i * 2));
    this.add(name, 'u16', values.length, b);
  }

  private add(name: string, type: SectionType, count: number, data: Buffer) {
    if (this.parts.some((p) => p.info.name === name)) throw new Error(`duplicate section ${name}`);
    this.parts.push({ info: { name, type, count, bytes: data.length }, data });
  }

  /** Header + sections, each section 4-byte aligned. */
  toBuffer(header: Omit<ArtifactHeader, 'sections'>): Buffer {
    let offset = 0;
    const sections: SectionInfo[] = this.parts.map((p) => { const s = { ...p.info, offset }; offset = align4(offset + p.data.length); return s; });
    const json = Buffer.from(JSON.stringify({ ...header, sections }), 'utf8');
    const headLen = align4(MAGIC.length + 4 + json.length);
    const out = Buffer.alloc(headLen + offset);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(json.length, MAGIC.length);
    json.copy(out, MAGIC.length + 4);
    this.parts.forEach((p, i) => p.data.copy(out, headLen + sections[i].offset));
    return out;
  }
}

/** A column of strings decoded from UTF-8 on access (offsets computed on first use). */
export class StringColumn {
  private start_: Uint32Array | undefined;
  constructor(private readonly buf: Buffer, private readonly lensAt: number, readonly length: number, private readonly end: number, private readonly name: string) {}

  private get start(): Uint32Array {
    if (this.start_) return this.start_;
    const n = this.length;
    const lens = new Uint16Array(this.buf.buffer, this.buf.byteOffset + this.lensAt, n);
    const start = new Uint32Array(n + 1);
    let pos = this.lensAt + n * 2;
    for (let i = 0; i < n; i++) { start[i] = pos; pos += lens[i]; }
    start[n] = pos;
    if (pos > this.end) throw new Error(`section ${this.name} is corrupt (string lengths overrun it)`);
    return (this.start_ = start);
  }

  get(i: number): string {
    const start = this.start;
    const a = start[i], b = start[i + 1];
    return a === b ? '' : this.buf.toString('utf8', a, b);
  }

  isEmpty(i: number): boolean { const start = this.start; return start[i] === start[i + 1]; }

  /** Every string; one decode of the whole column when it is pure ASCII (codes), else one per string. */
  all(): string[] {
    const start = this.start;
    const n = this.length;
    const bytes = this.buf.subarray(start[0], start[n]);
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 127) { ascii = false; break; }
    if (!ascii) return Array.from({ length: n }, (_, i) => this.get(i));
    const text = bytes.toString('latin1');
    const out = new Array<string>(n);
    const base = start[0];
    for (let i = 0; i < n; i++) out[i] = text.slice(start[i] - base, start[i + 1] - base);
    return out;
  }
}

export class ArtifactReader {
  readonly header: ArtifactHeader;
  private readonly base: number;
  private readonly byName = new Map<string, SectionInfo>();

  constructor(private readonly buf: Buffer) {
    if (buf.length < 12 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not an ICD-10-CM knowledge base file (bad magic)');
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('this knowledge base layout needs a little-endian machine');
    const len = buf.readUInt32LE(MAGIC.length);
    this.header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + len)) as ArtifactHeader;
    this.base = align4(MAGIC.length + 4 + len);
    // Typed-array views need aligned offsets: copy once if the buffer happens not to be.
    if ((buf.byteOffset + this.base) % 4 !== 0) this.buf = Buffer.from(buf);
    for (const s of this.header.sections) {
      if (this.base + s.offset + s.bytes > this.buf.length) throw new Error(`section ${s.name} runs past the end of the file (truncated?)`);
      this.byName.set(s.name, s);
    }
  }

  private section(name: string, type: SectionType): SectionInfo {
    const s = this.byName.get(name);
    if (!s) throw new Error(`section ${name} missing`);
    if (s.type !== type) throw new Error(`section ${name} is ${s.type}, expected ${type}`);
    return s;
  }

  private at(s: SectionInfo) { return this.buf.byteOffset + this.base + s.offset; }

  i32(name: string): Int32Array {
    const s = this.section(name, 'i32');
    return new Int32Array(this.buf.buffer, this.at(s), s.count);
  }

  u8(name: string): Uint8Array {
    const s = this.section(name, 'u8');
    return new Uint8Array(this.buf.buffer, this.at(s), s.count);
  }

  u16(name: string): Uint16Array {
    const s = this.section(name, 'u16');
    return new Uint16Array(this.buf.buffer, this.at(s), s.count);
  }

  strings(name: string): StringColumn {
    const s = this.section(name, 'str');
    if (s.count * 2 > s.bytes) throw new Error(`section ${name} is corrupt (too short for its string lengths)`);
    return new StringColumn(this.buf, this.base + s.offset, s.count, this.base + s.offset + s.bytes, name);
  }
}
