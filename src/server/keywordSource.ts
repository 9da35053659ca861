// Stand-in suggestion source: finds the phrases of a small keyword table in the note and classifies each
// mention with simple NegEx-style cues (negated, family, historical, uncertain). Good enough to prove the
// pipes end to end; the real engine (src/coder) replaces it through createSuggestionSource().
import type { CodingOptions, CodingResult, Evidence, Suggestion, SuggestionStatus } from '../coder/types';
import type { CodeSummary } from '../common/protocol';
import type { SuggestionSource } from './suggestionSource';
import { KEYWORD_TABLE, type KeywordEntry } from './keywordTable';

const NEGATION_BEFORE = /\b(?:no|not|denies|denied|deny|negative\s+for|without|free\s+of|ruled\s+out|rules\s+out|no\s+evidence\s+of|no\s+history\s+of|no\s+family\s+history\s+of)\b/i;
const NEGATION_AFTER = /^[^.;]{0,30}\b(?:was|were|is|has\s+been)?\s*(?:ruled\s+out|excluded|unlikely|negative)\b/i;
const UNCERTAIN_BEFORE = /\b(?:possible|possibly|probable|probably|suspected|suspect|likely|concern\s+for|rule\s+out|r\/o|questionable|presumed)\b/i;
const FAMILY_BEFORE = /\b(?:mother|father|brother|sister|sibling|son|daughter|aunt|uncle|grandmother|grandfather|family\s+history|parents?)\b/i;
const HISTORY_BEFORE = /\b(?:history\s+of|h\/o|hx\s+of|status\s+post|s\/p|previous|prior|remote)\b/i;
/** Conjunctions that end the scope of a preceding cue ("no fever but pneumonia"). */
const SCOPE_BREAK = /\b(?:but|however|although|except|which|who)\b|;|:/gi;

interface Mention { entry: KeywordEntry; evidence: Evidence; status: SuggestionStatus }

export class KeywordSuggestionSource implements SuggestionSource {
  readonly name = 'keyword table';

  async code(text: string, opts: CodingOptions = {}): Promise<CodingResult> {
    const t0 = Date.now();
    const input = typeof text === 'string' ? text : '';
    const warnings: string[] = ['stand-in keyword table: only about two dozen common conditions are recognised'];
    const mentions = findMentions(input);
    const suggestions = toSuggestions(mentions, opts);
    return { suggestions, warnings, timings: { totalMs: Date.now() - t0 } };
  }

  async search(query: string, limit: number): Promise<CodeSummary[]> {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const words = q.split(/\s+/);
    return KEYWORD_TABLE
      .filter((e) => e.code.toLowerCase().replace('.', '').startsWith(q.replace('.', '')) || words.every((w) => e.title.toLowerCase().includes(w)))
      .slice(0, limit)
      .map((e) => ({ code: e.code, title: e.title, billable: e.billable }));
  }
}

/** Every table phrase found in the text, with its sentence, section and context status. */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  const sections = findSections(text);
  const boundaries = sentenceBoundaries(text);
  for (const entry of KEYWORD_TABLE) {
    const taken: Array<[number, number]> = [];
    for (const pattern of entry.patterns) {
      const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
      for (const m of text.matchAll(re)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (!m[0] || taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        const [sentenceStart, sentenceEnd] = sentenceAround(text, start, end, boundaries);
        const section = sectionAt(sections, start);
        const context = classify(text, sentenceStart, start, end, sentenceEnd, section, entry);
        mentions.push({
          entry,
          status: context.status,
          evidence: {
            start, end, text: m[0], why: /^[A-Z-]{2,5}$/.test(m[0]) ? 'abbreviation' : 'index',
            matched: entry.title,
            sentenceStart, sentenceEnd, section,
            negation: context.negation, temporality: context.temporality, experiencer: context.experiencer,
          },
        });
      }
    }
  }
  return mentions.sort((a, b) => a.evidence.start - b.evidence.start);
}

function toSuggestions(mentions: Mention[], opts: CodingOptions): Suggestion[] {
  const byCode = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = byCode.get(m.entry.code) ?? [];
    list.push(m);
    byCode.set(m.entry.code, list);
  }
  const statusOf = (list: Mention[]): SuggestionStatus => {
    const order: SuggestionStatus[] = ['active', 'uncertain', 'historical', 'family', 'negated'];
    const effective = list.map((m) => (m.status === 'uncertain' && opts.codeUncertainAsConfirmed ? 'active' : m.status));
    return order.find((s) => effective.includes(s)) ?? 'active';
  };
  const activeCodes = new Set([...byCode].filter(([, list]) => statusOf(list) === 'active').map(([code]) => code));
  const superseded = new Set(KEYWORD_TABLE.filter((e) => activeCodes.has(e.code)).flatMap((e) => e.supersedes ?? []));
  const threshold = opts.threshold ?? 0;
  const out: Suggestion[] = [];
  for (const [code, list] of byCode) {
    if (superseded.has(code)) continue;
    const entry = list[0].entry;
    const status = statusOf(list);
    if (status !== 'active' && !opts.all) continue;
    // Put the mentions that carry the suggestion's status first: the first evidence is the main span.
    const ordered = [...list.filter((m) => m.status === status), ...list.filter((m) => m.status !== status)];
    const confidence = status === 'active' ? entry.confidence : Math.min(entry.confidence, 0.5);
    if (confidence < threshold) continue;
    out.push({
      code, title: entry.title, confidence, status, billable: entry.billable,
      evidence: ordered.map((m) => m.evidence),
      alternatives: entry.alternatives ?? [],
      notes: entry.notes,
    });
  }
  out.sort((a, b) => b.confidence - a.confidence || a.evidence[0].start - b.evidence[0].start);
  return opts.maxSuggestions && opts.maxSuggestions > 0 ? out.slice(0, opts.maxSuggestions) : out;
}

interface Context {
  status: SuggestionStatus;
  negation: Evidence['negation'];
  temporality: Evidence['temporality'];
  experiencer: Evidence['experiencer'];
}

function classify(text: string, sentenceStart: number, start: number, end: number, sentenceEnd: number, section: string | undefined, entry: KeywordEntry): Context {
  const before = lastClause(text.slice(sentenceStart, start));
  const after = text.slice(end, sentenceEnd);
  const familySection = !!section && /family/i.test(section);
  const negated = NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after);
  const family = familySection || FAMILY_BEFORE.test(before);
  const historical = !entry.contextInPhrase && HISTORY_BEFORE.test(before);
  const uncertain = UNCERTAIN_BEFORE.test(before);
  const experiencer = family ? 'other' : 'patient';
  if (negated) return { status: 'negated', negation: 'negated', temporality: 'recent', experiencer };
  if (family) return { status: 'family', negation: 'affirmed', temporality: 'recent', experiencer };
  if (historical) return { status: 'historical', negation: 'affirmed', temporality: 'historical', experiencer };
  if (uncertain) return { status: 'uncertain', negation: 'possible', temporality: 'recent', experiencer };
  return { status: 'active', negation: 'affirmed', temporality: 'recent', experiencer };
}

/** The part of the sentence before the mention that a cue can still reach. */
function lastClause(before: string): string {
  let cut = 0;
  for (const m of before.matchAll(SCOPE_BREAK)) cut = (m.index ?? 0) + m[0].length;
  return before.slice(cut);
}

const SENTENCE_BOUNDARY = /[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)|\n(?=[A-Z][A-Z /&-]{2,}:?\s*(?:\n|$))|:(?=\s*\n)/g;

/**
 * Sentence boundaries of a text: . ! ? followed by whitespace, blank lines, and new lines that start a list
 * item or a section header (clinical notes wrap sentences across lines). Each entry is [boundaryStart,
 * boundaryEnd]; computed once per note, then searched.
 */
export function sentenceBoundaries(text: string): Array<[number, number]> {
  return [...text.matchAll(SENTENCE_BOUNDARY)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/** Sentence bounds around the span [start, end), given the note's boundaries (binary search). */
export function sentenceAround(text: string, start: number, end: number, boundaries = sentenceBoundaries(text)): [number, number] {
  // Last boundary ending at or before `start`.
  let lo = 0, hi = boundaries.length - 1, before = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid][1] <= start) { before = mid; lo = mid + 1; } else hi = mid - 1;
  }
  let s = before >= 0 ? boundaries[before][1] : 0;
  let e = text.length;
  for (let i = before + 1; i < boundaries.length; i++) {
    const [bs] = boundaries[i];
    if (bs >= end) { e = bs + (/[.!?]/.test(text[bs]) ? 1 : 0); break; }
  }
  while (s < start && /\s/.test(text[s])) s++;
  return [s, e];
}

interface Section { start: number; name: string }

/** Section headers: a line in capitals ending with a colon ("FAMILY HISTORY:") or alone on its line. */
function findSections(text: string): Section[] {
  const out: Section[] = [];
  for (const m of text.matchAll(/^[ \t]*([A-Z][A-Z0-9 /&()-]{2,60}?)[ \t]*(?::|$)/gm)) {
    const name = m[1].trim();
    if (/[A-Z]{3}/.test(name)) out.push({ start: m.index ?? 0, name });
  }
  return out;
}

function sectionAt(sections: Section[], offset: number): string | undefined {
  let lo = 0, hi = sections.length - 1, found: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].start <= offset) { found = sections[mid].name; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}
