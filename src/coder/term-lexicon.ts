// The matching side of the knowledge base: every Alphabetic Index term path, inclusion term and
// code title as a bag of normalised keys (required) plus nonessential modifiers (optional), with
// the billable code it leads to. Each entry is filed under its rarest key, so matching a sentence
// only looks at entries whose rarest key occurs in it.
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import { NORMALIZER_VERSION, normKeys } from './normalize';

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
}

/** Main-term alternatives ("Diabetes, diabetic", "Abdomen, abdominal") vs inverted phrases ("Abruption, placenta"). */
function mainTermVariants(title: string): string[] {
  const parts = title.split(/,\s*/).filter(Boolean);
  if (parts.length < 2) return [title];
  const first = parts[0].toLowerCase();
  const isVariant = (p: string) => !p.includes(' ') && p.toLowerCase().slice(0, 4) === first.slice(0, 4);
  if (parts.slice(1).every(isVariant)) return parts;
  return [title];
}

function stripMarkers(s: string): string {
  return s.replace(/\((s|es)\)/gi, '').replace(/\b(NEC|NOS)\b/g, ' ');
}

/** Picks the code a coder would default to among the billable codes of a header: the "unspecified" one. */
export function defaultCode(kb: IcdKnowledgeBase, codes: string[]): string {
  if (codes.length === 1) return codes[0];
  let best = codes[0], bestScore = -Infinity;
  for (const c of codes) {
    const t = kb.get(c)?.longTitle.toLowerCase() ?? '';
    const score = (/\bunspecified\b/.test(t) ? 10 : 0) - c.length - (/\bother\b/.test(t) ? 2 : 0) + (/9$/.test(c.replace(/X+[A-Z]$/, '').replace(/[A-Z]$/, '')) ? 1 : 0);
    if (score > bestScore) { bestScore = score; best = c; }
  }
  return best;
}

export const LEXICON_FORMAT = 'clinical-coder/term-lexicon';
export const LEXICON_VERSION = 1;
/** Entries with more required words than this never match a real sentence in full. */
const MAX_KEYS = 10;

/** Identifies the knowledge-base content a lexicon was built from. */
export function knowledgeBaseFingerprint(kb: IcdKnowledgeBase): string {
  // Counts change whenever the build resolves references differently, so they key the cache too.
  let h = 2166136261;
  for (const ch of JSON.stringify(kb.meta.counts)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `N${NORMALIZER_VERSION}:FY${kb.meta.fiscalYear}:${kb.meta.sources.map((s) => s.sha256.slice(0, 16)).join(',')}:${h.toString(16)}`;
}

/** Compact columnar form for the shipped cache (models/scorer/lexicon.json.gz). */
export interface SerializedLexicon {
  format: string; version: number; fingerprint: string;
  vocab: string[]; strings: string[];
  /** Per entry: key ids joined by ' '; optional ids after '|'. */
  keys: string[];
  /** Per entry: [code, alternatives, manifestation, text] as ids into `strings`; then source, depth, needsMore. */
  refs: number[];
}

export class TermLexicon {
  readonly entries: LexiconEntry[] = [];

  serialize(fingerprint: string): SerializedLexicon {
    const vocab: string[] = [], vid = new Map<string, number>();
    const strings: string[] = [], sid = new Map<string, number>();
    const v = (k: string) => { let i = vid.get(k); if (i === undefined) { i = vocab.length; vocab.push(k); vid.set(k, i); } return i.toString(36); };
    const str = (x: string) => { let i = sid.get(x); if (i === undefined) { i = strings.length; strings.push(x); sid.set(x, i); } return i; };
    const keys: string[] = [], refs: number[] = [];
    const SRC: EntrySource[] = ['index', 'inclusion', 'title'];
    for (const e of this.entries) {
      keys.push(e.keys.map(v).join(' ') + (e.optional.length ? '|' + e.optional.map(v).join(' ') : ''));
      refs.push(str(e.code), str((e.alternatives ?? []).join(' ')), str((e.manifestation ?? []).join(' ')), str(e.text), SRC.indexOf(e.source), e.depth, e.needsMoreSpecificity ? 1 : 0);
    }
    return { format: LEXICON_FORMAT, version: LEXICON_VERSION, fingerprint, vocab, strings, keys, refs };
  }

  static deserialize(d: SerializedLexicon, keepCode: (code: string) => boolean = () => true): TermLexicon {
    if (d.format !== LEXICON_FORMAT || d.version !== LEXICON_VERSION) throw new Error(`lexicon cache format ${d.format} v${d.version} is not ${LEXICON_FORMAT} v${LEXICON_VERSION}`);
    const lex = new TermLexicon();
    const SRC: EntrySource[] = ['index', 'inclusion', 'title'];
    const ids = (s: string) => (s ? s.split(' ').map((x) => d.vocab[parseInt(x, 36)]) : []);
    const list = (i: number) => (d.strings[i] ? d.strings[i].split(' ').filter(keepCode) : undefined);
    for (let i = 0; i < d.keys.length; i++) {
      const [req, opt = ''] = d.keys[i].split('|');
      const r = i * 7;
      if (!keepCode(d.strings[d.refs[r]])) continue;
      lex.entries.push({
        keys: ids(req), optional: ids(opt), code: d.strings[d.refs[r]], alternatives: list(d.refs[r + 1]), manifestation: list(d.refs[r + 2]),
        text: d.strings[d.refs[r + 3]], source: SRC[d.refs[r + 4]], depth: d.refs[r + 5], needsMoreSpecificity: d.refs[r + 6] === 1,
      });
    }
    lex.finish();
    return lex;
  }
  /** Rarest key -> entry ids. */
  private readonly byAnchor = new Map<string, number[]>();
  private readonly keyFreq = new Map<string, number>();

  static fromKnowledgeBase(kb: IcdKnowledgeBase): TermLexicon {
    const lex = new TermLexicon();
    const seen = new Set<string>();
    const add = (e: LexiconEntry) => {
      if (!e.keys.length || e.keys.length > MAX_KEYS) return;
      const sig = `${e.code}|${e.keys.join(' ')}|${e.source}`;
      if (seen.has(sig)) return;
      seen.add(sig);
      lex.entries.push(e);
    };
    for (const hit of kb.indexEntries()) {
      if (!hit.codes.length) continue;
      // "see condition" / "see Neoplasm, malignant, by site": the target is chosen by other words, not a code.
      if (hit.see && VAGUE_SEE.test(hit.see)) continue;
      const codes = hit.codes.filter((c) => kb.isBillable(c));
      if (!codes.length) continue;
      const mods = hit.modifiers ?? [];
      const optional = [...new Set(mods.flatMap((m) => normKeys(stripMarkers(m))))];
      const rest = hit.path.slice(1).flatMap((p) => normKeys(stripMarkers(p)));
      const code = hit.needsMoreSpecificity || codes.length > 1 ? defaultCode(kb, codes) : codes[0];
      for (const main of mainTermVariants(hit.path[0])) {
        const keys = [...new Set([...normKeys(stripMarkers(main)), ...rest])];
        add({
          keys, optional: optional.filter((k) => !keys.includes(k)), code,
          alternatives: codes.length > 1 ? codes.filter((c) => c !== code).slice(0, 12) : undefined,
          manifestation: hit.manifestation?.filter((c) => kb.isBillable(c)),
          source: 'index', text: hit.path.join(', '), depth: hit.path.length, needsMoreSpecificity: !!hit.needsMoreSpecificity || codes.length > 1,
        });
      }
    }
    for (const entry of kb.allCodes()) {
      if (entry.kind === 'chapter' || entry.kind === 'block') continue;
      const billable = entry.billable;
      const codes = billable ? [entry.code] : kb.billableUnder(entry.code);
      if (!codes.length || codes.length > 60) continue;
      const code = billable ? entry.code : defaultCode(kb, codes);
      const alternatives = billable ? undefined : codes.filter((c) => c !== code).slice(0, 12);
      const titles = new Set([entry.longTitle, entry.shortTitle]);
      for (const t of titles) {
        const { text, optional } = splitParenthesised(t);
        add({ keys: [...new Set(normKeys(text))], optional, code, alternatives, source: 'title', text: t, depth: 0, needsMoreSpecificity: !billable });
      }
      for (const n of kb.notes(entry.code)) {
        if (n.kind !== 'inclusionTerm' || n.from !== entry.code) continue;
        const { text, optional } = splitParenthesised(n.text);
        add({ keys: [...new Set(normKeys(text))], optional, code, alternatives, source: 'inclusion', text: n.text, depth: 0, needsMoreSpecificity: !billable });
      }
    }
    lex.finish();
    return lex;
  }

  private finish() {
    for (const e of this.entries) for (const k of e.keys) this.keyFreq.set(k, (this.keyFreq.get(k) ?? 0) + 1);
    this.entries.forEach((e, id) => {
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
const VAGUE_SEE = /^condition\b|by site|by histology|by type|by drug|^Table of/i;

/** "Pneumonia (acute) (lobar)" -> text without the parentheses, and the parenthesised keys as optional. */
function splitParenthesised(t: string): { text: string; optional: string[] } {
  const optional: string[] = [];
  const text = t.replace(/\(([^)]*)\)|\[([^\]]*)\]/g, (_m, a: string | undefined, b: string | undefined) => { optional.push(...normKeys(a ?? b ?? '')); return ' '; });
  return { text: stripMarkers(text), optional: [...new Set(optional)] };
}
