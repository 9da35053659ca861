// Laterality: many ICD-10-CM codes carry the side ("left popliteal vein", "right femur"). The index often leads to
// the code whose side is unspecified; when the mention (or the few words before it) says left, right or bilateral,
// the sibling code for that side is chosen: the same title with "unspecified" replaced by the side.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { itemBefore, recodes } from './rule-mention';
import type { Recode, RuleEdit } from './rule';
import type { RuledCandidate } from './types';

const SIDES: [side: string, written: RegExp][] = [
  ['left', /\b(left|lt)\b/i],
  ['right', /\b(right|rt)\b/i],
  ['bilateral', /\b(bilateral|bilaterally|both)\b/i],
];
/** Characters before a mention searched for its side ("left lower extremity DVT" is matched from "DVT" on). */
const LOOK_BACK = 24;

const words = (t: string): string[] => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Plural and singular are one word here: "unspecified upper limb" / "bilateral upper limbs". */
const singular = (w: string): string => (w.length > 4 && w.endsWith('ies') ? w.slice(0, -3) + 'y'
  : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/** Whether `a` without one `dropA` and `b` without one `dropB` hold the same words (in any order). */
function sameWithout(a: string[], dropA: string, b: string[], dropB: string): boolean {
  const ib = b.indexOf(dropB);
  if (ib < 0) return false;
  const y = b.filter((_, i) => i !== ib).map(singular).sort();
  // Any one "unspecified" may be the side's: "Otitis media, unspecified, unspecified ear".
  return a.some((w, ia) => {
    if (w !== dropA) return false;
    // "unspecified eye" / "bilateral": the organ word goes with "unspecified" when the side stands alone.
    const x = a.filter((_, i) => i !== ia && !(dropB === 'bilateral' && i === ia + 1 && ORGAN.has(a[i]))).map(singular).sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
}
const ORGAN = new Set(['eye', 'ear', 'side', 'limb', 'kidney', 'lung', 'breast', 'ovary', 'hand', 'foot']);

/** The side the candidate's mentions document, when they agree on exactly one, and the words that document it. */
function documentedSide(c: RuledCandidate, text: string): { side: string; span: string } | undefined {
  const found = new Set<string>();
  let spans = '';
  for (const m of c.mentions) {
    // The look-back stays inside the mention's own list item: in "s/p left TKA, hx of breast cancer" the side
    // belongs to the knee, not the breast.
    const before = itemBefore(text, m, LOOK_BACK);
    // Or right after it: "otitis media of the left ear", "cellulitis, right leg" (the next words only).
    const next = text.slice(m.end, Math.min(m.end + 48, m.sentenceEnd ?? m.end + 48));
    const after = /^,?\s*(?:(?:of|in|on|at|involving)\s+)?(?:the\s+)?(?:\w+\s+)?(left|right|bilateral(?:ly)?|both|lt|rt)\b/i.exec(next)?.[1]
      // or closing the item: "retinopathy without macular edema, both eyes"
      ?? /^[^,;.]*,\s*(left|right|bilateral|both)\s+(?:eyes?|ears?|sides?)\s*(?:[,;.]|$)/i.exec(next)?.[1] ?? '';
    const span = before + text.slice(m.start, m.end) + ' ' + after;
    for (const [side, re] of SIDES) if (re.test(span)) found.add(side);
    spans += ' ' + span;
  }
  return found.size === 1 ? { side: [...found][0], span: spans } : undefined;
}

/** The limb a body part belongs to, as the classification groups sites ("Cellulitis, leg: see Cellulitis, lower limb"). */
const LIMB_OF: Record<string, string[]> = Object.fromEntries([
  ...['leg', 'calf', 'shin', 'ankle', 'foot', 'feet', 'knee', 'thigh', 'hip', 'heel', 'popliteal'].map((w) => [w, ['lower', 'limb']]),
  ...['arm', 'forearm', 'elbow', 'wrist', 'hand', 'shoulder', 'antecubital'].map((w) => [w, ['upper', 'limb']]),
]);
const FILLER = new Set(['of', 'the', 'and', 'part', 'site']);

/**
 * The sibling that names the documented side and site where the candidate has both unspecified: "cellulitis of the
 * left lower leg" is L03.116 "Cellulitis of left lower limb", not L03.119 "... unspecified part of limb". Every word
 * the sibling adds to the candidate's title must be written beside the mention (or be the limb of a written site).
 */
function siteSibling(kb: IcdKnowledgeBase, base: { code: string; parent?: string; longTitle: string }, side: string, span: string) {
  const written = new Set(words(span).map(singular));
  for (const w of [...written]) for (const x of LIMB_OF[w] ?? []) written.add(x);
  const own = new Set(words(base.longTitle).map(singular));
  const fits = kb.children(base.parent!).filter((s) => {
    if (s.code === base.code || /\bunspecified\b/i.test(s.longTitle)) return false;
    const ws = words(s.longTitle).map(singular);
    if (!ws.includes(side)) return false;
    const added = ws.filter((w) => w !== side && !own.has(w) && !FILLER.has(w));
    return added.length > 0 && added.every((w) => written.has(w));
  });
  return fits.length === 1 ? fits[0] : undefined;
}

export function laterality(kb: IcdKnowledgeBase, c: RuledCandidate, text: string): Recode | undefined {
  const e = kb.get(c.code);
  if (!e || !/\bunspecified\b/i.test(e.longTitle)) return undefined;
  const documented = documentedSide(c, text);
  if (!documented) return undefined;
  const { side, span } = documented;
  // A 7th character sits on a 6-character base ("S72.009" + "A"): compare the bases, keep the character.
  const sevens = c.code.replace('.', '').length === 7 ? kb.sevenCharacters(c.code.slice(0, -1)) : [];
  // Where the 7th character is the side (E11.329-: 1 right eye, 2 left eye, 3 bilateral, 9 unspecified eye).
  const current = sevens.find((x) => x.char === c.code.slice(-1));
  if (current && /unspecified/i.test(current.meaning) && sevens.some((x) => /\b(left|right|bilateral)\b/i.test(x.meaning))) {
    const want = sevens.find((x) => new RegExp(`\\b${side}\\b`, 'i').test(x.meaning));
    const target = want && c.code.slice(0, -1) + want.char;
    if (!target || !kb.isBillable(target)) return undefined;
    return { code: target, note: `Side from the note: ${side} (${c.code} has the side unspecified)` };
  }
  const base7 = sevens.length ? kb.get(c.code.slice(0, -1)) : undefined;
  const base = base7 ?? e;
  const seventh = base7 ? c.code.slice(-1) : '';
  if (!base.parent) return undefined;
  // Hemiplegia and monoplegia are coded by dominance (guideline I.C.6.a): the right side is dominant unless the note
  // says the patient is left-handed (ambidextrous or not documented: right dominant, left nondominant).
  if ((side === 'left' || side === 'right') && kb.children(base.parent).some((x) => /dominant side/i.test(x.longTitle))) {
    const leftHanded = /\bleft[- ]handed\b/i.test(text) && !/\bright[- ]handed\b/i.test(text);
    const dominance = (side === 'left') === leftHanded ? 'dominant' : 'nondominant';
    const want = kb.children(base.parent).find((x) => x.billable && new RegExp(`\\b${side} ${dominance} side\\b`, 'i').test(x.longTitle));
    if (!want) return undefined;
    return { code: want.code, note: `Side from the note: ${side}, ${dominance} (${leftHanded ? 'left-handed' : 'right-handed or not documented'}; guideline I.C.6.a)` };
  }
  const title = words(base.longTitle);
  for (const s of kb.children(base.parent)) {
    if (s.code === base.code || !sameWithout(title, 'unspecified', words(s.longTitle), side)) continue;
    const target = s.code + seventh;
    if (!kb.isBillable(target)) continue;
    return { code: target, note: `Side from the note: ${side} (${c.code} has the side unspecified)` };
  }
  const site = siteSibling(kb, base, side, span);
  if (site && kb.isBillable(site.code + seventh)) {
    return { code: site.code + seventh, note: `Side and site from the note: ${side} (${c.code} has them unspecified)` };
  }
  return undefined;
}

/**
 * Both sides written where the classification has no bilateral code ("bilateral knee pain"): guideline I.B.13 codes the
 * right and the left separately (M25.561 and M25.562).
 */
function separateSides(kb: IcdKnowledgeBase, c: RuledCandidate, text: string): [string, string] | undefined {
  const e = kb.get(c.code);
  if (c.status !== 'active' || !e?.parent || !/\bunspecified\b/i.test(e.longTitle) || c.code.replace('.', '').length === 7) return undefined;
  if (documentedSide(c, text)?.side !== 'bilateral') return undefined;
  const title = words(e.longTitle);
  const sibling = (side: string) => kb.children(e.parent!).find((s) => s.code !== c.code && s.billable && sameWithout(title, 'unspecified', words(s.longTitle), side));
  if (sibling('bilateral')) return undefined;
  const right = sibling('right'), left = sibling('left');
  return right && left ? [right.code, left.code] : undefined;
}

/** The side for every candidate, as edits (the runner merges a candidate that becomes a code already present). */
export function applyLaterality(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const edits = recodes(cs, (c) => laterality(kb, c, text));
  const recoded = new Set(edits.map((x) => (x.op === 'replace' ? x.target : undefined)));
  for (const c of cs) {
    if (recoded.has(c)) continue;
    const both = separateSides(kb, c, text);
    if (!both) continue;
    const note = `Both sides from the note, and no bilateral code: right and left coded separately (guideline I.B.13; ${c.code} has the side unspecified)`;
    edits.push({ op: 'replace', target: c, code: both[0], note }, { op: 'add', code: both[1], mentions: c.mentions, confidence: c.confidence, note });
  }
  return edits;
}
