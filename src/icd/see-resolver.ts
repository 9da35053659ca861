// Resolves an Alphabetic Index cross reference ("see Infarct, myocardium") to the term it names.
// References are written as "Main term, subterm, subterm"; main-term titles can themselves hold
// commas ("Infarct, infarction"), so segments are matched greedily with backtracking, and a title
// matches a segment when the whole title or one of its comma-separated alternatives matches.
import { stem, words } from './text';

export interface TermTree { parent: number[]; title: string[] }

interface Prepared { mains: number[]; mainsByKey: Map<string, number[]>; kids: Map<number, number[]>; keys: string[][] }
const prepared = new WeakMap<TermTree, Prepared>();

const key = (s: string) => words(s).map(stem).join(' ');

function prepare(t: TermTree): Prepared {
  let p = prepared.get(t);
  if (p) return p;
  const mains: number[] = [];
  const kids = new Map<number, number[]>();
  const keys: string[][] = [];
  for (let i = 0; i < t.parent.length; i++) {
    const par = t.parent[i];
    if (par < 0) mains.push(i);
    else { let l = kids.get(par); if (!l) kids.set(par, (l = [])); l.push(i); }
    const title = t.title[i];
    keys.push([...new Set([key(title), ...title.split(',').map(key)])].filter(Boolean));
  }
  // Main terms by the key of each of their alternatives, so a lookup does not scan all of them.
  const mainsByKey = new Map<string, number[]>();
  for (const m of mains) for (const k of keys[m]) { let l = mainsByKey.get(k); if (!l) mainsByKey.set(k, (l = [])); l.push(m); }
  p = { mains, mainsByKey, kids, keys };
  prepared.set(t, p);
  return p;
}

/** Splits "see also Infarct, myocardium - see also ..." into its segments. */
function segments(ref: string): string[] {
  const s = ref.replace(/^\s*see(\s+also)?\s+/i, '').replace(/\s+-\s+see\b.*$/i, '').replace(/[.;]\s*$/, '');
  return s.split(',').map(key).filter(Boolean);
}

export interface SeeResolution { row: number; complete: boolean }

/** Best match: all segments consumed if possible, else the deepest partial match (at least the main term). */
export function resolveSee(t: TermTree, ref: string): SeeResolution {
  const segs = segments(ref);
  if (!segs.length) return { row: -1, complete: false };
  const p = prepare(t);
  let best: { row: number; consumed: number } = { row: -1, consumed: 0 };
  const visit = (candidates: number[], at: number, depth: number) => {
    if (depth === 0) {
      // Main terms: only those whose key equals the first 1..3 segments can match.
      const seen = new Set<number>();
      for (let n = 1; n <= 3 && n <= segs.length; n++) for (const m of p.mainsByKey.get(segs.slice(0, n).join(' ')) ?? []) seen.add(m);
      candidates = [...seen].sort((a, b) => a - b);
    }
    for (const row of candidates) {
      for (let n = 1; at + n <= segs.length && n <= 3; n++) {
        const k = segs.slice(at, at + n).join(' ');
        if (!p.keys[row].includes(k)) continue;
        const consumed = at + n;
        if (consumed > best.consumed) best = { row, consumed };
        if (consumed === segs.length) return true;
        if (depth < 8 && visit(p.kids.get(row) ?? [], consumed, depth + 1)) return true;
      }
    }
    return false;
  };
  visit(p.mains, 0, 0);
  return { row: best.row, complete: best.row >= 0 && best.consumed === segs.length };
}

/** Row the reference resolves to (completely or partially), -1 if not even the main term matches. */
export function resolveSeeReference(t: TermTree, ref: string): number {
  return resolveSee(t, ref).row;
}
