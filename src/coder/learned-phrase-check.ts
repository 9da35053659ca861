// Whether a phrase learned from coded notes names its code's condition, judged against the code's own knowledge
// (title, its category's title, index paths, inclusion terms). A learned phrase is evidence only then: a drug name, a
// bare body site, a side, or a generic word co-occurs with a code in a training corpus without naming it.
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import { normKeys } from './normalize';
import nonEvidence from './data/non-evidence-words.json';

const NON_EVIDENCE = new Set([...nonEvidence.sides, ...nonEvidence.sites, ...nonEvidence.generic]);
const SIDES = new Set(['left', 'right', 'bilateral']);

/** Two words are one word inflected: equal, or sharing all but their last two letters (depressive, depression). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 5) return false;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i >= n - 2;
}

export type PhraseVerdict = 'names the condition' | 'word unknown to the code' | 'only sites, sides or generic words' | 'side not in the phrase';

/**
 * Words the index itself files under "see condition" (sites and modifiers: "perineal", "testicle", "chronic"), less
 * any that is on its own a coded main term ("embolism").
 */
export function conditionlessWords(kb: IcdKnowledgeBase): Set<string> {
  let words = CONDITIONLESS.get(kb);
  if (words) return words;
  const coded = new Set<string>();
  for (const t of kb.codedMainTerms()) {
    // Only a one-word term or a list of one-word variants ("Infection, infected, infective") can be one key.
    if (t.split(/,\s*/).some((p) => p.trim().includes(' '))) continue;
    const keys = [...new Set(normKeys(t))];
    if (keys.length === 1) coded.add(keys[0]);
  }
  words = new Set(kb.conditionlessMainTerms().flatMap((t) => normKeys(t)).filter((w) => !coded.has(w)));
  CONDITIONLESS.set(kb, words);
  return words;
}
/** Per knowledge base: computed once, for the engine's phrase check and the lexicon build alike. */
const CONDITIONLESS = new WeakMap<IcdKnowledgeBase, Set<string>>();

/**
 * Checks learned phrases of one knowledge base; caches each code's stems. `conditionless`: the knowledge base's
 * "see condition" words when already at hand (the shipped lexicon keeps them), else read from its index.
 */
export function phraseChecker(kb: IcdKnowledgeBase, conditionless: ReadonlySet<string> = conditionlessWords(kb)): (keys: string, code: string) => PhraseVerdict {
  const cache = new Map<string, Set<string>>();
  const nonEvidence = new Set([...NON_EVIDENCE, ...conditionless]);
  const wordsOf = (code: string) => {
    let s = cache.get(code);
    if (s) return s;
    const texts = [kb.get(code)?.longTitle ?? '', kb.get(code.slice(0, 3))?.longTitle ?? '', ...kb.indexPaths(code).map((p) => p.join(' '))];
    for (const n of kb.notes(code)) if (n.kind === 'inclusionTerm') texts.push(n.text);
    s = new Set(texts.flatMap((t) => normKeys(t)));
    cache.set(code, s);
    return s;
  };
  return (keys, code) => {
    const words = keys.split(' ').filter((w) => w.length >= 3 && !/^\d/.test(w));
    const known = [...wordsOf(code)];
    // Every word must be the code's own wording: one stray word ("cisplatin", "December") makes it a co-occurrence.
    if (!words.length || words.some((w) => !known.some((k) => sameWord(w, k)))) return 'word unknown to the code';
    if (words.every((w) => nonEvidence.has(w))) return 'only sites, sides or generic words';
    // A code with a side in its title needs that side in the phrase ("ankle sprain" is not the left ankle's code).
    const title = normKeys(kb.get(code)?.longTitle ?? '');
    const side = title.find((w) => SIDES.has(w));
    if (side && !words.includes(side)) return 'side not in the phrase';
    return 'names the condition';
  };
}
