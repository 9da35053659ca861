import type { IcdKnowledgeBase } from '../icd';

/** The parts of the knowledge base a code text needs (IcdKnowledgeBase satisfies it). */
export type CodeTextKnowledge = Pick<IcdKnowledgeBase, 'get' | 'ancestors' | 'notes' | 'indexEntries'>;

export interface CodeTextOptions {
  /** Index synonyms to include (shortest first, direct references before inherited/see ones). Default 6. */
  maxSynonyms?: number;
  /** Ancestor titles to include (nearest first, codes and headers only). Default 2. */
  maxAncestors?: number;
  /** Main terms whose index paths must not be used (the held-out evaluation split); compared by mainTermKey(). */
  excludeMainTerms?: ReadonlySet<string>;
}

export interface CodeTextParts {
  title: string;
  ancestors: string[];
  inclusion: string[];
  synonyms: string[];
}

/** Case- and punctuation-insensitive key for main-term names ("Legg (-Calvé)-Perthes" variants match). */
export function mainTermKey(term: string): string {
  return term.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const SYNONYMS = new WeakMap<object, Map<string, Map<string, { path: string; rank: number }[]>>>();

/** code -> index paths leading to it, computed once per knowledge base (and exclusion set). */
function synonymTable(kb: CodeTextKnowledge, exclude?: ReadonlySet<string>): Map<string, { path: string; rank: number }[]> {
  let perKb = SYNONYMS.get(kb);
  if (!perKb) SYNONYMS.set(kb, (perKb = new Map()));
  const keys = exclude ? new Set([...exclude].map(mainTermKey)) : undefined;
  const key = keys ? [...keys].sort().join('\u0001') : '';
  const hit = perKb.get(key);
  if (hit) return hit;
  const table = new Map<string, { path: string; rank: number }[]>();
  for (const h of kb.indexEntries()) {
    if (!h.codes.length || !h.path.length) continue;
    if (keys?.has(mainTermKey(h.path[0]))) continue;
    const path = h.path.filter(Boolean).join(', ');
    const direct = new Set(h.referenced ?? []);
    for (const c of h.codes) {
      // direct references rank before header expansions and "see" terms
      const rank = h.see ? 2 : direct.has(c) ? 0 : 1;
      let l = table.get(c);
      if (!l) table.set(c, (l = []));
      l.push({ path, rank });
    }
  }
  for (const l of table.values()) l.sort((a, b) => a.rank - b.rank || a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  perKb.set(key, table);
  return table;
}

/** The pieces of a knowledge-injected code text (exported for the training-data dump). */
export function codeTextParts(kb: CodeTextKnowledge, code: string, opts: CodeTextOptions = {}): CodeTextParts | undefined {
  const e = kb.get(code);
  if (!e) return undefined;
  const title = e.longTitle || e.shortTitle;
  const ancestors = kb.ancestors(code)
    .filter((a) => a.kind === 'category' || a.kind === 'subcategory' || a.kind === 'code')
    .map((a) => a.longTitle)
    .filter((t) => t && t !== title);
  const inclusion = kb.notes(code).filter((n) => n.kind === 'inclusionTerm' && n.from === e.code).map((n) => n.text);
  const seen = new Set<string>();
  const synonyms: string[] = [];
  for (const s of synonymTable(kb, opts.excludeMainTerms).get(e.code) ?? []) {
    if (seen.has(s.path)) continue;
    seen.add(s.path);
    synonyms.push(s.path);
  }
  return { title, ancestors, inclusion, synonyms };
}

/** Joins parts the way the encoder was trained: title ; ancestors ; inclusion terms ; index synonyms. */
export function joinCodeText(p: CodeTextParts, maxAncestors = 2, maxSynonyms = 6): string {
  return [p.title, ...p.ancestors.slice(0, maxAncestors), ...p.inclusion, ...p.synonyms.slice(0, maxSynonyms)].join(' ; ');
}

/**
 * Knowledge-injected code text: title + hierarchy path + inclusion terms + index synonyms. What the code
 * embedding index embeds, so a note phrase can match a code through any of its names.
 */
export function buildCodeText(kb: CodeTextKnowledge, code: string, opts: CodeTextOptions = {}): string {
  const p = codeTextParts(kb, code, opts);
  return p ? joinCodeText(p, opts.maxAncestors ?? 2, opts.maxSynonyms ?? 6) : code;
}
