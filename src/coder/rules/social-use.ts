// Substance use that is not a disorder: "drinks socially", "occasional alcohol", "a glass of wine on weekends".
// ICD-10-CM codes alcohol and drug use (F10-F16, F18-F19) only when a disorder is documented (guideline I.C.5.b.3),
// so a mention whose sentence calls the use social, occasional or light, and names no abuse, dependence, withdrawal
// or heavy use, is not coded. Nicotine (F17) is different: any current tobacco dependence is coded.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const SUBSTANCE = /^F1[0-689]\./;
const LIGHT_USE = /\b(social(ly)?|occasional(ly)?|rare(ly)?|light|moderate(ly)?|minimal(ly)?|on weekends|(per|a|each) (week|month)|glass(es)? of wine|(a|one|two|1|2|1-2) (beers?|drinks?))\b/i;
const DISORDER = /\b(abus\w*|dependen\w*|disorder|alcoholi\w*|withdraw\w*|heavy|heavily|excess\w*|binge\w*|intoxicat\w*|overdos\w*|addict\w*|misuse)\b/i;

export function dropLightSubstanceUse(cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  return cs.filter((c) => SUBSTANCE.test(c.code) && c.mentions.every((m) => {
    const sentence = text.slice(m.sentenceStart, m.sentenceEnd);
    return LIGHT_USE.test(sentence) && !DISORDER.test(sentence);
  })).map((target) => ({ op: 'drop', target }));
}
