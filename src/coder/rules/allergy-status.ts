// Allergy status (billing, Z88 / Z91.0): a documented allergy to a drug class or a common allergen is reported as
// a status code; the reactions listed with it ("penicillin (rash)") are not conditions of the encounter (they are
// dropped elsewhere). Read from the allergy section, or from "allergic to X" anywhere; "NKDA" or "no known allergies"
// gives none.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import type { NoteView } from '../note-view';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const ALLERGENS: [RegExp, string, string][] = [
  [/\b(penicillins?|amoxicillin|ampicillin|augmentin|PCN)\b/i, 'Z88.0', 'penicillin'],
  [/\b(sulfa|sulfonamides?|sulfamethoxazole|bactrim|septra|TMP-SMX)\b/i, 'Z88.2', 'sulfonamides'],
  [/\b(cephalosporins?|cephalexin|keflex|ceftriaxone|cefazolin|macrolides?|erythromycin|azithromycin|clarithromycin|tetracyclines?|doxycycline|quinolones?|ciprofloxacin|levofloxacin|vancomycin|clindamycin)\b/i, 'Z88.1', 'other antibiotic agents'],
  [/\b(codeine|morphine|opioids?|opiates?|hydrocodone|oxycodone|tramadol|narcotics?)\b/i, 'Z88.5', 'narcotic agent'],
  [/\b(aspirin|NSAIDs?|ibuprofen|naproxen|acetaminophen)\b/i, 'Z88.6', 'analgesic agent'],
  [/\b(lidocaine|anesthetics?|anaesthetics?)\b/i, 'Z88.4', 'anesthetic agent'],
  [/\b(contrast|iodinated contrast|iodine|ace inhibitors?|lisinopril|statins?)\b/i, 'Z88.8', 'other drugs'],
  [/\b(latex)\b/i, 'Z91.040', 'latex'],
  [/\b(peanuts?)\b/i, 'Z91.010', 'peanuts'],
  [/\b(shellfish|seafood|shrimp)\b/i, 'Z91.013', 'seafood'],
  [/\b(bee stings?|bees?|wasps?)\b/i, 'Z91.030', 'bee'],
];
const NONE = /\b(NKDA|NKA|no known (drug )?allergies|none known|no allergies)\b/i;
const ALLERGIC = /\ballergi(c|es|y) (to|:)\s*/i;

export function addAllergyStatus(kb: IcdKnowledgeBase, _cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  const found = new Map<string, { what: string; mentions: PlacedMention[] }>();
  view.sentences.forEach((s, i) => {
    const inSection = s.role === 'allergies';
    const cue = ALLERGIC.exec(s.text);
    if (!inSection && !cue) return;
    // Outside the allergy section only the words after "allergic to" count, up to the end of the clause.
    const from = inSection ? 0 : cue!.index + cue![0].length;
    const scope = s.text.slice(from).split(/[.;]/)[0];
    if (NONE.test(scope) && !ALLERGENS.some(([re]) => re.test(scope))) return;
    for (const [re, code, what] of ALLERGENS) {
      const m = re.exec(scope);
      if (!m || !kb.isBillable(code) || /\bno\b|\bdenies\b/i.test(scope.slice(Math.max(0, m.index - 12), m.index))) continue;
      let f = found.get(code);
      if (!f) found.set(code, (f = { what, mentions: [] }));
      f.mentions.push(ruleMention(code, `Allergy, status, ${what}`, s, i, from + m.index, m[0].length));
    }
  });
  return [...found].map(([code, f]) => addEdit(code, f.mentions, 0.7, `Allergy status to ${f.what}: documented allergy (not a condition of this encounter)`));
}
