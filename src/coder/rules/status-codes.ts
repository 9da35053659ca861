// Status codes (billing, guideline I.C.21.c.3): a device, graft, replaced joint or transplanted organ the patient
// still has ("s/p CABG", "history of left TKA", "has a pacemaker") is reported with its Z95-Z96/Z94 status code.
// The note's words decide; the side of a replaced joint comes from the same list item.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import type { NoteView } from '../note-view';
import { addEdit, itemAround, ruleMention } from './rule-mention';
import { cues, isAsserted, itemAssertion } from './rule-assertion';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

interface StatusRule { what: RegExp; code: string | ((side: string) => string); indexPath: string; needsPast: boolean }

const PAST = /\b(s\/p|status post|history of|hx of|h\/o|prior|previous|post|after|underwent|has an?|with an?|presence of)\b/i;
const SIDE: [string, RegExp][] = [['bilateral', /\b(bilateral|bilat|both)\b/i], ['left', /\b(left|lt|l)\b/i], ['right', /\b(right|rt|r)\b/i]];
const sideDigit = (side: string, digits: [string, string, string, string]) => (side === 'right' ? digits[0] : side === 'left' ? digits[1] : side === 'bilateral' ? digits[2] : digits[3]);

const RULES: StatusRule[] = [
  { what: /\b(CABG|coronary artery bypass( graft(ing)?| surgery)?|aortocoronary bypass)\b/i, code: 'Z95.1', indexPath: 'Status, aortocoronary bypass', needsPast: true },
  { what: /\b(PCI|PTCA|(coronary|cardiac|LAD|RCA|LCx|circumflex) (artery )?stents?|drug[- ]eluting stents?|DES)\b/i, code: 'Z95.5', indexPath: 'Status, angioplasty, coronary artery, with implant', needsPast: true },
  { what: /\b(pacemaker|PPM)\b/i, code: 'Z95.0', indexPath: 'Presence, cardiac pacemaker', needsPast: false },
  { what: /\b(AICD|ICD placement|implantable (cardioverter[- ])?defibrillator)\b/i, code: 'Z95.810', indexPath: 'Presence, cardiac defibrillator', needsPast: false },
  { what: /\b(TKA|TKR|total knee (arthroplasty|replacement)|knee (arthroplasty|replacement))\b/i, code: (s) => `Z96.65${sideDigit(s, ['1', '2', '3', '9'])}`, indexPath: 'Presence, knee-joint implant', needsPast: true },
  { what: /\b(THA|THR|total hip (arthroplasty|replacement)|hip (arthroplasty|replacement))\b/i, code: (s) => `Z96.64${sideDigit(s, ['1', '2', '3', '9'])}`, indexPath: 'Presence, hip-joint implant', needsPast: true },
  { what: /\b(hemodialysis|haemodialysis|peritoneal dialysis|on (chronic )?dialysis|dialysis[- ]dependent)\b/i, code: 'Z99.2', indexPath: 'Dependence, on, renal dialysis', needsPast: false },
  { what: /\b(kidney|renal) transplant(ation)?\b/i, code: 'Z94.0', indexPath: 'Status, transplant, kidney', needsPast: false },
  { what: /\bliver transplant(ation)?\b/i, code: 'Z94.4', indexPath: 'Status, transplant, liver', needsPast: false },
  { what: /\bheart transplant(ation)?\b/i, code: 'Z94.1', indexPath: 'Status, transplant, heart', needsPast: false },
  // A prosthetic valve is there by the words themselves; a valve replacement's acronym needs "s/p" or a history.
  { what: /\b(prosthetic|mechanical|bioprosthetic|porcine|tissue) (aortic |mitral |tricuspid |heart )?valve\b/i, code: 'Z95.2', indexPath: 'Presence, heart valve, prosthetic', needsPast: false },
  { what: /\b(AVR|MVR|TAVR|TAVI|(aortic|mitral) valve replacement)\b/i, code: 'Z95.2', indexPath: 'Presence, heart valve, prosthetic', needsPast: true },
  { what: /\b(home (oxygen|O2)|on \d+(\.\d+)? ?(L|liters?|lpm)(\/min)?( of)?( home)? (oxygen|O2)|(oxygen|O2)[- ]dependent|dependent on (home |supplemental )?oxygen|supplemental oxygen at home|on (home |supplemental |continuous |nocturnal )?oxygen)\b/i, code: 'Z99.81', indexPath: 'Dependence, on, supplemental oxygen', needsPast: false },
];

/** Words that say the patient does not have it yet (negation and "evaluate for"/"consider" come from the detector). */
const NOT_YET = cues('hypothetical', ['planned', 'scheduled', 'candidate for', 'needs', 'need', 'will need', 'refer', 'referral', 'referred',
  'plan for', 'plans for', 'planned for', 'awaiting', 'evaluate', 'evaluation', 'considering', 'start', 'starting', 'initiate', 'initiated',
  'qualifies for', 'qualify for', 'weaned off', 'wean off']);

export function addStatusCodes(kb: IcdKnowledgeBase, _cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  const out: RuleEdit[] = [];
  const found = new Map<string, { path: string; mentions: PlacedMention[] }>();
  view.sentences.forEach((s, i) => {
    if (s.role === 'family' || s.role === 'allergies' || s.role === 'plan') return;
    for (const rule of RULES) {
      for (const m of s.text.matchAll(new RegExp(rule.what.source, 'gi'))) {
        const item = itemAround(s.text, m.index!, m[0].length);
        if (!isAsserted(itemAssertion(s, m.index!, m[0].length, NOT_YET))) continue;
        if (rule.needsPast && !PAST.test(item) && s.role !== 'history') continue;
        const side = SIDE.find(([, re]) => re.test(item))?.[0] ?? '';
        const code = typeof rule.code === 'string' ? rule.code : rule.code(side);
        if (!kb.isBillable(code)) continue;
        let f = found.get(code);
        if (!f) found.set(code, (f = { path: rule.indexPath, mentions: [] }));
        f.mentions.push(ruleMention(code, rule.indexPath, s, i, m.index!, m[0].length));
      }
    }
  });
  for (const [code, f] of found) {
    out.push(addEdit(code, f.mentions, f.mentions.length > 1 ? 0.8 : 0.7, `Status: ${kb.get(code)?.longTitle ?? code} (the note says the patient has it)`));
  }
  return out;
}
