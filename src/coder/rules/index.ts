// Coding rules a coder applies after scoring: history and family Z codes (billing), combination
// codes, specificity (unspecified codes give way to specific ones; alternatives offered),
// 7th characters, manifestation codes, "use additional"/"code first" notes, Excludes1 conflicts.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { Alternative, CodingPolicy } from '../types';
import { explains, spans, type PlacedMention } from '../features';
import { RESIDUAL } from '../term-lexicon';
import { familyHistoryCode, personalHistoryCode } from './history-codes';
import { applyCombinationCodes } from './combination';
import { normKeys } from '../normalize';
import { setAsideIntegralSymptoms } from './integral-symptoms';
import { applyLaterality } from './laterality';
import { dropLightSubstanceUse } from './social-use';
import { addLongTermDrugCodes } from './long-term-drugs';
import { addCurrentTobacco, addTobaccoHistory } from './tobacco';
import { addStatusCodes } from './status-codes';
import { applyPregnancyRules } from './pregnancy';
import { applySepsisOrganism } from './sepsis-organism';
import { addBmiCode } from './bmi';
import { addAllergyStatus } from './allergy-status';
import { addDrugEvents } from './drug-poisoning';
import type { NoteView } from '../note-view';
import type { RuledCandidate, ScoredCandidate } from './types';

const TITLE_FLOOR = 0.6;

export function applyCodingRules(kb: IcdKnowledgeBase, scored: ScoredCandidate[], policy: CodingPolicy, text: string, view?: NoteView): RuledCandidate[] {
  // A code's whole official title written out ("COPD with acute exacerbation" is J44.1's title with its abbreviation)
  // is the strongest evidence there is: the learned score, which also weighs how long the note is, is floored.
  // Billing only: on CodiEsp (mentions) the floor costs precision, its annotators skipped many titled conditions.
  let out: RuledCandidate[] = scored.map((c) => ({ ...c, confidence: policy === 'billing' && c.mentions.some((m) => m.source === 'title' && !m.subsumed
    && m.negation === 'affirmed' && m.nKeys >= 3 && !RESIDUAL.test(m.matched)) ? Math.max(c.confidence, TITLE_FLOOR) : c.confidence }));
  out = addManifestations(kb, out);
  out = out.map((c) => withSeventhCharacter(kb, c, text));
  out = alignExternalCauses(kb, out);
  out = applyLaterality(kb, out, text);
  out = dropLightSubstanceUse(out, text);
  if (policy === 'billing') {
    // An allergy list records reactions to a substance ("penicillin (rash)"), not conditions of this encounter.
    out = out.filter((c) => !c.mentions.every((m) => m.role === 'allergies'));
    out = dropExplainedGuesses(out);
    out = dropWeakerReadings(out);
    out = addHistoryCodes(kb, out);
    out = applyCombinationCodes(kb, out);
    out = addLongTermDrugCodes(kb, out, view);
    out = addCurrentTobacco(kb, out, view);
    out = addTobaccoHistory(kb, out, view);
    out = addStatusCodes(kb, out, view);
    out = applyPregnancyRules(kb, out, view);
    out = applySepsisOrganism(kb, out, view);
    out = addBmiCode(kb, out, view);
    out = addAllergyStatus(kb, out, view);
    out = addDrugEvents(kb, out, view);
    out = dropPartReadings(kb, out, text);
    out = preferSpecific(kb, out);
    out = preferAcuteOnChronic(kb, out);
    if (view?.sentences.some((s) => s.role === 'diagnosis')) setAsideUnassessedFindings(out);
    out = setAsideIntegralSymptoms(out);
    // "Illness, unspecified" says no diagnosis was made: never next to one.
    if (out.some((c) => c.status === 'active' && c.code !== 'R69')) out = out.filter((c) => c.code !== 'R69');
  }
  resolveExcludes1(kb, out, policy);
  for (const c of out) {
    c.alternatives = alternativesFor(kb, c);
    const notes = codingNotes(kb, c.code);
    if (notes.length) c.notes = [...(c.notes ?? []), ...notes];
  }
  return out;
}

/** Dual coding: an index entry with a manifestation code adds that code (e.g. amyloid heart -> E85.4 + I43). */
function addManifestations(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const have = new Map(cs.map((c) => [c.code, c]));
  const extra: RuledCandidate[] = [];
  for (const c of cs) {
    for (const m of c.mentions) for (const code of m.manifestation ?? []) {
      if (!kb.isBillable(code)) continue;
      // The index pairs them ("G30.9 [F02.80]"): the manifestation stands or falls with its etiology.
      const had = have.get(code);
      if (had) {
        if (!had.mentions.includes(m)) had.mentions = [...had.mentions, m];
        if (c.confidence > had.confidence) { had.confidence = c.confidence; had.status = c.status; }
        continue;
      }
      const nc: RuledCandidate = { code, mentions: [m], confidence: c.confidence, status: c.status, notes: [`Manifestation of ${c.code} (code first the underlying condition)`] };
      have.set(code, nc);
      extra.push(nc);
    }
  }
  return [...cs, ...extra];
}

/** Injury codes: the 7th character follows the documented encounter (initial unless "subsequent"/"sequela" is written). */
function withSeventhCharacter(kb: IcdKnowledgeBase, c: RuledCandidate, text: string): RuledCandidate {
  if (!/^[ST]/.test(c.code) || c.code.replace('.', '').length !== 7 || !c.code.endsWith('A')) return c;
  const near = c.mentions.map((m) => text.slice(m.sentenceStart, m.sentenceEnd)).join(' ').toLowerCase();
  let seventh: string | undefined;
  if (/\bsequela|\blate effect/.test(near)) seventh = 'S';
  else if (/\bsubsequent (encounter|visit)|\bfollow[- ]up visit|\broutine healing\b/.test(near)) seventh = 'D';
  if (!seventh) return c;
  const alt = c.code.slice(0, -1) + seventh;
  return kb.isBillable(alt) ? { ...c, code: alt, notes: [...(c.notes ?? []), `7th character ${seventh} from the documented encounter`] } : c;
}

/**
 * External causes (V00-Y38) carry the encounter of the injury they explain (guideline I.C.20.a): a fall at home seen
 * at a follow-up for the fracture is W19.XXXD, like S72.142D.
 */
function alignExternalCauses(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const encounters = new Set(cs.filter((c) => c.status === 'active' && /^[ST]/.test(c.code) && c.code.replace('.', '').length === 7).map((c) => c.code.slice(-1)));
  if (encounters.size !== 1) return cs;
  const seventh = [...encounters][0];
  return cs.map((c) => {
    if (!/^(V|W|X|Y[0-3])/.test(c.code) || c.code.replace('.', '').length !== 7 || c.code.endsWith(seventh)) return c;
    const alt = c.code.slice(0, -1) + seventh;
    return kb.isBillable(alt) ? { ...c, code: alt, notes: [...(c.notes ?? []), `7th character ${seventh}: the encounter of the injury it explains`] } : c;
  });
}

function addHistoryCodes(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const byCode = new Map(cs.map((c) => [c.code, c]));
  const zOf = (c: RuledCandidate) => (c.status === 'historical' ? personalHistoryCode(c.code) : familyHistoryCode(c.code));
  // A history code needs the knowledge base's words for the condition: a learned phrase ("psychiatric" -> F09) or an
  // encoder guess is too weak to state that the patient had it.
  const past = cs.filter((c) => (c.status === 'historical' || c.status === 'family')
    && c.mentions.some(isLexical));
  // Whole phrases first: a candidate whose every mention lies inside another's ("infection" inside "urinary tract
  // infection") adds its Z code only when no covering phrase gave a different one (Z87.440, not also Z86.19).
  const whole = past.filter((c) => !c.mentions.every((m) => m.subsumed));
  const covered = (c: RuledCandidate, z: string) => c.mentions.every((m) => whole.some((w) => w !== c && zOf(w) !== z
    && w.mentions.some((n) => spans(n, m))));
  // Part of a current diagnosis ("diabetic peripheral neuropathy" in E11.40's words): not a history of its own.
  const current = cs.filter((c) => c.status === 'active');
  const partOfCurrent = (c: RuledCandidate) => c.mentions.every((m) => current.some((a) => a.code !== c.code
    && a.mentions.some((n) => explains(n, m))));
  for (const c of [...whole, ...past.filter((x) => !whole.includes(x))]) {
    const z = zOf(c);
    if (!z || !kb.isBillable(z) || partOfCurrent(c)) continue;
    if (!whole.includes(c) && covered(c, z)) continue;
    const why = `${c.status === 'historical' ? 'Personal' : 'Family'} history of ${kb.get(c.code)?.longTitle ?? c.code} (${c.code})`;
    const existing = byCode.get(z);
    if (existing) {
      existing.confidence = Math.max(existing.confidence, c.confidence);
      existing.mentions = [...existing.mentions, ...c.mentions];
      existing.notes = [...(existing.notes ?? []), why];
      if (existing.status !== 'active') existing.status = 'active';
      continue;
    }
    const nc: RuledCandidate = { code: z, mentions: c.mentions, confidence: c.confidence, status: 'active', notes: [why] };
    byCode.set(z, nc);
    cs.push(nc);
  }
  return cs;
}

/**
 * Billing: a code resting only on learned phrases or encoder similarity is dropped when every one of
 * its mentions lies on words the knowledge-base lexicon already coded as something else.
 */
function dropExplainedGuesses(cs: RuledCandidate[]): RuledCandidate[] {
  // Overlaps only happen within a sentence: index the lexical mentions by sentence (a long note repeats codes
  // hundreds of times, and comparing every mention with every other would be quadratic).
  const lexical = bySentence(cs.flatMap((c) => lexicalOf(c).map((m) => ({ code: c.code, m }))));
  return cs.filter((c) => {
    if (c.mentions.some(isLexical)) return true;
    return !c.mentions.every((m) => (lexical.get(m.sentence) ?? []).some((l) => l.code !== c.code && l.m.start < m.end && m.start < l.m.end));
  });
}

/** A mention read from the knowledge base's own words (not a learned phrase or an encoder guess). */
const isLexical = (m: PlacedMention): boolean => m.source !== 'learned' && m.source !== 'encoder';
const lexicalOf = (c: RuledCandidate): PlacedMention[] => c.mentions.filter(isLexical);

/** Mentions (with whatever they carry) grouped by their sentence. */
function bySentence<T extends { m: PlacedMention }>(xs: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of xs) { let l = out.get(x.m.sentence); if (!l) out.set(x.m.sentence, (l = [])); l.push(x); }
  return out;
}

/**
 * Billing: the same words read two ways ("CAD": coronary artery disease I25.10, and its words "artery disease" I77.9):
 * the reading that a longer match subsumes is dropped when the other code rests on exactly those words, unsubsumed.
 */
function dropWeakerReadings(cs: RuledCandidate[]): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  return cs.filter((c) => c.status !== 'active' || !c.mentions.length || !c.mentions.every((m) => m.subsumed
    && active.some((o) => o !== c && o.mentions.some((n) => !n.subsumed && n.start === m.start && n.end === m.end && isLexical(n)))));
}

/**
 * Billing, guideline III.B: abnormal findings are not coded unless the provider indicates their clinical significance.
 * When the note has an assessment, a code documented only in the exam, results or review of systems ("tympanic
 * membrane erythematous" -> L53.9) is set aside as uncertain, with the reason.
 */
function setAsideUnassessedFindings(cs: RuledCandidate[]): void {
  for (const c of cs) {
    if (c.status !== 'active' || !c.mentions.length || !c.mentions.every((m) => m.role === 'exam' || m.role === 'findings' || m.role === 'ros')) continue;
    c.status = 'uncertain';
    c.notes = [...(c.notes ?? []), 'Found only in the exam or results, not in the assessment: not coded unless the provider states its significance (guideline III.B)'];
  }
}

/**
 * "Acute on chronic" is one code (J96.21, I50.23): the chronic-only and acute-only codes of the same condition found
 * elsewhere in the note ("chronic hypoxic respiratory failure" in the history) give way to it.
 */
function preferAcuteOnChronic(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const core = (code: string) => normKeys(kb.get(code)?.longTitle ?? '').filter((k) => !['acute', 'chronic', 'and', 'on'].includes(k)).sort().join(' ');
  const both = cs.filter((c) => c.status === 'active' && /acute (and|on) chronic/i.test(kb.get(c.code)?.longTitle ?? ''));
  if (!both.length) return cs;
  return cs.filter((c) => {
    if (c.status !== 'active' || both.includes(c)) return true;
    const t = kb.get(c.code)?.longTitle ?? '';
    if (!/\b(acute|chronic)\b/i.test(t)) return true;
    const winner = both.find((b) => b.code.slice(0, 3) === c.code.slice(0, 3) && core(b.code) === core(c.code));
    if (!winner) return true;
    winner.mentions = [...winner.mentions, ...c.mentions];
    winner.notes = [...(winner.notes ?? []), `${c.code} is part of ${winner.code} (acute on chronic), which replaces it`];
    return false;
  });
}

/** Words that put a second condition inside a phrase: "anemia of CKD", "UTI due to E. coli", "HTN and CKD". */
const COMPLEMENT = /\b(of|in|with|due to|secondary to|from|and|or|on|after|associated with|caused by|plus)\b|[,;/+&]/i;

/**
 * Billing: a code read from words inside a longer phrase that another code names as one condition ("infection" and
 * "respiratory infection" inside "viral upper respiratory infection" -> J06.9; "hyperparathyroidism" in "secondary
 * hyperparathyroidism of renal origin" -> N25.81) is dropped. Kept: words after "of", "with", "due to", "and"...
 * (another condition: N18.9 in "anemia of CKD"), words before a list comma the longer match reaches across, and a
 * code the longer one's "use additional code" / "code also" / "code first" notes ask for (the CKD stage of E11.22).
 */
function dropPartReadings(kb: IcdKnowledgeBase, cs: RuledCandidate[], text: string): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  const asksFor = (outer: string, inner: string) => kb.notes(outer).some((n) => /useAdditional|codeAlso|codeFirst/.test(n.kind)
    && n.text.includes(inner.slice(0, 3)));
  const drop = new Set<RuledCandidate>();
  // Covering mentions are looked up in the part's own sentence only (linear in long notes).
  const covers = bySentence(active.flatMap((b) => lexicalOf(b).map((m) => ({ b, m }))));
  const asked = new Map<string, boolean>();
  const asks = (outer: string, inner: string) => { const k = `${outer}>${inner}`; let v = asked.get(k); if (v === undefined) asked.set(k, (v = asksFor(outer, inner))); return v; };
  for (const a of active) {
    const lex = lexicalOf(a);
    if (!lex.length || !lex.every((m) => m.subsumed)) continue;
    const partOf = (m: PlacedMention) => (covers.get(m.sentence) ?? []).some(({ b, m: n }) => b !== a && !drop.has(b) && spans(n, m)
      && (n.end - n.start > m.end - m.start || n.nKeys > m.nKeys) && !COMPLEMENT.test(text.slice(n.start, m.start))
      && !/[,;]/.test(text.slice(m.end, n.end)) && !asks(b.code, a.code));
    if (lex.every(partOf)) drop.add(a);
  }
  return cs.filter((c) => !drop.has(c));
}

/** An unspecified code (or one whose words lie inside another's) gives way to a more specific code found at the same words. */
function preferSpecific(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  const blocks = new Map(active.map((c) => [c.code, blockOf(kb, c.code)]));
  const drop = new Set<RuledCandidate>();
  for (const a of active) {
    const ta = kb.get(a.code)?.longTitle.toLowerCase() ?? '';
    // A "without ..." code is the index default for the plain condition (BPH -> N40.0 "without lower urinary tract
    // symptoms"): the "with" sibling that other words of the note document replaces it.
    if (!/unspecified|\bnos\b|\bwithout\b/.test(ta) && !a.mentions.every((m) => m.subsumed)) continue;
    // Only a code under the same parent is "more specific" (E11.40 -> E11.42, not E11.22: another complication).
    let parent = kb.get(a.code)?.parent ?? a.code.slice(0, 3);
    // An unspecified-site subcategory gives way across its siblings: I82.402 "unspecified deep veins of left lower
    // extremity" (under I82.40) to I82.432 "left popliteal vein" (under I82.43) when the same words document it.
    const pe = kb.get(parent);
    if (pe?.parent && pe.kind === 'subcategory' && /\bunspecified\b/i.test(pe.longTitle)) parent = pe.parent;
    for (const b of active) {
      if (a === b || drop.has(b)) continue;
      let supported: boolean;
      if (b.code.startsWith(parent)) {
        const tb = kb.get(b.code)?.longTitle.toLowerCase() ?? '';
        if (/unspecified|\bnos\b/.test(tb) && b.code.length <= a.code.length) continue; // not more specific
        supported = a.mentions.some((m) => b.mentions.some((n) => n.start < m.end && m.start < n.end && wider(n, m)))
          // Siblings: the unspecified one gives way to the specific one documented anywhere in the note ("anemia in
          // chronic kidney disease" with "ESRD on hemodialysis": N18.6, not also N18.9).
          || (kb.get(b.code)?.parent === kb.get(a.code)?.parent && /\bunspecified\b/.test(ta)
            && b.mentions.some((n) => !n.subsumed && isLexical(n)));
      } else {
        // Elsewhere in the block, b's words must contain all of a's, and either b's title says everything a's does
        // ("anemia of chronic kidney disease": D64.9 -> D63.1; but E11.22 "with diabetic CKD" does not say E11.40's
        // "neuropathy"), or b is another category whose index phrase holds a's words ("major depressive disorder,
        // recurrent, moderate" is F33.1, not F32.9) and is not a residual "specified NEC" one.
        if (!blocks.get(a.code) || blocks.get(b.code) !== blocks.get(a.code)) continue;
        // The same words written again on their own ("major depressive disorder" in the HPI, "..., recurrent, severe"
        // in the impression) are the same condition, less well described; learned and encoder guesses do not count.
        const lexical = lexicalOf(a);
        const inside = (m: PlacedMention, residualOk: boolean) => b.mentions.some((n) => spans(n, m) && wider(n, m)
          && (residualOk || !RESIDUAL.test(n.matched)));
        const within = (residualOk: boolean) => lexical.length > 0 && lexical.every((m) => inside(m, residualOk)
          || lexical.some((k) => k.subsumed && k.matched === m.matched && inside(k, residualOk)));
        supported = titleCovers(kb, b.code, a.code)
          ? within(true)
          : b.code.slice(0, 3) !== a.code.slice(0, 3) && lexical.some((m) => m.subsumed) && within(false);
      }
      // The words support the more specific code, so a coder reports it instead (with the better confidence).
      // a's words are evidence for b too ("acute DVT left lower extremity" in the assessment for the popliteal vein).
      if (supported) {
        drop.add(a);
        b.confidence = Math.max(a.confidence, b.confidence);
        b.mentions = [...b.mentions, ...a.mentions.filter((m) => !b.mentions.some((n) => n.start === m.start && n.end === m.end))];
        b.notes = [...(b.notes ?? []), `More specific than ${a.code}, which it replaces`];
        break;
      }
    }
  }
  return cs.filter((c) => !drop.has(c));
}

/** b's mention `n` rests on more of the words than a's `m` (a learned or encoder guess does not count). */
function wider(n: PlacedMention, m: PlacedMention): boolean {
  return isLexical(n) && n.nKeys > m.nKeys;
}

/** Whether every meaningful word of `inner`'s title (stemmed; "unspecified", "site" and the like left out) is in `outer`'s. */
function titleCovers(kb: IcdKnowledgeBase, outer: string, inner: string): boolean {
  const o = new Set(normKeys(kb.get(outer)?.longTitle ?? ''));
  return normKeys(kb.get(inner)?.longTitle ?? '').every((k) => o.has(k));
}

/** The tabular block (e.g. "D60-D64") a code belongs to. */
function blockOf(kb: IcdKnowledgeBase, code: string): string | undefined {
  return kb.ancestors(code).find((x) => x.kind === 'block')?.code;
}

/** Every lexical mention of the code lies inside a longer match (learned and encoder guesses aside). */
function onlyInside(c: RuledCandidate): boolean {
  const lexical = lexicalOf(c);
  return lexical.length > 0 && lexical.every((m) => m.subsumed);
}

/** Excludes1: two codes that must not be reported together. Billing keeps the more confident one; mentions flags both. */
function resolveExcludes1(kb: IcdKnowledgeBase, cs: RuledCandidate[], policy: CodingPolicy) {
  const active = cs.filter((c) => c.status === 'active');
  if (active.length < 2) return;
  const by = new Map(active.map((c) => [c.code, c]));
  // Strongest pairs first, and a code once set aside sets nothing else aside (a weak E13.40 must not remove E11.40
  // after E11.22 has already removed it).
  const strength = (x: { a: string; b: string }) => Math.max(by.get(x.a)?.confidence ?? 0, by.get(x.b)?.confidence ?? 0);
  const conflicts = [...kb.excludes1Conflicts(active.map((c) => c.code))].sort((x, y) => strength(y) - strength(x));
  const setAside = new Set<RuledCandidate>();
  for (const { a, b, note } of conflicts) {
    const ca = by.get(a), cb = by.get(b);
    if (!ca || !cb) continue;
    // Words inside another match are the weaker reading ("suicidal" in "suicidal ideation", "major depressive
    // disorder" in "..., recurrent, severe"): a code resting only on them yields, whatever its confidence.
    const [keep, lose] = onlyInside(ca) !== onlyInside(cb) ? (onlyInside(ca) ? [cb, ca] : [ca, cb])
      : ca.confidence >= cb.confidence ? [ca, cb] : [cb, ca];
    if (policy === 'billing') {
      if (setAside.has(keep) || setAside.has(lose)) continue;
      setAside.add(lose);
      lose.status = 'uncertain';
      lose.notes = [...(lose.notes ?? []), `Excludes1 with ${keep.code}: not reported together (${note})`];
      keep.notes = [...(keep.notes ?? []), `Excludes1: ${lose.code} set aside (${note})`];
    } else {
      for (const [x, y] of [[ca, cb], [cb, ca]] as const) x.notes = [...(x.notes ?? []), `Excludes1 conflict with ${y.code} (${note})`];
    }
  }
}

/** More specific codes when the evidence did not settle them, with what the coder must document. */
function alternativesFor(kb: IcdKnowledgeBase, c: RuledCandidate): Alternative[] {
  const e = kb.get(c.code);
  if (!e) return [];
  const fromIndex = new Set<string>();
  for (const m of c.mentions as PlacedMention[]) if (m.needsMoreSpecificity) for (const a of m.alternatives ?? []) fromIndex.add(a);
  const unspecified = /\bunspecified\b/i.test(e.longTitle);
  let codes = [...fromIndex];
  if (!codes.length && unspecified && e.parent) codes = kb.children(e.parent).filter((s) => s.code !== c.code).flatMap((s) => (s.billable ? [s.code] : kb.billableUnder(s.code)));
  codes = codes.filter((x) => x !== c.code && kb.isBillable(x)).slice(0, 12);
  return codes.map((code) => {
    const title = kb.get(code)?.longTitle ?? code;
    const t = title.toLowerCase();
    const reason = /\b(right|left|bilateral)\b/.test(t) ? 'specify laterality'
      : /\b(initial|subsequent) encounter|sequela/.test(t) ? 'specify encounter'
      : /\bstage\b/.test(t) ? 'specify stage'
      : /\btype [12]\b/.test(t) ? 'specify type'
      : /\b(acute|chronic)\b/.test(t) ? 'specify acuity' : 'more specific code';
    return { code, title, reason };
  });
}

/** "Use additional code" and "code first" instructions that apply to the code (own and inherited). */
function codingNotes(kb: IcdKnowledgeBase, code: string): string[] {
  const out: string[] = [];
  for (const n of kb.notes(code)) {
    if (n.kind === 'useAdditionalCode') out.push(`Use additional code: ${n.text}`);
    else if (n.kind === 'codeFirst') out.push(`Code first: ${n.text}`);
    if (out.length >= 3) break;
  }
  return out;
}
