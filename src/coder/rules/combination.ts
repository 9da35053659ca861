// Combination codes (billing): ICD-10-CM presumes a link between diabetes and its listed
// complications and between hypertension and heart or kidney disease ("with" convention), so
// the pair is reported with one combination code plus the "use additional code" for the stage.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { spans } from '../features';
import { addEdit } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const DIABETES_UNCOMPLICATED = /^E(08|09|10|11|13)\.9$/;

/** A combination code: `rule` is the registry rule that applies it. */
export interface Combo { rule: string; first: RegExp; second: RegExp; target(first: string, second: string): string; keepSecond: boolean; why: string }

const COMBOS: Combo[] = [
  { rule: 'diabetes-combinations', first: DIABETES_UNCOMPLICATED, second: /^N18\./, target: (d) => `${d.slice(0, 3)}.22`, keepSecond: true, why: 'diabetes with chronic kidney disease (use additional code for the CKD stage)' },
  { rule: 'diabetes-combinations', first: DIABETES_UNCOMPLICATED, second: /^G6[0-3]|^G90\.0/, target: (d) => `${d.slice(0, 3)}.42`, keepSecond: false, why: 'diabetes with polyneuropathy' },
  { rule: 'diabetes-combinations', first: DIABETES_UNCOMPLICATED, second: /^H35\.0/, target: (d) => `${d.slice(0, 3)}.319`, keepSecond: false, why: 'diabetes with retinopathy' },
  { rule: 'diabetes-combinations', first: DIABETES_UNCOMPLICATED, second: /^N0[0-8]|^N28\.9/, target: (d) => `${d.slice(0, 3)}.29`, keepSecond: false, why: 'diabetes with kidney complication' },
  { rule: 'diabetes-combinations', first: DIABETES_UNCOMPLICATED, second: /^I73\.9/, target: (d) => `${d.slice(0, 3)}.51`, keepSecond: false, why: 'diabetes with peripheral angiopathy' },
  { rule: 'hypertension-combinations', first: /^I10$/, second: /^I50\./, target: () => 'I11.0', keepSecond: true, why: 'hypertensive heart disease with heart failure (use additional code for the type of heart failure)' },
  { rule: 'hypertension-combinations', first: /^I10$/, second: /^N18\.[56]$/, target: () => 'I12.0', keepSecond: true, why: 'hypertensive CKD with stage 5 CKD or ESRD (use additional code for the stage)' },
  { rule: 'hypertension-combinations', first: /^I10$/, second: /^N18\./, target: () => 'I12.9', keepSecond: true, why: 'hypertensive CKD with stage 1-4 or unspecified CKD (use additional code for the stage)' },
  { rule: 'hypertension-combinations', first: /^I11\.0$/, second: /^N18\.[56]$/, target: () => 'I13.2', keepSecond: true, why: 'hypertensive heart and CKD with heart failure and stage 5/ESRD' },
  { rule: 'hypertension-combinations', first: /^I11\.0$/, second: /^N18\./, target: () => 'I13.0', keepSecond: true, why: 'hypertensive heart and CKD with heart failure and stage 1-4 CKD' },
  { rule: 'hypertension-combinations', first: /^I12\.9$/, second: /^I50\./, target: () => 'I13.0', keepSecond: true, why: 'hypertensive heart and CKD with heart failure' },
  // "Arteriosclerosis, coronary, native vessel, with angina pectoris" (OCG I.C.9.b: the link is presumed; the angina
  // is not coded apart): unstable I25.110, with documented spasm I25.111, refractory I25.112, other forms (stable)
  // I25.118, unspecified I25.119.
  { rule: 'coronary-disease-with-angina', first: /^I25\.10$/, second: /^I20\./, target: (_a, b) => ({ 'I20.0': 'I25.110', 'I20.1': 'I25.111', 'I20.2': 'I25.112', 'I20.81': 'I25.118', 'I20.89': 'I25.118', 'I20.9': 'I25.119' } as Record<string, string>)[b] ?? 'I25.119', keepSecond: false, why: 'atherosclerotic heart disease of native coronary artery with angina pectoris' },
  // "Displacement, intervertebral disc, lumbar region, with radiculopathy M51.16" (and "Degeneration, ..., with
  // radiculopathy"): the disc disorder and the radiculopathy of the same region are one code.
  { rule: 'disc-with-radiculopathy', first: /^M51\.[23][4-7]/, second: /^M54\.1[4-7]$/, target: (a, b) => (a.charAt(5) === b.charAt(5) ? `M51.1${a.charAt(5)}` : ''), keepSecond: false, why: 'intervertebral disc disorder with radiculopathy' },
  // Tabular N20 Excludes1 "calculus with hydronephrosis (N13.2)": a urinary stone with hydronephrosis is N13.2 alone.
  { rule: 'calculus-with-hydronephrosis', first: /^N20\.[0-9]$/, second: /^N13\.3[09]$/, target: () => 'N13.2', keepSecond: false, why: 'hydronephrosis with renal and ureteral calculous obstruction' },
  // "Hyperplasia, prostate, with lower urinary tract symptoms (LUTS) N40.1": nocturia, frequency, urgency, a weak or
  // intermittent stream, retention, incontinence; the symptoms are coded beside (Tabular N40.1: use additional code).
  { rule: 'prostate-with-luts', first: /^N40\.0$/, second: /^R35\.|^R39\.1[0-9]*$|^R33\.|^R32$|^N39\.4/, target: () => 'N40.1', keepSecond: true, why: 'benign prostatic hyperplasia with lower urinary tract symptoms (use additional code for the symptoms)' },
];

/** The combinations a registry rule applies ("diabetes-combinations": E11.22, E11.42, ...). */
export function combinationsOf(rule: string): readonly Combo[] {
  const out = BY_RULE.get(rule);
  if (!out) throw new Error(`no combination codes for rule ${rule}`);
  return out;
}
const BY_RULE = new Map<string, Combo[]>();
for (const c of COMBOS) { let l = BY_RULE.get(c.rule); if (!l) BY_RULE.set(c.rule, (l = [])); l.push(c); }

export function applyCombinationCodes(kb: IcdKnowledgeBase, cs: RuledCandidate[], combos: readonly Combo[] = COMBOS): RuledCandidate[] {
  let out = cs;
  for (const combo of combos) {
    const active = out.filter((c) => c.status === 'active');
    // The most confident reading of the first condition (E11.9, not a weak E13.9 from the same words).
    const inside = (c: RuledCandidate) => (c.mentions.every((m) => m.subsumed) ? 1 : 0);
    const a = active.filter((c) => combo.first.test(c.code)).sort((x, y) => inside(x) - inside(y) || y.confidence - x.confidence)[0];
    const b = active.filter((c) => combo.second.test(c.code)).sort((x, y) => inside(x) - inside(y) || y.confidence - x.confidence)[0];
    if (!b) continue;
    if (!a && combo.first === DIABETES_UNCOMPLICATED) {
      // "Diabetic peripheral neuropathy": a diabetes combination the index read from the same words already says it;
      // the condition is not coded again, and the combination is as sure as the condition was.
      const covering = active.find((c) => /^E(08|09|10|11|13)\./.test(c.code) && c.mentions.some((m) => !m.subsumed && b.mentions.some((n) => spans(m, n))));
      if (covering && !combo.keepSecond) {
        out = out.filter((c) => c !== b).map((c) => (c === covering ? { ...c, confidence: Math.max(c.confidence, b.confidence), mentions: [...c.mentions, ...b.mentions],
          notes: [...(c.notes ?? []), `${b.code} (${combo.why}) is part of this combination code`] } : c));
        continue;
      }
      // Diabetes already coded with another complication (E11.42): the "with" convention links this condition too,
      // so its combination code is added beside (E11.42 + E11.51 for peripheral vascular disease).
      const other = active.filter((c) => /^E(08|09|10|11|13)\./.test(c.code)).sort((x, y) => inside(x) - inside(y) || y.confidence - x.confidence)[0];
      const target = other && combo.target(other.code, b.code);
      if (other && target && kb.isBillable(target) && !out.some((c) => c.code === target)
        && !active.some((c) => c !== other && c.code.slice(0, 3) === other.code.slice(0, 3) && c.mentions.some((m) => b.mentions.some((n) => spans(m, n))))) {
        out = out.filter((c) => combo.keepSecond || c !== b);
        out.push({ code: target, mentions: [...b.mentions], confidence: (other.confidence + b.confidence) / 2, status: 'active',
          notes: [`Combination code: ${combo.why}, with ${other.code} (the "with" convention links them)${combo.keepSecond ? '' : `; replaces ${b.code}`}`] });
      }
      continue;
    }
    if (!a) continue;
    const target = combo.target(a.code, b.code);
    if (!kb.isBillable(target)) continue;
    // The note already names a combination of this family for the same evidence ("type 2 diabetes with diabetic
    // nephropathy" -> E11.21): the second condition is explained by it, not by a generic combination (E11.29).
    // A "without ..." reading of the same words (I11.9 beside I11.0) explains nothing.
    const covering = active.find((c) => c !== a && c.code !== target && c.code.slice(0, 3) === a.code.slice(0, 3)
      && !/\bwithout\b/i.test(kb.get(c.code)?.longTitle ?? '') && c.mentions.some((m) => b.mentions.some((n) => spans(m, n))));
    if (covering) {
      if (!combo.keepSecond) out = out.filter((c) => c !== b);
      continue;
    }
    const existing = out.find((c) => c.code === target);
    const merged: RuledCandidate = {
      code: target, mentions: [...a.mentions, ...b.mentions], confidence: Math.min(a.confidence, b.confidence) * 0.5 + Math.max(a.confidence, b.confidence) * 0.5,
      status: 'active', notes: [`Combination code: ${combo.why}; replaces ${a.code}${combo.keepSecond ? '' : ` and ${b.code}`}`],
    };
    out = out.filter((c) => c !== a && c !== existing && (combo.keepSecond || c !== b));
    if (existing) { merged.confidence = Math.max(merged.confidence, existing.confidence); merged.mentions.push(...existing.mentions); }
    out.push(merged);
  }
  return out;
}

/**
 * COPD with an acute lower respiratory infection (pneumonia, bronchitis): J44.0, with the infection coded too
 * ("use additional code to identify the infection"), beside J44.1 when an exacerbation is also documented.
 */
export function copdWithInfection(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[]): RuleEdit[] {
  const active = cs.filter((c) => c.status === 'active');
  const copd = active.find((c) => /^J44\.[19]$/.test(c.code));
  const infection = active.filter((c) => /^J(1[2-8]|2[0-2])\./.test(c.code)).sort((a, b) => b.confidence - a.confidence)[0];
  if (!copd || !infection || !kb.isBillable('J44.0') || cs.some((c) => c.code === 'J44.0')) return [];
  return [...(copd.code === 'J44.9' ? [{ op: 'drop' as const, target: copd }] : []),
    addEdit('J44.0', [...copd.mentions, ...infection.mentions], (copd.confidence + infection.confidence) / 2,
      `Combination code: COPD with acute lower respiratory infection (${infection.code} coded too)${copd.code === 'J44.9' ? '; replaces J44.9' : ''}`)];
}

/**
 * Dementia due to a disease classified elsewhere (Alzheimer's, Parkinson's, Lewy bodies...): the disease is coded
 * first and the dementia with F02 ("Use additional code" at G30), not with "unspecified dementia" F03.
 */
export function dementiaInOtherDiseases(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[]): RuleEdit[] {
  const disease = cs.filter((c) => c.status === 'active' && /^(G30|G31\.[018]|G20|G10|B20|G35)/.test(c.code)).sort((a, b) => b.confidence - a.confidence)[0];
  if (!disease) return [];
  // Unspecified dementia F03.9x is F02.8x in a disease classified elsewhere; the graded ones keep their letter.
  const f02 = (code: string) => (/^F03\.9/.test(code) ? code.replace(/^F03\.9/, 'F02.8') : /^F03\./.test(code) ? code.replace(/^F03/, 'F02') : '');
  const moved = cs.filter((c) => kb.isBillable(f02(c.code)));
  // Joins an F02 code already read (a learned phrase), or adds it with the dementia's evidence.
  return [...moved.map((target) => ({ op: 'drop' as const, target })), ...moved.map((c) => addEdit(f02(c.code), c.mentions,
    Math.max(c.confidence, disease.confidence * 0.9), `Dementia in a disease classified elsewhere: ${f02(c.code)} with ${disease.code}, not ${c.code}`))];
}

/**
 * "Without complications" (E11.9) contradicts any other code of the same diabetes category (E11.21, E11.65): the
 * specific code stays and takes the plain diabetes mentions as its evidence.
 */
export function dropUncomplicatedDiabetes(cs: RuledCandidate[]): RuledCandidate[] {
  let out = cs;
  for (const plain of cs.filter((c) => c.status === 'active' && DIABETES_UNCOMPLICATED.test(c.code))) {
    const specific = out.filter((c) => c.status === 'active' && c !== plain && c.code.slice(0, 3) === plain.code.slice(0, 3))
      .sort((x, y) => y.confidence - x.confidence)[0];
    if (!specific) continue;
    out = out.filter((c) => c !== plain);
    out[out.indexOf(specific)] = { ...specific, mentions: [...specific.mentions, ...plain.mentions], notes: [...(specific.notes ?? []), `Replaces ${plain.code}: a diabetes code with a complication excludes "without complications"`] };
  }
  return out;
}
