// "Poorly controlled", "out of control" and "uncontrolled" diabetes: the index says to code diabetes, by type, with
// hyperglycemia (E11.65), unless the note says the lack of control is hypoglycemia.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import { addEdit } from './rule-mention';
import { isLexical } from './lexical-mentions';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import { paragraphAfter } from './problem-paragraph';

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

/** Hyperglycemia written in words: "elevated glucose levels", "blood sugars running high", "elevations of her blood glucose". */
const HIGH_SUGAR = new RegExp([
  String.raw`\bhyperglyc[a-z]*`,
  String.raw`\b(elevated|high|raised|increased)\s+(?:(?:fasting|home|blood|serum|morning)\s+){0,2}(glucose|sugars?|blood sugars?)\b`,
  String.raw`\belevations?\s+(?:of|in)\s+(?:(?:her|his|their|the)\s+)?(?:(?:fasting|home|blood|serum)\s+){0,2}(glucose|sugars?)\b`,
  String.raw`\b(glucose|sugars?)\s+(?:levels?\s+|readings?\s+|numbers?\s+)?(?:(?:are|is|have been|has been|were|was|remain|remains|running|have been running)\s+){1,2}(?:(?:slightly|mildly|a little|somewhat|still)\s+)?(elevated|high|up)\b`,
].join('|'), 'i');
const NOT_HIGH = /\b(no|not|denies|without|never|normal|controlled|well[- ]controlled)\b[^.;]{0,30}$/i;


/**
 * Diabetes whose assessment paragraph documents high blood sugar ("Diabetes. Glucose levels slightly elevated on home
 * monitoring"): the index's Diabetes, with, hyperglycemia (E11.65). Read only where the assessment or plan discusses the
 * diabetes, and not when the paragraph says hypoglycemia.
 */
export function diabetesWithDocumentedHyperglycemia(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const byTarget = new Map<string, { mentions: PlacedMention[]; confidence: number }>();
  for (const c of cs) {
    if (c.status !== 'active' || !DIABETES.test(c.code) || /\.6[45]/.test(c.code)) continue;
    const target = `${c.code.slice(0, 3)}.65`;
    if (!kb.isBillable(target) || cs.some((x) => x.code === target && x.status === 'active')) continue;
    for (const m of c.mentions) {
      if (!isLexical(m) || m.negation !== 'affirmed' || (m.role !== 'diagnosis' && m.role !== 'plan')) continue;
      const para = paragraphAfter(text, m.sentenceStart);
      if (HYPO.test(para)) continue;
      const hit = HIGH_SUGAR.exec(para);
      if (!hit || NOT_HIGH.test(para.slice(0, hit.index))) continue;
      const at = m.sentenceStart + hit.index;
      let t = byTarget.get(target);
      if (!t) byTarget.set(target, (t = { mentions: [], confidence: 0 }));
      t.mentions.push({ ...m, code: target, matched: 'Diabetes, with, hyperglycemia' },
        { ...m, code: target, start: at, end: at + hit[0].length, matched: 'Diabetes, with, hyperglycemia' });
      t.confidence = Math.max(t.confidence, c.confidence, 0.6);
    }
  }
  return [...byTarget].map(([code, t]) => addEdit(code, t.mentions, t.confidence,
    `Diabetes with high blood sugar documented in its assessment: ${code} (index: Diabetes, with, hyperglycemia)`));
}
