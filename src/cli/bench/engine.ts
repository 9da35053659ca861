// bench engine: coding speed. A ~400-word and a ~3,000-word note (warm engine, first sight of the
// text and re-coding after a one-sentence edit), and batch throughput of `clinical-coder code`
// over CodiEsp-sized notes in one thread and in worker threads.
import * as os from 'node:os';
import type { Benchmark } from './registry';
import { benchCorpus, noteOf, pct } from './corpus';
import { CodingEngine } from '../../coder/index';
import { codeFiles } from '../batch-coder';


export const engineBenchmark: Benchmark = {
  name: 'engine',
  summary: 'coding latency (400 and 3,000 words, warm) and batch throughput (notes/s)',
  async run(args) {
    const { files } = benchCorpus();
    if (!files.length) { console.log('skipped: no notes (../shared/data/codiesp or samples/)'); return; }
    const useEncoder = !args.includes('--no-encoder');
    let t0 = performance.now();
    const engine = await CodingEngine.create({ encoder: useEncoder ? undefined : null, onWarning: (m) => console.log(`warning: ${m}`) });
    const loadMs = performance.now() - t0;
    console.log(`engine load: ${loadMs.toFixed(0)} ms (encoder: ${engine.hasEncoder})`);
    const result: Record<string, number> = { loadMs: Math.round(loadMs) };
    // Warm the JIT on unrelated notes first.
    for (let i = 0; i < 10; i++) await engine.code(noteOf(files, 300, 100 + i * 3), { useEncoder });
    for (const words of [400, 3000]) {
      const fresh: number[] = [], edit: number[] = [];
      for (let k = 0; k < 10; k++) {
        const note = noteOf(files, words, k * 7);
        t0 = performance.now(); await engine.code(note, { useEncoder }); fresh.push(performance.now() - t0);
        const lines = note.split('\n');
        lines[Math.floor(lines.length / 2)] += ' The patient also reports intermittent headaches.';
        t0 = performance.now(); await engine.code(lines.join('\n'), { useEncoder }); edit.push(performance.now() - t0);
      }
      console.log(`${words}-word note: new text p50 ${pct(fresh, 0.5).toFixed(1)} ms, p95 ${pct(fresh, 0.95).toFixed(1)} ms; after a one-sentence edit p50 ${pct(edit, 0.5).toFixed(1)} ms (target ${words === 400 ? 100 : 600} ms)`);
      result[`w${words}NewP50Ms`] = Math.round(pct(fresh, 0.5) * 10) / 10;
      result[`w${words}NewP95Ms`] = Math.round(pct(fresh, 0.95) * 10) / 10;
      result[`w${words}EditP50Ms`] = Math.round(pct(edit, 0.5) * 10) / 10;
    }
    const batch = files.slice(0, 200);
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    for (const workers of [0, Math.min(2, cores)]) {
      t0 = performance.now();
      let ok = 0;
      await codeFiles(batch, { options: { policy: 'billing' }, useEncoder, workers }, (r) => { if (!r.error) ok++; });
      const s = (performance.now() - t0) / 1000;
      console.log(`batch: ${ok} notes in ${s.toFixed(1)} s with ${workers || 'no'} worker threads = ${(ok / s).toFixed(1)} notes/s (including engine start-up; target 20 notes/s on 2 cores)`);
      result[`batchNotesPerS_workers${workers}`] = Math.round((ok / s) * 10) / 10;
    }
    console.log(JSON.stringify({ bench: 'engine', cores, encoder: engine.hasEncoder, ...result }));
  },
};
