// Long-term (current) drug therapy, Z79 (billing). Guidelines I.C.4.a.3 and I.C.21.c.3: a patient who routinely
// takes insulin, antidiabetic drugs, anticoagulants, antiplatelets, aspirin, steroids, immunosuppressants or
// hormone replacement (data/long-term-drugs.json) gets the Z79 code
// for it, found where the note says the patient is on the drug: a medication list, or "on / takes / continue <drug>".
// A drug just started, stopped, held or refused is not current long-term use; insulin is not coded with type 1
// diabetes (guideline I.C.4.a.3), and antidiabetic drugs only with diabetes documented.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import { addEdit, itemAround, ruleMention } from './rule-mention';
import { cues, isAsserted, itemAssertion } from './rule-assertion';
import type { NoteView } from '../note-view';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import table from './data/long-term-drugs.json';

interface DrugClass { code: string; indexPath: string; drug: RegExp; needsDiabetes: boolean }

const DIABETES = /^E(08|09|11|13)\./;
const TYPE_1 = /^E10\./;

/** The drug classes (data/long-term-drugs.json): each class's names as one whole-word pattern. */
export const CLASSES: DrugClass[] = table.classes.map((c) => ({
  code: c.code, indexPath: c.wording, needsDiabetes: c.needsDiabetes,
  drug: new RegExp(`\\b(${[...c.drugs].sort((a, b) => b.length - a.length).map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})\\b`, 'i'),
}));

/** Words that say the patient takes the drug now; outside an assessment or plan, a dose says so too. */
const ONGOING = /\b(on|takes|taking|continue[sd]?|continuing|maintained on|remains on|home|chronic|long[- ]term|resume[sd]?)\b/i;
const DOSING = /\b(daily|nightly|bid|tid|qhs|qd|units?|mg)\b/i;
/** Words that say it is not (yet, any longer) current, or not taken at all; plain negation comes from the detector. */
const NOT_CURRENT = [
  ...cues('hypothetical', ['start', 'started', 'starting', 'initiate', 'initiated', 'initiating', 'initiation', 'begin', 'began', 'new', 'newly',
    'taper', 'tapering', 'burst', 'dose pack', 'dosepak']),
  ...cues('negated', ['stop', 'stopped', 'discontinue', 'discontinued', 'discontinuing', 'd / c', 'held', 'hold', 'holding', 'off',
    'allergic', 'allergy', 'allergies', 'intolerant', 'intolerance', 'declined', 'declines', 'refused', 'refuses',
    'not on', 'not currently on', 'no longer on', 'not taking', 'no longer taking']),
];

export function addLongTermDrugCodes(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  const active = cs.filter((c) => c.status === 'active');
  const diabetes = active.some((c) => DIABETES.test(c.code));
  const type1 = active.some((c) => TYPE_1.test(c.code));
  const out: RuleEdit[] = [];
  for (const cls of CLASSES) {
    if (!kb.isBillable(cls.code)) continue;
    if (cls.needsDiabetes && !diabetes) continue;
    if (cls.code === 'Z79.4' && type1) continue;
    const mentions: PlacedMention[] = [];
    view.sentences.forEach((s, i) => {
      if (s.role === 'allergies' || s.role === 'family') return;
      for (const m of s.text.matchAll(new RegExp(cls.drug.source, 'gi'))) {
        // The words around the drug within its own list item decide.
        const item = itemAround(s.text, m.index!, m[0].length);
        if (!isAsserted(itemAssertion(s, m.index!, m[0].length, NOT_CURRENT))) continue;
        // In an assessment or plan a dose is an order for this visit ("aspirin 325 mg" for a STEMI): only "on",
        // "continue", "home" and the like say the patient takes it.
        const acute = s.role === 'plan' || s.role === 'diagnosis';
        if (s.role !== 'medications' && !ONGOING.test(item) && (acute || !DOSING.test(item))) continue;
        mentions.push(ruleMention(cls.code, cls.indexPath, s, i, m.index!, m[0].length));
      }
    });
    if (!mentions.length) continue;
    const listed = mentions.some((m) => m.role === 'medications');
    // A rule, not a learned estimate: sure when a medication list or several sentences say so.
    const confidence = listed || mentions.length > 1 ? 0.85 : 0.7;
    const note = `Long-term (current) drug therapy: the note says the patient is on ${mentions[0].matched.replace(/^Long[- ]term,? (\(current\) use of )?/i, '')} (guideline I.C.21.c.3)`;
    out.push(addEdit(cls.code, mentions, confidence, note));
  }
  return out;
}
