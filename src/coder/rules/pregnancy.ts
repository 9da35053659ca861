// Pregnancy (billing, guidelines I.C.15.a.3 and I.C.15.b.4): chapter 15 codes carry the trimester, which the note
// gives in words ("third trimester") or in weeks of gestation (first < 14 weeks, second 14-27, third 28 and more);
// the "unspecified trimester" code gives way to the documented one. Weeks of gestation are reported with Z3A.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { NoteView } from '../note-view';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const WORDS: [string, RegExp][] = [['first', /\b(first|1st)[- ]trimester\b/i], ['second', /\b(second|2nd)[- ]trimester\b/i], ['third', /\b(third|3rd)[- ]trimester\b/i]];
const WEEKS = /\b(\d{1,2})(?:\s*(?:\d\/7|and \d\/7))?\s*(?:weeks?|wks?)(?:\s+(?:\d+|one|two|three|four|five|six)\s+days?)?\s*(?:of\s+)?(?:gestation|gestational age|pregnant|GA|EGA|IUP)|\bG\d+P\d+\s+(?:at\s+)?(\d{1,2})\s*(?:weeks?|wks?)\b|\b(?:GA|EGA)\s*(?:of\s*)?(\d{1,2})\s*(?:weeks?|wks?|w)\b/i;

const PREGNANCY_WORD = /\b(pregnan\w*|gestation\w*|prenatal|antepartum|IUP|trimester)\b/i;
const BARE_WEEKS = /(?:^|[,;(]\s*|\bat\s+)(\d{1,2})\s*(?:weeks?|wks?)\b(?!\s+(?:ago|prior|before|earlier))/i;

function trimesterOf(weeks: number): string { return weeks < 14 ? 'first' : weeks < 28 ? 'second' : 'third'; }

/** The documented weeks of gestation and the trimester (words win over weeks), with where they were written. */
function documented(view: NoteView): { weeks?: { n: number; sentence: number; at: number; length: number }; trimester?: string } {
  let weeks: { n: number; sentence: number; at: number; length: number } | undefined;
  const said = new Set<string>();
  view.sentences.forEach((s, i) => {
    if (s.role === 'family') return;
    for (const [t, re] of WORDS) if (re.test(s.text)) said.add(t);
    // "Gestational diabetes, diet controlled, 28 weeks": bare weeks in a sentence about the pregnancy.
    const full = WEEKS.exec(s.text);
    const m = full ?? (PREGNANCY_WORD.test(s.text) ? BARE_WEEKS.exec(s.text) : null);
    if (m && !weeks) {
      const n = Number(m[1] ?? m[2] ?? m[3]);
      const skip = full ? 0 : m[0].search(/\d/);
      if (n >= 1 && n <= 43) weeks = { n, sentence: i, at: m.index + skip, length: m[0].length - skip };
    }
  });
  const trimester = said.size === 1 ? [...said][0] : weeks ? trimesterOf(weeks.n) : undefined;
  return { weeks, trimester };
}

export function applyPregnancyRules(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view || !cs.some((c) => c.status === 'active' && c.code.startsWith('O'))) return [];
  const { weeks, trimester } = documented(view);
  const digit = trimester === 'first' ? '1' : trimester === 'second' ? '2' : trimester === 'third' ? '3' : '9';
  const out = cs.flatMap((c): RuleEdit[] => {
    // A past pregnancy's complication in a pregnant patient: supervision of pregnancy with a poor obstetric history.
    if (c.code === 'Z87.59' && c.status === 'active' && kb.isBillable(`O09.29${digit}`)) {
      // A rule the guideline mandates for a documented history: as sure as the other rule codes.
      return [{ op: 'replace', target: c, code: `O09.29${digit}`, note: 'Pregnant patient with a history of a pregnancy complication: O09.29- instead of Z87.59 (guideline I.C.15.b.2)' },
        ...(c.confidence < 0.7 ? [{ op: 'confidence' as const, target: c, confidence: 0.7 }] : [])];
    }
    const e = kb.get(c.code);
    if (!trimester || !e?.parent || c.status !== 'active' || !/unspecified trimester/i.test(e.longTitle)) return [];
    const want = e.longTitle.replace(/unspecified trimester/i, `${trimester} trimester`).toLowerCase();
    const sib = kb.children(e.parent).find((x) => x.billable && x.longTitle.toLowerCase() === want);
    return sib ? [{ op: 'replace', target: c, code: sib.code, note: `Trimester from the note: ${trimester} (${c.code} has it unspecified)` }] : [];
  });
  if (weeks) {
    const code = weeks.n < 8 ? 'Z3A.01' : `Z3A.${String(weeks.n).padStart(2, '0')}`;
    if (kb.isBillable(code)) {
      const s = view.sentences[weeks.sentence];
      out.push(addEdit(code, [ruleMention(code, 'Pregnancy, weeks of gestation', s, weeks.sentence, weeks.at, weeks.length)], 0.8,
        `Weeks of gestation: ${weeks.n} (guideline I.C.21.c.11: Z3A with the pregnancy codes)`));
    }
  }
  return out;
}
