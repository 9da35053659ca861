// The matching side of the knowledge base: every Alphabetic Index term path, inclusion term and
// code title as a bag of normalised keys (required) plus nonessential modifiers (optional), with
// the billable code it leads to. Each entry is filed under its rarest key, so matching a sentence
// only looks at entries whose rarest key occurs in it.
import SUPPLEMENTARY_TERMS from './data/supplementary-terms.json';
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import type { IndexHit } from '../icd/types';
import { NORMALIZER_VERSION, normKeys } from './normalize';
import { conditionlessWords } from './learned-phrase-check';
import NON_EVIDENCE_WORDS from './data/non-evidence-words.json';

export type EntrySource = 'index' | 'inclusion' | 'title';

export interface LexiconEntry {
  /** Required keys, distinct, in text order. */
  keys: string[];
  /** Nonessential-modifier keys (they raise match quality when present, never required). */
  optional: string[];
  /** Billable code the entry leads to. */
  code: string;
  /** More specific codes when the knowledge base says the entry needs more specificity. */
  alternatives?: string[];
  /** Manifestation codes to add (dual coding). */
  manifestation?: string[];
  source: EntrySource;
  /** Human-readable text of the entry (index path joined with ", ", or the title). */
  text: string;
  /** Depth of the index path (1 = main term), 0 for titles and inclusion terms. */
  depth: number;
  needsMoreSpecificity: boolean;
  /** Built by reading a reference on to its target's subterms: matched like the rest, not counted in key statistics. */
  derived?: boolean;
}

/** Main-term alternatives ("Diabetes, diabetic", "Abdomen, abdominal") vs inverted phrases ("Abruption, placenta"). */
function mainTermVariants(title: string): string[] {
  const parts = title.split(/,\s*/).filter(Boolean);
  if (parts.length < 2) return [title];
  const first = parts[0].toLowerCase();
  const isVariant = (p: string) => !p.includes(' ') && p.toLowerCase().slice(0, 4) === first.slice(0, 4);
  // The index lists a main term's inflections after commas ("Rupture, ruptured"), irregular ones too ("Tear, torn").
  if (parts.slice(1).every((p) => isVariant(p) || IRREGULAR.has(p.trim().toLowerCase()))) return parts;
  return [title];
}

/** Irregular inflections the index writes after a main term ("Tear, torn", "Bite, bitten"). */
const IRREGULAR = new Set(['torn', 'bitten', 'broken', 'burnt', 'frozen', 'stung', 'swollen', 'worn', 'fallen', 'bled']);

function stripMarkers(s: string): string {
  return s.replace(/\((s|es)\)/gi, '').replace(/\b(NEC|NOS)\b/g, ' ');
}

/** Picks the code a coder would default to among the billable codes of a header: the "unspecified" one. */
const titleWords = (t: string): string => [...new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? [])].filter((w) => w !== 'unspecified').sort().join(' ');

export function defaultCode(kb: IcdKnowledgeBase, codes: string[], headerTitle?: string, term?: string[]): string {
  if (codes.length === 1) return codes[0];
  let best = codes[0], bestScore = -Infinity;
  const header = headerTitle && titleWords(headerTitle);
  // The words the index term writes ("Disease, Parkinson's"): a child whose title drops one of them names something
  // else (G20.C "Parkinsonism, unspecified" for Parkinson's disease, where G20.A1 keeps them).
  const termKeys = term ? [...new Set(term.flatMap((p) => normKeys(stripMarkers(p))))] : [];
  for (const c of codes) {
    const t = kb.get(c)?.longTitle.toLowerCase() ?? '';
    // What a title denies ("... without heart failure") it does not keep: I11.9 drops the term's "heart failure".
    const keys = termKeys.length ? new Set(normKeys(t.replace(/\bwithout\b[^,;]*/g, ' '))) : undefined;
    const dropsTermWord = !!keys && termKeys.some((k) => !keys.has(k));
    // The child that lists the term's own words as an inclusion term ("Angina, stable" I20.8-: "Stable angina" is at
    // I20.89, not I20.81 "with coronary microvascular dysfunction").
    const includesTerm = termKeys.length > 0 && kb.notes(c).some((n) => n.kind === 'inclusionTerm' && sameKeys(normKeys(n.text), termKeys));
    // "Uncomplicated" is the default a coder assigns when nothing more is documented (F17.210, not F17.219 "with
    // unspecified nicotine-induced disorders"); an unspecified code is the next choice; a header's own title with
    // "unspecified" ("Acute sinusitis" J01 -> J01.90 "Acute sinusitis, unspecified", not J01.00 maxillary) first.
    const score = (/\bunspecified\b/.test(t) && !/\bwith unspecified\b/.test(t) ? 10 : 0) + (/\buncomplicated\b|\bwithout complications?\b/.test(t) ? 12 : 0)
      + (header && titleWords(t) === header ? 20 : 0) - (dropsTermWord ? 8 : 0) + (includesTerm ? 15 : 0)
      // "without dyskinesia", "without mention of fluctuations": what a coder assigns when nothing more is written.
      + (/\bwithout\b/.test(t) && !/\bunspecified\b/.test(t) ? 8 : 0)
      // No site written is the unspecified site (C81.90), not the child that ends in 9 for a named one (C81.99
      // "extranodal and solid organ sites").
      + (/\bunspecified (site|sites|part|region)\b/.test(t) ? 3 : 0)
      // Each further unspecified axis ("unspecified eye, stage unspecified"): a side or stage is not guessed.
      + 2 * Math.max(0, (t.match(/\bunspecified\b/g) ?? []).length - 1)
      // A child that adds a condition the term does not write ("with coronary microvascular dysfunction") is not the
      // term's default: "Angina, stable" (I20.8-) is I20.89, where its inclusion term lists it.
      - (/\bwith\b/.test(t) && !/\bwithout\b/.test(t) && termKeys.length > 0 && normKeys(t.split(/\bwith\b/)[1] ?? '').some((k) => !termKeys.includes(k)) ? 4 : 0)
      - c.length - (/\bother\b/.test(t) ? 2 : 0) + (/9$/.test(c.replace(/X+[A-Z]$/, '').replace(/[A-Z]$/, '')) ? 1 : 0);
    if (score > bestScore) { bestScore = score; best = c; }
  }
  return best;
}

/** "Pressure ulcer of sacral region, stage 3": notes name the site ("sacrum") without "region", which is optional. */
function regionOptional(keys: string[], optional: string[]): { keys: string[]; optional: string[] } {
  if (!keys.includes('region') || keys.length < 4) return { keys, optional };
  return { keys: keys.filter((k) => k !== 'region'), optional: [...optional, 'region'] };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a), y = new Set(b);
  return x.size === y.size && [...x].every((k) => y.has(k));
}

export const LEXICON_FORMAT = 'clinical-coder/term-lexicon';
export const LEXICON_VERSION = 32;
/** A nonessential modifier that denies ("(without vomiting)", "(no complication)"). */
const DENYING_MODIFIER = /^[\s([]*(without|no|not)\b/i;
/** Spinal levels the index writes as "<level> region". */
const SPINAL_REGION = /\b(cervical|cervicothoracic|thoracic|thoracolumbar|lumbar|lumbosacral|sacral|sacrococcygeal|occipito-atlanto-axial)\s+region$/i;
/** Entries with more required words than this never match a real sentence in full. */
const MAX_KEYS = 10;

/** Identifies the knowledge-base content a lexicon was built from. */
export function knowledgeBaseFingerprint(kb: IcdKnowledgeBase): string {
  // Counts change whenever the build resolves references differently, so they key the cache too.
  let h = 2166136261;
  for (const ch of JSON.stringify(kb.meta.counts)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let sup = 2166136261;
  for (const ch of JSON.stringify(SUPPLEMENTARY_TERMS.terms)) sup = Math.imul(sup ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `N${NORMALIZER_VERSION}:FY${kb.meta.fiscalYear}:${kb.meta.sources.map((s) => s.sha256.slice(0, 16)).join(',')},S${sup.toString(16)}:${h.toString(16)}`;
}

/** Compact columnar form for the shipped cache (models/scorer/lexicon.json.gz); arrays are base64. */
export interface SerializedLexicon {
  format: string; version: number; fingerprint: string;
  vocab: string[];
  /** Per vocabulary key: how many entries use it (entries read on through a reference not counted). */
  freq: number[];
  /** Number of entries the frequencies count (absent: all). */
  statSize?: number;
  /** Words the index files under "see condition" (sites, modifiers), kept so that loading needs no index scan. */
  conditionless?: string[];
  strings: string[];
  /** Uint16 key ids of all entries, flat; Uint8 number of keys per entry. Same for optional keys. */
  keyIds: string; keyLen: string; optIds: string; optLen: string;
  /** Int32 ids into `strings`, one per entry. */
  code: string; alternatives: string; manifestation: string; text: string;
  /** Uint8 per entry: source index, depth, needs-more-specificity flag. */
  source: string; depth: string; needsMore: string;
}

const SOURCES: EntrySource[] = ['index', 'inclusion', 'title'];
type Typed = Uint8Array | Uint16Array | Int32Array;
const b64 = (a: Typed) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function bytes(s: string): ArrayBuffer { const b = Buffer.from(s, 'base64'); const c = new Uint8Array(b.length); c.set(b); return c.buffer; }

/** Columnar storage: entries are materialised on first use (a sentence only ever touches a few). */
interface Columns {
  vocab: string[]; strings: string[]; keyIds: Uint16Array; keyOff: Uint32Array; optIds: Uint16Array; optOff: Uint32Array;
  code: Int32Array; alternatives: Int32Array; manifestation: Int32Array; text: Int32Array; source: Uint8Array; depth: Uint8Array; needsMore: Uint8Array;
}

function offsets(len: Uint8Array): Uint32Array {
  const off = new Uint32Array(len.length + 1);
  for (let i = 0; i < len.length; i++) off[i + 1] = off[i] + len[i];
  return off;
}

export class TermLexicon {
  private built: LexiconEntry[] = [];
  private cols: Columns | undefined;
  private lazy: (LexiconEntry | undefined)[] = [];
  private count = 0;
  /** Rarest key -> entry ids. */
  private readonly byAnchor = new Map<string, number[]>();
  private readonly keyFreq = new Map<string, number>();

  private vocabIds = new Map<string, number>();

  /** Number of entries. */
  get size(): number { return this.count; }
  /** Entries the key frequencies count: the base for a key's rarity. */
  get statisticsSize(): number { return this.statCount; }
  private statCount = 0;
  /** Words the index files under "see condition": no evidence on their own (empty for an older cache). */
  conditionless: ReadonlySet<string> = new Set();

  /** Vocabulary id of a key, -1 when no entry uses it. */
  vocabId(key: string): number { return this.vocabIds.get(key) ?? -1; }

  /** Whether every required key of the entry is among `present` (vocabulary ids), without materialising it. */
  hasAllKeys(id: number, present: Set<number>): boolean {
    const c = this.cols!;
    for (let j = c.keyOff[id]; j < c.keyOff[id + 1]; j++) if (!present.has(c.keyIds[j])) return false;
    return true;
  }

  entry(id: number): LexiconEntry {
    if (!this.cols) return this.built[id];
    let e = this.lazy[id];
    if (e) return e;
    const c = this.cols;
    const ids = (a: Uint16Array, off: Uint32Array) => Array.from(a.subarray(off[id], off[id + 1]), (k) => c.vocab[k]);
    const list = (i: number) => (c.strings[i] ? c.strings[i].split(' ') : undefined);
    e = {
      keys: ids(c.keyIds, c.keyOff), optional: ids(c.optIds, c.optOff), code: c.strings[c.code[id]], alternatives: list(c.alternatives[id]),
      manifestation: list(c.manifestation[id]), text: c.strings[c.text[id]], source: SOURCES[c.source[id]], depth: c.depth[id], needsMoreSpecificity: c.needsMore[id] === 1,
    };
    this.lazy[id] = e;
    return e;
  }

  *all(): Iterable<LexiconEntry> { for (let i = 0; i < this.count; i++) yield this.entry(i); }

  serialize(fingerprint: string): SerializedLexicon {
    const vocab: string[] = [], vid = new Map<string, number>();
    const strings: string[] = [], sid = new Map<string, number>();
    const v = (k: string) => { let i = vid.get(k); if (i === undefined) { i = vocab.length; vocab.push(k); vid.set(k, i); } return i; };
    const str = (x: string) => { let i = sid.get(x); if (i === undefined) { i = strings.length; strings.push(x); sid.set(x, i); } return i; };
    const n = this.count;
    const keyIds: number[] = [], optIds: number[] = [];
    const keyLen = new Uint8Array(n), optLen = new Uint8Array(n), code = new Int32Array(n), alternatives = new Int32Array(n), manifestation = new Int32Array(n), text = new Int32Array(n);
    const source = new Uint8Array(n), depth = new Uint8Array(n), needsMore = new Uint8Array(n);
    let i = 0;
    for (const e of this.all()) {
      for (const k of e.keys) keyIds.push(v(k));
      const opt = e.optional.slice(0, 255);
      for (const k of opt) optIds.push(v(k));
      keyLen[i] = e.keys.length; optLen[i] = opt.length;
      code[i] = str(e.code); alternatives[i] = str((e.alternatives ?? []).join(' ')); manifestation[i] = str((e.manifestation ?? []).join(' ')); text[i] = str(e.text);
      source[i] = SOURCES.indexOf(e.source); depth[i] = Math.min(255, e.depth); needsMore[i] = e.needsMoreSpecificity ? 1 : 0;
      i++;
    }
    if (vocab.length > 65535) throw new Error(`lexicon vocabulary of ${vocab.length} keys does not fit the 16-bit cache layout`);
    const freq = vocab.map((k) => this.keyFreq.get(k) ?? 0);
    return {
      format: LEXICON_FORMAT, version: LEXICON_VERSION, fingerprint, vocab, freq, statSize: this.statCount, conditionless: [...this.conditionless].sort(), strings,
      keyIds: b64(Uint16Array.from(keyIds)), keyLen: b64(keyLen), optIds: b64(Uint16Array.from(optIds)), optLen: b64(optLen),
      code: b64(code), alternatives: b64(alternatives), manifestation: b64(manifestation), text: b64(text), source: b64(source), depth: b64(depth), needsMore: b64(needsMore),
    };
  }

  /** Loads the cache; `keepCode` drops entries whose code the loaded knowledge base no longer has. */
  static deserialize(d: SerializedLexicon, keepCode?: (code: string) => boolean): TermLexicon {
    if (d.format !== LEXICON_FORMAT || d.version !== LEXICON_VERSION) throw new Error(`lexicon cache format ${d.format} v${d.version} is not ${LEXICON_FORMAT} v${LEXICON_VERSION}`);
    const lex = new TermLexicon();
    const cols: Columns = {
      vocab: d.vocab, strings: d.strings, keyIds: new Uint16Array(bytes(d.keyIds)), keyOff: offsets(new Uint8Array(bytes(d.keyLen))),
      optIds: new Uint16Array(bytes(d.optIds)), optOff: offsets(new Uint8Array(bytes(d.optLen))), code: new Int32Array(bytes(d.code)),
      alternatives: new Int32Array(bytes(d.alternatives)), manifestation: new Int32Array(bytes(d.manifestation)), text: new Int32Array(bytes(d.text)),
      source: new Uint8Array(bytes(d.source)), depth: new Uint8Array(bytes(d.depth)), needsMore: new Uint8Array(bytes(d.needsMore)),
    };
    if (keepCode) for (let i = 0; i < d.strings.length; i++) {
      // Codes (and code lists) the knowledge base lacks are blanked; entries left without a code never match.
      const sref = d.strings[i];
      if (/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?( [A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?)*$/.test(sref)) {
        const kept = sref.split(' ').filter(keepCode).join(' ');
        if (kept !== sref) d.strings[i] = kept;
      }
    }
    lex.cols = cols;
    lex.count = cols.keyOff.length - 1;
    lex.statCount = d.statSize ?? lex.count;
    lex.conditionless = new Set(d.conditionless ?? []);
    d.vocab.forEach((k, i) => { lex.keyFreq.set(k, d.freq[i]); lex.vocabIds.set(k, i); });
    // Anchor = rarest key of each entry, computed on the integer columns without materialising entries.
    const n = lex.count;
    for (let id = 0; id < n; id++) {
      if (!cols.strings[cols.code[id]]) continue;
      let best = -1, bestF = Infinity;
      for (let j = cols.keyOff[id]; j < cols.keyOff[id + 1]; j++) { const f = d.freq[cols.keyIds[j]]; if (f < bestF) { bestF = f; best = cols.keyIds[j]; } }
      if (best < 0) continue;
      const k = d.vocab[best];
      let l = lex.byAnchor.get(k);
      if (!l) lex.byAnchor.set(k, (l = []));
      l.push(id);
    }
    return lex;
  }

  static fromKnowledgeBase(kb: IcdKnowledgeBase): TermLexicon {
    const lex = new TermLexicon();
    const seen = new Set<string>();
    const conditionless = conditionlessWords(kb);
    lex.conditionless = conditionless;
    const add = (e: LexiconEntry) => {
      if (!e.keys.length || e.keys.length > MAX_KEYS) return;
      // One word the index itself files under "see condition" ("Erythematous", "Chronic") names no condition alone.
      if (e.keys.length === 1 && conditionless.has(e.keys[0])) return;
      const sig = `${e.code}|${e.keys.join(' ')}|${e.source}`;
      if (seen.has(sig)) return;
      seen.add(sig);
      lex.built.push(e);
    };
    const hits = [...kb.indexEntries()];
    const byPath = new Map(hits.map((h) => [pathKey(h.path), h]));
    const childrenOf = new Map<string, IndexHit[]>();
    for (const h of hits) {
      if (h.path.length < 2) continue;
      const k = pathKey(h.path.slice(0, -1));
      let l = childrenOf.get(k);
      if (!l) childrenOf.set(k, (l = []));
      l.push(h);
    }
    const sites = new Set([...conditionless, ...NON_EVIDENCE_WORDS.sites.flatMap((w) => normKeys(w))]);
    const isSite = (subterm: string) => { const ks = subtermKeys(subterm); return SPINAL_REGION.test(subterm) || (ks.length > 0 && ks.every((k) => sites.has(k))); };
    const derived = new Set<IndexHit>();
    const readOn = (h: IndexHit) => { const r = readOnToSites(h, childrenOf, isSite); r.forEach((x) => derived.add(x)); return r; };
    for (let hit of hits.flatMap((h) => [h, ...readOn(h)])) {
      hit = seeWithSubterm(hit, childrenOf, byPath);
      if (!hit.codes.length) continue;
      // "Colitis, Clostridium difficile, not specified as recurrent" (A04.72, a split since FY2023): where the parent
      // cites no code, the plain words of the parent are this entry's.
      if (hit.path.length > 2 && /^\s*not\b/i.test(hit.path[hit.path.length - 1]) && !byPath.get(pathKey(hit.path.slice(0, -1)))?.codes.length) {
        hit = { ...hit, path: hit.path.slice(0, -1), modifiers: hit.modifiers?.slice(0, -1) };
      }
      // "see condition" / "see Neoplasm, malignant, by site": the target is chosen by other words, not a code.
      if (hit.see && VAGUE_SEE.test(hit.see)) continue;
      const codes = hit.codes.filter((c) => kb.isBillable(c));
      if (!codes.length) continue;
      const mods = hit.modifiers ?? [];
      // A denying modifier ("Nausea (without vomiting)") does not qualify the term by its words: "nausea with
      // vomiting" is R11.2, not R11.0 with its modifier matched.
      const groups = mods.flatMap((m) => m.match(/\([^)]*\)|\[[^\]]*\]/g) ?? [m]);
      const optional = [...new Set(groups.filter((m) => !DENYING_MODIFIER.test(m)).flatMap((m) => normKeys(stripMarkers(m))))];
      const rest = hit.path.slice(1).flatMap((p) => normKeys(stripMarkers(p)));
      // "Disease, spinal (cord)": the index's "spinal" is the cord, while notes' "spinal" and "spine" are the column
      // ("lumbar spine", "spinal stenosis"); the cord must be written.
      if (hit.path.some((p, i) => i > 0 && /^\s*spinal\s*$/i.test(p) && /\(cord\)/i.test(mods[i] ?? ''))) {
        rest.push('cord');
        optional.splice(0, optional.length, ...optional.filter((k) => k !== 'cord'));
      }
      // "Failure, heart, diastolic, chronic, and (on) acute": a subterm that is only a connector carries its words in
      // the modifier; they are required ("chronic diastolic heart failure" alone is I50.32, not I50.33).
      const lastMod = mods[mods.length - 1] ?? '';
      if (hit.path.length > 1 && /^\s*(and|with|or)\s*$/i.test(hit.path[hit.path.length - 1])) {
        rest.push(...normKeys(stripMarkers(lastMod.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))));
      }
      const code = hit.needsMoreSpecificity || codes.length > 1 ? defaultCode(kb, codes, undefined, [hit.path[0].split(',')[0], ...hit.path.slice(1)]) : codes[0];
      // A subterm whose words are all stopwords ("Disease, His" -> trench fever) would match its parent's words alone.
      const last = hit.path[hit.path.length - 1];
      if (hit.path.length > 1 && !normKeys(stripMarkers(last)).length && !RESIDUAL_ONLY.test(last)) continue;
      // "Diabetes, specified type NEC": for a type the index does not name; read from its parent's words and "type"
      // it would claim "type 2 diabetes". No wording reaches it.
      // Its subterms too: "specified type NEC, with, hyperglycemia" would read "type 2 ... with hyperglycemia" as E13.65.
      if (hit.path.some((p, i) => i > 0 && /^(other\s+)?specified type NEC$/i.test(p.trim()))) continue;
      // "Epilepsy, not intractable": its words are what the code lacks; the parent's own entry codes the plain words.
      if (hit.path.length > 1 && /^\s*not\b/i.test(last)) continue;
      for (const main of mainTermVariants(hit.path[0])) {
        let keys = [...new Set([...normKeys(stripMarkers(main)), ...rest])];
        // "Dementia, Alzheimer's type": notes write "Alzheimer dementia"; "type" is needed only before its number
        // ("type 2") or letter, and only when two other words still anchor the entry.
        const ti = keys.indexOf('type');
        const extra: string[] = [];
        const typeOf = hit.path.some((p) => /\w type$/i.test(p.trim()) && !/(specified|other|unspecified) type$/i.test(p.trim()));
        if (ti >= 0 && typeOf && keys.length >= 3 && !/^([0-9]|[ivx]+$|[a-z]$)/.test(keys[ti + 1] ?? '')) { keys = keys.filter((k) => k !== 'type'); extra.push('type'); }
        // "Radiculopathy, lumbar region": notes write "lumbar radiculopathy"; the spinal level alone names the region.
        if (SPINAL_REGION.test(last) && keys.includes('region') && keys.length >= 3) { keys = keys.filter((k) => k !== 'region'); extra.push('region'); }
        add({
          keys, optional: [...optional.filter((k) => !keys.includes(k)), ...extra], code,
          alternatives: codes.length > 1 ? codes.filter((c) => c !== code).slice(0, 12) : undefined,
          manifestation: hit.manifestation?.filter((c) => kb.isBillable(c)),
          source: 'index', text: hit.path.join(', '), depth: hit.path.length, needsMoreSpecificity: !!hit.needsMoreSpecificity || codes.length > 1,
          ...(derived.has(hit) ? { derived: true } : {}),
        });
      }
    }
    // Reviewed index terms the FY2023 index lacks (data/supplementary-terms.json), read like index paths.
    for (const t of SUPPLEMENTARY_TERMS.terms) {
      if (!kb.isBillable(t.code)) continue;
      // A parenthesised word is nonessential, as in the index: "carotid (artery)".
      const parts = t.path.map((p) => splitParenthesised(p));
      const keys = [...new Set(parts.flatMap((p) => normKeys(p.text)))];
      add({ keys, optional: [...new Set(parts.flatMap((p) => p.optional))].filter((k) => !keys.includes(k)), code: t.code, source: 'index', text: `${t.path.join(', ')} (supplement)`, depth: t.path.length, needsMoreSpecificity: false });
    }
    for (const entry of kb.allCodes()) {
      if (entry.kind === 'chapter' || entry.kind === 'block') continue;
      const billable = entry.billable;
      const codes = billable ? [entry.code] : kb.billableUnder(entry.code);
      if (!codes.length || codes.length > 60) continue;
      const code = billable ? entry.code : defaultCode(kb, codes, entry.longTitle);
      const alternatives = billable ? undefined : codes.filter((c) => c !== code).slice(0, 12);
      const titles = new Set([entry.longTitle, entry.shortTitle]);
      for (const t of titles) {
        // "Other hypertension", "Other specified diabetes mellitus with ...": a residual category's title read
        // without its "other" would claim the plain wording ("hypertension", "T2DM with neuropathy") of its siblings.
        if (/^other\b/i.test(t.trim())) continue;
        const { text, optional } = splitParenthesised(t);
        add({ ...regionOptional([...new Set(normKeys(withoutDenials(text)))], optional), code, alternatives, source: 'title', text: t, depth: 0, needsMoreSpecificity: !billable });
      }
      for (const n of kb.notes(entry.code)) {
        if (n.kind !== 'inclusionTerm' || n.from !== entry.code) continue;
        const { text, optional } = splitParenthesised(n.text);
        add({ ...regionOptional([...new Set(normKeys(withoutDenials(text)))], optional), code, alternatives, source: 'inclusion', text: n.text, depth: 0, needsMoreSpecificity: !billable });
      }
    }
    lex.built = dropResidualCollisions(lex.built);
    lex.finish();
    // One in-memory layout for built and cached lexicons.
    return TermLexicon.deserialize(lex.serialize(''));
  }

  private finish() {
    this.count = this.built.length;
    // Rarity is a scorer feature: entries read on through references do not dilute it.
    const counted = this.built.filter((e) => !e.derived);
    this.statCount = counted.length;
    for (const e of counted) for (const k of e.keys) this.keyFreq.set(k, (this.keyFreq.get(k) ?? 0) + 1);
    this.built.forEach((e, id) => {
      let anchor = e.keys[0];
      for (const k of e.keys) if ((this.keyFreq.get(k) ?? 0) < (this.keyFreq.get(anchor) ?? 0)) anchor = k;
      let l = this.byAnchor.get(anchor);
      if (!l) this.byAnchor.set(anchor, (l = []));
      l.push(id);
    });
  }

  /** Entry ids filed under `key`. */
  anchoredAt(key: string): readonly number[] {
    return this.byAnchor.get(key) ?? EMPTY;
  }

  /** How many entries use the key (rare keys are more informative). */
  frequency(key: string): number {
    return this.keyFreq.get(key) ?? 0;
  }
}

const EMPTY: number[] = [];
/** Subterms that only say "the rest" or connect ("specified NEC", "with", "due to"): handled by dropResidualCollisions. */
const RESIDUAL_ONLY = /^(\s|other|specified|unspecified|NEC|NOS|with|without|due|to|and|in|of|\(|\))*$/i;

/** "Other specified cough", "Cough, specified NEC", "Other disorders of kidney": residual categories of the classification. */
export const RESIDUAL = /\bother\b|\bspecified\b|\bNEC\b/i;

/**
 * A residual entry ("Cough, specified NEC" -> R05.8) whose words, once "other" / "specified" / "NEC" are dropped as
 * stopwords, are exactly those of a plain entry of the same category ("Cough" -> R05.9) would match every plain
 * mention with the same strength. A coder assigns the residual code only for a named type the words do not show,
 * so such entries are dropped; the plain entry keeps the mention.
 */
function dropResidualCollisions(entries: LexiconEntry[]): LexiconEntry[] {
  const sig = (e: LexiconEntry) => `${e.code.slice(0, 3)}|${[...e.keys].sort().join(' ')}`;
  const plain = new Set(entries.filter((e) => !RESIDUAL.test(e.text)).map(sig));
  return entries.filter((e) => !RESIDUAL.test(e.text) || !plain.has(sig(e)));
}
const VAGUE_SEE = /^condition\b|by site|by histology|by type|by drug|^Table of/i;

/**
 * "Disease, disc, degenerative - see Degeneration, intervertebral disc": a reference whose target cites no code of its
 * own, only one per site or type below it ("lumbar region M51.36-"). The reference reads on to those subterms, so the
 * note's own wording ("lumbar degenerative disc disease", "ureteral stone") reaches the site's code. Only direct
 * subterms that cite a code and name a body site (words the index files under "see condition", or a spinal region);
 * other qualifiers ("emergency" under "Elevated, blood pressure - see also Hypertension") and deeper levels are left
 * to the target's own entries.
 */
function readOnToSites(hit: IndexHit, childrenOf: Map<string, IndexHit[]>, isSite: (subterm: string) => boolean): IndexHit[] {
  const ref = hit.see ?? hit.seeAlso;
  if (hit.codes.length || !ref || !hit.seeTarget || /^(condition|neoplasm|table)\b/i.test(ref.trim())) return [];
  const mods = hit.modifiers ?? hit.path.map(() => '');
  // The term's own subterm wins: "Syndrome, coronary" is the index's own entry, not "Disease, coronary" read on.
  const own = new Set((childrenOf.get(pathKey(hit.path)) ?? []).map((c) => subtermKeys(lastOf(c)).join(' ')));
  return (childrenOf.get(pathKey(hit.seeTarget)) ?? [])
    .filter((c) => c.codes.length && isSite(lastOf(c)) && !own.has(subtermKeys(lastOf(c)).join(' ')))
    .slice(0, MAX_READ_ON)
    .map((c): IndexHit => ({
      path: [...hit.path, lastOf(c)], codes: c.codes, manifestation: c.manifestation, needsMoreSpecificity: c.needsMoreSpecificity,
      modifiers: [...mods, c.modifiers?.[c.modifiers.length - 1] ?? ''], seeTarget: c.path,
    }));
}
const MAX_READ_ON = 80;
/** Index paths as map keys (titles hold commas, never U+0001). */
const pathKey = (path: readonly string[]): string => path.join('\u0001');
const lastOf = (h: IndexHit): string => h.path[h.path.length - 1];
const subtermKeys = (subterm: string): string[] => normKeys(stripMarkers(subterm));

/**
 * "Failure, heart, with hypertension - see Hypertension, heart": the target's own code is I11.9 (without heart
 * failure), but its subterm "with heart failure" (I11.0) names what the referring term says. A reference whose own
 * words (and its "see" text's) hold all the words of a target's subterm resolves to it, level by level while exactly
 * one subterm is named.
 */
function seeWithSubterm(hit: IndexHit, childrenOf: Map<string, IndexHit[]>, byPath: Map<string, IndexHit>): IndexHit {
  if (!hit.see || !hit.seeTarget || !hit.codes.length) return hit;
  const start = byPath.get(pathKey(hit.seeTarget));
  if (!start) return hit;
  let node: IndexHit = start;
  // The reference's own words and those of its "see" text ("see Calculus, gallbladder, with cholecystitis, acute"
  // resolved only as far as "Calculus, gallbladder").
  const own = new Set([...hit.path, ...hit.see.split(',')].flatMap(subtermKeys));
  const read = new Set(node.path.flatMap(subtermKeys));
  let moved = false;
  for (let depth = 0; depth < 4; depth++) {
    // A "with" connector's subterms count as the node's own ("Hypertension, heart, with, heart failure").
    const kids: IndexHit[] = (childrenOf.get(pathKey(node.path)) ?? []).flatMap((c) => (/^\s*with\s*$/i.test(lastOf(c)) ? childrenOf.get(pathKey(c.path)) ?? [] : [c]));
    const named: IndexHit[] = kids.filter((c) => {
      const words = subtermKeys(lastOf(c).replace(/^\s*with\s+/i, ''));
      return c.codes.length && words.length > 0 && words.every((w) => own.has(w)) && words.some((w) => !read.has(w));
    });
    if (named.length !== 1) break;
    node = named[0];
    for (const w of node.path.flatMap(subtermKeys)) read.add(w);
    moved = true;
  }
  return moved ? { ...hit, codes: node.codes, needsMoreSpecificity: node.needsMoreSpecificity } : hit;
}

/** "Pneumonia (acute) (lobar)" -> text without the parentheses, and the parenthesised keys as optional. */
/**
 * A title's "not" clause says what the code lacks ("Chronic migraine without aura, not intractable"): its words are
 * not required, or "intractable chronic migraine" would read as the code that is not intractable. The sibling that
 * has them ("..., intractable") matches more words and wins.
 */
function withoutDenials(t: string): string {
  // "not elsewhere classified" is the code's scope, not a denial.
  return t.replace(/(^|,)\s*not\b(?!\s+(elsewhere|otherwise)\b)[^,;]*/gi, '$1 ');
}

function splitParenthesised(t: string): { text: string; optional: string[] } {
  const optional: string[] = [];
  const text = t.replace(/\(([^)]*)\)|\[([^\]]*)\]/g, (_m, a: string | undefined, b: string | undefined) => {
    if (!DENYING_MODIFIER.test(a ?? b ?? '')) optional.push(...normKeys(a ?? b ?? ''));
    return ' ';
  });
  return { text: stripMarkers(text), optional: [...new Set(optional)] };
}
