// Receptor status of a breast cancer (billing, Tabular C50: "use additional code to identify estrogen receptor status
// (Z17.0, Z17.1)"; FY2025 added progesterone receptor, HER2 and combined status, Z17.2-Z17.4): read from the note's
// "ER positive", "ER/PR+", "HER2 negative", "triple negative". With a hormone receptor and the HER2 status both
// documented, the combined code (Z17.41-, Z17.42-) is the one; otherwise each documented receptor has its own.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { NoteView } from '../note-view';
import type { PlacedMention } from '../features';
import { addEdit, ruleMention } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

type Marker = 'ER' | 'PR' | 'HER2';
const MARKER = String.raw`(?:ER|PR|HER-?2(?:\/neu)?|estrogen[- ]receptors?|progesterone[- ]receptors?|hormone[- ]receptors?|HR)`;
const GROUP = new RegExp(String.raw`\b(${MARKER}(?:\s*(?:\/|,|and)\s*${MARKER})*)\s*(?:status\s*)?[:=]?\s*(\+|-|positive|negative|pos\b|neg\b|not amplified|amplified)`, 'gi');
const TRIPLE_NEGATIVE = /\btriple[- ]negative\b/i;

function markersOf(group: string): Marker[] {
  const out: Marker[] = [];
  for (const m of group.split(/\s*(?:\/|,|and)\s*/i)) {
    if (/^(ER|estrogen)/i.test(m)) out.push('ER');
    else if (/^(PR|progesterone)/i.test(m)) out.push('PR');
    else if (/^HER/i.test(m)) out.push('HER2');
    else if (/^(HR|hormone)/i.test(m)) out.push('ER', 'PR');
  }
  return out;
}

export function addReceptorStatus(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], view: NoteView | undefined): RuleEdit[] {
  if (!view || !cs.some((c) => c.status === 'active' && c.code.startsWith('C50'))) return [];
  const status = new Map<Marker, boolean>();
  const evidence: PlacedMention[] = [];
  view.sentences.forEach((s, i) => {
    if (s.role === 'family') return;
    const t = TRIPLE_NEGATIVE.exec(s.text);
    if (t) { for (const m of ['ER', 'PR', 'HER2'] as Marker[]) status.set(m, false); evidence.push(ruleMention('Z17', 'Status, receptor, triple negative', s, i, t.index, t[0].length)); }
    for (const g of s.text.matchAll(GROUP)) {
      const positive = /^(\+|positive|pos|amplified)$/i.test(g[2]);
      for (const m of markersOf(g[1])) if (!status.has(m)) status.set(m, positive);
      evidence.push(ruleMention('Z17', 'Status, receptor', s, i, g.index!, g[0].length));
    }
  });
  if (!status.size) return [];
  const codes: string[] = [];
  const er = status.get('ER'), pr = status.get('PR'), her2 = status.get('HER2');
  if (her2 !== undefined && (er !== undefined || pr !== undefined)) {
    const hormone = er === true || pr === true;
    codes.push(`Z17.4${hormone ? '1' : '2'}${her2 ? '0' : '1'}`);
  } else {
    if (er !== undefined) codes.push(er ? 'Z17.0' : 'Z17.1');
    if (pr !== undefined) codes.push(pr ? 'Z17.21' : 'Z17.22');
    if (her2 !== undefined) codes.push(her2 ? 'Z17.31' : 'Z17.32');
  }
  return codes.filter((c) => kb.isBillable(c)).map((code) => addEdit(code, evidence.map((e) => ({ ...e, code })), 0.7,
    `Receptor status of the breast cancer: ${kb.get(code)?.longTitle ?? code} (Tabular C50: use additional code)`));
}
