// `npm run bench:encoder`: retrieval quality of our encoder vs two baselines (char-trigram TF-IDF, USE-lite) on
// (a) held-out Alphabetic Index main terms, (b) CodiEsp dev notes and (c) aci-dev evidence quotes, then speed (load, per-sentence latency,
// tokens/s vs the CPU's measured MatMul throughput, exact and two-stage top-k). Flags: --no-use, --quick, --threads N, --model DIR.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFlags } from '../command';
import { resolveModelsDir, resolveProjectRoot, resolveSharedDataDir } from '../../common/paths';
import { loadKnowledgeBase } from '../../icd';
import { CodeEmbeddingIndex, defaultCodeIndexDir, DEFAULT_PROBES, type CodeIndexStorage, type SearchOptions } from '../../encoder/code-index';
import { phraseChunks } from '../../coder/chunks';
import { buildCodeText, type CodeTextOptions } from '../../encoder/code-text';
import { createOnnxEncoder, defaultEncoderDir, type OnnxEncoder } from '../../encoder/onnx-encoder';
import { textRecipe } from '../../encoder/index-builder';
import type { CodeHit, Encoder } from '../../encoder/types';
import type { Benchmark } from './registry';
import { loadAciQuotes, loadCodiespDev, loadHeldOut, maxPool, noteRecall, rankMetrics, type DevNote, type NoteRecall, type RankMetrics } from './encoder/datasets';
import { TrigramTfidf } from './encoder/tfidf-trigram';
import { createUseLiteEncoder } from './encoder/use-lite';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Seeded subset of code indices: every gold code plus random codes up to `size` (sorted). */
function candidateSubset(codes: string[], gold: string[], size: number): number[] {
  const pos = new Map(codes.map((c, i) => [c, i]));
  const chosen = new Set<number>();
  for (const g of gold) { const i = pos.get(g); if (i !== undefined) chosen.add(i); }
  let s = 12345;
  while (chosen.size < Math.min(size, codes.length)) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    chosen.add(s % codes.length);
  }
  return [...chosen].sort((a, b) => a - b);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface System {
  name: string;
  /** Ranked codes for each query text (k deep). */
  rank(queries: string[], k: number): Promise<string[][]>;
  /** Per-sentence hit lists for the note evaluation. */
  sentenceHits(sentences: string[], k: number): Promise<CodeHit[][]>;
}

function denseSystem(name: string, enc: Encoder, index: CodeEmbeddingIndex, search: SearchOptions = { exact: true }): System {
  return {
    name,
    async rank(queries, k) {
      return index.searchMany(await enc.embed(queries), k, search).map((h) => h.map((x) => x.code));
    },
    async sentenceHits(sentences, k) {
      return index.searchMany(await enc.embed(sentences), k, search);
    },
  };
}

/** A quote ranked as the engine queries it: its phrase chunks, max similarity per code (the whole quote if none). */
function chunkSystem(name: string, enc: Encoder, index: CodeEmbeddingIndex, search: SearchOptions): System {
  const base = denseSystem(name, enc, index, search);
  return {
    ...base,
    async rank(queries, k) {
      const out: string[][] = [];
      for (const q of queries) {
        const chunks = phraseChunks(q).map((c) => c.text);
        out.push(maxPool(await base.sentenceHits(chunks.length ? chunks : [q], k), k));
      }
      return out;
    },
  };
}

function tfidfSystem(tf: TrigramTfidf): System {
  return {
    name: 'tfidf-char3',
    async rank(queries, k) {
      return queries.map((q) => tf.search(q, k).map((h) => h.code));
    },
    async sentenceHits(sentences, k) {
      return sentences.map((s) => tf.search(s, k));
    },
  };
}

/** Embeds code texts, reusing an existing index's vectors where the text is unchanged and the model is the same. */
async function indexFor(enc: Encoder, codes: string[], texts: string[], reuse?: { index: CodeEmbeddingIndex; texts: string[] }, storage: CodeIndexStorage = 'int8', recipe = ''): Promise<{ index: CodeEmbeddingIndex; embedded: number }> {
  const vectors: Float32Array[] = new Array(codes.length);
  const todo: number[] = [];
  const pos = reuse ? new Map(reuse.index.codes.map((c, i) => [c, i])) : undefined;
  codes.forEach((c, i) => {
    const j = pos?.get(c);
    if (reuse && j !== undefined && reuse.texts[j] === texts[i] && reuse.index.meta.model === enc.id) vectors[i] = reuse.index.vector(c)!;
    else todo.push(i);
  });
  const CH = 2048;
  for (let s = 0; s < todo.length; s += CH) {
    const ids = todo.slice(s, s + CH);
    const v = await enc.embed(ids.map((i) => texts[i]));
    ids.forEach((i, j) => { vectors[i] = v[j]; });
    if (todo.length > CH && process.stdout.isTTY) process.stdout.write(`\r  ${enc.id}: embedded ${Math.min(s + CH, todo.length)}/${todo.length} code texts`);
  }
  if (todo.length > CH && process.stdout.isTTY) process.stdout.write('\n');
  return { index: CodeEmbeddingIndex.fromVectors(codes, vectors, { model: enc.id, textRecipe: recipe }, storage), embedded: todo.length };
}

async function evalNotes(sys: System, notes: DevNote[], codeSet: Set<string>): Promise<NoteRecall & { ms: number }> {
  const t0 = performance.now();
  const cands: string[][] = [];
  for (const n of notes) cands.push(maxPool(await sys.sentenceHits(n.sentences, 100), 50));
  return { ...noteRecall(notes, cands, codeSet), ms: performance.now() - t0 };
}

/** Achieved GFLOP/s of a 256x512 @ 512x512 MatMul in onnxruntime (what this CPU gives a dense layer). */
async function matmulGflops(threads: number): Promise<number | undefined> {
  const file = path.join(resolveModelsDir(), 'train', 'matmul-peak.onnx');
  if (!fs.existsSync(file)) return undefined;
  const ort = await import('onnxruntime-node');
  const s = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const n = 256, k = 512, m = 512;
  const a = new ort.Tensor('float32', Float32Array.from({ length: n * k }, (_, i) => (i % 7) / 7), [n, k]);
  const b = new ort.Tensor('float32', Float32Array.from({ length: k * m }, (_, i) => (i % 5) / 5), [k, m]);
  for (let i = 0; i < 5; i++) await s.run({ A: a, B: b });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await s.run({ A: a, B: b });
    times.push(performance.now() - t0);
  }
  await s.release();
  return (2 * n * k * m) / (median(times) / 1000) / 1e9;
}

/** FLOPs per token of the encoder from its config (dense layers + attention at sequence length `seq`). */
function flopsPerToken(cfg: Record<string, unknown>, seq: number): number {
  const L = Number(cfg.num_hidden_layers ?? 0), D = Number(cfg.encoder_hidden_size ?? cfg.hidden_size), F = Number(cfg.intermediate_size ?? 0), O = Number(cfg.embedding_size ?? D);
  return 2 * (L * (4 * D * D + 2 * D * F) + D * O) + L * 4 * seq * D;
}

/** Codes in the candidate subset all three systems are compared on (USE-lite cannot embed all 74,719 here). */
const USE_SUBSET = 6000;

function useCacheFile(): string {
  return path.join(resolveProjectRoot(), '.cache', 'encoder-bench', 'use-lite.f16');
}

/** Precomputes the USE-lite baseline's embeddings (about 20 min on 2 cores) so bench runs only rank. */
async function fillUseCache(): Promise<void> {
  // same texts the bench gives USE-lite: subset code texts (held-out and full variants), queries, dev sentences
  const kb = loadKnowledgeBase();
  const held = loadHeldOut();
  const codes = [...kb.billableCodes()].map((e) => e.code);
  const codeSet = new Set(codes);
  const queries = held.queries.filter((q) => codeSet.has(q.code));
  const shared = resolveSharedDataDir();
  const notes = shared && fs.existsSync(path.join(shared, 'codiesp', 'dev')) ? loadCodiespDev(shared) : [];
  const subset = candidateSubset(codes, [...queries.map((q) => q.code), ...notes.flatMap((n) => n.gold)], USE_SUBSET).map((i) => codes[i]);
  const texts = new Set<string>(queries.map((q) => q.query));
  for (const n of notes) n.sentences.forEach((x) => texts.add(x));
  for (const c of subset) texts.add(buildCodeText(kb, c, { excludeMainTerms: new Set(held.mainTerms) }));
  for (const c of subset) texts.add(buildCodeText(kb, c));
  const use = await createUseLiteEncoder(useCacheFile(), (d, t) => process.stdout.write(`\ruse-lite: ${d}/${t}`));
  const all = [...texts];
  for (let i = 0; i < all.length; i += 2048) await use.embed(all.slice(i, i + 2048));
  use.save();
  console.log(`\nuse-lite cache holds ${all.length} texts`);
}

export const encoderBenchmark: Benchmark = {
  name: 'encoder',
  summary: 'clinical concept encoder: held-out index terms + CodiEsp dev vs TF-IDF and USE-lite; load/latency/top-k',
  async run(args) {
    const { flags } = parseFlags(args, ['no-use', 'quick', 'fill-use-cache']);
    if (flags.has('fill-use-cache')) return fillUseCache();
    const threads = Number(flags.get('threads') ?? 2);
    const modelDir = typeof flags.get('model') === 'string' ? String(flags.get('model')) : defaultEncoderDir();
    const quick = flags.has('quick');
    const withUse = !flags.has('no-use');
    const out: Record<string, unknown> = { threads, cpu: os.cpus()[0]?.model, cores: os.cpus().length };

    // ---- load
    const tLoad0 = performance.now();
    let enc: OnnxEncoder = await createOnnxEncoder({ modelDir, threads, batchSize: 32 });
    const loadCold = performance.now() - tLoad0;
    await enc.dispose();
    const tLoad1 = performance.now();
    enc = await createOnnxEncoder({ modelDir, threads, batchSize: 32 });
    const loadWarm = performance.now() - tLoad1;
    const cfg = JSON.parse(fs.readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    const onnxBytes = fs.statSync(path.join(modelDir, 'onnx', 'model.onnx')).size;
    console.log(`model ${enc.id}: dim ${enc.dim}, ${(onnxBytes / 1e6).toFixed(1)} MB; load ${ms(loadCold)} (first in process), ${ms(loadWarm)} (again)`);
    out.model = { id: enc.id, dim: enc.dim, onnxMB: onnxBytes / 1e6, loadMsCold: loadCold, loadMsWarm: loadWarm };

    const kb = loadKnowledgeBase();
    const codes = [...kb.billableCodes()].map((e) => e.code);
    const codeSet = new Set(codes);
    const held = loadHeldOut();
    let queries = held.queries.filter((q) => codeSet.has(q.code));
    if (quick) queries = queries.slice(0, 300);
    const evalOpts: CodeTextOptions = { excludeMainTerms: new Set(held.mainTerms) };
    const evalTexts = codes.map((c) => buildCodeText(kb, c, evalOpts));
    const fullTexts = codes.map((c) => buildCodeText(kb, c));
    const shared = resolveSharedDataDir();
    let notes: DevNote[] = [];
    if (shared && fs.existsSync(path.join(shared, 'codiesp', 'dev'))) notes = loadCodiespDev(shared);
    else console.log('(b) will be skipped: ../shared/data/codiesp/dev not found');
    if (quick) notes = notes.slice(0, 40);
    console.log(`code set: ${codes.length} billable FY2026 codes; held-out split: ${held.mainTerms.length} main terms, ${queries.length} queries; ${evalTexts.filter((t, i) => t !== fullTexts[i]).length} code texts lose held-out synonyms`);

    // USE-lite needs ~15 ms per text here, so all three systems are also compared on a seeded candidate subset
    // (every gold code of both sets + random billable codes up to `subsetSize`); ours and TF-IDF also on all codes.
    const subsetSize = Number(flags.get('subset') ?? USE_SUBSET);
    const subset = candidateSubset(codes, [...queries.map((q) => q.code), ...notes.flatMap((n) => n.gold)], subsetSize);
    const sub = { codes: subset.map((i) => codes[i]), evalTexts: subset.map((i) => evalTexts[i]), fullTexts: subset.map((i) => fullTexts[i]) };

    let shipped: CodeEmbeddingIndex | undefined;
    try {
      shipped = CodeEmbeddingIndex.load(defaultCodeIndexDir());
    } catch (e) {
      console.log(`(shipped code index not usable: ${(e as Error).message}; embedding all code texts)`);
    }
    const shippedOk = !!shipped && shipped.meta.model === enc.id;
    const tA = performance.now();
    const oursEval = await indexFor(enc, codes, evalTexts, shippedOk ? { index: shipped!, texts: fullTexts } : undefined, 'int8', textRecipe(evalOpts));
    const oursEval32 = await indexFor(enc, codes, evalTexts, undefined, 'fp32', textRecipe(evalOpts));
    const oursEval16 = CodeEmbeddingIndex.fromVectors(codes, codes.map((c) => oursEval32.index.vector(c)!), { model: enc.id, textRecipe: textRecipe(evalOpts) }, 'fp16');
    const oursFull = shippedOk ? shipped! : (await indexFor(enc, codes, fullTexts)).index;
    console.log(`ours: embedded ${oursEval.embedded} code texts for the held-out variant, all ${codes.length} again for the fp32/fp16 variants (${((performance.now() - tA) / 1000).toFixed(1)} s)`);
    const pick = (idx: CodeEmbeddingIndex, list: string[]) => CodeEmbeddingIndex.fromVectors(list, list.map((c) => idx.vector(c)!), { model: idx.meta.model, textRecipe: idx.meta.textRecipe }, 'fp32');
    let use: (Encoder & { save(): void }) | undefined;
    if (withUse) use = await createUseLiteEncoder(useCacheFile(), (d, t) => { if (t > 512 && process.stdout.isTTY) process.stdout.write(`\r  use-lite: ${d}/${t} new texts`); });

    const runA = async (label: string, systems: System[]) => {
      console.log(`\n(a) held-out index main terms, ${label}: query = term path, gold = billable code (MRR over the top 100)`);
      const res: Record<string, RankMetrics & { ms: number }> = {};
      for (const s of systems) {
        const t0 = performance.now();
        const ranked = await s.rank(queries.map((q) => q.query), 100);
        const r = (res[s.name] = { ...rankMetrics(ranked, queries.map((q) => q.code)), ms: performance.now() - t0 });
        console.log(`  ${s.name.padEnd(18)} R@1 ${pct(r.r1).padStart(6)}  R@10 ${pct(r.r10).padStart(6)}  MRR ${r.mrr.toFixed(3)}  (${(r.ms / queries.length).toFixed(2)} ms/query)`);
      }
      return res;
    };
    const runB = async (label: string, systems: System[]) => {
      if (!notes.length) return undefined;
      const nSent = notes.reduce((a, n) => a + n.sentences.length, 0);
      console.log(`\n(b) CodiEsp dev, ${label}: ${notes.length} notes, ${nSent} sentences; recall of gold diagnosis codes in the top-50 per note (max-pool over sentences)`);
      const res: Record<string, NoteRecall & { ms: number }> = {};
      for (const s of systems) {
        const r = (res[s.name] = await evalNotes(s, notes, codeSet));
        console.log(`  ${s.name.padEnd(18)} recall@50 exact ${pct(r.exact).padStart(6)}  category ${pct(r.category).padStart(6)}  (${r.goldCodes} gold codes, ${r.goldInCodeSet} billable FY2026; ${(r.ms / notes.length).toFixed(0)} ms/note)`);
      }
      return res;
    };

    // The same vectors with coarse lists: what the engine's two-stage search gives on this split.
    const oursEvalLists = CodeEmbeddingIndex.fromVectors(codes, codes.map((c) => oursEval.index.vector(c)!), { model: enc.id, textRecipe: textRecipe(evalOpts) }).buildPartition();
    out.heldOut = await runA(`all ${codes.length} billable codes`, [
      denseSystem('ours', enc, oursEval.index), denseSystem(`ours, two-stage (${DEFAULT_PROBES} lists)`, enc, oursEvalLists, {}), denseSystem('ours (fp16 index)', enc, oursEval16), denseSystem('ours (fp32 index)', enc, oursEval32.index), tfidfSystem(new TrigramTfidf(codes, evalTexts)),
    ]);
    // (c) aci-dev: each gold code's evidence quote (US outpatient wording) as the query, over the full code texts.
    const quotes = shared ? loadAciQuotes(shared).filter((q) => codeSet.has(q.code)) : [];
    if (!quotes.length) console.log('\n(c) aci-dev evidence quotes skipped: ../shared/data/aci-dev/gold.tsv not found');
    else {
      console.log(`\n(c) aci-dev evidence quotes: ${quotes.length} quotes of billable FY2026 gold codes, ${new Set(quotes.map((q) => q.noteId)).size} notes; query = quote, gold = its code`);
      const res: Record<string, RankMetrics> = {};
      for (const s of [denseSystem('ours, whole quote', enc, oursFull), chunkSystem('ours, phrase chunks', enc, oursFull, { exact: true }),
        chunkSystem('ours, chunks two-stage', enc, oursFull, {}), tfidfSystem(new TrigramTfidf(codes, fullTexts))]) {
        const r = (res[s.name] = rankMetrics(await s.rank(quotes.map((q) => q.quote), 100), quotes.map((q) => q.code)));
        console.log(`  ${s.name.padEnd(24)} R@1 ${pct(r.r1).padStart(6)}  R@10 ${pct(r.r10).padStart(6)}  MRR ${r.mrr.toFixed(3)}`);
      }
      out.aciQuotes = res;
    }
    out.codiespDev = await runB(`all ${codes.length} billable codes`, [denseSystem('ours', enc, oursFull), tfidfSystem(new TrigramTfidf(codes, fullTexts))]);
    const subA: System[] = [denseSystem('ours', enc, pick(oursEval.index, sub.codes)), tfidfSystem(new TrigramTfidf(sub.codes, sub.evalTexts))];
    const subB: System[] = [denseSystem('ours', enc, pick(oursFull, sub.codes)), tfidfSystem(new TrigramTfidf(sub.codes, sub.fullTexts))];
    if (use) {
      const tU = performance.now();
      subA.push(denseSystem('use-lite', use, (await indexFor(use, sub.codes, sub.evalTexts, undefined, 'fp32')).index));
      subB.push(denseSystem('use-lite', use, (await indexFor(use, sub.codes, sub.fullTexts, undefined, 'fp32')).index));
      console.log(`\nuse-lite: subset code texts embedded/cached in ${((performance.now() - tU) / 1000).toFixed(0)} s`);
    }
    out.heldOutSubset = await runA(`${sub.codes.length}-code candidate subset (all gold codes + seeded random billable codes)`, subA);
    out.codiespDevSubset = await runB(`${sub.codes.length}-code candidate subset`, subB);

    if (notes.length) {
      // ---- speed on real sentences
      const sentences = notes.flatMap((n) => n.sentences).slice(0, 1024);
      const cold = await createOnnxEncoder({ modelDir, threads, batchSize: 32, cacheSize: 0 });
      await cold.embed(sentences.slice(0, 64));
      const before = { ...cold.stats };
      const t0 = performance.now();
      await cold.embed(sentences);
      const wall = performance.now() - t0;
      const tokens = cold.stats.tokens - before.tokens;
      const padded = cold.stats.paddedTokens - before.paddedTokens;
      const inferMs = cold.stats.inferenceMs - before.inferenceMs;
      const tokPerSec = tokens / (wall / 1000);
      const fpt = flopsPerToken(cfg, padded / sentences.length);
      const gflops = await matmulGflops(threads);
      const achieved = (padded * fpt) / (wall / 1000) / 1e9;
      console.log(`\nspeed (${threads} threads, batches of 32): ${ms(wall / sentences.length)} per sentence (${sentences.length} dev sentences, ${(tokens / sentences.length).toFixed(1)} tokens avg), ${Math.round(tokPerSec)} tokens/s; the model (${cold.runtime === 'js' ? 'JS runtime' : 'onnxruntime'}) ${pct(inferMs / wall)} of the time, tokenisation the rest`);
      console.log(`  model: ${(fpt / 1e6).toFixed(3)} MFLOP/token -> ${achieved.toFixed(2)} GFLOP/s achieved; onnxruntime MatMul on this CPU: ${gflops ? gflops.toFixed(1) : '?'} GFLOP/s -> FLOP bound ${gflops ? Math.round((gflops * 1e9) / fpt) : '?'} tokens/s, we reach ${gflops ? pct(achieved / gflops) : '?'} of it`);
      out.speed = { msPerSentence: wall / sentences.length, tokensPerSec: tokPerSec, onnxShare: inferMs / wall, mflopPerToken: fpt / 1e6, achievedGflops: achieved, matmulGflops: gflops, paddingOverhead: padded / tokens };
      await cold.dispose();
    }

    // ---- top-k
    const idx = oursFull;
    const qv = await enc.embed(queries.slice(0, 64).map((q) => q.query));
    for (let i = 0; i < 3; i++) idx.search(qv[i], 10);
    const topk: Record<string, { msSingle: number; msPerQueryBatched: number }> = {};
    for (const [label, search] of [['exact', { exact: true }], [`two-stage (${DEFAULT_PROBES} lists)`, {}]] as [string, SearchOptions][]) {
      if (label !== 'exact' && !idx.partitioned) continue;
      idx.searchMany(qv.slice(0, 3), 10, search);
      const times: number[] = [];
      for (const q of qv) {
        const t0 = performance.now();
        idx.search(q, 10, search);
        times.push(performance.now() - t0);
      }
      const tm0 = performance.now();
      idx.searchMany(qv, 10, search);
      const many = (performance.now() - tm0) / qv.length;
      console.log(`top-10 over ${idx.size} codes x ${idx.dim} dims, ${label}: ${ms(median(times))} median single query, ${ms(many)} per query in searchMany(${qv.length})`);
      topk[label] = { msSingle: median(times), msPerQueryBatched: many };
    }
    out.topk = { codes: idx.size, dim: idx.dim, ...topk };
    use?.save();
    await enc.dispose();
    console.log(JSON.stringify({ bench: 'encoder', ...out }));
  },
};
