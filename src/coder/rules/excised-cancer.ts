// A primary malignancy that was excised, with no further treatment and no evidence of disease, is history (billing,
// OCG I.C.2.d): "prostate cancer s/p radical prostatectomy 2018, PSA undetectable" is Z85.46, not C61. Both must be
// written: the excision of the organ and the absence of disease; treatment still directed at the site keeps C.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const EXCISED = /\b(s\/p|status post|post|after|following|underwent|treated with)\b[^.;]*?\b\w+ectomy\b/i;
const NO_DISEASE = /\b(undetectable|no evidence of (?:disease|recurrence|malignancy|cancer)|NED|no (?:sign|signs) of recurrence|no recurrence|cancer[- ]free|disease[- ]free|in remission)\b/i;
const TREATED_NOW = /\b(on|receiving|undergoing|continue|continues|started|starting|current(?:ly)?)\b[^.;]{0,30}\b(chemo\w*|radiation|radiotherapy|hormone therapy|immunotherapy|adjuvant)\b/i;

export function excisedCancerHistory(cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const edits: RuleEdit[] = [];
  for (const c of cs) {
    if (c.status !== 'active' || !/^C(?:[0-6]\d|7[0-6]|8[0-9]|9[0-6])/.test(c.code) || /^C(7[7-9]|80)/.test(c.code) || !c.mentions.length) continue;
    const sentences = c.mentions.map((m) => text.slice(m.sentenceStart, m.sentenceEnd));
    if (!sentences.every((s) => EXCISED.test(s) && NO_DISEASE.test(s) && !TREATED_NOW.test(s))) continue;
    edits.push({ op: 'status', target: c, status: 'historical', note: 'Excised, with no evidence of disease and no treatment now: a personal history (OCG I.C.2.d)' });
  }
  return edits;
}
