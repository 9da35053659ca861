// Body mass index, Z68 (billing, guideline I.B.14): reported only with an associated weight diagnosis the provider
// documents (obesity, overweight, underweight, malnutrition); the value may come from anyone's notes. Adults' codes
// go by the value (Z68.1 under 20, Z68.20-Z68.39 by whole number, Z68.41-Z68.45 by band); children's by
// percentile, which a value alone does not give, so patients under 20 get none.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { NoteView } from '../note-view';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const WEIGHT_DX = /^(E66|E4[0-6]|R63\.6|E88\.82|R63\.5)/;
const BMI = /\b(?:BMI|body mass index)\s*(?:of|is|was|=|:)?\s*(\d{2}(?:\.\d+)?)/i;
const AGE = /\b(\d{1,3})[- ](?:year|yr|y)[- ]?(?:old|o)\b|\b(\d{1,3})\s*(?:yo|y\/o)\b/i;

export function bmiCode(value: number): string {
  if (value < 20) return 'Z68.1';
  if (value < 40) return `Z68.${Math.floor(value)}`;
  if (value < 45) return 'Z68.41';
  if (value < 50) return 'Z68.42';
  if (value < 60) return 'Z68.43';
  if (value < 70) return 'Z68.44';
  return 'Z68.45';
}

export function addBmiCode(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  // Z68 codes come from the value only (a title match such as "BMI ... adult" must not guess the band).
  const others: RuleEdit[] = cs.filter((c) => c.code.startsWith('Z68')).map((target) => ({ op: 'drop', target }));
  if (!view) return others;
  const dx = cs.filter((c) => c.status === 'active' && WEIGHT_DX.test(c.code)).sort((a, b) => b.confidence - a.confidence)[0];
  if (!dx) return others;
  let age: number | undefined;
  for (const s of view.sentences) { const a = AGE.exec(s.text); if (a) { age = Number(a[1] ?? a[2]); break; } }
  if (age !== undefined && age < 20) return others;
  for (let i = 0; i < view.sentences.length; i++) {
    const s = view.sentences[i];
    const m = BMI.exec(s.text);
    if (!m) continue;
    const value = Number(m[1]);
    const code = bmiCode(value);
    if (value < 10 || value > 100 || !kb.isBillable(code)) return others;
    return [...others, addEdit(code, [ruleMention(code, `Body mass index, adult, ${value}`, s, i, m.index, m[0].length)], Math.min(0.9, dx.confidence),
      `BMI ${value} with ${dx.code} (guideline I.B.14: reported with the weight diagnosis)`)];
  }
  return others;
}
