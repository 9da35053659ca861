// `npm run build:icd`: derives models/icd10cm/icd10cm.json.gz from the official CMS files in
// ../shared/data/icd10cm. The FY2026 order file decides which codes exist; the FY2023 tabular and
// index (and FY2025 tables) are reconciled against it. Output is deterministic: rows follow the
// order file / source order, and gzip runs at a fixed level with no timestamp.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { resolveModelsDir, resolveSharedDataDir } from '../src/common/paths';
import { ArtifactWriter, ARTIFACT_DIR, ARTIFACT_FILE, ARTIFACT_FORMAT, ARTIFACT_VERSION, NOTE_KINDS, TERM_CATEGORY_REFERENCE, TERM_NEEDS_MORE_SPECIFICITY, TITLE_SUFFIX, TOKEN_END, TOKEN_VARIANT } from '../src/icd/artifact';
import type { NoteKind, SourceFile } from '../src/icd/artifact';
import { QUALIFIER_WORDS, titleVariants, TokenVocabulary } from '../src/icd/text';
import { SOFT } from '../src/icd/lexical-index';
import { chapterCode, dotCode, parseCode, RANGE } from '../src/icd/codes';
import { resolveSee } from '../src/icd/see-resolver';
import { child, elements, parseXml, textOf, textWithout } from './icd/xml';
import type { XmlElement } from './icd/xml';

const FILES = {
  order: { file: 'icd10cm_order_2026.txt.gz', fiscalYear: 2026 },
  tabular: { file: 'icd10cm_tabular_2023.xml.gz', fiscalYear: 2023 },
  index: { file: 'icd10cm_index_2023.xml.gz', fiscalYear: 2023 },
  eindex: { file: 'icd10cm_eindex_2025.xml.gz', fiscalYear: 2025 },
  neoplasm: { file: 'icd10cm_neoplasm_2025.xml.gz', fiscalYear: 2025 },
  drug: { file: 'icd10cm_drug_2025.xml.gz', fiscalYear: 2025 },
} as const;

/** Alphabetic Index (diseases or external causes): one row per term, parents before children. */
interface TermColumns {
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
interface TableColumns {
  headings: string[];
  parent: number[];
  title: string[];
  nemod: string[];
  cells: string[];       // codes joined by '|', one per heading
  see: string[];
  seeAlso: string[];
}

class BuildError extends Error {}
function fail(msg: string): never { throw new BuildError(msg); }
// Malformed input ends the build with the reason and no artifact (nothing is written until the end).
process.on('uncaughtException', (e) => {
  console.error(e instanceof BuildError ? `build-icd: ${e.message}` : e);
  process.exit(1);
});

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

const dataDir = resolveSharedDataDir();
if (!dataDir) fail('../shared/data not found: the ICD-10-CM source files are needed to build the knowledge base (set CLINICAL_CODER_SHARED_DATA to their parent folder).');
const icdDir = path.join(dataDir, 'icd10cm');
const sources: SourceFile[] = [];

function readSource(key: keyof typeof FILES): string {
  const { file, fiscalYear } = FILES[key];
  const p = path.join(icdDir, file);
  if (!fs.existsSync(p)) fail(`missing source file ${file} in ../shared/data/icd10cm`);
  let raw: Buffer;
  try { raw = zlib.gunzipSync(fs.readFileSync(p)); } catch (e) { fail(`${file}: not a valid gzip file (${(e as Error).message})`); }
  sources.push({ file: file.replace(/\.gz$/, ''), sha256: createHash('sha256').update(raw).digest('hex'), fiscalYear });
  return raw.toString('utf8');
}

const counts: Record<string, number> = {};
/** Code references dropped because FY2026 no longer has them, by where they were cited (printed at the end). */
const dropped: string[] = [];
const bump = (k: string, n = 1) => { counts[k] = (counts[k] ?? 0) + n; };

// ---------------------------------------------------------------------------------------------
// FY2026 order file: fixed columns "00001 A00     0 short(60) long"
// ---------------------------------------------------------------------------------------------

interface OrderRow { code: string; billable: boolean; short: string; long: string }
const order: OrderRow[] = [];
const byCode = new Map<string, number>(); // dotted code -> row in `order`
{
  const lines = readSource('order').split(/\r?\n/);
  let expected = 1;
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const m = /^(\d{5}) ([A-Z0-9]{3,7}) +([01]) (.{60}) (.+)$/.exec(line) ?? /^(\d{5}) ([A-Z0-9]{3,7}) +([01]) (.+?) {2,}(.+)$/.exec(line);
    if (!m) fail(`${FILES.order.file}: malformed line ${i + 1}: ${JSON.stringify(line.slice(0, 80))}`);
    if (Number(m[1]) !== expected) fail(`${FILES.order.file}: line ${i + 1} has order number ${m[1]}, expected ${expected}`);
    expected++;
    const bare = m[2];
    if (!parseCode(bare)) fail(`${FILES.order.file}: line ${i + 1}: "${bare}" is not an ICD-10-CM code`);
    const code = dotCode(bare);
    if (byCode.has(code)) fail(`${FILES.order.file}: duplicate code ${code} at line ${i + 1}`);
    byCode.set(code, order.length);
    order.push({ code, billable: m[3] === '1', short: m[4].trim(), long: m[5].trim() });
  }
  if (order.length === 0) fail(`${FILES.order.file}: no codes`);
  counts.orderLines = order.length;
  counts.billableCodes = order.filter((r) => r.billable).length;
  counts.headerCodes = order.length - counts.billableCodes;
  counts.categories = order.filter((r) => r.code.length === 3).length;
}

/** Parent within the FY2026 code set: the longest proper prefix that is itself a code. */
function codeParent(code: string): string | undefined {
  const bare = code.replace('.', '');
  for (let n = bare.length - 1; n >= 3; n--) {
    const p = dotCode(bare.slice(0, n));
    if (byCode.has(p)) return p;
  }
  return undefined;
}

const codeChildren = new Map<string, string[]>();
for (const r of order) {
  if (r.code.length === 3) continue;
  const p = codeParent(r.code);
  if (!p) fail(`${FILES.order.file}: ${r.code} has no parent category in the order file`);
  let list = codeChildren.get(p);
  if (!list) codeChildren.set(p, (list = []));
  list.push(r.code);
}

function billableDescendants(code: string, out: string[] = []): string[] {
  for (const c of codeChildren.get(code) ?? []) {
    if (order[byCode.get(c)!].billable) out.push(c);
    billableDescendants(c, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// FY2023 tabular: chapters, sections (blocks), notes, 7th characters
// ---------------------------------------------------------------------------------------------

interface Chapter { number: number; title: string; range: string }
interface Block { range: string; title: string; first: string; last: string; chapter: number }
interface RawNote { kind: NoteKind; text: string }
interface TabularDiag { code: string; notes: RawNote[]; sevenChr?: [string, string][]; leaf: boolean }

const chapters: Chapter[] = [];
const blocks: Block[] = [];
const chapterNotes = new Map<number, RawNote[]>();
const blockNotes = new Map<string, RawNote[]>();
const tabular = new Map<string, TabularDiag>();
const tabularCategoryBlock = new Map<string, string>();
const tabularSevenChrOf = new Map<string, string>(); // tabular code -> code holding its nearest sevenChrDef

const NOTE_ELEMENTS: Record<string, NoteKind> = {
  inclusionTerm: 'inclusionTerm', includes: 'includes', excludes1: 'excludes1', excludes2: 'excludes2',
  codeFirst: 'codeFirst', useAdditionalCode: 'useAdditionalCode', codeAlso: 'codeAlso', notes: 'note', sevenChrNote: 'sevenChrNote',
};

function readNotes(el: XmlElement, where: string): RawNote[] {
  const out: RawNote[] = [];
  for (const c of elements(el)) {
    const kind = NOTE_ELEMENTS[c.name];
    if (!kind) continue;
    const ns = elements(c, 'note');
    if (!ns.length) fail(`${FILES.tabular.file}: <${c.name}> without <note> under ${where}`);
    for (const n of ns) { const text = textOf(n); if (text) out.push({ kind, text }); }
  }
  return out;
}

function splitTitleRange(desc: string, where: string): { title: string; range: string } {
  const m = /^(.*?)\s*\(([A-Z][0-9][0-9A-Z](?:-[A-Z][0-9][0-9A-Z])?)\)\s*$/.exec(desc);
  if (!m) fail(`${FILES.tabular.file}: ${where} description without a code range: "${desc}"`);
  return { title: m[1], range: m[2] };
}

{
  const root = parseXml(readSource('tabular'), FILES.tabular.file);
  const walkDiag = (d: XmlElement, sevenFrom: string | undefined) => {
    const name = textOf(child(d, 'name'));
    const parsed = parseCode(name);
    if (!parsed || parsed.dash) fail(`${FILES.tabular.file}: bad <diag> name "${name}"`);
    const code = parsed.code;
    const kids = elements(d, 'diag');
    const entry: TabularDiag = { code, notes: readNotes(d, code), leaf: kids.length === 0 };
    const def = child(d, 'sevenChrDef');
    if (def) {
      entry.sevenChr = elements(def, 'extension').map((x) => {
        const ch = x.attrs.char;
        if (!ch || !/^[0-9A-Z]$/.test(ch)) fail(`${FILES.tabular.file}: bad 7th character "${ch}" under ${code}`);
        return [ch, textOf(x)] as [string, string];
      });
      if (!entry.sevenChr.length) fail(`${FILES.tabular.file}: empty <sevenChrDef> under ${code}`);
      sevenFrom = code;
    }
    if (sevenFrom) tabularSevenChrOf.set(code, sevenFrom);
    if (tabular.has(code)) fail(`${FILES.tabular.file}: duplicate <diag> ${code}`);
    tabular.set(code, entry);
    for (const k of kids) walkDiag(k, sevenFrom);
  };
  for (const ch of elements(root, 'chapter')) {
    const number = Number(textOf(child(ch, 'name')));
    if (!Number.isInteger(number) || number < 1) fail(`${FILES.tabular.file}: bad chapter number "${textOf(child(ch, 'name'))}"`);
    const { title, range } = splitTitleRange(textOf(child(ch, 'desc')), `chapter ${number}`);
    chapters.push({ number, title, range });
    chapterNotes.set(number, readNotes(ch, `chapter ${number}`));
    for (const sec of elements(ch, 'section')) {
      const id = sec.attrs.id;
      const m = id && /^([A-Z][0-9][0-9A-Z])(?:-([A-Z][0-9][0-9A-Z]))?$/.exec(id);
      if (!m) fail(`${FILES.tabular.file}: bad section id "${id}" in chapter ${number}`);
      const { title } = splitTitleRange(textOf(child(sec, 'desc')), `section ${id}`);
      const first = m[1], last = m[2] ?? m[1];
      const range = `${first}-${last}`;
      if (blocks.some((b) => b.range === range)) fail(`${FILES.tabular.file}: duplicate section ${range}`);
      blocks.push({ range, title, first, last, chapter: number });
      blockNotes.set(range, readNotes(sec, `section ${id}`));
      for (const d of elements(sec, 'diag')) {
        walkDiag(d, undefined);
        tabularCategoryBlock.set(textOf(child(d, 'name')), range);
      }
    }
  }
  if (!chapters.length || !blocks.length || !tabular.size) fail(`${FILES.tabular.file}: no chapters, sections or codes found`);
  counts.tabularCodes = tabular.size;
}

// ---------------------------------------------------------------------------------------------
// Node table: chapters, blocks, FY2026 codes
// ---------------------------------------------------------------------------------------------

const blockOfCategory = (cat: string): Block | undefined => {
  const fromTabular = tabularCategoryBlock.get(cat);
  if (fromTabular) return blocks.find((b) => b.range === fromTabular);
  const holding = blocks.filter((b) => cat >= b.first && cat <= b.last && !grouping.has(b.range));
  return holding.sort((x, y) => width(x) - width(y))[0];
};

const nodeCode: string[] = [], nodeTitle: string[] = [], nodeShort: string[] = [], nodeParent: number[] = [];
let billableBits = '';
const nodeOf = new Map<string, number>();
const fullTitle: string[] = [];
function addNode(code: string, title: string, short: string, billable: boolean, parent: number) {
  nodeOf.set(code, nodeCode.length);
  const prefix = parent >= 0 ? `${fullTitle[parent]}, ` : undefined;
  fullTitle.push(title);
  nodeCode.push(code); nodeTitle.push(prefix && title.startsWith(prefix) && title.length > prefix.length ? TITLE_SUFFIX + title.slice(prefix.length) : title); nodeShort.push(short === title ? '' : short); nodeParent.push(parent);
  billableBits += billable ? '1' : '0';
}
for (const c of chapters) addNode(chapterCode(c.number), c.title, c.title, false, -1);
// Some sections only group others ("Malignant neoplasms (C00-C96)" holds C00-C14 ...): a block's
// parent is the narrowest other block of its chapter that contains it, else the chapter.
const width = (b: Block) => (b.last.charCodeAt(0) - b.first.charCodeAt(0)) * 100 + Number.parseInt(b.last.slice(1), 36) - Number.parseInt(b.first.slice(1), 36);
const contains = (outer: Block, inner: Block) => outer !== inner && outer.first <= inner.first && outer.last >= inner.last && outer.range !== inner.range;
// Only sections without categories of their own group others, and they precede what they group.
const grouping = new Set(blocks.map((b) => b.range).filter((r) => ![...tabularCategoryBlock.values()].includes(r)));
const blockParent = new Map<string, Block>();
for (const [i, b] of blocks.entries()) {
  const outer = blocks.slice(0, i).filter((o) => grouping.has(o.range) && o.chapter === b.chapter && contains(o, b)).sort((x, y) => width(x) - width(y))[0];
  if (outer) blockParent.set(b.range, outer);
}
for (const b of blocks) {
  const outer = blockParent.get(b.range);
  addNode(b.range, b.title, b.title, false, outer ? nodeOf.get(outer.range)! : nodeOf.get(chapterCode(b.chapter))!);
}
const usedBlocks = new Set<string>();
const newCategories: string[] = [];
let lastBlock: Block | undefined;
for (const r of order) {
  let parent: number;
  if (r.code.length === 3) {
    // New categories go to the section whose range holds them, else (e.g. QA0, past "Q99") to the
    // section of the category before them in tabular order.
    const b = blockOfCategory(r.code) ?? lastBlock;
    if (!b) fail(`category ${r.code} (FY2026) falls in no tabular section`);
    if (!tabularCategoryBlock.has(r.code)) newCategories.push(`${r.code}->${b.range}`);
    lastBlock = b;
    for (let u: Block | undefined = b; u; u = blockParent.get(u.range)) usedBlocks.add(u.range);
    parent = nodeOf.get(b.range)!;
  } else parent = nodeOf.get(codeParent(r.code)!)!;
  addNode(r.code, r.long, r.short, r.billable, parent);
}
nodeParent.forEach((p, i) => { if (!Number.isInteger(p) || p >= i) fail(`internal: node ${nodeCode[i]} has no valid parent row (${p})`); });
counts.chapters = chapters.length;
counts.blocks = blocks.length;
counts.blocksWithCodes = usedBlocks.size;
counts.categoriesAddedSinceFY2023 = newCategories.length;
counts.chaptersWithCodes = new Set([...usedBlocks].map((r) => blocks.find((b) => b.range === r)!.chapter)).size;
const emptyBlocks = blocks.filter((b) => !usedBlocks.has(b.range)).map((b) => b.range);

// ---------------------------------------------------------------------------------------------
// Reconciliation of code references against FY2026
// ---------------------------------------------------------------------------------------------

/** Leaves of the FY2023 tabular that needed no 7th character were billable in FY2023. */
const billableIn2023 = (code: string) => { const t = tabular.get(code); return !!t && t.leaf && !tabularSevenChrOf.has(code); };

type Reconciled = { kind: 'valid'; code: string } | { kind: 'header'; code: string; expanded: boolean } | { kind: 'deleted'; code: string };
function reconcile(code: string): Reconciled {
  const row = byCode.get(code);
  if (row === undefined) return { kind: 'deleted', code };
  if (order[row].billable) return { kind: 'valid', code };
  return { kind: 'header', code, expanded: billableIn2023(code) };
}

/** Codes and ranges cited in a note: "(E08-E13)", "(Z16.-)", "(O98.-)", "(I10-I16)". */
function noteCodes(text: string, stats: string): string[] {
  const out: string[] = [];
  for (const paren of text.matchAll(/\(([^()]*)\)/g)) {
    for (const tok of paren[1].matchAll(/(?<![A-Za-z0-9])[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?-?(?:-[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)?(?:\.-)?(?![A-Za-z0-9])/g)) {
      const t = tok[0];
      const rm = RANGE.exec(t);
      if (rm) {
        const ok = byCode.has(rm[1]) || byCode.has(rm[2]);
        bump(ok ? `${stats}RangesValid` : `${stats}RangesDropped`);
        if (ok) out.push(`${rm[1]}-${rm[2]}`);
        continue;
      }
      const p = parseCode(t);
      if (!p) continue;
      const r = reconcile(p.code);
      if (r.kind === 'deleted') { bump(`${stats}RefsDeletedDropped`); dropped.push(`note "${text.slice(0, 60)}": ${p.code}`); continue; }
      if (r.kind === 'header' && r.expanded && !p.dash) bump(`${stats}RefsExpandedSinceFY2023`);
      else bump(`${stats}RefsValid`);
      out.push(r.code);
    }
  }
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------------------------
// Notes (attached to the node that carries them; inheritance happens at query time)
// ---------------------------------------------------------------------------------------------

const texts: string[] = [];
const textId = new Map<string, number>();
const notes = { node: [] as number[], kind: [] as number[], text: [] as number[], codes: [] as string[] };
function addNotes(node: number, raw: RawNote[]) {
  for (const n of raw) {
    let t = textId.get(n.text);
    if (t === undefined) { t = texts.length; texts.push(n.text); textId.set(n.text, t); }
    notes.node.push(node); notes.kind.push(NOTE_KINDS.indexOf(n.kind)); notes.text.push(t);
    notes.codes.push(n.kind === 'inclusionTerm' ? '' : noteCodes(n.text, 'note').join(' '));
    bump(`notes.${n.kind}`);
  }
}
for (const c of chapters) addNotes(nodeOf.get(chapterCode(c.number))!, chapterNotes.get(c.number)!);
for (const b of blocks) addNotes(nodeOf.get(b.range)!, blockNotes.get(b.range)!);
let tabularDeleted = 0, tabularDeletedWithNotes = 0;
for (const t of tabular.values()) {
  const node = nodeOf.get(t.code);
  if (node === undefined) { tabularDeleted++; if (t.notes.length) tabularDeletedWithNotes++; continue; }
  addNotes(node, t.notes);
}
counts.tabularCodesDeletedByFY2026 = tabularDeleted;
counts.tabularCodesDeletedWithNotesDropped = tabularDeletedWithNotes;
counts.notes = notes.node.length;
counts.noteTexts = texts.length;
counts.fy2026CodesWithoutTabularEntry = order.filter((r) => !tabular.has(r.code) && r.code.replace('.', '').length < 7).length;

// ---------------------------------------------------------------------------------------------
// 7th characters: definitions, and expansion checked against the FY2026 code set
// ---------------------------------------------------------------------------------------------

const sevenChr = { node: [] as number[], chars: [] as string[], meanings: [] as string[][] };
const sevenDefAt = new Map<string, [string, string][]>();
for (const t of tabular.values()) {
  if (!t.sevenChr) continue;
  const node = nodeOf.get(t.code);
  if (node === undefined) { bump('sevenChrDefsOnDeletedCodes'); continue; }
  sevenDefAt.set(t.code, t.sevenChr);
  sevenChr.node.push(node); sevenChr.chars.push(t.sevenChr.map((x) => x[0]).join('')); sevenChr.meanings.push(t.sevenChr.map((x) => x[1]));
}
counts.sevenChrDefinitions = sevenChr.node.length;
function nearestSevenDef(code: string): [string, string][] | undefined {
  for (let c: string | undefined = code; c; c = codeParent(c)) { const d = sevenDefAt.get(c); if (d) return d; }
  return undefined;
}
const expand = (base: string, chars: [string, string][]) => chars.map(([ch]) => dotCode(base.replace('.', '').padEnd(6, 'X') + ch));
{
  // Bases: FY2026 codes under a 7th-character definition whose children (if any) are all 7-character codes.
  const fy26Seven = new Set(order.filter((r) => r.code.length === 8).map((r) => r.code));
  const expanded = new Set<string>();
  let bases = 0;
  for (const r of order) {
    if (r.code.length === 8) continue;
    const def = nearestSevenDef(r.code);
    if (!def) continue;
    const kids = codeChildren.get(r.code) ?? [];
    if (kids.some((k) => k.length < 8)) continue;
    bases++;
    for (const c of expand(r.code, def)) expanded.add(c);
  }
  let inFy26 = 0;
  for (const c of expanded) if (fy26Seven.has(c)) inFy26++;
  let notExpanded = 0;
  for (const c of fy26Seven) if (!expanded.has(c)) notExpanded++;
  counts.sevenChrBases = bases;
  counts.sevenChrExpandedCodes = expanded.size;
  counts.sevenChrExpandedValidInFY2026 = inFy26;
  counts.sevenChrExpandedNotInFY2026 = expanded.size - inFy26;
  counts.fy2026SevenCharCodes = fy26Seven.size;
  counts.fy2026SevenCharCodesNotFromExpansion = notExpanded;
  // The same check from the FY2023 side: every tabular leaf under a definition, expanded.
  let tabValid = 0, tabMissing = 0;
  for (const t of tabular.values()) {
    if (!t.leaf) continue;
    const from = tabularSevenChrOf.get(t.code);
    if (!from) continue;
    for (const c of expand(t.code, tabular.get(from)!.sevenChr!)) (byCode.has(c) ? tabValid++ : tabMissing++);
  }
  counts.sevenChrFY2023ExpansionValidInFY2026 = tabValid;
  counts.sevenChrFY2023ExpansionNotInFY2026 = tabMissing;
}

// ---------------------------------------------------------------------------------------------
// Alphabetic indexes (diseases, external causes) and the Neoplasm / Drug tables
// ---------------------------------------------------------------------------------------------

function emptyTerms(): TermColumns {
  return { parent: [], title: [], nemod: [], codes: [], manif: [], flags: [], see: [], seeAlso: [], seeTarget: [] };
}

/**
 * Reconciles one index code reference. Billable codes stay; a header (written "I21.-", or a code
 * billable in FY2023 that FY2026 has split) stays as the header and flags the term as needing more
 * specificity (the runtime expands it to its billable children); a deleted code is dropped.
 */
function indexCode(raw: string, stats: string, where: string): { codes: string[]; needsMore: boolean } {
  const p = parseCode(raw);
  if (!p) fail(`${where}: "${raw}" is not an ICD-10-CM code`);
  const r = reconcile(p.code);
  if (r.kind === 'deleted') { bump(`${stats}.refsDeletedDropped`); dropped.push(`${where}: ${r.code}`); return { codes: [], needsMore: false }; }
  if (r.kind === 'valid') { bump(`${stats}.refsValid`); return { codes: [r.code], needsMore: false }; }
  bump(r.expanded && !p.dash ? `${stats}.refsExpandedSinceFY2023` : `${stats}.refsHeader`);
  if (billableDescendants(r.code).length === 0) fail(`${where}: header ${r.code} has no billable descendants`);
  return { codes: [r.code], needsMore: true };
}

function readTermTree(root: XmlElement, file: string, stats: string): TermColumns {
  const t = emptyTerms();
  const walk = (el: XmlElement, parent: number) => {
    const titleEl = child(el, 'title');
    const nemod = titleEl ? elements(titleEl, 'nemod').map(textOf).join(' ') : '';
    // A few titles are only a modifier ("(taser)"): the modifier is then the title.
    const title = textWithout(titleEl, 'nemod') || nemod.replace(/[()]/g, '').trim();
    if (!title) fail(`${file}: term without a title under row ${parent}`);
    const where = `${file}: "${title}"`;
    const codes: string[] = [];
    let flags = 0;
    for (const c of elements(el)) {
      if (c.name !== 'code' && c.name !== 'subcat' && c.name !== 'seecat') continue;
      const r = indexCode(textOf(c), stats, where);
      codes.push(...r.codes);
      if (r.needsMore) flags |= TERM_NEEDS_MORE_SPECIFICITY;
      if (c.name !== 'code') flags |= TERM_CATEGORY_REFERENCE;
    }
    const manif: string[] = [];
    for (const c of elements(el, 'manif')) {
      const r = indexCode(textOf(c), `${stats}Manif`, where);
      manif.push(...r.codes);
      if (r.needsMore) flags |= TERM_NEEDS_MORE_SPECIFICITY;
    }
    const row = t.parent.length;
    t.parent.push(parent); t.title.push(title); t.nemod.push(nemod);
    t.codes.push([...new Set(codes)].join(' ')); t.manif.push([...new Set(manif)].join(' ')); t.flags.push(flags);
    t.see.push(textOf(child(el, 'see'))); t.seeAlso.push(textOf(child(el, 'seeAlso'))); t.seeTarget.push(-1);
    for (const sub of elements(el, 'term')) {
      const lv = Number(sub.attrs.level);
      if (!(lv >= 1)) fail(`${where}: <term> without a level`);
      walk(sub, row);
    }
  };
  for (const letter of elements(root, 'letter')) for (const mt of elements(letter, 'mainTerm')) walk(mt, -1);
  if (!t.parent.length) fail(`${file}: no index terms`);
  return t;
}

function resolveSees(t: TermColumns, stats: string, fallback?: TermColumns) {
  for (let i = 0; i < t.parent.length; i++) {
    const ref = t.see[i] || t.seeAlso[i];
    if (!ref) continue;
    // "see Neoplasm, ... by site", "see Table of Drugs and Chemicals": the tables, not index terms.
    if (/^(see\s+(also\s+)?)?(neoplasm\b|table of)/i.test(ref)) { bump(`${stats}.seeToTables`); continue; }
    // "see condition", "see also specific condition": an instruction, not a term.
    if (/^(see\s+(also\s+)?)?(specific\s+)?condition\b/i.test(ref)) { bump(`${stats}.seeGeneric`); continue; }
    const r = resolveSee(t, ref);
    if (r.row >= 0 && r.row !== i) {
      t.seeTarget[i] = r.row;
      bump(r.complete ? `${stats}.seeResolved` : `${stats}.seeResolvedPartially`);
    } else if (fallback && resolveSee(fallback, ref).complete) bump(`${stats}.seeResolvedInDiseaseIndex`);
    else bump(`${stats}.seeUnresolved`);
  }
}

const index = readTermTree(parseXml(readSource('index'), FILES.index.file), FILES.index.file, 'index');
const eindex = readTermTree(parseXml(readSource('eindex'), FILES.eindex.file), FILES.eindex.file, 'eindex');
resolveSees(index, 'index');
resolveSees(eindex, 'eindex', index);
counts.indexTerms = index.parent.length;
counts.indexMainTerms = index.parent.filter((p) => p < 0).length;
counts.indexTermsWithCodes = index.codes.filter(Boolean).length;
counts.indexTermsWithManifestation = index.manif.filter(Boolean).length;
counts.indexSee = index.see.filter(Boolean).length;
counts.indexSeeAlso = index.seeAlso.filter(Boolean).length;
counts.eindexTerms = eindex.parent.length;

function readTable(key: 'neoplasm' | 'drug'): TableColumns {
  const file = FILES[key].file;
  const root = parseXml(readSource(key), file);
  const heading = child(root, 'indexHeading');
  if (!heading) fail(`${file}: no <indexHeading>`);
  const headings = elements(heading, 'head').map(textOf).slice(1);
  if (headings.length < 2) fail(`${file}: expected table columns in <indexHeading>`);
  const t: TableColumns = { headings, parent: [], title: [], nemod: [], cells: [], see: [], seeAlso: [] };
  const walk = (el: XmlElement, parent: number) => {
    const titleEl = child(el, 'title');
    const title = textWithout(titleEl, 'nemod');
    if (!title) fail(`${file}: row without a title`);
    const cells = headings.map(() => '');
    for (const c of elements(el, 'cell')) {
      const col = Number(c.attrs.col) - 2;
      if (!(col >= 0 && col < headings.length)) fail(`${file}: "${title}": cell column ${c.attrs.col} out of range`);
      const v = textOf(c);
      if (!v || /^-+$/.test(v)) continue;
      const p = parseCode(v);
      if (!p) fail(`${file}: "${title}": "${v}" is not a code`);
      const r = reconcile(p.code);
      if (r.kind === 'deleted') { bump(`${key}.refsDeletedDropped`); dropped.push(`${file}: "${title}": ${r.code}`); continue; }
      bump(r.kind === 'valid' ? `${key}.refsValid` : r.expanded && !p.dash ? `${key}.refsExpandedSinceFY2023` : `${key}.refsHeader`);
      cells[col] = r.code;
    }
    const row = t.parent.length;
    t.parent.push(parent); t.title.push(title); t.nemod.push(titleEl ? elements(titleEl, 'nemod').map(textOf).join(' ') : '');
    t.cells.push(cells.join('|')); t.see.push(textOf(child(el, 'see'))); t.seeAlso.push(textOf(child(el, 'seeAlso')));
    for (const sub of elements(el, 'term')) walk(sub, row);
  };
  for (const letter of elements(root, 'letter')) for (const mt of elements(letter, 'mainTerm')) walk(mt, -1);
  counts[`${key}Rows`] = t.parent.length;
  return t;
}
const neoplasm = readTable('neoplasm');
const drug = readTable('drug');

// ---------------------------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------------------------

// Token streams for the runtime search (so it need not tokenise ~180k texts on first use).
const vocab = new TokenVocabulary();
function tokenStream(texts: Iterable<string>, variants = false): number[] {
  const out: number[] = [];
  const tmp: number[] = [];
  for (const text of texts) {
    const parts = variants ? titleVariants(text) : [text];
    parts.forEach((part, i) => {
      tmp.length = 0;
      vocab.ids(part, tmp);
      if (i > 0 && tmp.length) out.push(TOKEN_VARIANT);
      out.push(...tmp);
    });
    out.push(TOKEN_END);
  }
  return out;
}
const codeRows = nodeCode.map((_, i) => i).filter((i) => i >= chapters.length + blocks.length);
const tokTitle = tokenStream(codeRows.map((i) => fullTitle[i]));
const inclusionKind = NOTE_KINDS.indexOf('inclusionTerm');
const tokInclusion = tokenStream(notes.kind.flatMap((k, i) => (k === inclusionKind ? [texts[notes.text[i]]] : [])));
const tokIndexTitle = tokenStream(index.title, true);
const tokIndexNemod = tokenStream(index.nemod);
// Search documents for index terms: (term, code row) for each code a term leads to (its own, else
// its see target's), and each term's path tokens (its and its ancestors' title words, deduplicated).
const indexDocTerm: number[] = [], indexDocNode: number[] = [];
for (let t = 0; t < index.parent.length; t++) {
  let refs = index.codes[t];
  if (!refs && index.see[t] && index.seeTarget[t] >= 0) refs = index.codes[index.seeTarget[t]];
  for (const c of refs ? refs.split(' ') : []) {
    const node = nodeOf.get(c);
    if (node === undefined) fail(`internal: index code ${c} has no node`);
    indexDocTerm.push(t); indexDocNode.push(node);
  }
}
// Path words: every title variant on the path, plus the modifiers flagged SOFT (so "urinary
// (tract)" matches "tract" at half weight); effective length for the extra-words penalty: per path
// element its shortest variant, qualifier words ("unspecified", "NEC") and modifiers free.
const tokIndexPath: number[] = [];
const indexPathLength: number[] = [];
const qualifierIds = new Set(QUALIFIER_WORDS.flatMap((q) => { const out: number[] = []; vocab.ids(q, out, false); return out; }));
{
  const own: number[][] = [], minVariant: number[] = [], mods: number[][] = [];
  let pos = 0, mpos = 0;
  for (let t = 0; t < index.parent.length; t++) {
    const ids: number[] = [];
    let cur = 0, best = Infinity;
    for (; tokIndexTitle[pos] !== TOKEN_END; pos++) {
      const id = tokIndexTitle[pos];
      if (id === TOKEN_VARIANT) { if (cur) best = Math.min(best, cur); cur = 0; continue; }
      if (!qualifierIds.has(id)) cur++;
      if (!ids.includes(id)) ids.push(id);
    }
    pos++;
    if (cur) best = Math.min(best, cur);
    own.push(ids);
    minVariant.push(best === Infinity ? 0 : best);
    const m: number[] = [];
    for (; tokIndexNemod[mpos] !== TOKEN_END; mpos++) m.push(tokIndexNemod[mpos]);
    mpos++;
    mods.push(m);
  }
  for (let t = 0; t < index.parent.length; t++) {
    const path: number[] = [];
    let len = 0;
    for (let x = t; x >= 0; x = index.parent[x]) {
      len += minVariant[x];
      for (const id of own[x]) if (!path.includes(id)) path.push(id);
    }
    const soft: number[] = [];
    for (let x = t; x >= 0; x = index.parent[x]) for (const id of mods[x]) if (!path.includes(id) && !soft.includes(id | SOFT)) soft.push(id | SOFT);
    tokIndexPath.push(...path, ...soft, TOKEN_END);
    indexPathLength.push(Math.min(255, len));
  }
}
counts.searchDocuments = codeRows.length + tokInclusion.filter((x) => x === TOKEN_END).length + indexDocTerm.length;
if (vocab.tokens.length >= SOFT - 1) fail(`search vocabulary too large for 15-bit token ids (${vocab.tokens.length})`);
counts.searchVocabulary = vocab.tokens.length;

const sortedCounts = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const w = new ArtifactWriter();
w.strings('node.code', nodeCode);
w.strings('node.title', nodeTitle);
w.strings('node.short', nodeShort);
w.u8('node.billable', [...billableBits].map(Number));
w.i32('node.parent', nodeParent);
w.i32('note.node', notes.node);
w.u8('note.kind', notes.kind);
w.i32('note.text', notes.text);
w.strings('note.codes', notes.codes);
w.strings('text.note', texts);
w.i32('seven.node', sevenChr.node);
w.strings('seven.chars', sevenChr.chars);
w.strings('seven.meanings', sevenChr.meanings.map((m) => {
  if (m.some((x) => x.includes('\t'))) fail('7th character meaning contains a tab');
  return m.join('\t');
}));
for (const [name, t] of [['index', index], ['eindex', eindex]] as const) {
  w.i32(`${name}.parent`, t.parent); w.strings(`${name}.title`, t.title); w.strings(`${name}.nemod`, t.nemod);
  w.strings(`${name}.codes`, t.codes); w.strings(`${name}.manif`, t.manif); w.u8(`${name}.flags`, t.flags);
  w.strings(`${name}.see`, t.see); w.strings(`${name}.seeAlso`, t.seeAlso); w.i32(`${name}.seeTarget`, t.seeTarget);
}
for (const [name, t] of [['neoplasm', neoplasm], ['drug', drug]] as const) {
  w.i32(`${name}.parent`, t.parent); w.strings(`${name}.title`, t.title); w.strings(`${name}.nemod`, t.nemod);
  w.strings(`${name}.cells`, t.cells); w.strings(`${name}.see`, t.see); w.strings(`${name}.seeAlso`, t.seeAlso);
}
w.strings('tok.vocab', vocab.tokens);
w.u16('tok.title', tokTitle);
w.u16('tok.inclusion', tokInclusion);
w.u16('tok.indexTitle', tokIndexTitle);
w.u16('tok.indexNemod', tokIndexNemod);
w.u16('tok.indexPath', tokIndexPath);
w.u8('search.indexPathLength', indexPathLength);
w.i32('search.indexDocTerm', indexDocTerm);
w.i32('search.indexDocNode', indexDocNode);
const raw = w.toBuffer({
  format: ARTIFACT_FORMAT, version: ARTIFACT_VERSION, fiscalYear: 2026, sources, counts: sortedCounts,
  chapterRanges: chapters.map((c) => c.range),
  tableHeadings: { neoplasm: neoplasm.headings, drug: drug.headings },
});
const gz = zlib.gzipSync(raw, { level: 9, memLevel: 9 });
gz[9] = 255; // OS byte "unknown": identical bytes whichever OS builds it (mtime is already 0)
const outDir = path.join(resolveModelsDir(), ARTIFACT_DIR);
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, ARTIFACT_FILE);
fs.writeFileSync(outFile, gz);
// Earlier layouts used another file name; leave no stale artifact beside the current one.
for (const old of fs.readdirSync(outDir)) if (old !== ARTIFACT_FILE && /^icd10cm\..*\.gz$/.test(old)) fs.rmSync(path.join(outDir, old));

const f = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
console.log(`ICD-10-CM knowledge base FY2026 -> models/${ARTIFACT_DIR}/${ARTIFACT_FILE} (layout v${ARTIFACT_VERSION})`);
console.log(`  ${f(gz.length)} bytes gzip (${f(raw.length)} bytes unpacked), sha256 ${createHash('sha256').update(gz).digest('hex')}`);
console.log(`  codes: ${f(counts.orderLines)} FY2026 codes and headers, ${f(counts.billableCodes)} billable, ${f(counts.categories)} categories`);
console.log(`  chapters: ${counts.chaptersWithCodes}/${counts.chapters} with codes; blocks: ${counts.blocksWithCodes}/${counts.blocks} with codes${emptyBlocks.length ? ` (empty: ${emptyBlocks.join(', ')})` : ''}`);
if (newCategories.length) console.log(`  categories added since FY2023 (placed by range): ${newCategories.join(', ')}`);
for (const [k, v] of Object.entries(sortedCounts)) console.log(`  ${k}: ${f(v)}`);
if (dropped.length) console.log(`  references to codes absent from FY2026 (dropped):\n    ${dropped.join('\n    ')}`);
