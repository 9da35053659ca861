// What a coder needs next to a code: more specific alternatives, and the tabular "use additional" / "code first" notes.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { Alternative } from '../types';
import type { PlacedMention } from '../features';
import type { RuledCandidate } from './types';

/** More specific codes when the evidence did not settle them, with what the coder must document. */
export function alternativesFor(kb: IcdKnowledgeBase, c: RuledCandidate): Alternative[] {
  const e = kb.get(c.code);
  if (!e) return [];
  const fromIndex = new Set<string>();
  for (const m of c.mentions as PlacedMention[]) if (m.needsMoreSpecificity) for (const a of m.alternatives ?? []) fromIndex.add(a);
  const unspecified = /\bunspecified\b/i.test(e.longTitle);
  let codes = [...fromIndex];
  if (!codes.length && unspecified && e.parent) codes = kb.children(e.parent).filter((s) => s.code !== c.code).flatMap((s) => (s.billable ? [s.code] : kb.billableUnder(s.code)));
  codes = codes.filter((x) => x !== c.code && kb.isBillable(x)).slice(0, 12);
  return codes.map((code) => {
    const title = kb.get(code)?.longTitle ?? code;
    const t = title.toLowerCase();
    const reason = /\b(right|left|bilateral)\b/.test(t) ? 'specify laterality'
      : /\b(initial|subsequent) encounter|sequela/.test(t) ? 'specify encounter'
      : /\bstage\b/.test(t) ? 'specify stage'
      : /\btype [12]\b/.test(t) ? 'specify type'
      : /\b(acute|chronic)\b/.test(t) ? 'specify acuity' : 'more specific code';
    return { code, title, reason };
  });
}

/** "Use additional code" and "code first" instructions that apply to the code (own and inherited). */
export function codingNotes(kb: IcdKnowledgeBase, code: string): string[] {
  const out: string[] = [];
  for (const n of kb.notes(code)) {
    if (n.kind === 'useAdditionalCode') out.push(`Use additional code: ${n.text}`);
    else if (n.kind === 'codeFirst') out.push(`Code first: ${n.text}`);
    if (out.length >= 3) break;
  }
  return out;
}
