// Poisoning, adverse effect and underdosing (guideline I.C.19.e): the Table of Drugs and Chemicals gives the code by
// substance (row) and intent (column): "intentional overdose of acetaminophen" is T39.1X2A. Read only from sentences
// that name such an event; the intent follows the note's words, and a poisoning whose intent is not documented is
// accidental (I.C.19.e.5.b). The 7th character is the initial encounter unless the sentence says otherwise.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { NoteView } from '../note-view';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const EVENT = /\b(overdos(e|ed|ing)|OD'?d?|poison(ing|ed)?(?!\s+(ivy|oak|sumac))|intoxicat(ion|ed)|toxicity|ingest(ion|ed)|adverse (effect|reaction|drug reaction)|side effects?|underdos(e|ed|ing)|took too (much|many))\b/i;
const COLUMNS: [RegExp, string][] = [
  [/\b(underdos\w*|missed (doses|her|his)|ran out of|not taking|stopped taking)\b/i, 'Underdosing'],
  [/\b(intentional(ly)?|suicid\w*|self[- ]harm|deliberate(ly)?|on purpose)\b/i, 'Poisoning Intentional self-harm'],
  [/\b(assault(ed)?|poisoned by (another|someone|her|his))\b/i, 'Poisoning Assault'],
  [/\b(undetermined|unclear (if|whether) intentional|unknown intent)\b/i, 'Poisoning Undetermined'],
  [/\b(adverse (effect|reaction|drug reaction)|side effects?|allergic reaction|properly (taken|administered)|as prescribed|therapeutic (dose|use))\b/i, 'Adverse effect'],
];
const ACCIDENTAL = 'Poisoning Accidental (unintentional)';
/** A drug named as the cause of a condition: "due to lisinopril", "from HCTZ", "HCTZ-induced". */
const CAUSED_BY = /\b(?:due to|secondary to|caused by|induced by|from|related to)\s+(?:his |her |the |their )?([A-Za-z][A-Za-z-]{2,})|\b([A-Za-z][A-Za-z]{2,})-induced\b/gi;
const WORD = /[A-Za-z][A-Za-z-]{2,}/g;
/** Side effects talked about, not had: "we discussed the possible side effects of hydrochlorothiazide", "denies side effects". */
const NOT_AN_EVENT = /\b(possible|potential|common|risks?|discuss(?:ed|ing)?|review(?:ed|ing)?|counsel(?:l?ed|l?ing)?|educat(?:ed|ion)|explain(?:ed)?|warn(?:ed)?|monitor(?:ing)? for|watch for|no|denies|denied|without|any)\b[^.;]{0,40}\b(side effects?|adverse (effects?|reactions?))\b/i;
/** Table rows that name no substance ("Tablets - see also specified substance"), or that other codes cover (alcohol
 * intoxication is F10 unless a poisoning is documented). */
const GENERIC = /^(tablets?|pills?|drugs?|medications?|medicines?|medicaments?|substances?|agents?|chemicals?|capsules?|doses?|alcohol|ethanol|water|food)$/i;

export function addDrugEvents(kb: IcdKnowledgeBase, _cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view) return [];
  const out: RuleEdit[] = [];
  const rows = new Map<string, Record<string, string> | null>();
  const row = (name: string) => {
    let r = rows.get(name);
    if (r === undefined) {
      const hit = kb.drugTable(name, 1)[0];
      r = hit && hit.path.length === 1 && hit.path[0].toLowerCase() === name ? hit.cells : null;
      rows.set(name, r);
    }
    return r;
  };
  view.sentences.forEach((s, i) => {
    if (s.role === 'family' || s.role === 'allergies') return;
    if (!EVENT.test(s.text)) {
      // "Hyperkalemia due to lisinopril", "angioedema from lisinopril taken as prescribed", "HCTZ-induced gout": a
      // condition caused by a drug the patient takes is an adverse effect (guideline I.C.19.e.5.a), coded beside it.
      for (const m of s.text.matchAll(CAUSED_BY)) {
        // "from" is a cause only beside "drug-induced" ("relief from the ibuprofen", "switched from furosemide" are not);
        // a cause asked about or guessed at is not documented.
        if (/^from\b/i.test(m[0]) && !/\b(drug|medication)[- ]induced\b/i.test(s.text)) continue;
        if (/\b(if|whether|question(?:ed|s)?|wonder(?:ed|s)?|possibl[ey]|may|might|could|likely|probably|unclear)\b/i.test(s.text.slice(0, m.index!))) continue;
        const word = (m[1] ?? m[2]).toLowerCase();
        const expansion = view.abbreviations.find((a) => a.start === s.start + m.index! + m[0].indexOf(m[1] ?? m[2]))?.expansion?.toLowerCase();
        const name = [word, expansion].find((w) => w && !GENERIC.test(w) && row(w)?.['Adverse effect']);
        const cell = name && row(name)?.['Adverse effect'];
        if (!name || !cell) continue;
        const code = cell.replace(/\.?-$/, '') + 'A';
        if (!kb.isBillable(code)) continue;
        const at = m.index! + m[0].indexOf(m[1] ?? m[2]);
        out.push(addEdit(code, [ruleMention(code, `Table of Drugs, ${name}, adverse effect`, s, i, at, (m[1] ?? m[2]).length)], 0.6,
          `${name}: adverse effect of a drug taken as prescribed (Table of Drugs and Chemicals; guideline I.C.19.e.5.a)`));
      }
      return;
    }
    if (NOT_AN_EVENT.test(s.text)) return;
    const column = COLUMNS.find(([re]) => re.test(s.text))?.[1] ?? ACCIDENTAL;
    const seventh = /\bsequela/i.test(s.text) ? 'S' : /\bsubsequent (encounter|visit)/i.test(s.text) ? 'D' : 'A';
    const words = [...s.text.matchAll(WORD)];
    for (let a = 0; a < words.length; a++) {
      // Two-word names first ("insulin glargine" is the row "Insulin"; "valproic acid" its own).
      for (const n of [2, 1]) {
        if (a + n > words.length) continue;
        const name = words.slice(a, a + n).map((w) => w[0].toLowerCase()).join(' ');
        if (n === 1 && GENERIC.test(name)) continue;
        // A capitalised abbreviation with a value after it is a measurement ("BAL 280" is a blood alcohol level, not
        // British anti-Lewisite).
        if (n === 1 && /^[A-Z]{2,5}$/.test(words[a][0]) && /^\s*[:=]?\s*\d/.test(s.text.slice(words[a].index! + words[a][0].length))) continue;
        const cells = row(name);
        const cell = cells?.[column] || cells?.[ACCIDENTAL];
        if (!cell) continue;
        const code = cell.replace(/\.?-$/, '') + seventh;
        if (!kb.isBillable(code)) continue;
        const start = words[a].index!, end = words[a + n - 1].index! + words[a + n - 1][0].length;
        out.push(addEdit(code, [ruleMention(code, `Table of Drugs, ${name}, ${cells?.[column] ? column.toLowerCase() : 'poisoning accidental'}`, s, i, start, end - start)], 0.7,
          `${name}: ${column === ACCIDENTAL || !cells?.[column] ? 'poisoning, accidental (intent not documented)' : column.toLowerCase()} (Table of Drugs and Chemicals)`));
        a += n - 1;
        break;
      }
    }
  });
  return out;
}
