// "Poorly controlled", "out of control" and "uncontrolled" diabetes: the index says to code diabetes, by type, with
// hyperglycemia (E11.65), unless the note says the lack of control is hypoglycemia.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import { addEdit } from './rule-mention';
import { isLexical } from './lexical-mentions';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const DIABETES = /^E(08|09|10|11|13)\./;
const CUE = String.raw`(?:(?:poorly|inadequately|sub-?optimally|badly) controlled|out of control|uncontrolled)`;
/** The cue right after the mention, in the same clause ("type 2 diabetes, poorly controlled"). */
const AFTER = new RegExp(String.raw`^(?:\s*(?:mellitus|,|-|:|\(|is|has been|remains|which is|currently))*\s*${CUE}\b`, 'i');
/** Or right before it ("uncontrolled type 2 diabetes"). */
const BEFORE = new RegExp(String.raw`\b${CUE}\s*$`, 'i');
const NOT = /\b(not|no longer|never)\s*$/i;
const HYPO = /\bhypoglyc/i;

export function diabetesWithHyperglycemia(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const byTarget = new Map<string, { mentions: PlacedMention[]; confidence: number; from: string }>();
  for (const c of cs) {
    if (c.status !== 'active' || !DIABETES.test(c.code) || /\.6[45]/.test(c.code)) continue;
    const target = `${c.code.slice(0, 3)}.65`;
    if (!kb.isBillable(target)) continue;
    for (const m of c.mentions) {
      if (!isLexical(m) || m.negation !== 'affirmed') continue;
      const sentence = text.slice(m.sentenceStart, m.sentenceEnd);
      if (HYPO.test(sentence)) continue;
      const after = text.slice(m.end, Math.min(m.sentenceEnd, m.end + 40));
      const before = text.slice(Math.max(m.sentenceStart, m.start - 30), m.start);
      const cue = AFTER.exec(after);
      const pre = BEFORE.exec(before);
      if (!(cue && !NOT.test(after.slice(0, cue[0].search(/\S+ ?(controlled|of control)|uncontrolled/i)))) && !(pre && !NOT.test(before.slice(0, pre.index)))) continue;
      let t = byTarget.get(target);
      if (!t) byTarget.set(target, (t = { mentions: [], confidence: 0, from: c.code }));
      const end = cue ? m.end + cue[0].length : m.end;
      const start = pre ? m.start - (before.length - pre.index) : m.start;
      t.mentions.push({ ...m, code: target, start, end, matched: 'Diabetes, poorly controlled', nKeys: Math.max(m.nKeys, 1) });
      t.confidence = Math.max(t.confidence, c.confidence, 0.7);
    }
  }
  return [...byTarget].map(([code, t]) => addEdit(code, t.mentions, t.confidence,
    `Diabetes documented as poorly controlled: ${code} (index: Diabetes, poorly controlled - code to Diabetes, by type, with hyperglycemia)`));
}
