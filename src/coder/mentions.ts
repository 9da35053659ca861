// Per-sentence analysis: lexicon and learned-phrase matches with their clinical context. Results
// depend only on the sentence text, its section role and the abbreviations in it, so they are
// cached under that key and reused when a note is re-coded after an edit.
import { ContextDetector, type SentenceContext } from '../note/context/ContextDetector';
import type { AbbreviationMatch, Experiencer, Negation, SectionRole, Temporality } from '../note/types';
import { normTokens } from './normalize';
import { matchSentence, markSubsumed, type SentenceToken } from './mention-matcher';
import type { TermLexicon } from './term-lexicon';
import type { LearnedLexicon } from './learned-lexicon';
import type { ViewSentence } from './note-view';
import type { NeoplasmMatcher } from './neoplasm';

export type MentionSource = 'index' | 'inclusion' | 'title' | 'learned' | 'encoder';

export interface Mention {
  code: string;
  source: MentionSource;
  /** Knowledge-base text that matched (index path, title, learned phrase). */
  matched: string;
  /** Offsets relative to the sentence start (absolute once placed in a note). */
  start: number;
  end: number;
  nKeys: number;
  window: number;
  optionalHits: number;
  depth: number;
  /** Inverse frequency of the rarest matched key in the lexicon (higher = more specific wording). */
  rarity: number;
  subsumed: boolean;
  viaAbbreviation: boolean;
  needsMoreSpecificity: boolean;
  alternatives?: string[];
  manifestation?: string[];
  learnedPrecision?: number;
  learnedSupport?: number;
  similarity?: number;
  negation: Negation;
  temporality: Temporality;
  experiencer: Experiencer;
}

export interface SentenceAnalysis { mentions: Mention[]; tokens: SentenceToken[] }

/** Abbreviations of the note's own parts ("HPI", "PMH", "ROS"): their expansions name no condition ("illness" -> R69). */
const DOCUMENTATION = /^(history of present illness|past (medical|surgical) history|review of systems|(family|social) history|chief complaint|assessment and plan)$/i;

/** Tokens of one sentence, with abbreviation expansions added at the abbreviation's position. */
export function sentenceTokens(s: ViewSentence, abbreviations: AbbreviationMatch[]): SentenceToken[] {
  const base = normTokens(s.text);
  const toks: SentenceToken[] = base.map((t, i) => ({ key: t.key, pos: i * 2, start: t.start, end: t.end }));
  for (const ab of abbreviations) {
    if (ab.start < s.start || ab.end > s.end || !ab.expansion || DOCUMENTATION.test(ab.expansion)) continue;
    const rs = ab.start - s.start, re = ab.end - s.start;
    const at = toks.find((t) => t.start >= rs && t.start < re);
    const pos = at ? at.pos : 0;
    // Expansion tokens sit at the abbreviation's position (odd positions never collide with words).
    for (const k of normTokens(ab.expansion)) toks.push({ key: k.key, pos: pos + 1, start: rs, end: re, expanded: true });
  }
  // "CKD 3b" / "chronic kidney disease 4": the index writes "stage 3b"; the stage word is implied by the number.
  for (let i = 1; i < base.length; i++) {
    if (!CKD_STAGE.test(base[i].key)) continue;
    const prev = toks.filter((t) => t.pos === (i - 1) * 2 || t.pos === (i - 1) * 2 + 1).map((t) => t.key);
    const kidney = prev.includes('ckd') || (prev.includes('disease') && i >= 2 && base[i - 2].key === 'kidney');
    if (kidney) toks.push({ key: 'stage', pos: i * 2 - 1, start: base[i].start, end: base[i].end, expanded: true });
  }
  // "Headache, not intractable", "myeloma not in remission", "diabetes not on insulin": the word after a modifier's "not"
  // is denied, so it cannot read as the sibling that has it ("intractable", "in remission", Z79.4).
  DENIED_MODIFIER.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = DENIED_MODIFIER.exec(s.text));) {
    if (m[1] && CLAUSE_BEFORE_NOT.has(m[1].toLowerCase())) continue;
    const at = m.index + m[0].length - m[2].length;
    const t = toks.find((x) => !x.expanded && x.start === at);
    if (t) t.key = `not:${t.key}`;
  }
  // Words the index writes otherwise, implied right after the note's own (odd positions never collide with words).
  const imply = (keys: readonly string[], i: number, start: number, end: number) => {
    for (const key of keys) toks.push({ key, pos: i * 2 + 1, start, end, expanded: true, implied: true });
  };
  for (let i = 0; i < base.length; i++) {
    // "Hypothyroidism after thyroidectomy": an excision names the surgery the index's "due to surgery" wants; the
    // index files the colon under "intestine, large" ("Diverticulosis, large intestine").
    const key = base[i].key;
    if (/..ectomy$/.test(key)) imply(['surgery'], i, base[i].start, base[i].end);
    else if (key === 'colon') imply(['large', 'intestine'], i, base[i].start, base[i].end);
    // "Pressure injury" is the current name of the pressure ulcer (NPIAP 2016); the index writes "ulcer", and it is no
    // trauma. toks[i] is base[i]'s own token.
    else if (key === 'injury' && i > 0 && base[i - 1].key === 'pressure') toks[i].key = 'ulcer';
  }
  // "L4-L5 disc herniation", "L5 radiculopathy", "C5-6 stenosis": a spinal level names its region ("lumbar"), the
  // index's word for it. A range is always a level; a single one only beside a spinal word ("T3" is also a hormone).
  for (const m of s.text.matchAll(SPINAL_LEVEL)) {
    const first = m[1].toUpperCase(), last = (m[3] ?? (m[4] ? m[1] : '')).toUpperCase();
    if (!m[4] && !SPINAL_WORD.test(s.text.slice(Math.max(0, m.index! - 40), m.index! + m[0].length + 40))) continue;
    const pair = last && last !== first ? `${first}${last}` : first;
    const region = ({ C: 'cervical', T: 'thoracic', L: 'lumbar', S: 'sacral', CT: 'cervicothoracic', TL: 'thoracolumbar', LS: 'lumbosacral' } as Record<string, string>)[pair];
    const i = base.findIndex((t) => t.start >= m.index!);
    if (region && i >= 0) imply(normTokens(region).map((k) => k.key), i, m.index!, m.index! + m[0].length);
  }
  // "Influenza A" names an identified virus (J10.-); the article-like "A" is not a word of its own.
  for (const m of s.text.matchAll(/\b(influenza|flu)\s+(?:type\s+)?a\b(?!\s*(?:and|or)\s+b\b)/gi)) {
    const i = base.findIndex((t) => t.start >= m.index!);
    if (i >= 0) imply(['influenza', 'identified', 'virus'], i, m.index!, m.index! + m[0].length);
  }
  // One side written is "unilateral" in the index's words ("Osteoarthritis, knee, unilateral"); both sides, "bilateral",
  // and so is a "both" before the site ("osteoarthritis of both hips").
  const bothSides = /\b(both|bilateral(ly)?)\b|\b(left|right) and (left|right)\b/i.test(s.text);
  if (bothSides) {
    for (const m of s.text.matchAll(/\bboth\b/gi)) {
      const i = base.findIndex((t) => t.start > m.index!);
      if (i >= 0) toks.push({ key: 'bilateral', pos: Math.max(0, i * 2 - 1), start: m.index!, end: m.index! + m[0].length, expanded: true, implied: true });
    }
  }
  for (let i = 0; i < base.length; i++) {
    if (base[i].key !== 'left' && base[i].key !== 'right') continue;
    toks.push({ key: bothSides ? 'bilateral' : 'unilateral', pos: i * 2 + 1, start: base[i].start, end: base[i].end, expanded: true, implied: true });
  }
  return toks;
}

const CKD_STAGE = /^([1-5]|3a|3b)$/;
const SPINAL_LEVEL = /\b([CTLS])(\d{1,2})(?:\s*[-–/]\s*(?:([CTLS])?(\d{1,2})))?\b/g;
const SPINAL_WORD = /\b(disc|disk|radicul\w*|herniat\w*|stenosis|vertebra\w*|spine|spinal|level|foramin\w*|nerve root|spondyl\w*|fracture|fusion|laminectomy|discectomy|protrusion|bulge|bulging)\b/i;
const DENIED_MODIFIER = /(?:,|\b(\p{L}+))\s+not\s+(?:(?:in|on|well|yet|currently)\s+)?(\p{L}+)/giu;
/** Words before a "not" that make it a clause's negation ("is not", "and not"), left to ConText. */
const CLAUSE_BEFORE_NOT = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'does', 'do', 'did', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'should', 'may', 'might', 'must', 'and', 'or', 'but', 'if', 'whether', 'although', 'though']);

/**
 * A match whose words lie on both sides of an "on" that its index entry does not write reads across two conditions:
 * "acute kidney injury on chronic kidney disease" is not an acute kidney disease (N28.9); so does one across "with"
 * whose later word describes a rhythm's rate ("atrial fibrillation with rapid ventricular response" is not
 * ventricular fibrillation, I49.01). "Diabetes ... with nephropathy" keeps its join: the entry says "with".
 */
function joinsAcross(tokens: readonly number[], toks: readonly SentenceToken[], text: string, entry: string): boolean {
  const own = tokens.filter((i) => !toks[i].expanded).map((i) => toks[i]).sort((a, b) => a.start - b.start);
  for (let k = 1; k < own.length; k++) {
    const gap = text.slice(own[k - 1].end, own[k].start);
    const join = /\b(with|on)\b/i.exec(gap)?.[1]?.toLowerCase();
    if (!join || new RegExp(`\\b${join}\\b`, 'i').test(entry)) continue;
    if (join === 'on' && /\bacute(ly)?\s*$/i.test(text.slice(0, own[k - 1].end) + gap.split(/\bon\b/i)[0])) continue;
    // After "with", a word may still describe the same condition ("heart failure with diastolic dysfunction"); it
    // reads across only where it describes something else: the rate or response of a rhythm.
    if (join === 'with' && !/^\s*(response|rate|rhythm|conduction)\b/i.test(text.slice(own[k].end))) continue;
    return true;
  }
  return false;
}
const ACRONYM = /^[A-Z][A-Z0-9]{1,5}$/;
/** Words after a mention that make it the name of a test. */
const TEST_AFTER = /^[\s-]*(titers?|titres?|tests?|testing|panels?|screens?|screening|serology|serologies|antibod(y|ies)|antigens?|pcr|swabs?|assays?)\b/i;

/** Words that deny what follows them inside a mention: "diabetes without complications", "asthma, no exacerbation". */
const DENYING = new Set(['without', 'no']);
/** How far a denial reaches over a coordinated list ("without status asthmaticus or exacerbation"), in words. */
const DENIAL_REACH = 4;

/**
 * True when a word of the match (after its first) is denied by a "without" / "no" the match does not use, within a
 * few words and no clause break (",", ";", ":") between: "type 2 diabetes without complications" must not match the
 * index path "Diabetes, type 2, with, complication". A denied first word negates the whole mention instead, which the
 * context detector handles; "diabetes, no retinopathy, with nephropathy" keeps the nephropathy.
 */
export function deniedModifier(
  tokens: readonly number[], toks: readonly SentenceToken[], entryKeys: readonly string[], text: string, byPos: ReadonlyMap<number, number>,
): boolean {
  if (entryKeys.some((k) => DENYING.has(k))) return false;
  const used = new Set(tokens);
  const first = Math.min(...tokens.map((i) => toks[i].pos));
  for (const i of tokens) {
    const t = toks[i];
    if (t.expanded || t.pos === first) continue;
    for (let back = 1; back <= DENIAL_REACH; back++) {
      const j = byPos.get(t.pos - 2 * back);
      if (j === undefined || used.has(j)) break;
      if (/[,;:]/.test(text.slice(toks[j].end, t.start))) break;
      if (DENYING.has(toks[j].key)) return true;
    }
  }
  return false;
}

export function analyzeSentence(
  s: ViewSentence, abbreviations: AbbreviationMatch[], lex: TermLexicon, learned: LearnedLexicon | undefined, detector: ContextDetector, neoplasm?: NeoplasmMatcher,
): SentenceAnalysis {
  const toks = sentenceTokens(s, abbreviations);
  const mentions: (Mention & { tokens: number[] })[] = [];
  const lexSize = Math.max(1, lex.statisticsSize);
  const rarityOf = (idx: number[]) => Math.max(...idx.map((i) => Math.log(lexSize / (1 + lex.frequency(toks[i].key)))));
  // Word position -> token index of the sentence's own words (expansions left out), for deniedModifier.
  const byPos = new Map<number, number>();
  toks.forEach((t, i) => { if (!t.expanded) byPos.set(t.pos, i); });
  for (const m of matchSentence(lex, toks, s.text)) {
    const e = lex.entry(m.entry);
    if (deniedModifier(m.tokens, toks, e.keys, s.text, byPos)) continue;
    if (joinsAcross(m.tokens, toks, s.text, e.text)) continue;
    // An index acronym ("PRES", "SARS") is read only where the note writes it in capitals: the "pre" of "pre-mature" is not it.
    if (ACRONYM.test(e.text) && !/^[A-Z0-9]+$/.test(s.text.slice(m.start, m.end))) continue;
    mentions.push({
      code: e.code, source: e.source, matched: e.text, start: m.start, end: m.end, nKeys: e.keys.length, window: m.window,
      optionalHits: m.optionalHits, depth: e.depth, rarity: rarityOf(m.tokens), subsumed: m.subsumed, viaAbbreviation: m.viaAbbreviation,
      needsMoreSpecificity: e.needsMoreSpecificity, alternatives: e.alternatives, manifestation: e.manifestation,
      negation: 'affirmed', temporality: 'recent', experiencer: 'patient', tokens: m.tokens,
    });
  }
  if (neoplasm) {
    for (const n of neoplasm.match(s.text, toks)) {
      mentions.push({
        code: n.code, source: 'index', matched: n.text, start: n.start, end: n.end, nKeys: n.tokens.length, window: n.tokens.length,
        optionalHits: 0, depth: 2, rarity: rarityOf(n.tokens), subsumed: false, viaAbbreviation: false, needsMoreSpecificity: false,
        negation: 'affirmed', temporality: 'recent', experiencer: 'patient', tokens: n.tokens,
      });
    }
  }
  if (learned) {
    const learnedMentions: (Mention & { tokens: number[] })[] = [];
    for (const l of learned.match(toks)) {
      learnedMentions.push({
        code: l.phrase.code, source: 'learned', matched: l.phrase.keys, start: l.start, end: l.end, nKeys: l.tokens.length, window: l.tokens.length,
        optionalHits: 0, depth: 0, rarity: rarityOf(l.tokens), subsumed: false, viaAbbreviation: false, needsMoreSpecificity: false,
        learnedPrecision: l.phrase.precision, learnedSupport: l.phrase.support, negation: 'affirmed', temporality: 'recent', experiencer: 'patient', tokens: l.tokens,
      });
    }
    mentions.push(...learnedMentions);
  }
  // "Lyme titer", "strep test", "hepatitis panel": the words name a test, whatever its result, not the condition.
  for (let i = mentions.length - 1; i >= 0; i--) if (TEST_AFTER.test(s.text.slice(mentions[i].end, mentions[i].end + 24))) mentions.splice(i, 1);
  if (mentions.length) {
    // Over the mentions that survived: a reading dropped above ("Parkinson disease ... with dyskinesia" where the note
    // says "no dyskinesia") subsumes nothing.
    for (const m of mentions) m.subsumed = false;
    markSubsumed(mentions, toks, (m) => m.code);
    const ctx: SentenceContext = detector.analyze(s.text, s.section ?? s.role);
    const seen = new Map<string, ReturnType<SentenceContext['at']>>();
    for (const m of mentions) {
      const k = `${m.start}:${m.end}`;
      let c = seen.get(k);
      if (!c) seen.set(k, (c = ctx.at(m.start, m.end)));
      m.negation = c.negation; m.temporality = c.temporality; m.experiencer = c.experiencer;
    }
  }
  return { mentions: mentions.map(({ tokens: _t, ...m }) => m), tokens: toks };
}

/** Cache key of a sentence's analysis: what the analysis depends on. */
export function sentenceKey(s: ViewSentence, abbreviations: AbbreviationMatch[]): string {
  const abs = abbreviations.filter((a) => a.start >= s.start && a.end <= s.end).map((a) => `${a.start - s.start}:${a.expansion}`).join(',');
  return `${s.role}\u0001${s.section?.kind ?? ''}\u0001${abs}\u0001${s.text}`;
}

export type { SectionRole };
