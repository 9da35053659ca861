// ConText-style assertion detection: for a target span in a sentence, decide negation
// (affirmed/negated/possible), temporality (recent/historical/hypothetical) and experiencer
// (patient/other). Triggers open a scope forward or backward; the scope ends at a terminator
// ("but", "however", ";"), at a new clause ("... and has ..."), or after a word budget. Within each
// dimension the trigger nearest the target wins; with none, the section's default applies.
import type { ContextResult, ContextTrigger, Experiencer, Negation, Section, SectionRole, Temporality } from '../types';
import { contextTokens, isMonth, phraseTokens, tokenKeys, type ContextToken } from './contextTokens';
import {
  FUNCTION_WORDS, NEGATABLE_UNCERTAINTY, REPORTER_PREP_PAIRS, SOFT_TERMINATORS, REPORTER_PREPS, REPORTER_SKIP, REPORTER_STATES, REPORTER_VERBS, TRIGGER_SPECS,
  type Dimension, type TriggerCategory, type TriggerSpec,
} from './lexicon';

interface TrieNode { next: Map<string, TrieNode>; specs: TriggerSpec[] }

interface Match { startTok: number; endTok: number; specs: TriggerSpec[] }

interface Scoped {
  category: TriggerCategory;
  dim: Dimension;
  startTok: number; // trigger tokens
  endTok: number;
  /** Tokens covered: [from, to). */
  from: number;
  to: number;
  forward: boolean;
}

const DIM: Partial<Record<TriggerCategory, Dimension>> = {
  negated: 'negation', possible: 'negation', historical: 'temporality', hypothetical: 'temporality', recent: 'temporality',
  other: 'experiencer', self: 'experiencer',
};
const DEFAULT_WINDOW: Record<Dimension, number> = { negation: 10, temporality: 10, experiencer: 12 };
/** Terminators that end a forward scope but do not stop a backward one ("chest pain, which was ruled out"). */
const RELATIVE = new Set(['which', 'which is', 'which was', 'who', 'whose', 'where', 'then', 'after which', 'now', 'today', 'currently']);
/** Cap on the work done per sentence: pathological "sentences" (a 1 MB line) are only read this far around the target. */
const MAX_TOKENS_AROUND = 120;
const MAX_CHARS_AROUND = 2000;
const MAX_LIST_WORDS = 40;
/** Words allowed between a negation and the history word it absorbs: "denies any prior history of". */
const ABSORBABLE = new Set(['any', 'a', 'an', 'the', 'significant', 'known', 'prior', 'previous', 'past', 'personal', 'ever', 'other', 'medical',
  'remote', 'documented', 'reported', 'recorded', 'relevant', 'definite', 'confirmed', 'clear', 'formal', 'prolonged', 'further']);
/** Words that open a clause after "and" (so what precedes is not a list with the target). */
const CLAUSE_START = new Set(['a', 'an', 'the', 'there', 'he', 'she', 'it', 'this', 'that', 'they', 'we', 'his', 'her', 'patient', 'pt', 'no', 'has', 'is', 'was']);
const STOP_AFTER_VERB = new Set(['and', 'but', ',', ';', 'or', 'while', 'whereas']);
const COPULA = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'been', 'be', 'truly', 'actually', 'really', 'entirely', 'directly']);
const CAUSAL = new Set(['related to', 'due to', 'caused by', 'secondary to', 'from', 'associated with', 'attributable to',
  'a result of', 'the result of', 'induced by', 'responsible for', 'contributing to', 'contributing', 'related', 'causing', 'the cause']);
const PAST = new Set(['had', 'died', 'deceased', 'diagnosed', 'suffered', 'succumbed', 'developed', 'underwent']);

function buildTrie(specs: readonly TriggerSpec[]): TrieNode {
  const root: TrieNode = { next: new Map(), specs: [] };
  for (const spec of specs) {
    let node = root;
    for (const t of phraseTokens(spec.phrase)) {
      let child = node.next.get(t);
      if (!child) { child = { next: new Map(), specs: [] }; node.next.set(t, child); }
      node = child;
    }
    if (node !== root) node.specs.push(spec);
  }
  return root;
}

let sharedTrie: TrieNode | undefined;

/** Which word the context of a span is about; offsets are relative to the sentence string. */
export class ContextDetector {
  private readonly trie: TrieNode;

  constructor(extra: readonly TriggerSpec[] = []) {
    this.trie = extra.length ? buildTrie([...TRIGGER_SPECS, ...extra]) : (sharedTrie ??= buildTrie(TRIGGER_SPECS));
  }

  detect(sentence: string, spanStart: number, spanEnd: number, section?: Section): ContextResult {
    return this.analyze(sentence, section, spanStart, spanEnd).at(spanStart, spanEnd);
  }

  /**
   * Tokenizes and matches triggers once; `at()` then answers for any span of the sentence cheaply.
   * `focusStart/focusEnd` (optional) bound the work on very long sentences.
   */
  analyze(sentence: string, section?: Section | SectionRole, focusStart = 0, focusEnd = sentence.length): SentenceContext {
    const text = typeof sentence === 'string' ? sentence : '';
    let tokens: ContextToken[];
    if (text.length > MAX_CHARS_AROUND * 2) {
      // Only read a window around the target of a giant "sentence" (a pasted table, a 1 MB line).
      const a = Math.max(0, Math.min(focusStart, text.length) - MAX_CHARS_AROUND);
      const b = Math.min(text.length, Math.max(focusEnd, focusStart) + MAX_CHARS_AROUND);
      tokens = contextTokens(text, a, b);
    } else tokens = contextTokens(text);
    if (tokens.length > MAX_TOKENS_AROUND * 2) {
      let i = tokens.findIndex((t) => t.end > focusStart);
      if (i < 0) i = tokens.length - 1;
      let j = i;
      while (j < tokens.length && tokens[j].start < focusEnd) j++;
      tokens = tokens.slice(Math.max(0, i - MAX_TOKENS_AROUND), Math.min(tokens.length, j + MAX_TOKENS_AROUND));
    }
    const role = typeof section === 'string' ? section : section?.role;
    return new SentenceContext(text, tokens, this.match(tokens), role, typeof section === 'object' ? section?.kind : undefined);
  }

  private match(tokens: ContextToken[]): Match[] {
    const out: Match[] = [];
    let i = 0;
    while (i < tokens.length) {
      const found = this.longestAt(tokens, i);
      if (!found) { i++; continue; }
      out.push(found);
      // A real trigger may hide the start of a longer one: "was negative for", "is unclear if", "was ruled out for".
      // Keep triggers that begin inside this one and reach past it (pseudo-triggers hide everything inside them).
      let end = found.endTok;
      if (!found.specs.some((s) => s.category === 'pseudo')) {
        // A terminator that ends with a trigger ("with a history of") ends the earlier scope and opens the inner one.
        const terminatorOnly = found.specs.every((s) => s.category === 'terminate');
        for (let k = i + 1; k < found.endTok; k++) {
          const inner = this.longestAt(tokens, k);
          const dims = new Set(found.specs.map((s) => DIM[s.category]));
          if (inner && (inner.endTok > end || (terminatorOnly && inner.endTok === end))
            && inner.specs.some((s) => (terminatorOnly ? DIM[s.category] !== undefined : dims.has(DIM[s.category])))
            && !inner.specs.some((s) => s.category === 'pseudo' || s.category === 'terminate' || s.category === 'breaker')) {
            out.push(inner);
            end = inner.endTok;
          }
        }
      }
      i = end;
    }
    out.sort((a, b) => a.startTok - b.startTok);
    return out;
  }

  private longestAt(tokens: ContextToken[], i: number): Match | undefined {
    // Most tokens start no trigger: answer that without allocating.
    const first = tokens[i].norm;
    const c0 = first.charCodeAt(0);
    if (c0 >= 97 && c0 <= 122 && !this.trie.next.has(first) && !isMonth(first)) return undefined;
    // Depth-first over the trie; a token may match several keys (itself, <num>, <year>...).
    const ends: { end: number; specs: TriggerSpec[] }[] = [];
    const walk = (node: TrieNode, k: number, depth: number): void => {
      if (node.specs.length && depth > 0) ends.push({ end: k, specs: node.specs });
      if (k >= tokens.length || depth > 12) return;
      const norm = tokens[k].norm;
      const c = norm.charCodeAt(0);
      if (c >= 97 && c <= 122 && !isMonth(norm)) {
        // Fast path: a plain lower-case word has only itself as a key.
        const child = node.next.get(norm);
        if (child) walk(child, k + 1, depth + 1);
        return;
      }
      for (const key of tokenKeys(norm)) {
        const child = node.next.get(key);
        if (child) walk(child, k + 1, depth + 1);
      }
    };
    walk(this.trie, i, 0);
    if (!ends.length) return undefined;
    ends.sort((a, b) => b.end - a.end);
    for (const e of ends) {
      const next = tokens[e.end];
      const final = !next || (!next.word && next.norm !== '(' && next.norm !== '-' && next.norm !== "'") || next.norm === 'and' || next.norm === 'or';
      const specs = e.specs.filter((s) => !s.clauseFinal || final);
      if (!specs.length) continue;
      // A longer trigger must not hide a terminator it starts with: "presented with" is a temporal cue, and
      // "presented" still ends an earlier negation ("without allergies ... presented with chest pain").
      if (!specs.some((s) => s.category === 'terminate' || s.category === 'pseudo')) {
        for (const shorter of ends) {
          if (shorter.end >= e.end) continue;
          const term = shorter.specs.filter((s) => s.category === 'terminate');
          if (term.length) { specs.push(...term); break; }
        }
      }
      return { startTok: i, endTok: e.end, specs };
    }
    return undefined;
  }
}

/** The triggers of one sentence, ready to answer for any span in it. */
export class SentenceContext {
  constructor(
    readonly text: string,
    private readonly tokens: ContextToken[],
    private readonly matches: Match[],
    private readonly role?: SectionRole,
    private readonly sectionKind?: string,
  ) {}

  private allScopes?: Scoped[];

  at(spanStart: number, spanEnd: number): ContextResult {
    const toks = this.tokens;
    let tStart = -1;
    let tEnd = -1;
    // First token ending after spanStart (binary search), then extend over the span.
    let lo = 0;
    let hi = toks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (toks[mid].end > spanStart) hi = mid; else lo = mid + 1; }
    for (let i = lo; i < toks.length && toks[i].start < Math.max(spanEnd, spanStart + 1); i++) {
      if (tStart < 0) tStart = i;
      tEnd = i + 1;
    }
    if (tStart < 0) {
      // Span between tokens (or empty): treat it as sitting before the next token.
      tStart = toks.findIndex((t) => t.start >= spanStart);
      if (tStart < 0) tStart = toks.length;
      tEnd = tStart;
    }
    this.allScopes ??= this.scopes();
    const scoped = this.allScopes;
    const triggers: ContextTrigger[] = [];
    const pick = (dim: Dimension): Scoped | undefined => this.pick(scoped, dim, tStart, tEnd, triggers);
    const neg = pick('negation');
    const negation: Negation = neg ? (neg.category === 'negated' ? 'negated' : 'possible') : 'affirmed';
    const tmp = pick('temporality');
    let temporality: Temporality = tmp ? (tmp.category === 'historical' ? 'historical' : tmp.category === 'hypothetical' ? 'hypothetical' : 'recent') : 'recent';
    if (!tmp && this.role === 'history' && negation !== 'negated') {
      temporality = 'historical';
      triggers.push({ text: this.sectionKind ?? 'history', start: 0, end: 0, kind: 'section:history' });
    }
    const exp = pick('experiencer');
    let experiencer: Experiencer = exp?.category === 'other' ? 'other' : 'patient';
    if (!tmp && exp?.category === 'other' && this.pastTenseBetween(exp, tStart, tEnd)) {
      // "Father had an MI", "grandmother died of stroke": a relative's condition told in the past tense is history.
      temporality = 'historical';
      triggers.push({ text: 'past tense', start: 0, end: 0, kind: 'historical' });
    }
    if (this.role === 'family' && exp?.category !== 'self') {
      if (!exp) triggers.push({ text: this.sectionKind ?? 'family_history', start: 0, end: 0, kind: 'section:family' });
      experiencer = 'other';
    }
    return { negation, temporality, experiencer, triggers };
  }

  private pick(scoped: Scoped[], dim: Dimension, tStart: number, tEnd: number, triggers: ContextTrigger[]): Scoped | undefined {
    let best: Scoped | undefined;
    let bestDist = Infinity;
    for (const s of scoped) {
      if (s.dim !== dim) continue;
      let covers: boolean;
      if (s.startTok < tEnd && tStart < s.endTok) {
        // A trigger overlapping the target ("no acute" in "no acute distress", "non-smoker") still applies
        // when it begins before the target (forward) or ends after it (backward); one inside the target does not.
        covers = s.forward ? s.startTok < tStart : s.endTok > tEnd && s.startTok > tStart;
      } else {
        covers = s.forward ? s.endTok <= tStart && tStart < s.to : s.startTok >= tEnd && s.from < Math.max(tEnd, tStart + 1);
      }
      if (!covers) continue;
      // "Unclear whether the rash is related to the new drug": the doubt is about the cause, not the rash.
      if (s.category === 'possible' && s.forward && this.causalDoubt(s, tEnd)) continue;
      const dist = s.forward ? this.wordsBetween(Math.min(s.endTok, tStart), tStart) : this.wordsBetween(tEnd, Math.max(s.startTok, tEnd));
      // "Recent" cues ("worsening", "new") only override history, never a hypothetical frame ("return if worsening pain").
      if (best && best.category === 'hypothetical' && s.category === 'recent') continue;
      // A later verdict beats an earlier suspicion: "suspected gallstones were not seen".
      const displace = best && ((s.category === 'hypothetical' && best.category === 'recent')
        || (s.category === 'negated' && !s.forward && best.category === 'possible' && best.forward));
      if (best && best.category === 'negated' && !best.forward && s.category === 'possible' && s.forward) continue;
      const better = displace || dist < bestDist || (dist === bestDist && best !== undefined && rank(s.category) > rank(best.category));
      if (better) { best = s; bestDist = dist; }
    }
    if (best) triggers.push(this.trigger(best));
    return best;
  }

  private causalDoubt(s: Scoped, tEnd: number): boolean {
    const last = this.tokens[s.endTok - 1]?.norm;
    if (last !== 'whether' && last !== 'if') return false;
    let k = tEnd;
    while (k < this.tokens.length && COPULA.has(this.tokens[k].norm)) k++;
    const a = this.tokens[k]?.norm;
    const b = this.tokens[k + 1]?.norm;
    return !!a && (CAUSAL.has(a) || (b !== undefined && CAUSAL.has(`${a} ${b}`)));
  }

  private pastTenseBetween(exp: Scoped, tStart: number, tEnd: number): boolean {
    const from = exp.forward ? exp.endTok : tEnd;
    const to = exp.forward ? tStart : exp.startTok;
    for (let k = Math.max(0, from); k < Math.min(to, this.tokens.length); k++) {
      const w = this.tokens[k].norm;
      const prev = this.tokens[k - 1]?.norm;
      if (prev === 'has' || prev === 'have' || prev === 'is' || prev === 'are') continue; // "has had": present perfect
      if (PAST.has(w) || (w === 'passed' && this.tokens[k + 1]?.norm === 'away')) return true;
    }
    // "Father - MI, deceased", "MI, died at 60": the relative's death after the condition.
    for (let k = tEnd; k < Math.min(this.tokens.length, tEnd + 5); k++) {
      const w = this.tokens[k].norm;
      if (w === ';' || w === '.') break;
      if (w === 'deceased' || w === 'died' || w === 'passed' || w === 'late') return true;
    }
    return false;
  }

  private trigger(s: Scoped): ContextTrigger {
    const a = this.tokens[s.startTok];
    const b = this.tokens[s.endTok - 1];
    return { text: this.text.slice(a.start, b.end), start: a.start, end: b.end, kind: s.category };
  }

  private wordsBetween(from: number, to: number): number {
    let n = 0;
    for (let k = from; k < to; k++) if (this.tokens[k].word) n++;
    return n;
  }

  /** Every trigger's scope (computed once per sentence). */
  private scopes(): Scoped[] {
    const out: Scoped[] = [];
    const ms = this.matches;
    // Token index -> the match starting there (for terminator / breaker look-ups while scanning).
    const at = new Map<number, Match>();
    for (const m of ms) at.set(m.startTok, m);
    for (let mi = 0; mi < ms.length; mi++) {
      const m = ms[mi];
      const seen = new Set<string>();
      for (const spec of m.specs) {
        const dim = DIM[spec.category];
        if (!dim) continue;
        if (spec.historyWord && this.absorbedByNegation(ms, mi)) continue;
        if (spec.category === 'other' && !spec.header && this.isReporter(m)) continue;
        const key = `${spec.category}:${spec.direction}`;
        const header = !!spec.header && this.atSentenceStart(m.startTok);
        if (spec.header && !header) continue;
        if (seen.has(key) && !header) continue;
        seen.add(key);
        const window = spec.window ?? DEFAULT_WINDOW[dim];
        const afterWord = m.startTok > 0 && this.tokens[m.startTok - 1].word;
        if (spec.direction !== 'backward' && !(spec.prefixOnly && afterWord) && !(spec.afterWordOnly && !afterWord)) {
          let to = header ? this.tokens.length : this.forwardEnd(m, dim, window, at, spec.category);
          if (spec.afterWordOnly) {
            for (let k = m.endTok; k < to; k++) if (STOP_AFTER_VERB.has(this.tokens[k].norm)) { to = k; break; }
          }
          out.push({ category: spec.category, dim, startTok: m.startTok, endTok: m.endTok, from: m.endTok, to, forward: true });
        }
        if (spec.direction !== 'forward') {
          const from = this.backwardStart(m, dim, spec.direction === 'both' ? (spec.backWindow ?? window) : window, at, spec.direction === 'backward');
          out.push({ category: spec.category, dim, startTok: m.startTok, endTok: m.endTok, from, to: m.startTok, forward: false });
        }
      }
    }
    // "No focal consolidation to suggest pneumonia", "no findings suspicious for malignancy": the negation
    // carries through the uncertainty word to what it would have suggested.
    for (const sc of out) {
      if (sc.category !== 'possible' || !sc.forward) continue;
      const phrase = this.tokens.slice(sc.startTok, sc.endTok).map((t) => t.norm).join(' ');
      if (!NEGATABLE_UNCERTAINTY.has(phrase)) continue;
      if (out.some((n) => n.category === 'negated' && n.forward && n.endTok <= sc.startTok && sc.startTok < n.to)) sc.category = 'negated';
    }
    return out;
  }

  /** "Mother reports...", "per his wife", "accompanied by her daughter": the relative is a source, not the experiencer. */
  private isReporter(m: Match): boolean {
    const t = this.tokens;
    const n1 = t[m.endTok]?.norm;
    const n2 = t[m.endTok + 1]?.norm;
    if (n1 && REPORTER_VERBS.has(n1)) return true;
    if ((n1 === 'is' || n1 === 'was' || n1 === 'are' || n1 === 'were') && n2 && REPORTER_STATES.has(n2)) return true;
    if (n1 === 'at' && n2 === 'bedside') return true;
    let k = m.startTok - 1;
    while (k >= 0 && REPORTER_SKIP.has(t[k].norm)) k--;
    if (k < 0) return false;
    if (REPORTER_PREPS.has(t[k].norm)) return true;
    return k > 0 && REPORTER_PREP_PAIRS.has(`${t[k - 1].norm} ${t[k].norm}`);
  }

  /** "no history of", "denies any prior": the history word belongs to the negation. */
  private absorbedByNegation(ms: Match[], mi: number): boolean {
    const m = ms[mi];
    for (let j = mi - 1; j >= 0 && j >= mi - 2; j--) {
      const p = ms[j];
      if (!p.specs.some((s) => s.category === 'negated' && s.direction !== 'backward')) continue;
      let ok = m.startTok - p.endTok <= 3;
      for (let k = p.endTok; ok && k < m.startTok; k++) ok = ABSORBABLE.has(this.tokens[k].norm);
      if (ok) return true;
    }
    return false;
  }

  private atSentenceStart(tok: number): boolean {
    for (let k = 0; k < tok; k++) if (this.tokens[k].word && !/^\d+$/.test(this.tokens[k].norm) && this.tokens[k].norm.length > 1) return false;
    return true;
  }

  private forwardEnd(m: Match, dim: Dimension, window: number, at: Map<number, Match>, category: TriggerCategory): number {
    const toks = this.tokens;
    let words = 0;
    let content = 0;
    // The word budget applies per list item, so "denies fever, chills, ..., dysuria" stays in scope to the end;
    // MAX_LIST_WORDS caps the whole run.
    let segment = 0;
    let k = m.endTok;
    while (k < toks.length) {
      const t = toks[k];
      if (t.norm === ';' || (t.norm === '.' && k + 1 < toks.length && toks[k + 1].word && toks[k + 1].start > t.end && /^\p{Lu}/u.test(this.text[toks[k + 1].start]))) break;
      if (t.norm === ':' && words > 0) break;
      const hit = at.get(k);
      if (hit && hit.startTok > m.endTok - 1) {
        const term = hit.specs.find((s) => s.category === 'terminate' && (!s.dims || s.dims.includes(dim)));
        if (term && (words > 0 || !SOFT_TERMINATORS.has(term.phrase))) break;
        if (words > 0 && dim !== 'experiencer' && content > 0 && hit.specs.some((s) => s.category === 'breaker')) break;
        // "stroke 2 years ago with no residual deficits": what is denied after a past event is about now.
        if (category === 'historical' && hit.specs.some((s) => s.category === 'negated' && s.direction !== 'backward')) break;
      }
      if (t.norm === ',' || t.norm === '/' || t.norm === 'or' || t.norm === 'and' || t.norm === 'nor') segment = 0;
      if (t.word) {
        words++;
        segment++;
        if (window < 8 ? words > window : segment > window || words > MAX_LIST_WORDS) break;
        if (!FUNCTION_WORDS.has(t.norm)) content++;
      }
      if (hit && hit.endTok > k + 1) {
        // Step over a multi-token match as a unit (its words still count).
        for (let q = k + 1; q < hit.endTok; q++) {
          if (!toks[q].word) continue;
          words++;
          if (!FUNCTION_WORDS.has(toks[q].norm)) content++;
        }
        k = hit.endTok;
        continue;
      }
      k++;
    }
    return k;
  }

  private backwardStart(m: Match, dim: Dimension, window: number, at: Map<number, Match>, crossComma: boolean): number {
    const toks = this.tokens;
    // "Fever, chills and cough: denied" / "... and DVT were ruled out": a list before the trigger stays in scope.
    let listMode = m.startTok > 0 && (toks[m.startTok - 1].norm === ':' || toks[m.startTok - 1].norm === '-');
    let words = 0;
    let k = m.startTok - 1;
    // Matches ending at a token index, for terminators seen while walking backwards.
    let lastGood = m.startTok;
    while (k >= 0) {
      const t = toks[k];
      if (t.norm === ';' || t.norm === '.') break;
      // "breast cancer, in remission": a post-position trigger crosses the comma right before it; a two-way cue ("now") does not.
      if (t.norm === ',' && !listMode && (words > 0 || !crossComma)) break;
      if (t.norm === ':' && words > 0) break;
      // "fever, chills and cough were denied" is a list; ", and a small effusion is suspected" starts a new clause.
      if ((t.norm === 'and' || t.norm === 'or') && !CLAUSE_START.has(toks[k + 1]?.norm ?? '')) listMode = true;
      const hit = at.get(k);
      if (hit && hit.endTok <= m.startTok && hit.specs.some((s) => s.category === 'terminate' && (!s.dims || s.dims.includes(dim)) && (!crossComma || !RELATIVE.has(s.phrase)))) break;
      if (t.word) {
        words++;
        if (words > window) break;
      }
      lastGood = k;
      k--;
    }
    return lastGood;
  }
}

function rank(c: TriggerCategory): number {
  // Tie-break at equal distance: definite negation over uncertainty; past/hypothetical over "recent"; family over self.
  switch (c) {
    case 'negated': return 2;
    case 'possible': return 1;
    case 'historical': return 2;
    case 'hypothetical': return 3;
    case 'other': return 2;
    default: return 0;
  }
}
