// Encounters for a preventive examination or for the supervision of a normal pregnancy (billing): "annual wellness
// exam" is Z00.00, "well child visit" Z00.129 (with abnormal findings Z00.01 / Z00.121), "routine prenatal care,
// first pregnancy, 10 weeks" Z34.01. Read only where the note states the visit (not "return for her annual exam"), and
// the pregnancy codes only while no complication of the pregnancy is coded (an O code is then the first-listed).
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { NoteView } from '../note-view';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';
import table from './data/preventive-encounters.json';

const phrasePattern = (ps: readonly string[]) => new RegExp(`\\b(${[...ps].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]+')).join('|')})\\b`, 'i');
const EXAMS = table.examinations.map((e) => ({ ...e, re: phrasePattern(e.phrases) }));
const PREGNANCY = phrasePattern(table.pregnancy.phrases);
const FIRST = phrasePattern(table.pregnancy.firstPregnancy);
const ABNORMAL = /\b(with|has|having|had)\s+(?:some\s+)?abnormal findings\b|\babnormal findings\s*:\s*(?!none\b)\w/i;
/** The visit is only talked about: scheduled, due, or offered for later. */
const FUTURE = /\b(return|schedule[ds]?|scheduled|due|next|follow[- ]up for|come back|overdue|upcoming|plan(?:s|ned)? for|recommend(?:ed)?)\b/i;
const VISIT = /\b(presents?|presenting|presented|here|is seen|seen|comes?|came|visit)\b[^.]*\b(for|today)\b/i;
const TRIMESTER: [RegExp, string][] = [[/\b(first|1st)[- ]trimester\b/i, '1'], [/\b(second|2nd)[- ]trimester\b/i, '2'], [/\b(third|3rd)[- ]trimester\b/i, '3']];
const WEEKS = /\b(\d{1,2})\s*(?:weeks?|wks?)\b/i;

export function addPreventiveEncounters(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  const out: RuleEdit[] = [];
  const have = new Set(cs.filter((c) => c.status === 'active').map((c) => c.code));
  const complicated = cs.some((c) => c.status === 'active' && c.code.startsWith('O'));
  // Conditions the visit coded beside the examination are its abnormal findings (Z00.01), unless the note says none.
  const findings = cs.some((c) => c.status === 'active' && !/^[ZVWXY]/.test(c.code) && c.confidence >= 0.5);
  view.sentences.forEach((s, i) => {
    if (FUTURE.test(s.text)) return;
    // Where the visit is stated: the complaint, the assessment or plan, or "presents for ..." in the narrative.
    const states = s.role === 'complaint' || s.role === 'diagnosis' || s.role === 'plan' || (s.role === 'narrative' && VISIT.test(s.text));
    if (!states) return;
    for (const e of EXAMS) {
      const m = e.re.exec(s.text);
      if (!m) continue;
      const none = /\b(without|no)\s+abnormal findings\b/i.test(s.text);
      const code = !none && (ABNORMAL.test(s.text) || findings) ? e.with : e.without;
      if (!kb.isBillable(code) || have.has(code)) continue;
      have.add(code);
      out.push(addEdit(code, [ruleMention(code, `Examination, ${e.id.replace(/-/g, ' ')}`, s, i, m.index, m[0].length)], 0.7, `Encounter for ${e.id.replace(/-/g, ' ')} (OCG I.C.21.c.13)`));
    }
    const p = PREGNANCY.exec(s.text);
    if (p && !complicated) {
      const whole = view.sentences.map((x) => x.text).join(' ');
      const said = TRIMESTER.filter(([re]) => re.test(whole)).map(([, d]) => d);
      const weeks = WEEKS.exec(s.text);
      const digit = said.length === 1 ? said[0] : weeks ? (Number(weeks[1]) < 14 ? '1' : Number(weeks[1]) < 28 ? '2' : '3') : '0';
      const base = FIRST.test(s.text) ? table.pregnancy.first : table.pregnancy.other;
      const code = `${base}${digit}`;
      if (kb.isBillable(code) && !have.has(code)) {
        have.add(code);
        out.push(addEdit(code, [ruleMention(code, 'Pregnancy, supervision of, normal', s, i, p.index, p[0].length)], 0.7, 'Encounter for supervision of normal pregnancy (OCG I.C.15.b.1)'));
        const n = weeks ? Number(weeks[1]) : 0;
        const z3a = n < 1 || n > 42 ? undefined : n < 8 ? 'Z3A.01' : `Z3A.${String(n).padStart(2, '0')}`;
        if (z3a && kb.isBillable(z3a) && ![...have].some((c) => c.startsWith('Z3A'))) {
          have.add(z3a);
          out.push(addEdit(z3a, [ruleMention(z3a, 'Pregnancy, weeks of gestation', s, i, weeks!.index, weeks![0].length)], 0.7, `Weeks of gestation: ${n} (OCG I.C.21.c.11)`));
        }
      }
    }
  });
  return out;
}
