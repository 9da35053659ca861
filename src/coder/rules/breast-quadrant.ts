// Malignant neoplasm of breast (C50) by quadrant: "breast cancer" is C50.91-, and the quadrant is often written apart
// from the diagnosis ("Left breast cancer, upper outer quadrant, ER positive"; "mass at 2 o'clock" is not read).
// Guideline I.B.2: code to the highest specificity documented. The side and sex stay those of the code.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import { paragraphAfter } from './problem-paragraph';

const UNSPECIFIED_SITE = /^C50\.9(1|2)([129])$/;
/** Written site -> the C50 subcategory digit: C50.0 nipple, .1 central, .2 upper-inner, .3 lower-inner, .4 upper-outer, .5 lower-outer, .6 axillary tail. */
const SITES: [RegExp, string][] = [
  [/\bupper[- ]outer quadrant\b|\bUOQ\b/i, '4'], [/\blower[- ]outer quadrant\b|\bLOQ\b/i, '5'], [/\bupper[- ]inner quadrant\b|\bUIQ\b/i, '2'],
  [/\blower[- ]inner quadrant\b|\bLIQ\b/i, '3'], [/\b(nipple|areola)\b/i, '0'], [/\bcentral portion\b|\bsubareolar\b|\bretroareolar\b/i, '1'],
  [/\baxillary tail\b|\btail of spence\b/i, '6'],
];

export function breastCancerQuadrant(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    const u = c.status === 'active' ? UNSPECIFIED_SITE.exec(c.code) : null;
    if (!u) continue;
    const found = new Set<string>();
    for (const m of c.mentions) {
      if (m.negation !== 'affirmed') continue;
      const para = paragraphAfter(text, m.sentenceStart);
      for (const [re, digit] of SITES) if (re.test(para)) found.add(digit);
    }
    // One site written in the paragraph: C50.<site><sex><side>.
    if (found.size !== 1) continue;
    const code = `C50.${[...found][0]}${u[1]}${u[2]}`;
    if (!kb.isBillable(code)) continue;
    edits.push({ op: 'replace', target: c, code, note: `Site from the problem's paragraph: ${kb.get(code)?.longTitle ?? code}` });
  }
  return edits;
}
