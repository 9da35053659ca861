// Baseline 1: dictionary lookup. Longest contiguous match of Alphabetic Index terms (in both
// "main subterm" and "subterm main" order) and billable-code titles in the note's words, each
// mapped to one billable code. No context, no scoring: the floor the engine must beat.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { defaultCode } from '../term-lexicon';

const MAX_WORDS = 8;
const words = (s: string) => s.toLowerCase().replace(/\([^)]*\)/g, ' ').match(/[a-z0-9]+/g) ?? [];
const STOP = new Set(['nec', 'nos', 'unspecified', 'of', 'the', 'with', 'in', 'and', 'a', 'an', 'to', 'due', 'by']);
const key = (ws: string[]) => ws.filter((w) => !STOP.has(w)).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)).join(' ');

export class DictionaryBaseline {
  private readonly phrases = new Map<string, string>();

  constructor(kb: IcdKnowledgeBase) {
    const add = (ws: string[], code: string) => { const k = key(ws); if (k && !this.phrases.has(k)) this.phrases.set(k, code); };
    for (const e of kb.billableCodes()) add(words(e.longTitle.replace(/,\s*unspecified$/i, '')), e.code);
    for (const hit of kb.indexEntries()) {
      const codes = hit.codes.filter((c) => kb.isBillable(c));
      if (!codes.length) continue;
      const code = defaultCode(kb, codes);
      const parts = hit.path.map(words);
      add(parts.flat(), code);
      add([...parts.slice(1).flat(), ...parts[0]], code); // "Pain, abdominal" -> "abdominal pain"
    }
  }

  /** Codes in order of first appearance. */
  code(text: string): string[] {
    const ws = words(text).filter((w) => !STOP.has(w));
    const out: string[] = [];
    for (let i = 0; i < ws.length;) {
      let matched = 0;
      for (let n = Math.min(MAX_WORDS, ws.length - i); n >= 1 && !matched; n--) {
        const code = this.phrases.get(key(ws.slice(i, i + n)));
        if (code) { if (!out.includes(code)) out.push(code); matched = n; }
      }
      i += matched || 1;
    }
    return out;
  }
}
