// Resolves an Alphabetic Index cross reference ("see Infarct, myocardium") to the term it names.
// References are written "Main term, subterm, subterm"; titles can themselves hold commas
// ("Infarct, infarction" lists variants), references abbreviate titles ("drug" for "drug NEC") or
// add modifiers ("goiter (diffuse)"). So each segment is matched against a term, best match first:
//   4 the whole title          3.5 the title's first variant   3 another variant
//   2 a title that starts with the segment ("drug" -> "drug NEC")
//   1 the segment's words all appear in the title and its modifiers, sharing at least one title word
// and segments are consumed greedily with backtracking; the deepest full match wins. Weak matches
// (2, 1) only count on a path that resolves the whole reference; a partial resolution stops at the
// deepest strong match. Instructions such as "by site" are not terms and are skipped.
import { stem, words } from './text';

export interface TermTree { parent: ArrayLike<number>; title: ArrayLike<string>; nemod?: ArrayLike<string> }

interface Prepared {
  mains: number[];
  mainsByKey: Map<string, number[]>;
  kids: Map<number, number[]>;
  full: string[];
  variants: string[][];
  words: Set<string>[];
  titleWords: Set<string>[];
}
const prepared = new WeakMap<TermTree, Prepared>();

const key = (s: string) => words(s).map(stem).join(' ');
const CONNECTORS = new Set(['with', 'without', 'in', 'due to', 'with or without'].map(key));

function prepare(t: TermTree): Prepared {
  let p = prepared.get(t);
  if (p) return p;
  const mains: number[] = [];
  const kids = new Map<number, number[]>();
  const full: string[] = [], variants: string[][] = [], allWords: Set<string>[] = [], titleWords: Set<string>[] = [];
  for (let i = 0; i < t.parent.length; i++) {
    const par = t.parent[i];
    if (par < 0) mains.push(i);
    else { let l = kids.get(par); if (!l) kids.set(par, (l = [])); l.push(i); }
    const title = t.title[i];
    full.push(key(title));
    variants.push(title.split(',').map(key).filter(Boolean));
    const tw = new Set(full[i].split(' ').filter(Boolean));
    titleWords.push(tw);
    allWords.push(new Set([...tw, ...key(t.nemod?.[i] ?? '').split(' ').filter(Boolean)]));
  }
  const mainsByKey = new Map<string, number[]>();
  for (const m of mains) for (const k of new Set([full[m], ...variants[m]])) { let l = mainsByKey.get(k); if (!l) mainsByKey.set(k, (l = [])); l.push(m); }
  p = { mains, mainsByKey, kids, full, variants, words: allWords, titleWords };
  prepared.set(t, p);
  return p;
}

function score(p: Prepared, row: number, seg: string): number {
  if (p.full[row] === seg) return 4;
  const v = p.variants[row];
  if (v[0] === seg) return 3.5;
  if (v.includes(seg)) return 3;
  if (p.full[row].startsWith(seg + ' ') || v.some((x) => x.startsWith(seg + ' '))) return 2;
  const sw = seg.split(' ');
  if (sw.every((w) => p.words[row].has(w)) && sw.some((w) => p.titleWords[row].has(w))) return 1;
  return 0;
}

/** Splits "see also Infarct, myocardium - see also ..." into segment keys, modifiers in parentheses dropped. */
function segments(ref: string): string[] {
  const s = ref.replace(/^\s*see(\s+also)?\s+/i, '').replace(/\s+-\s+see\b.*$/i, '').replace(/[.;]\s*$/, '');
  return s.split(',').map((x) => key(x.replace(/\([^)]*\)/g, ' '))).filter((k) => k && !/^by (site|region|type|drug|substance)\b/.test(k));
}

export interface SeeResolution { row: number; complete: boolean }

/** Best match: all segments consumed if possible, else the deepest partial match (at least the main term). */
export function resolveSee(t: TermTree, ref: string): SeeResolution {
  const segs = segments(ref);
  if (!segs.length) return { row: -1, complete: false };
  const p = prepare(t);
  let best = { row: -1, consumed: 0, score: 0 };
  // References skip connector subterms: "Diabetes, cataract" names Diabetes > with > cataract.
  const childrenOf = (row: number) => {
    const kids = p.kids.get(row) ?? [];
    const via = kids.filter((k) => CONNECTORS.has(p.full[k])).flatMap((k) => p.kids.get(k) ?? []);
    return via.length ? [...kids, ...via] : kids;
  };
  const visit = (candidates: number[], at: number, acc: number, strong: boolean, depth: number): boolean => {
    const options: { row: number; n: number; s: number }[] = [];
    for (const row of candidates) {
      for (let n = 1; at + n <= segs.length && n <= 3; n++) {
        const s = score(p, row, segs.slice(at, at + n).join(' '));
        if (s > 0) options.push({ row, n, s });
      }
    }
    options.sort((a, b) => b.s - a.s || b.n - a.n || a.row - b.row);
    for (const o of options) {
      const consumed = at + o.n;
      const total = acc + o.s;
      const stillStrong = strong && o.s >= 3;
      if (consumed === segs.length || stillStrong) {
        if (consumed > best.consumed || (consumed === best.consumed && total > best.score)) best = { row: o.row, consumed, score: total };
      }
      if (consumed === segs.length) return true;
      if (depth < 8 && visit(childrenOf(o.row), consumed, total, stillStrong, depth + 1)) return true;
    }
    return false;
  };
  // Main terms: exact keys (cheap); all main terms only when no key matches exactly.
  const exact = new Set<number>();
  for (let n = 1; n <= 3 && n <= segs.length; n++) for (const m of p.mainsByKey.get(segs.slice(0, n).join(' ')) ?? []) exact.add(m);
  visit(exact.size ? [...exact].sort((a, b) => a - b) : p.mains, 0, 0, true, 0);
  return { row: best.row, complete: best.row >= 0 && best.consumed === segs.length };
}

/** Row the reference resolves to (completely or partially), -1 if not even the main term matches. */
export function resolveSeeReference(t: TermTree, ref: string): number {
  return resolveSee(t, ref).row;
}
