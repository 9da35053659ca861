// The engine worker thread: loads the coding engine once and answers the main thread's code, search and
// Code Explorer requests one at a time (the main thread sends at most one at a time; see engineSource.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { resolveModelsDir, resolveUserCacheDir } from '../common/paths';
import { CodingEngine } from '../coder/index';
import type { Encoder } from '../encoder/index';
import { detectSections } from '../note/index';
import type { NoteSection } from '../common/protocol';
import { createExplorerHandlers } from './explorerRequests';
import { HeapTrimmer } from './heapTrimmer';
import { codeInfo } from './codeInfo';
import type { EngineWorkerData, FromWorker, ToWorker, WorkerCodingResult } from './engineProtocol';

export async function runEngineWorker(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const data = workerData as EngineWorkerData;
  const post = (m: FromWorker) => port.postMessage(m);
  const t0 = performance.now();
  const warnings: string[] = [];
  let engine: CodingEngine;
  try {
    let encoder: Encoder | null = null;
    let encoderWarning: string | undefined;
    let model: string | undefined;
    // The engine consults the encoder only with a scorer trained on encoder features (models/scorer/scorer.json);
    // without one, loading the encoder would cost memory (~50 MB) for nothing.
    const encoderScorer = fs.existsSync(path.join(resolveModelsDir(), 'scorer', 'scorer.json'));
    if (data.encoderEnabled && !encoderScorer) encoderWarning = 'no encoder-trained scorer ships (models/scorer/scorer.json), so the engine codes lexically and the encoder is not loaded';
    else if (data.encoderEnabled) {
      const { openEncoder } = await import('../encoder/index');
      const choice = await openEncoder(data.modelPath || undefined, { threads: data.encoderThreads });
      encoder = choice.encoder ?? null;
      encoderWarning = choice.warning;
      if (encoder) model = choice.source === 'custom' ? `encoder: custom model ${data.modelPath}` : 'encoder: shipped model';
      if (encoderWarning) warnings.push(encoderWarning);
    }
    engine = await CodingEngine.create({ encoder, codeIndexCacheDir: path.join(resolveUserCacheDir(), 'code-index'), onWarning: (m) => warnings.push(m) });
    const lexicalReason = engine.hasEncoder && engine.scorer ? undefined
      : !data.encoderEnabled ? 'the encoder is turned off (clinicalCoder.encoder.enabled)'
        : engine.hasEncoder ? 'no encoder-trained scorer ships (models/scorer/scorer.json), so the engine codes lexically'
        : (encoderWarning ?? warnings.find((w) => /encoder|embedding/i.test(w)) ?? 'the encoder could not be loaded');
    post({ type: 'ready', loadMs: Math.round(performance.now() - t0), encoder: engine.hasEncoder, warnings, lexicalReason, ...(model && engine.hasEncoder ? { model } : {}) });
  } catch (e) {
    post({ type: 'fatal', error: `The coding engine could not load: ${(e as Error)?.message ?? e}. Reinstall the extension (models/ must be complete) and check "Clinical Coder: Show Log".` });
    return;
  }
  const explorer = createExplorerHandlers({ knowledgeBase: () => engine.kb }) as Record<string, (p: unknown) => Promise<unknown>>;
  // Knowledge-base facts per code do not change: computed once per code.
  const infoCache = new Map<string, ReturnType<typeof codeInfo>>();
  const infoOf = (code: string) => {
    let info = infoCache.get(code);
    if (!info) {
      if (infoCache.size > 5000) infoCache.clear();
      infoCache.set(code, (info = codeInfo(engine.kb, code)));
    }
    return info;
  };
  // The engine's startup warnings (e.g. "encoder unavailable") are shown once in the status bar, not on every note.
  const startup = new Set(engine.startupWarnings);
  const heap = new HeapTrimmer();
  // Fault injection for the protocol tests (test/lsp/robustness.test.ts): a note containing this text makes
  // the worker exit, as a crash in native code or an out-of-memory would. Unset in normal use.
  const exitOn = process.env.CLINICAL_CODER_FAULT_EXIT_ON;

  port.on('message', async (msg: ToWorker) => {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      if (msg.type === 'code') {
        if (exitOn && msg.text.includes(exitOn)) process.exit(70);
        const before = engine.cacheStats();
        const r = await engine.code(msg.text, msg.opts);
        const after = engine.cacheStats();
        const suggestions = r.suggestions.map((s) => ({ ...s, info: infoOf(s.code) }));
        const sections: NoteSection[] = [];
        try {
          for (const sec of detectSections(msg.text)) {
            if (sec.headerStart === undefined || sec.headerEnd === undefined) continue;
            sections.push({ title: sec.title ?? sec.kind, kind: sec.kind, start: sec.start, end: sec.end, headerStart: sec.headerStart, headerEnd: sec.headerEnd });
          }
        } catch { /* no section lenses for this note */ }
        const engineMs = performance.now() - started;
        const cpu = process.cpuUsage(cpu0);
        const result: WorkerCodingResult = {
          suggestions, sections, warnings: r.warnings.filter((w) => !startup.has(w)), timings: r.timings, engineMs,
          engineCpuMs: (cpu.user + cpu.system) / 1000,
          sentences: { reused: after.hits - before.hits, analysed: after.misses - before.misses },
        };
        post({ type: 'result', id: msg.id, result, engineMs });
      } else if (msg.type === 'search') {
        const res = await explorer['clinicalCoder/explorer/search']({ text: msg.query, limit: msg.limit }) as { results: { code: string; title: string; billable: boolean }[] };
        post({ type: 'result', id: msg.id, result: res.results.map((x) => ({ code: x.code, title: x.title, billable: x.billable })) });
      } else if (msg.type === 'info') {
        post({ type: 'result', id: msg.id, result: Object.fromEntries(msg.codes.slice(0, 200).map((c) => [c, infoOf(c)])) });
      } else if (msg.type === 'explorer') {
        const handler = explorer[msg.method];
        if (!handler) throw new Error(`unknown Code Explorer request ${msg.method}`);
        post({ type: 'result', id: msg.id, result: await handler(msg.params) });
      }
    } catch (e) {
      post({ type: 'result', id: (msg as { id: number }).id, error: (e as Error)?.message ?? String(e) });
    }
    heap.afterJob();
  });
}
