// Phrases learned from CodiEsp train (scripts/train-scorer.ts): contiguous key n-grams that the
// annotators regularly coded with a code the knowledge base does not reach from that wording
// (e.g. translated phrasings). Each carries its estimated precision and support.
import type { SentenceToken } from './mention-matcher';

export interface LearnedPhrase { keys: string; code: string; support: number; precision: number }

export const LEARNED_MAX_N = 3;

export class LearnedLexicon {
  private readonly byKeys = new Map<string, LearnedPhrase[]>();
  constructor(readonly phrases: LearnedPhrase[] = []) {
    for (const p of phrases) { let l = this.byKeys.get(p.keys); if (!l) this.byKeys.set(p.keys, (l = [])); l.push(p); }
  }
  get size(): number { return this.phrases.length; }

  /** Matches over consecutive original (non-expanded) tokens. */
  match(toks: SentenceToken[]): { phrase: LearnedPhrase; tokens: number[]; start: number; end: number }[] {
    if (!this.byKeys.size) return [];
    const words = toks.map((t, i) => ({ t, i })).filter((x) => !x.t.expanded);
    const out: { phrase: LearnedPhrase; tokens: number[]; start: number; end: number }[] = [];
    for (let a = 0; a < words.length; a++) {
      let key = '';
      for (let n = 1; n <= LEARNED_MAX_N && a + n <= words.length; n++) {
        key = n === 1 ? words[a].t.key : `${key} ${words[a + n - 1].t.key}`;
        const hits = this.byKeys.get(key);
        if (!hits) continue;
        const idx = words.slice(a, a + n).map((w) => w.i);
        for (const phrase of hits) out.push({ phrase, tokens: idx, start: words[a].t.start, end: words[a + n - 1].t.end });
      }
    }
    return out;
  }
}

/** Every contiguous key n-gram of a token list (used by training to count phrases). */
export function keyNgrams(toks: SentenceToken[]): Set<string> {
  const words = toks.filter((t) => !t.expanded).map((t) => t.key);
  const out = new Set<string>();
  for (let a = 0; a < words.length; a++) {
    let key = '';
    for (let n = 1; n <= LEARNED_MAX_N && a + n <= words.length; n++) {
      key = n === 1 ? words[a] : `${key} ${words[a + n - 1]}`;
      out.add(key);
    }
  }
  return out;
}
