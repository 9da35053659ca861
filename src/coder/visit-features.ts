// Features of one code after the coding rules, in a whole encounter note: what decides whether a coder puts it on
// this visit's claim. Where its words stand (reason for visit, history, exam, assessment and plan), their context,
// how strongly they name the code, and what the code set says about it (a status or history Z code, an
// injury, an unspecified code beside a sibling). Never the code's identity or how often any corpus used it.
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import type { SectionRole } from '../note/types';
import type { RuledCandidate } from './rules/types';
import type { NoteView } from './note-view';
import { CODING_RULES } from './rules/registry';
import { isWholeItem, writesIndexTerm, writesTitle } from './rules/title-floor';

/** A history or reason for the visit, and an assessment. */
export function hasVisitSections(view: NoteView): boolean {
  return view.sentences.some((s) => s.role === 'diagnosis') && view.sentences.some((s) => s.role === 'narrative' || s.role === 'complaint');
}

/** Words below which a note is a snippet, not a visit note (the visit notes the stage learned from have 135 to 771). */
export const VISIT_NOTE_MIN_WORDS = 100;

/** A visit note: a history or reason for the visit, and an assessment, in a whole note. Bare assessment lines, lists and snippets are not. */
export function isVisitNote(view: NoteView): boolean {
  if (!hasVisitSections(view)) return false;
  let words = 0;
  for (const s of view.sentences) if ((words += s.text.split(/\s+/).length) >= VISIT_NOTE_MIN_WORDS) return true;
  return false;
}

/** Rules that read the words more finely and may add a code for what they read (the second side). */
const READING_RULES = new Set(['laterality']);

let addRules: Set<string> | undefined;
/** Rules of the 'add' phase: each builds a code by guideline logic (combination, history, status, tobacco, drug codes). */
const ruleBuilt = (id: string) => (addRules ??= new Set(CODING_RULES.filter((r) => r.phase === 'add').map((r) => r.id))).has(id);

/** Codes read from the note's words; a code a coding rule built or recoded (combination, status, long-term drug, tobacco) keeps the rule's confidence. */
export function readFromWords(c: RuledCandidate): boolean {
  // A code a reading rule adds is still the words' reading ("bilateral knee pain": the left knee beside the right).
  return c.mentions.length > 0 && !c.rules?.some((r) => (r.action === 'add' && !READING_RULES.has(r.id)) || (ruleBuilt(r.id) && r.action !== 'note'));
}

/** Rules that build a combination code and keep the condition it names beside it ("use additional code"). */
const PAIRING_RULES = new Set(['copd-with-infection', 'hypertension-combinations', 'diabetes-combinations', 'prostate-with-luts', 'manifestation-codes', 'dementia-in-other-diseases']);

/**
 * A code whose words are all evidence of a combination code the rules built and kept it beside (J18.9 with J44.0,
 * N18.6 with I12.0): it is reported with that combination, so it stands or falls with it.
 */
export function pairedWithCombination(c: RuledCandidate, cs: readonly RuledCandidate[], threshold: number): boolean {
  if (!c.mentions.length) return false;
  return cs.some((d) => d !== c && d.status === 'active' && d.confidence >= threshold && d.rules?.some((r) => PAIRING_RULES.has(r.id))
    && c.mentions.every((m) => d.mentions.some((n) => n.start === m.start && n.end === m.end)));
}

/** A diagnosis the assessment or plan writes out in its code's own words: always suggested. */
export function writtenInAssessment(c: RuledCandidate, text: string): boolean {
  return c.mentions.some((m) => (m.role === 'diagnosis' || m.role === 'plan') && (writesTitle(m) || writesIndexTerm(m) || isWholeItem(m, text)));
}


const ROLES: SectionRole[] = ['complaint', 'narrative', 'diagnosis', 'plan', 'history', 'family', 'social', 'medications', 'ros', 'exam', 'findings'];
const ADDRESSED: ReadonlySet<SectionRole> = new Set<SectionRole>(['diagnosis', 'plan']);

export const VISIT_FEATURE_NAMES: string[] = [
  'base_logit',
  ...ROLES.map((r) => `in_${r}`),
  'frac_addressed', 'log_mentions', 'log_sentences', 'from_rule', 'rule_changed',
  'best_nkeys', 'single_word', 'via_abbreviation', 'only_learned', 'only_encoder', 'title_match',
  'frac_possible', 'frac_historical',
  'is_status_z', 'is_history_z', 'is_injury',
  'title_unspecified', 'sibling_in_note', 'code_depth',
  'first_addressed_position', 'log_active_in_note',
];

const F = new Map(VISIT_FEATURE_NAMES.map((n, i) => [n, i]));
const logit = (p: number) => { const q = Math.min(0.999, Math.max(0.001, p)); return Math.log(q / (1 - q)); };

/** Feature vectors for the active candidates of one note (others get zeros: they are not suggested anyway). */
export function visitFeatures(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[]): Float64Array[] {
  const active = cs.filter((c) => c.status === 'active');
  const categories = new Map<string, number>();
  for (const c of active) categories.set(c.code.slice(0, 3), (categories.get(c.code.slice(0, 3)) ?? 0) + 1);
  // Order of first mention in the assessment and plan: a coder lists the visit's reason first.
  const addressedStart = (c: RuledCandidate) => Math.min(Infinity, ...c.mentions.filter((m) => ADDRESSED.has(m.role)).map((m) => m.start));
  const order = active.map(addressedStart).filter(Number.isFinite).sort((a, b) => a - b);
  return cs.map((c) => {
    const x = new Float64Array(VISIT_FEATURE_NAMES.length);
    if (c.status !== 'active') return x;
    const set = (name: string, v: number) => { x[F.get(name)!] = v; };
    const ms = c.mentions;
    const n = ms.length || 1;
    set('base_logit', logit(c.confidence));
    for (const r of ROLES) set(`in_${r}`, ms.some((m) => m.role === r) ? 1 : 0);
    set('frac_addressed', ms.filter((m) => ADDRESSED.has(m.role)).length / n);
    set('log_mentions', Math.log1p(ms.length));
    set('log_sentences', Math.log1p(new Set(ms.map((m) => m.sentence)).size));
    set('from_rule', !ms.length || c.rules?.some((r) => r.action === 'add') ? 1 : 0);
    set('rule_changed', c.rules?.some((r) => r.action !== 'add' && r.action !== 'note') ? 1 : 0);
    const lexical = ms.filter((m) => m.source !== 'encoder' && m.source !== 'learned');
    set('best_nkeys', Math.min(6, Math.max(0, ...lexical.map((m) => m.nKeys))));
    set('single_word', lexical.length && lexical.every((m) => m.nKeys <= 1) ? 1 : 0);
    set('via_abbreviation', ms.some((m) => m.viaAbbreviation) ? 1 : 0);
    set('only_learned', ms.length && ms.every((m) => m.source === 'learned') ? 1 : 0);
    set('only_encoder', ms.length && ms.every((m) => m.source === 'encoder') ? 1 : 0);
    set('title_match', ms.some((m) => m.source === 'title') ? 1 : 0);
    set('frac_possible', ms.filter((m) => m.negation === 'possible').length / n);
    set('frac_historical', ms.filter((m) => m.temporality === 'historical').length / n);
    set('is_status_z', /^Z(79|9[0-9]|88|68|3A)/.test(c.code) ? 1 : 0);
    set('is_history_z', /^Z8[0-7]/.test(c.code) ? 1 : 0);
    set('is_injury', /^[ST]/.test(c.code) ? 1 : 0);
    const title = kb.get(c.code)?.longTitle.toLowerCase() ?? '';
    set('title_unspecified', /\bunspecified\b/.test(title) ? 1 : 0);
    set('sibling_in_note', (categories.get(c.code.slice(0, 3)) ?? 0) > 1 ? 1 : 0);
    set('code_depth', c.code.replace('.', '').length - 3);
    const at = addressedStart(c);
    set('first_addressed_position', Number.isFinite(at) ? order.indexOf(at) / Math.max(1, order.length) : 1);
    set('log_active_in_note', Math.log1p(active.length));
    return x;
  });
}
