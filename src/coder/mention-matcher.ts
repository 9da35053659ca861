// Finds lexicon entries in one sentence: every required key of an entry must occur in the
// sentence, close together (discontinuous mentions such as "diabetes ... with nephropathy" are
// allowed within a window). Works on normalised keys, so word order, plurals and spelling
// variants do not matter.
import { RESIDUAL, type TermLexicon } from './term-lexicon';
import { normKeys } from './normalize';

export interface SentenceToken {
  key: string;
  /** Word position in the sentence; tokens of an abbreviation's expansion share the abbreviation's position. */
  pos: number;
  start: number;
  end: number;
  /** The token came from expanding an abbreviation. */
  expanded?: boolean;
  /** An expansion the words imply rather than abbreviate ("right" is "unilateral"): not a reading of an abbreviation. */
  implied?: boolean;
}

export interface RawMatch {
  entry: number;
  /** Token indices (into the sentence tokens) of the matched keys. */
  tokens: number[];
  start: number;
  end: number;
  /** Words spanned, first to last matched position. */
  window: number;
  optionalHits: number;
  viaAbbreviation: boolean;
  /** Some other match covers every position of this one and more. */
  subsumed: boolean;
}

/** Optional words never attached to a mention: they deny or join, they do not qualify. */
const NOT_ATTACHED = new Set(['without', 'no', 'not', 'with', 'and', 'or']);

/** A mention may spread over at most this many words per required key (plus slack). */
const WINDOW_PER_KEY = 3;
const WINDOW_SLACK = 4;

export function matchSentence(lex: TermLexicon, toks: SentenceToken[], text?: string): RawMatch[] {
  const at = new Map<string, number[]>();
  toks.forEach((t, i) => { let l = at.get(t.key); if (!l) at.set(t.key, (l = [])); l.push(i); });
  const out: RawMatch[] = [];
  const heads = new Map<RawMatch, number>();
  const expandedSize = new Map<number, number>();
  for (const t of toks) if (t.expanded) expandedSize.set(t.pos, (expandedSize.get(t.pos) ?? 0) + 1);
  const present = new Set<number>();
  for (const k of at.keys()) { const v = lex.vocabId(k); if (v >= 0) present.add(v); }
  for (const key of at.keys()) {
    for (const id of lex.anchoredAt(key)) {
      if (!lex.hasAllKeys(id, present)) continue;
      const e = lex.entry(id);
      // Try each occurrence of the anchor; take the tightest placement.
      let best: number[] | undefined, bestWindow = Infinity;
      for (const a of at.get(key)!) {
        const chosen: number[] = [];
        const ap = toks[a].pos;
        for (const k of e.keys) {
          if (k === key) { chosen.push(a); continue; }
          let bi = -1, bd = Infinity;
          for (const j of at.get(k)!) { const d = Math.abs(toks[j].pos - ap); if (d < bd) { bd = d; bi = j; } }
          chosen.push(bi);
        }
        let lo = Infinity, hi = -Infinity;
        for (const j of chosen) { lo = Math.min(lo, toks[j].pos); hi = Math.max(hi, toks[j].pos); }
        const w = hi - lo + 1;
        if (w < bestWindow) { bestWindow = w; best = chosen; }
      }
      if (!best || bestWindow > e.keys.length * WINDOW_PER_KEY + WINDOW_SLACK) continue;
      if (!numbersAttached(e.keys, best, toks)) continue;
      const borrowed = borrowsOneWord(best, toks, expandedSize);
      if (borrowed === true) continue;
      let start = Infinity, end = -Infinity, via = false, lo = Infinity, hi = -Infinity;
      for (const j of best) { start = Math.min(start, toks[j].start); end = Math.max(end, toks[j].end); via ||= !!toks[j].expanded && !toks[j].implied; lo = Math.min(lo, toks[j].pos); hi = Math.max(hi, toks[j].pos); }
      let optionalHits = 0;
      const words = [...best];
      for (const k of e.optional) {
        const js = at.get(k);
        if (!js) continue;
        optionalHits++;
        // A nonessential modifier next to the mention belongs to it ("type 1 diabetes mellitus"), so the mention
        // covers it and a shorter match on it ("diabetes mellitus" -> E11.9) is subsumed.
        for (const j of js) {
          // Never a denial word: "(without bleeding)" must not swallow the "without" of "without esophagitis".
          if (toks[j].expanded || NOT_ATTACHED.has(k) || !adjacent(toks, j, lo, hi)) continue;
          words.push(j); start = Math.min(start, toks[j].start); end = Math.max(end, toks[j].end);
        }
      }
      const match: RawMatch = { entry: id, tokens: [...new Set(words)].sort((x, y) => x - y), start, end, window: bestWindow, optionalHits, viaAbbreviation: via, subsumed: false };
      if (typeof borrowed === 'number') heads.set(match, borrowed);
      out.push(match);
    }
  }
  const codeOf = (m: RawMatch) => lex.entry(m.entry).code;
  let kept = dropCrossHeads(out, heads, toks, codeOf);
  kept = dropAbbreviationStraddles(kept, toks, codeOf, (m) => lex.entry(m.entry).text);
  if (text !== undefined) kept = dropBorrowedAcrossItems(kept, toks, text, codeOf, (m) => { const e = lex.entry(m.entry); return e.source === 'title' || e.source === 'inclusion' ? e.text : undefined; });
  markSubsumed(kept, toks, codeOf);
  return kept;
}

/**
 * A match built from the expansions of two abbreviations that each name their own condition ("HTN and COPD":
 * "hypertension" + "pulmonary disease" is not I27.20 pulmonary hypertension) joins two conditions; only an index
 * entry that says how they combine ("with", "due to", "in") may do that.
 */
function dropAbbreviationStraddles(ms: RawMatch[], toks: SentenceToken[], codeOf: (m: RawMatch) => string, textOf: (m: RawMatch) => string): RawMatch[] {
  // The word position an expanded token stands for (expansions sit one after their abbreviation).
  const word = (t: number) => (toks[t].expanded ? toks[t].pos - 1 : toks[t].pos);
  return ms.filter((m) => {
    const abbrevs = new Set(m.tokens.filter((t) => toks[t].expanded).map(word));
    // ("due to, specified disease NEC" says nothing about how: it does not count.)
    if (abbrevs.size < 2 || (/\b(with|due to|in|and|associated)\b/i.test(textOf(m)) && !RESIDUAL.test(textOf(m)))) return true;
    if (m.tokens.some((t) => !toks[t].expanded && !abbrevs.has(toks[t].pos))) return true;
    let owned = 0;
    for (const w of abbrevs) {
      const mine = m.tokens.filter((t) => word(t) === w).length;
      if (ms.some((o) => o !== m && codeOf(o) !== codeOf(m) && o.tokens.every((t) => word(t) === w)
        && (o.tokens.length >= mine || o.tokens.some((t) => !toks[t].expanded)))) owned++;
    }
    return owned < 2;
  });
}

/**
 * A list ("atrial fibrillation on apixaban, hypertension, chronic kidney disease stage 3a") holds one condition per
 * item: a match whose words in another item are only part of that item's own condition ("chronic" of "chronic kidney
 * disease") misreads the list (I48.20 "chronic atrial fibrillation"). Items are separated by "," and ";"; a match's
 * home item is where most of its words are. "Major depressive disorder, recurrent, severe" keeps its qualifiers: no
 * other condition claims them.
 */
function dropBorrowedAcrossItems(ms: RawMatch[], toks: SentenceToken[], text: string, codeOf: (m: RawMatch) => string,
  tabularText: (m: RawMatch) => string | undefined): RawMatch[] {
  // Separator offsets once per sentence; a token's item is how many lie before it (binary search: long run-on
  // "sentences" in huge notes stay linear).
  const seps: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === ',' || text[i] === ';') seps.push(i);
  const item = (t: number) => { let lo = 0, hi = seps.length; const at = toks[t].start; while (lo < hi) { const mid = (lo + hi) >> 1; if (seps[mid] < at) lo = mid + 1; else hi = mid; } return lo; };
  const itemOf = new Map<number, number>();
  const itemAt = (t: number) => { let v = itemOf.get(t); if (v === undefined) itemOf.set(t, (v = item(t))); return v; };
  return ms.filter((m) => {
    const groups = new Map<number, number[]>();
    for (const t of m.tokens) { const g = itemAt(t); let l = groups.get(g); if (!l) groups.set(g, (l = [])); l.push(t); }
    if (groups.size < 2) return true;
    // The note writes a tabular title's own parts, comma for comma ("Bipolar I disorder, current episode depressed,
    // moderate"): one condition, not a list.
    const tab = tabularText(m);
    if (tab && alignsWithParts([...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, ts]) => ts.map((t) => toks[t].key)), tab)) return true;
    const home = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0][0];
    for (const [g, mine] of groups) {
      if (g === home) continue;
      const pos = new Set(mine.map((t) => toks[t].pos));
      if (ownedByLonger(ms, m, pos, toks, codeOf, (o) => o.tokens.every((t) => itemAt(t) === g))) return false;
    }
    return true;
  });
}

/** Each group of words (in note order) lies within one comma part of `text`, the parts taken in order. */
function alignsWithParts(groups: string[][], text: string): boolean {
  const parts = text.split(',').map((p) => new Set(normKeys(p)));
  let k = 0;
  for (const g of groups) {
    while (k < parts.length && !g.every((w) => parts[k].has(w))) k++;
    if (k === parts.length) return false;
    k++;
  }
  return true;
}

/** Token j lies inside positions lo..hi or is the sentence's own word right before or after them. */
function adjacent(toks: SentenceToken[], j: number, lo: number, hi: number): boolean {
  const p = toks[j].pos;
  if (p >= lo && p <= hi) return true;
  for (const t of toks) if (!t.expanded && t !== toks[j] && (p < lo ? t.pos > p && t.pos < lo : t.pos < p && t.pos > hi)) return false;
  return true;
}

/**
 * A match that borrows a single word of a longer abbreviation's expansion and joins it to other words misreads the
 * note: in "Afib on warfarin, COPD" the "chronic" of COPD's "chronic obstructive pulmonary disease" does not make
 * the atrial fibrillation chronic (I48.20). Using two or more of its words ("acute HFrEF": heart failure), or its head
 * word ("DVT of the popliteal vein": thrombosis), is fine.
 */
function borrowsOneWord(chosen: number[], toks: SentenceToken[], expandedSize: Map<number, number>): boolean | number {
  const used = new Map<number, Set<number>>();
  for (const j of chosen) { let u = used.get(toks[j].pos); if (!u) used.set(toks[j].pos, (u = new Set())); if (toks[j].expanded) u.add(j); }
  if (used.size < 2) return false;
  let head: number | undefined;
  for (const [pos, u] of used) {
    if (u.size !== 1 || (expandedSize.get(pos) ?? 0) < 2) continue;
    // The head word (the expansion's last: "thrombosis" of "deep vein thrombosis") names the same condition.
    const last = toks.reduce((l, t, i) => (t.pos === pos && t.expanded ? i : l), -1);
    if (!u.has(last)) return true;
    head = pos;
  }
  return head ?? false;
}

/**
 * A borrowed head word joins the abbreviation to the words around it; when those words already form a longer
 * condition of their own, the join reads across two conditions ("Acute kidney injury on CKD": "kidney" + CKD's
 * "disease" is not N28.9 "kidney disease"). "DVT of the popliteal vein" keeps its join: no other match owns
 * "popliteal vein".
 */
function dropCrossHeads(ms: RawMatch[], heads: Map<RawMatch, number>, toks: SentenceToken[], codeOf: (m: RawMatch) => string): RawMatch[] {
  if (!heads.size) return ms;
  return ms.filter((m) => {
    const abbrev = heads.get(m);
    if (abbrev === undefined) return true;
    const rest = new Set(m.tokens.filter((t) => toks[t].pos !== abbrev).map((t) => toks[t].pos));
    return !ownedByLonger(ms, m, rest, toks, codeOf, (o) => !o.tokens.some((t) => toks[t].pos === abbrev));
  });
}

/** Another match (of another code, where `allowed`) holds all these word positions and more: they are its condition. */
function ownedByLonger(ms: RawMatch[], m: RawMatch, positions: Set<number>, toks: SentenceToken[], codeOf: (m: RawMatch) => string,
  allowed: (o: RawMatch) => boolean): boolean {
  return ms.some((o) => o !== m && codeOf(o) !== codeOf(m) && allowed(o)
    && [...positions].every((p) => o.tokens.some((t) => toks[t].pos === p)) && new Set(o.tokens.map((t) => toks[t].pos)).size > positions.size);
}

/**
 * Numbers and single letters qualify the word before them in the entry ("stage 3", "type 2",
 * "C5"): they must follow that word closely in the sentence, or "type 2 ... stage" reads as stage 2.
 */
function numbersAttached(keys: string[], chosen: number[], toks: SentenceToken[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (!/^[0-9]/.test(keys[i]) && keys[i].length > 1) continue;
    const gap = toks[chosen[i]].pos - toks[chosen[i - 1]].pos;
    // One abbreviation's expansion, in its order ("T2DM": type 2 diabetes mellitus).
    if (gap === 0 && toks[chosen[i]].expanded && toks[chosen[i - 1]].expanded && chosen[i] > chosen[i - 1]) continue;
    if (gap <= 0 || gap > 4) return false;
  }
  return true;
}

/** A match is subsumed when a match for another code covers a strict superset of its word positions (or of its tokens). */
export function markSubsumed<M extends { tokens: number[]; subsumed: boolean }>(ms: M[], toks: SentenceToken[], codeOf: (m: M) => string) {
  const pos = ms.map((m) => new Set(m.tokens.map((i) => toks[i].pos)));
  const codes = ms.map(codeOf);
  for (let i = 0; i < ms.length; i++) {
    for (let j = 0; j < ms.length && !ms[i].subsumed; j++) {
      if (i === j || pos[j].size < pos[i].size || codes[i] === codes[j]) continue;
      let all = true;
      for (const p of pos[i]) if (!pos[j].has(p)) { all = false; break; }
      // Same positions: within one abbreviation's expansion, more of its words ("chronic obstructive pulmonary
      // disease", J44.9) subsume fewer ("pulmonary disease", J98.4).
      if (all && pos[j].size === pos[i].size) all = ms[i].tokens.every((t) => ms[j].tokens.includes(t)) && ms[j].tokens.length > ms[i].tokens.length;
      if (all) ms[i].subsumed = true;
    }
  }
}
