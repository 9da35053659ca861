// Features of one candidate code in one note, from its mentions, their context and the knowledge base. How often a
// training corpus used a code is deliberately not a feature: it would suppress plainly documented codes that corpus
// rarely used or could not use (codes new since its edition). The scorer's weights are tied to FEATURE_NAMES by name.
import type { SectionRole } from '../note/types';
import type { Mention } from './mentions';

/** Whether `outer` covers all of `inner`'s characters. */
export function spans(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** `outer` covers `inner` and matched more words: the longer phrase explains the shorter one. */
export function explains(outer: Mention, inner: Mention): boolean {
  return spans(outer, inner) && outer.nKeys > inner.nKeys;
}

export interface PlacedMention extends Mention {
  sentence: number;
  sentenceStart: number;
  sentenceEnd: number;
  role: SectionRole;
  sectionKind?: string;
}

export interface CodeCandidate {
  code: string;
  mentions: PlacedMention[];
}

export interface CodeFacts { title: string; chapter: number }

const ROLES: SectionRole[] = ['diagnosis', 'history', 'family', 'ros', 'exam', 'findings', 'complaint', 'plan', 'narrative'];

export const FEATURE_NAMES: string[] = [
  'src_index', 'src_title', 'src_inclusion', 'src_learned', 'src_encoder_only', 'via_abbreviation',
  'best_nkeys', 'best_tight', 'best_optional', 'best_depth', 'needs_more', 'best_rarity', 'single_word',
  'all_subsumed', 'log_mentions', 'log_sentences', 'n_sources',
  'frac_negated', 'frac_possible', 'frac_historical', 'frac_hypothetical', 'frac_other', 'any_active',
  ...ROLES.map((r) => `role_${r}`),
  'learned_precision', 'learned_log_support',
  'title_unspecified', 'title_other', 'code_len', 'first_position',
  'span_competitors', 'span_rank_first',
  'sim_max', 'has_sim',
  ...Array.from({ length: 22 }, (_, i) => `chapter_${i + 1}`),
];

const F = new Map(FEATURE_NAMES.map((n, i) => [n, i]));

/** Mentions "compete" when they share a span; the one with the best prior leads. */
export interface SpanStats { competitors: number; rankFirst: boolean }

export function computeFeatures(c: CodeCandidate, facts: CodeFacts, span: SpanStats, noteLength: number, similarity?: number): Float64Array {
  const x = new Float64Array(FEATURE_NAMES.length);
  const set = (name: string, v: number) => { const i = F.get(name); if (i !== undefined) x[i] = v; };
  const ms = c.mentions;
  const lexical = ms.filter((m) => m.source !== 'encoder');
  // The best mention: unsubsumed first, then most keys, then tightest.
  const best = [...(lexical.length ? lexical : ms)].sort((a, b) =>
    Number(a.subsumed) - Number(b.subsumed) || b.nKeys - a.nKeys || a.window / a.nKeys - b.window / b.nKeys)[0];
  const sources = new Set(ms.map((m) => m.source));
  set('src_index', sources.has('index') ? 1 : 0);
  set('src_title', sources.has('title') ? 1 : 0);
  set('src_inclusion', sources.has('inclusion') ? 1 : 0);
  set('src_learned', sources.has('learned') ? 1 : 0);
  set('src_encoder_only', lexical.length ? 0 : 1);
  set('n_sources', sources.size);
  set('via_abbreviation', ms.some((m) => m.viaAbbreviation) ? 1 : 0);
  if (best) {
    set('best_nkeys', Math.min(best.nKeys, 6));
    set('best_tight', best.nKeys / Math.max(1, best.window));
    set('best_optional', Math.min(best.optionalHits, 2));
    set('best_depth', Math.min(best.depth, 5));
    set('needs_more', best.needsMoreSpecificity ? 1 : 0);
    set('best_rarity', Math.max(...lexical.map((m) => m.rarity), 0));
    set('single_word', best.nKeys === 1 ? 1 : 0);
  }
  set('all_subsumed', lexical.length && lexical.every((m) => m.subsumed) ? 1 : 0);
  set('log_mentions', Math.log1p(ms.length));
  set('log_sentences', Math.log1p(new Set(ms.map((m) => m.sentence)).size));
  const n = ms.length || 1;
  set('frac_negated', ms.filter((m) => m.negation === 'negated').length / n);
  set('frac_possible', ms.filter((m) => m.negation === 'possible').length / n);
  set('frac_historical', ms.filter((m) => m.temporality === 'historical').length / n);
  set('frac_hypothetical', ms.filter((m) => m.temporality === 'hypothetical').length / n);
  set('frac_other', ms.filter((m) => m.experiencer === 'other').length / n);
  set('any_active', ms.some((m) => m.negation === 'affirmed' && m.experiencer === 'patient' && m.temporality !== 'hypothetical') ? 1 : 0);
  for (const r of ROLES) set(`role_${r}`, ms.some((m) => m.role === r) ? 1 : 0);
  const learned = ms.filter((m) => m.source === 'learned');
  set('learned_precision', Math.max(0, ...learned.map((m) => m.learnedPrecision ?? 0)));
  set('learned_log_support', Math.log1p(Math.max(0, ...learned.map((m) => m.learnedSupport ?? 0))));
  const t = facts.title.toLowerCase();
  set('title_unspecified', /\bunspecified\b/.test(t) ? 1 : 0);
  set('title_other', /^other\b|\bother specified\b/.test(t) ? 1 : 0);
  set('code_len', c.code.replace('.', '').length - 3);
  set('first_position', noteLength ? Math.min(...ms.map((m) => m.start)) / noteLength : 0);
  set('span_competitors', Math.log1p(span.competitors));
  set('span_rank_first', span.rankFirst ? 1 : 0);
  if (similarity !== undefined) { set('sim_max', similarity); set('has_sim', 1); }
  if (facts.chapter >= 1 && facts.chapter <= 22) set(`chapter_${facts.chapter}`, 1);
  return x;
}
