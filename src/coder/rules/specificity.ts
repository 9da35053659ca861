// Specificity: an unspecified code gives way to a more specific one the same words (or the note) document.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import { spans, type PlacedMention } from '../features';
import { normKeys } from '../normalize';
import { RESIDUAL } from '../term-lexicon';
import { isLexical, lexicalOf } from './lexical-mentions';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** An unspecified code (or one whose words lie inside another's) gives way to a more specific code found at the same words. */
export function preferSpecific(kb: IcdKnowledgeBase, cs: RuledCandidate[]): RuledCandidate[] {
  const active = cs.filter((c) => c.status === 'active');
  const blocks = new Map(active.map((c) => [c.code, blockOf(kb, c.code)]));
  const drop = new Set<RuledCandidate>();
  for (const a of active) {
    const ta = kb.get(a.code)?.longTitle.toLowerCase() ?? '';
    // A "without ..." code is the index default for the plain condition (BPH -> N40.0 "without lower urinary tract
    // symptoms"): the "with" sibling that other words of the note document replaces it.
    // "Alcohol dependence, uncomplicated" is the plain reading too: F10.231 "... with withdrawal delirium" replaces it.
    if (!/unspecified|\bnos\b|\bwithout\b|\buncomplicated\b/.test(ta) && !a.mentions.every((m) => m.subsumed)) continue;
    // Only a code under the same parent is "more specific" (E11.40 -> E11.42, not E11.22: another complication).
    let parent = kb.get(a.code)?.parent ?? a.code.slice(0, 3);
    // An unspecified-site subcategory gives way across its siblings: I82.402 "unspecified deep veins of left lower
    // extremity" (under I82.40) to I82.432 "left popliteal vein" (under I82.43) when the same words document it.
    const pe = kb.get(parent);
    // A title for no named site ("... of unspecified site"): the same condition at a named site replaces it.
    const siteUnnamed = /\bunspecified (site|part)\b/.test(ta);
    const unspecifiedSite = !!pe?.parent && pe.kind === 'subcategory' && /\bunspecified\b/i.test(pe.longTitle);
    if (unspecifiedSite) parent = pe!.parent!;
    for (const b of active) {
      if (a === b || drop.has(b)) continue;
      let supported: boolean;
      if (b.code.startsWith(parent)) {
        const tb = kb.get(b.code)?.longTitle.toLowerCase() ?? '';
        if (/unspecified|\bnos\b/.test(tb) && b.code.length <= a.code.length) continue; // not more specific
        // Across an unspecified-site subcategory, words that overlap are one condition read twice ("acute deep vein
        // thrombosis of the left femoral vein": I82.402 and I82.412), even where neither reading holds the other.
        supported = a.mentions.some((m) => b.mentions.some((n) => n.start < m.end && m.start < n.end && (wider(n, m) || (unspecifiedSite && !b.code.startsWith(kb.get(a.code)!.parent!))
          || (siteUnnamed && isLexical(n)))))
          // Siblings: the unspecified one gives way to the specific one documented anywhere in the note ("anemia in
          // chronic kidney disease" with "ESRD on hemodialysis": N18.6, not also N18.9).
          // The same words read as "without X" and as its "with X" sibling ("CHF; hypertension": I11.9 and I11.0): the
          // note wrote X, so the "with" code is the reading.
          || (kb.get(b.code)?.parent === kb.get(a.code)?.parent && /\bwithout\b/.test(ta) && !/\bwithout\b/.test(tb)
            && a.mentions.some((m) => b.mentions.some((n) => n.start < m.end && m.start < n.end)))
          // A category's own unspecified code ("Eating disorder, unspecified" F50.9) gives way to any code of the
          // category documented with its own words ("anorexia nervosa, restricting type" F50.012).
          || ((kb.get(b.code)?.parent === kb.get(a.code)?.parent || kb.get(a.code)?.parent === a.code.slice(0, 3)) && /\bunspecified\b/.test(ta)
            // Words of its own: "Nausea" inside "nausea with vomiting" (R11.2) is not a documented R11.0.
            && b.mentions.some((n) => !n.subsumed && isLexical(n) && !a.mentions.some((m) => spans(m, n) && m.nKeys > n.nKeys)));
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
        // A code for an unspecified site ("Secondary malignant neoplasm of unspecified site") gives way to the same
        // condition at a named site whose words overlap its own ("cancer with metastasis to the liver": C78.7).
        const overlaps = siteUnnamed && lexical.length > 0
          && lexical.every((m) => b.mentions.some((n) => isLexical(n) && n.start < m.end && m.start < n.end));
        // "Left ankle sprain, inversion injury": an unspecified injury of the region gives way to the named injury of
        // the same sentence (S99.912A to S93.402A).
        const namedInjury = /^unspecified injury of\b/.test(ta) && /^[ST]/.test(b.code) && !/^unspecified injury\b/.test(kb.get(b.code)?.longTitle.toLowerCase() ?? '')
          && a.mentions.every((m) => b.mentions.some((n) => n.sentence === m.sentence));
        supported = namedInjury || (titleCovers(kb, b.code, a.code)
          ? within(true) || overlaps
          : b.code.slice(0, 3) !== a.code.slice(0, 3) ? lexical.some((m) => m.subsumed) && within(false)
          // In one category, an unspecified reading whose words lie inside b's wider ones ("DVT" in "right upper
          // extremity DVT": I82.401 gives way to I82.621; "ulcerative colitis with rectal bleeding" inside "left-sided
          // ulcerative colitis with rectal bleeding": K51.911 to K51.511).
          : /\bunspecified\b/.test(ta) && within(false));
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

/**
 * "Acute on chronic" is one code (J96.21, I50.23): the chronic-only and acute-only codes of the same condition found
 * elsewhere in the note ("chronic hypoxic respiratory failure" in the history) give way to it.
 */
export function preferAcuteOnChronic(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[]): RuleEdit[] {
  const core = (code: string) => normKeys(kb.get(code)?.longTitle ?? '').filter((k) => !['acute', 'chronic', 'and', 'on'].includes(k)).sort().join(' ');
  const both = cs.filter((c) => c.status === 'active' && /acute (and|on) chronic/i.test(kb.get(c.code)?.longTitle ?? ''));
  const edits: RuleEdit[] = [];
  if (!both.length) return edits;
  for (const c of cs) {
    if (c.status !== 'active' || both.includes(c)) continue;
    const t = kb.get(c.code)?.longTitle ?? '';
    if (!/\b(acute|chronic)\b/i.test(t)) continue;
    const winner = both.find((b) => b.code.slice(0, 3) === c.code.slice(0, 3) && core(b.code) === core(c.code));
    if (!winner) continue;
    edits.push({ op: 'drop', target: c },
      { op: 'evidence', target: winner, mentions: c.mentions, note: `${c.code} is part of ${winner.code} (acute on chronic), which replaces it`, from: c.code });
  }
  return edits;
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
