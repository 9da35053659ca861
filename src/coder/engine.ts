// The coding engine: note -> sentences -> mentions (lexicon, learned phrases, encoder) -> code
// candidates -> learned scorer -> coding rules -> ranked suggestions with evidence.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadKnowledgeBase } from '../icd/loader';
import { tokenize } from '../icd/text';
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import { ContextDetector, type SentenceContext } from '../note/context/ContextDetector';
import type { Encoder, CodeEmbeddingIndex } from '../encoder/index';
import { resolveModelsDir } from '../common/paths';
import type { CodingOptions, CodingPolicy, CodingResult, Evidence, MatchReason, Suggestion, SuggestionStatus } from './types';
import { TermLexicon, knowledgeBaseFingerprint, type SerializedLexicon } from './term-lexicon';
import { LearnedLexicon, type LearnedPhrase } from './learned-lexicon';
import { phraseChecker } from './learned-phrase-check';
import { CodePriors, type PriorsData } from './priors';
import { LogisticScorer, type ScorerModel } from './scorer';
import { GbdtScorer, type GbdtModel } from './gbdt';

/** Either scorer family: a probability per candidate plus the tuned thresholds. */
export type Scorer = { score(x: Float64Array): number; readonly model: { threshold: { mentions: number; billing: number } } };
import { analyzeSentence, sentenceKey, type Mention, type SentenceAnalysis } from './mentions';
import { dedupeEvidence } from './dedupeEvidence';
import { computeFeatures, explains, type CodeCandidate, type PlacedMention, type SpanStats } from './features';
import { viewNote } from './note-adapter';
import type { NoteView } from './note-view';
import { applyCodingRules } from './rules/index';
import { RULE_IDS } from './rules/registry';
import { LruCache } from '../encoder/lru-cache';
import { NeoplasmMatcher } from './neoplasm';
import { canNameCondition, phraseChunks, type Chunk } from './chunks';

export interface EngineCreateOptions {
  kb?: IcdKnowledgeBase;
  /** `null` disables the encoder; `undefined` loads the shipped one (falling back to lexical-only). */
  encoder?: Encoder | null;
  codeIndex?: CodeEmbeddingIndex | null;
  /** Where an index built for a custom encoder (one the shipped index was not built with) is cached. */
  codeIndexCacheDir?: string;
  modelsDir?: string;
  onWarning?(m: string): void;
  /** Training only: override the shipped priors / learned phrases / scorer. */
  priors?: CodePriors;
  learned?: LearnedLexicon | null;
  scorer?: Scorer | null;
}

const SCORER_DIR = 'scorer';
/** Codes retrieved per phrase chunk; 0 keeps the encoder to re-scoring lexical candidates. */
const ENCODER_TOP_K = 3;
const ENCODER_MIN_SIM = 0.7;

/** Fallback when no trained scorer ships: a hand-set logistic over the strongest signals. */
function heuristicProbability(x: Float64Array, names: string[]): number {
  const g = (n: string) => x[names.indexOf(n)] ?? 0;
  const z = -2 + 1.2 * g('best_nkeys') + 1.5 * g('best_tight') - 2 * g('all_subsumed') - 3 * g('frac_negated') - 2 * g('frac_other') + 0.5 * g('src_index');
  return 1 / (1 + Math.exp(-z));
}

/** What the encoder adds for one sentence: best similarity per lexical candidate, and the codes it retrieved. */
interface SentenceEncoding { sims: Map<string, number>; mentions: Mention[] }

export class CodingEngine {
  private readonly detector = new ContextDetector();
  private readonly sentenceCache = new LruCache<string, SentenceAnalysis>(4000);
  private readonly simCache = new LruCache<string, Float32Array>(8000);
  private readonly hitCache = new LruCache<string, { code: string; score: number }[]>(8000);
  /** The encoder's contribution per sentence (by sentence key, like `sentenceCache`). */
  private readonly encodingCache = new LruCache<string, SentenceEncoding>(4000);
  private neoplasm: NeoplasmMatcher | undefined;
  private readonly inCodeTexts = (token: string) => this.kb.hasSearchToken(token);
  private encoderError: string | undefined;

  private constructor(
    readonly kb: IcdKnowledgeBase,
    readonly lexicon: TermLexicon,
    readonly learned: LearnedLexicon | undefined,
    readonly priors: CodePriors,
    readonly scorer: Scorer | undefined,
    /** Scorer trained without encoder features, used when the encoder is off or unavailable. */
    readonly lexicalScorer: Scorer | undefined,
    private readonly encoder: Encoder | undefined,
    private readonly codeIndex: CodeEmbeddingIndex | undefined,
    readonly startupWarnings: string[],
    /** Second stage for encounter notes (billing): whether a coder codes the ruled suggestion for the visit. */
    readonly visitScorers: VisitScorers = {},
  ) {}

  get hasEncoder(): boolean { return !!(this.encoder && this.codeIndex); }

  /** A sibling engine sharing the knowledge base, lexicon and encoder but with other learned parts (training). */
  withModels(parts: { learned?: LearnedLexicon | null; priors?: CodePriors; scorer?: Scorer | null; lexicalScorer?: Scorer | null; visit?: VisitScorers }): CodingEngine {
    return new CodingEngine(this.kb, this.lexicon,
      parts.learned === undefined ? this.learned : parts.learned ?? undefined,
      parts.priors ?? this.priors,
      parts.scorer === undefined ? this.scorer : parts.scorer ?? undefined,
      parts.lexicalScorer === undefined ? this.lexicalScorer : parts.lexicalScorer ?? undefined,
      this.encoder, this.codeIndex, this.startupWarnings, parts.visit ?? this.visitScorers);
  }

  static async create(opts: EngineCreateOptions = {}): Promise<CodingEngine> {
    const warnings: string[] = [];
    const warn = (m: string) => { warnings.push(m); opts.onWarning?.(m); };
    const modelsDir = opts.modelsDir ?? resolveModelsDir();
    const kb = opts.kb ?? loadKnowledgeBase(modelsDir);
    const scorerDir = path.join(modelsDir, SCORER_DIR);
    const lexicon = loadLexicon(kb, scorerDir, warn);
    const readJson = <T>(file: string): T | undefined => {
      const p = path.join(scorerDir, file);
      try { return JSON.parse(fs.readFileSync(p, 'utf8')) as T; } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read ${p}: ${(e as Error).message}; reinstall or run "npm run train:scorer"`);
        return undefined;
      }
    };
    let priors = opts.priors;
    if (!priors) { const d = readJson<PriorsData>('priors.json'); priors = d ? new CodePriors(d) : CodePriors.empty(); }
    let learned: LearnedLexicon | undefined;
    if (opts.learned !== undefined) learned = opts.learned ?? undefined;
    else {
      const d = readJson<{ phrases: [string, string, number, number][] }>('learned-lexicon.json');
      // Only phrases that name their code's condition are evidence (the file may predate the check).
      const check = phraseChecker(kb, lexicon.conditionless.size ? lexicon.conditionless : undefined);
      if (d) learned = new LearnedLexicon(d.phrases.map(([keys, code, support, precision]): LearnedPhrase => ({ keys, code, support, precision })).filter((p) => check(p.keys, p.code) === 'names the condition'));
    }
    let scorer: Scorer | undefined, lexicalScorer: Scorer | undefined;
    if (opts.scorer !== undefined) scorer = lexicalScorer = opts.scorer ?? undefined;
    else {
      scorer = loadScorer(readJson<ScorerModel | GbdtModel>('scorer.json'));
      lexicalScorer = loadScorer(readJson<ScorerModel | GbdtModel>('scorer-lexical.json'));
      if (!scorer && !lexicalScorer) warn('no trained scorer in models/scorer: confidences are heuristic (run "npm run train:scorer")');
    }
    let encoder: Encoder | undefined, codeIndex: CodeEmbeddingIndex | undefined;
    if (opts.encoder !== null) {
      try {
        const { createOnnxEncoder, CodeEmbeddingIndex: Index, loadOrBuildCodeIndex, sameEncoderModel } = await import('../encoder/index');
        const enc = opts.encoder ?? (await createOnnxEncoder({ modelDir: path.join(modelsDir, 'encoder') }));
        const shippedDir = path.join(modelsDir, 'embeddings');
        let idx = opts.codeIndex ?? Index.load(shippedDir);
        // A custom model's vectors mean nothing against the shipped index: its own index is built once and cached.
        if (!opts.codeIndex && !sameEncoderModel(idx.meta.model, enc.id)) {
          if (!opts.codeIndexCacheDir) throw new Error(`the code index was built by ${idx.meta.model}, not by ${enc.id}, and there is no cache folder to build one in`);
          idx = await loadOrBuildCodeIndex(enc, kb, { cacheDir: opts.codeIndexCacheDir, shippedDir: null });
        }
        encoder = enc; codeIndex = idx;
        if (idx.dim !== enc.dim) throw new Error(`code index dimension ${codeIndex.dim} differs from encoder dimension ${encoder.dim}; run "npm run build:embeddings"`);
      } catch (e) {
        encoder = undefined; codeIndex = undefined;
        warn(`encoder unavailable, coding lexical-only: ${(e as Error).message}`);
      }
    }
    const visit: VisitScorers = {};
    if (opts.scorer === undefined) {
      const v = readJson<ScorerModel>(VISIT_SCORER.encoder), vl = readJson<ScorerModel>(VISIT_SCORER.lexical);
      if (v) visit.encoder = new LogisticScorer(v, VISIT_FEATURE_NAMES);
      if (vl) visit.lexical = new LogisticScorer(vl, VISIT_FEATURE_NAMES);
    }
    return new CodingEngine(kb, lexicon, learned, priors, scorer, lexicalScorer, encoder, codeIndex, warnings, visit);
  }

  /** The scorer for a call: the encoder-aware one when encoder features are present. */
  scorerFor(useEncoder: boolean): Scorer | undefined {
    return useEncoder && this.hasEncoder ? this.scorer ?? this.lexicalScorer : this.lexicalScorer ?? this.scorer;
  }

  defaultThreshold(policy: CodingPolicy, useEncoder = true): number {
    return this.scorerFor(useEncoder)?.model.threshold[policy] ?? 0.5;
  }

  private cacheHits = 0;
  private cacheMisses = 0;

  /** Sentence-cache counters (incremental re-coding reuses the analyses of unchanged sentences). */
  cacheStats(): { hits: number; misses: number; size: number } {
    return { hits: this.cacheHits, misses: this.cacheMisses, size: this.sentenceCache.size };
  }

  /** Sentences and per-sentence analyses (cached by sentence text, section and abbreviations). */
  analyze(text: string): { view: NoteView; analyses: SentenceAnalysis[] } {
    const view = viewNote(text);
    const analyses = view.sentences.map((s) => {
      const key = sentenceKey(s, view.abbreviations);
      let a = this.sentenceCache.get(key);
      if (a) this.cacheHits++;
      else { this.cacheMisses++; a = analyzeSentence(s, view.abbreviations, this.lexicon, this.learned, this.detector, (this.neoplasm ??= new NeoplasmMatcher(this.kb))); this.sentenceCache.set(key, a); }
      return a;
    });
    return { view, analyses };
  }

  /** Candidate codes with their mentions placed in the note (absolute offsets). */
  async candidates(text: string, useEncoder = true): Promise<{ candidates: CodeCandidate[]; similarity: Map<string, number>; view: NoteView }> {
    const { view, analyses } = this.analyze(text);
    const byCode = new Map<string, PlacedMention[]>();
    const place = (m: Mention, i: number) => {
      const s = view.sentences[i];
      const pm: PlacedMention = { ...m, start: m.start + s.start, end: m.end + s.start, sentence: i, sentenceStart: s.start, sentenceEnd: s.end, role: s.role, sectionKind: s.section?.kind };
      let l = byCode.get(m.code);
      if (!l) byCode.set(m.code, (l = []));
      l.push(pm);
    };
    analyses.forEach((a, i) => { for (const m of a.mentions) place(m, i); });
    const similarity = new Map<string, number>();
    if (useEncoder && this.encoder && this.codeIndex) {
      // The encoder's work per sentence (similarities of its lexical candidates, codes retrieved for wording the
      // lexicon missed) depends only on the sentence, so it is cached by sentence like the lexical analysis:
      // after an edit only the changed sentences are embedded and searched.
      const keys = view.sentences.map((s) => sentenceKey(s, view.abbreviations));
      const encoded: (SentenceEncoding | undefined)[] = keys.map((k) => this.encodingCache.get(k));
      const fresh = new Map<number, SentenceEncoding>();
      // Phrase-sized chunks are the queries (a concept encoder matches phrases, not whole sentences).
      const queries: { sentence: number; chunk: Chunk; covered: boolean }[] = [];
      encoded.forEach((e, i) => {
        if (e) return;
        fresh.set(i, { sims: new Map(), mentions: [] });
        const mentions = analyses[i].mentions;
        for (const chunk of phraseChunks(view.sentences[i].text)) {
          const covered = mentions.some((m) => m.start < chunk.end && chunk.start < m.end);
          // A chunk no lexical mention touches is searched only if it can name a condition ("There", "T2 axial",
          // "four times" cannot): most chunks of a note are such filler, and each search costs more than its embedding.
          if (covered || canNameCondition(chunk.text, tokenize, this.inCodeTexts)) queries.push({ sentence: i, chunk, covered });
        }
      });
      const texts = queries.map((q) => q.chunk.text);
      let vecs: Float32Array[] = [], hitsPer: { code: string; score: number }[][] = [];
      try {
        const missing = [...new Set(texts.filter((t) => !this.simCache.get(t)))];
        if (missing.length) {
          const got = await this.encoder.embed(missing);
          missing.forEach((t, j) => this.simCache.set(t, got[j]));
        }
        vecs = texts.map((t) => this.simCache.get(t)!);
        // Retrieval is for wording the lexicon missed: only chunks no lexical mention touches are searched.
        // Hits are also cached by chunk text: the same phrase recurs across sentences and notes.
        const cached = queries.map((q, j) => (q.covered ? [] : this.hitCache.get(texts[j])));
        hitsPer = cached.map((h) => h ?? []);
        const toSearch = queries.map((_q, j) => j).filter((j) => !cached[j]);
        if (toSearch.length) {
          // Only hits >= ENCODER_MIN_SIM are kept below, so a query with nothing near that stops early.
          const found = this.codeIndex.searchMany(toSearch.map((j) => vecs[j]), ENCODER_TOP_K, { minScore: ENCODER_MIN_SIM });
          toSearch.forEach((j, n) => { this.hitCache.set(texts[j], found[n]); hitsPer[j] = found[n]; });
        }
      } catch (e) {
        // A failing encoder never fails coding: this note is coded lexically, with a warning (nothing cached).
        this.encoderError = `encoder failed, coded lexical-only: ${(e as Error).message}`;
        queries.length = 0;
        fresh.clear();
      }
      const ctxOf = new Map<number, SentenceContext>();
      queries.forEach((q, j) => {
        const vec = vecs[j];
        const s = view.sentences[q.sentence];
        const out = fresh.get(q.sentence)!;
        // Similarity of lexical candidates to the chunks they overlap.
        for (const m of analyses[q.sentence].mentions) {
          if (m.end <= q.chunk.start || m.start >= q.chunk.end) continue;
          const cv = this.codeIndex!.vector(m.code);
          if (!cv) continue;
          let dot = 0;
          for (let k = 0; k < cv.length; k++) dot += cv[k] * vec[k];
          if (dot > (out.sims.get(m.code) ?? -1)) out.sims.set(m.code, dot);
        }
        for (const hit of hitsPer[j]) {
          if (hit.score < ENCODER_MIN_SIM || !this.kb.isBillable(hit.code)) continue;
          if (hit.score > (out.sims.get(hit.code) ?? -1)) out.sims.set(hit.code, hit.score);
          let sc = ctxOf.get(q.sentence);
          if (!sc) ctxOf.set(q.sentence, (sc = this.detector.analyze(s.text, s.section ?? s.role)));
          const ctx = sc.at(q.chunk.start, q.chunk.end);
          out.mentions.push({
            code: hit.code, source: 'encoder', matched: this.kb.get(hit.code)?.longTitle ?? hit.code, start: q.chunk.start, end: q.chunk.end,
            nKeys: 0, window: 0, optionalHits: 0, depth: 0, rarity: 0, subsumed: false, viaAbbreviation: false, needsMoreSpecificity: false,
            similarity: hit.score, negation: ctx.negation, temporality: ctx.temporality, experiencer: ctx.experiencer,
          });
        }
      });
      for (const [i, e] of fresh) { this.encodingCache.set(keys[i], e); encoded[i] = e; }
      encoded.forEach((e, i) => {
        if (!e) return;
        for (const [code, sim] of e.sims) if (sim > (similarity.get(code) ?? -1)) similarity.set(code, sim);
        for (const m of e.mentions) place(m, i);
      });
    }
    const candidates = [...byCode].map(([code, mentions]) => ({ code, mentions }));
    return { candidates, similarity, view };
  }

  /** Feature vectors for candidates (exposed for training). */
  featurize(candidates: CodeCandidate[], similarity: Map<string, number>, noteLength: number, priors: CodePriors = this.priors): Float64Array[] {
    const spans = spanStats(candidates, priors);
    return candidates.map((c) => {
      const e = this.kb.get(c.code);
      return computeFeatures(c, { title: e?.longTitle ?? '', chapter: e?.chapter.number ?? 0 }, spans.get(c.code)!, noteLength, similarity.get(c.code));
    });
  }

  /** Candidates through the scorer and the coding rules, before the visit stage and the threshold. */
  private async ruled(text: string, opts: CodingOptions, warnings: string[]) {
    const policy: CodingPolicy = opts.policy ?? 'billing';
    // Encoder features only help a scorer trained with them; without one, skip the encoder's cost.
    const useEncoder = opts.useEncoder !== false && this.hasEncoder && !!this.scorer;
    this.encoderError = undefined;
    const { candidates, similarity, view } = await this.candidates(text, useEncoder);
    if (this.encoderError) warnings.push(this.encoderError);
    const X = this.featurize(candidates, similarity, text.length);
    const encoded = useEncoder && !this.encoderError;
    const scorer = this.scorerFor(encoded);
    const probs = X.map((x) => (scorer ? scorer.score(x) : heuristicProbability(x, FEATURE_NAMES_FALLBACK)));
    const inpatient = opts.setting ? opts.setting === 'inpatient' : !!opts.codeUncertainAsConfirmed;
    const scored: ScoredCandidate[] = candidates.map((c, i) => {
      const status = statusOf(c.mentions, policy, inpatient);
      const current = status === 'historical' && (chronicAndCurrent(c.code, c.mentions, text, candidates) || resolvedThisStay(c.mentions, text, inpatient));
      return { ...c, confidence: probs[i], status: current ? 'active' : status };
    });
    const disabled = new Set(opts.disabledRules ?? []);
    for (const id of disabled) if (!RULE_IDS.has(id)) warnings.push(`unknown coding rule "${id}" in the disabled rules (ignored); "clinical-coder rules" lists them`);
    const ruled = applyCodingRules(this.kb, scored, policy, text, view, disabled);
    // A visit note is what the visit stage learned from; a bare assessment line or a problem list keeps the first stage's confidence.
    const encounter = isVisitNote(view);
    return { ruled, policy, encoded, encounter };
  }

  /**
   * The visit stage's inputs for one note (training and cross-validation): active codes read from words, with
   * their features and whether the assessment writes them out; and the codes rules added, decided as they are.
   * Undefined for a note the visit stage does not read.
   */
  async visitRows(text: string, opts: CodingOptions = {}): Promise<{ rows: { code: string; x: Float64Array; written: boolean }[]; fixed: string[] } | undefined> {
    if (typeof text !== 'string' || !text.trim()) return undefined;
    const { ruled, encounter, encoded } = await this.ruled(text, { ...opts, policy: 'billing' }, []);
    if (!encounter) return undefined;
    const X = visitFeatures(this.kb, ruled);
    const threshold = this.defaultThreshold('billing', encoded);
    const rows: { code: string; x: Float64Array; written: boolean }[] = [], fixed: string[] = [];
    ruled.forEach((c, i) => {
      if (c.status !== 'active') return;
      if (readFromWords(c)) rows.push({ code: c.code, x: X[i], written: writtenInAssessment(c, text) || pairedWithCombination(c, ruled, threshold) });
      else if (c.confidence >= threshold) fixed.push(c.code);
    });
    return { rows, fixed };
  }

  async code(text: string, opts: CodingOptions = {}): Promise<CodingResult> {
    const t0 = performance.now();
    const warnings = [...this.startupWarnings];
    if (typeof text !== 'string' || !text.trim()) return { suggestions: [], warnings, timings: { totalMs: 0 } };
    const { ruled, policy, encoded, encounter } = await this.ruled(text, opts, warnings);
    const t1 = performance.now();
    const threshold = opts.threshold ?? this.defaultThreshold(policy, encoded);
    const visit = encoded ? this.visitScorers.encoder ?? this.visitScorers.lexical : this.visitScorers.lexical ?? this.visitScorers.encoder;
    if (policy === 'billing' && encounter && visit) {
      // On the engine's own scale: the visit stage's threshold lands on the default threshold.
      const shift = logit(this.defaultThreshold('billing', encoded)) - logit(visit.model.threshold.billing);
      const X = visitFeatures(this.kb, ruled);
      const floor = this.defaultThreshold('billing', encoded);
      const kept = new Set(ruled.filter((c) => c.status === 'active' && readFromWords(c) && (writtenInAssessment(c, text) || pairedWithCombination(c, ruled, floor))));
      ruled.forEach((c, i) => {
        if (c.status !== 'active' || !readFromWords(c)) return;
        const written = kept.has(c);
        c.confidence = 1 / (1 + Math.exp(-(logit(visit.score(X[i])) + shift)));
        if (c.confidence < floor && written) c.confidence = floor;
      });
    }
    const suggestions = ruled.map((c) => this.toSuggestion(c, text));
    const out = suggestions
      .filter((s) => s.confidence >= threshold && (opts.all || s.status === 'active'))
      .sort((a, b) => b.confidence - a.confidence || (a.code < b.code ? -1 : 1))
      .slice(0, opts.maxSuggestions ?? 200);
    return { suggestions: out, warnings, timings: { candidatesMs: t1 - t0, totalMs: performance.now() - t0 } };
  }

  private toSuggestion(c: RuledCandidate, text: string): Suggestion {
    const e = this.kb.get(c.code);
    const evidence: Evidence[] = dedupeEvidence(c.mentions).slice(0, 8).map((m) => ({
      start: m.start, end: m.end, text: text.slice(m.start, m.end), why: reasonOf(m), matched: m.matched,
      sentenceStart: m.sentenceStart, sentenceEnd: m.sentenceEnd, section: m.sectionKind ?? m.role,
      negation: m.negation, temporality: m.temporality, experiencer: m.experiencer,
      ...(m.similarity !== undefined ? { similarity: Math.round(m.similarity * 1000) / 1000 } : {}),
    }));
    return {
      code: c.code, title: e?.longTitle ?? c.code, confidence: Math.round(c.confidence * 10000) / 10000, status: c.status,
      billable: e?.billable ?? false, evidence, alternatives: c.alternatives ?? [], ...(c.notes?.length ? { notes: c.notes } : {}),
      ...(c.rules?.length ? { rules: c.rules } : {}),
    };
  }
}

import { FEATURE_NAMES as FEATURE_NAMES_FALLBACK } from './features';
import { VISIT_FEATURE_NAMES, isVisitNote, pairedWithCombination, readFromWords, visitFeatures, writtenInAssessment } from './visit-features';

export interface VisitScorers { encoder?: LogisticScorer; lexical?: LogisticScorer }
export const VISIT_SCORER = { encoder: 'visit-scorer.json', lexical: 'visit-scorer-lexical.json' } as const;
const logit = (p: number) => { const q = Math.min(1 - 1e-6, Math.max(1e-6, p)); return Math.log(q / (1 - q)); };
import type { RuledCandidate, ScoredCandidate } from './rules/types';

export const LEXICON_CACHE = 'lexicon.json.gz';

/** The shipped lexicon when it was built from this knowledge base; otherwise built now (seconds). */
function loadLexicon(kb: IcdKnowledgeBase, scorerDir: string, warn: (m: string) => void): TermLexicon {
  const file = path.join(scorerDir, LEXICON_CACHE);
  if (fs.existsSync(file)) {
    try {
      const d = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as SerializedLexicon;
      const want = knowledgeBaseFingerprint(kb);
      if (d.fingerprint === want) return TermLexicon.deserialize(d);
      // Same official source files and normaliser, a different KB build: reuse it, keeping only codes
      // the loaded knowledge base still has as billable (re-deriving costs seconds at every start).
      if (d.fingerprint.split(':').slice(0, 3).join(':') === want.split(':').slice(0, 3).join(':')) {
        return TermLexicon.deserialize(d, (code) => kb.isBillable(code));
      }
    } catch (e) {
      warn(`ignoring ${file}: ${(e as Error).message}; building the lexicon from the knowledge base`);
    }
  }
  return TermLexicon.fromKnowledgeBase(kb);
}

function loadScorer(m: ScorerModel | GbdtModel | undefined): Scorer | undefined {
  if (m?.format === 'clinical-coder/scorer') return new LogisticScorer(m, FEATURE_NAMES_FALLBACK);
  if (m?.format === 'clinical-coder/scorer-gbdt') return new GbdtScorer(m, FEATURE_NAMES_FALLBACK);
  return undefined;
}

function reasonOf(m: PlacedMention): MatchReason {
  if (m.source === 'learned') return 'learned';
  if (m.viaAbbreviation) return 'abbreviation';
  return m.source;
}

/**
 * Chronic conditions do not end: "PMH: HTN, T2DM" and "history of hypertension" in a US note mean the patient has them
 * now, so under billing they are coded as current, not as a personal-history Z code, unless the sentence says they
 * ended ("resolved", "in remission", "as a child").
 */
const CHRONIC = /^(I1[0-6A]|I25|I27|I42|I48|I50|I70\.2|I73\.9|E0[3-5]|E0[89]|E1[0-3]|E66|E78|N18|N40|J44|J45|J47|J84|K21|K5[01]|K58|K70|K74|G20|G35|G40|G43|G47\.3|G62|G63|F0[1-3]|F20|F31|F3[23]|F41|F84|F90|B20|L40|M05|M06|M10|M1A|M1[5-9]|M32|M81|H40|D63)/;
const ENDED = /\b(resolved|resolution|remission|cured|no longer|as a child|in childhood|childhood)\b/i;

function chronicAndCurrent(code: string, ms: PlacedMention[], text: string, all: readonly CodeCandidate[]): boolean {
  if (!CHRONIC.test(code)) return false;
  // A word inside a longer phrase of another, non-chronic condition is not the chronic condition ("diabetes" in
  // "history of gestational diabetes"); inside a longer chronic phrase ("HTN ... CKD" -> I12.9) it still is.
  const insideOther = (m: PlacedMention) => all.some((c) => c.code !== code && !CHRONIC.test(c.code)
    && c.mentions.some((n) => explains(n, m)));
  if (ms.every((m) => m.subsumed && insideOther(m))) return false;
  return !ms.some((m) => m.temporality === 'historical' && ENDED.test(text.slice(m.sentenceStart, m.sentenceEnd)));
}

/**
 * "Acute kidney injury, resolved" among the discharge diagnoses: treated in this stay, so coded (billing). Only for a
 * stay: the inpatient setting or a discharge-diagnosis list; at an office visit a resolved condition is not current.
 */
function resolvedThisStay(ms: PlacedMention[], text: string, inpatient: boolean): boolean {
  return ms.some((m) => {
    if (m.role !== 'diagnosis' || m.subsumed) return false;
    if (!inpatient && m.sectionKind !== 'discharge_diagnoses') return false;
    const sentence = text.slice(m.sentenceStart, m.sentenceEnd);
    return /\bresolv(ed|ing)\b/i.test(sentence) && !/\b(history of|hx of|h\/o|prior|previous|past)\b/i.test(sentence);
  });
}

/** The status of a code from the context of its mentions: the patient's own, present condition wins. */
export function statusOf(ms: PlacedMention[], policy: CodingPolicy, uncertainAsConfirmed: boolean): SuggestionStatus {
  let hasHist = false, hasUnc = false, hasFam = false;
  for (const m of ms) {
    if (m.experiencer === 'other') { hasFam = true; continue; }
    if (m.negation === 'negated') continue;
    if (m.negation === 'possible' || m.temporality === 'hypothetical') { hasUnc = true; continue; }
    if (m.temporality === 'historical') { hasHist = true; continue; }
    return 'active';
  }
  if (hasHist) return policy === 'mentions' ? 'active' : 'historical';
  if (hasUnc) return uncertainAsConfirmed && policy === 'billing' ? 'active' : 'uncertain';
  if (hasFam) return 'family';
  return 'negated';
}

/** For each candidate: how many codes share its best span, and whether it has the best prior among them. */
function spanStats(cands: CodeCandidate[], priors: CodePriors): Map<string, SpanStats> {
  const bySpan = new Map<string, string[]>();
  for (const c of cands) for (const m of c.mentions) {
    if (m.source === 'encoder') continue;
    const k = `${m.start}:${m.end}`;
    let l = bySpan.get(k);
    if (!l) bySpan.set(k, (l = []));
    if (!l.includes(c.code)) l.push(c.code);
  }
  const out = new Map<string, SpanStats>();
  for (const c of cands) {
    let competitors = 0, rankFirst = false;
    for (const m of c.mentions) {
      if (m.source === 'encoder') continue;
      const l = bySpan.get(`${m.start}:${m.end}`)!;
      competitors = Math.max(competitors, l.length - 1);
      const best = l.reduce((a, b) => (priors.candidatePrecision(b) > priors.candidatePrecision(a) ? b : a));
      if (best === c.code) rankFirst = true;
    }
    out.set(c.code, { competitors, rankFirst });
  }
  return out;
}
