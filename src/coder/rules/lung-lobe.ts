// Malignant neoplasm of bronchus or lung (C34) by lobe and side: the index leads "lung cancer" to C34.90, and the
// lobe is often written in the problem's paragraph rather than beside the diagnosis ("CT showed a 3.1 cm mass in the
// left upper lobe"). Guideline I.B.2: code to the highest specificity documented.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import { paragraphAfter } from './problem-paragraph';

const UNSPECIFIED_LUNG = /^C34\.(90|91|92|80|81|82)$/;
const LOBE = /\b(right|left)\s+(upper|middle|lower)\s+lobe\b|\b(RUL|RML|RLL|LUL|LLL)\b/g;
const SHORT: Record<string, [string, string]> = { RUL: ['right', 'upper'], RML: ['right', 'middle'], RLL: ['right', 'lower'], LUL: ['left', 'upper'], LLL: ['left', 'lower'] };

/** The C34 code for a lobe and side: C34.1- upper, C34.2 middle (right only), C34.3- lower; 1 right, 2 left. */
export function lobeCode(side: string, lobe: string): string | undefined {
  if (lobe === 'middle') return side === 'right' ? 'C34.2' : undefined;
  return `C34.${lobe === 'upper' ? 1 : 3}${side === 'right' ? 1 : 2}`;
}

export function lungCancerLobe(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    if (c.status !== 'active' || !UNSPECIFIED_LUNG.test(c.code)) continue;
    const found = new Set<string>();
    for (const m of c.mentions) {
      if (m.negation !== 'affirmed') continue;
      for (const x of paragraphAfter(text, m.sentenceStart).matchAll(LOBE)) {
        const [side, lobe] = x[3] ? SHORT[x[3].toUpperCase()] : [x[1].toLowerCase(), x[2].toLowerCase()];
        const code = lobeCode(side, lobe);
        if (code && kb.isBillable(code)) found.add(code);
      }
    }
    // One lobe written in the paragraph, and on the side the code allows (C34.91 is the right lung).
    if (found.size !== 1) continue;
    const code = [...found][0];
    const side = c.code.endsWith('1') ? '1' : c.code.endsWith('2') ? '2' : '';
    if (side && !code.endsWith(side) && code !== 'C34.2') continue;
    edits.push({ op: 'replace', target: c, code, note: `Lobe and side from the problem's paragraph: ${kb.get(code)?.longTitle ?? code}` });
  }
  return edits;
}
