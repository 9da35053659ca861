// Codes many note files, in worker threads when there are enough files to pay for the start-up,
// and hands results back in input order.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CodingEngine } from '../coder/index';
import type { CodingOptions, Suggestion } from '../coder/types';
import { readNoteFile } from './note-files';

export type FileResult = { file: string; suggestions?: Suggestion[]; warnings?: string[]; error?: string };

export interface BatchOptions {
  options: CodingOptions;
  useEncoder: boolean;
  /** Worker threads to use; 0 codes in this thread. Default: by file count and cores. */
  workers?: number;
  onWarning?(m: string): void;
}

/** The worker script beside this bundle (dist/coder-worker.js) or source (src/cli/coder-worker.ts). */
function workerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'coder-worker.js'), path.join(__dirname, 'coder-worker.ts'), path.join(__dirname, '..', 'coder-worker.ts')];
  return candidates.find((p) => fs.existsSync(p));
}

export function defaultWorkerCount(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (files < 12 || cores < 2) return 0; // engine start-up (~1 s) outweighs the gain
  return Math.max(1, Math.min(cores, 4, Math.ceil(files / 12)));
}

/** Calls `emit` once per file, in input order. */
export async function codeFiles(files: string[], batch: BatchOptions, emit: (r: FileResult, done: number) => void): Promise<void> {
  const n = batch.workers ?? defaultWorkerCount(files.length);
  const script = workerScript();
  if (n > 0 && script) {
    try { await codeInWorkers(files, batch, n, script, emit); return; } catch (e) {
      batch.onWarning?.(`worker threads unavailable (${(e as Error).message}); coding in one thread`);
    }
  }
  const engine = await CodingEngine.create({ encoder: batch.useEncoder ? undefined : null, onWarning: batch.onWarning });
  let done = 0;
  for (const file of files) {
    const read = readNoteFile(file);
    if (!read.ok) { emit({ file, error: read.error }, ++done); continue; }
    try {
      const r = await engine.code(read.text, batch.options);
      emit({ file, suggestions: r.suggestions, warnings: [...read.warnings, ...r.warnings] }, ++done);
    } catch (e) {
      emit({ file, error: `coding failed: ${(e as Error).message}` }, ++done);
    }
  }
}

function codeInWorkers(files: string[], batch: BatchOptions, n: number, script: string, emit: (r: FileResult, done: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const results = new Map<number, FileResult>();
    let next = 0, emitted = 0, finished = 0, started = 0;
    const workers: Worker[] = [];
    const flush = () => {
      while (results.has(emitted)) { const r = results.get(emitted)!; results.delete(emitted); emit(r, ++emitted); }
      if (emitted === files.length) { for (const w of workers) void w.terminate(); resolve(); }
    };
    const feed = (w: Worker) => {
      if (next < files.length) { const id = next++; w.postMessage({ id, file: files[id] }); }
    };
    for (let i = 0; i < n; i++) {
      // One onnxruntime thread per worker: the workers already fill the cores.
      const w = new Worker(script, { workerData: { options: batch.options, useEncoder: batch.useEncoder, encoderThreads: 1 } });
      workers.push(w);
      w.on('message', (m: { type: string; id: number; error?: string; suggestions?: Suggestion[]; warnings?: string[] }) => {
        if (m.type === 'ready') {
          if (started++ === 0) for (const wm of m.warnings ?? []) batch.onWarning?.(wm);
          feed(w); feed(w); // two in flight hides the message round trip
        } else if (m.type === 'result') {
          finished++;
          results.set(m.id, { file: files[m.id], suggestions: m.suggestions, warnings: m.warnings, error: m.error });
          feed(w);
          flush();
        } else if (m.type === 'fatal') {
          for (const x of workers) void x.terminate();
          reject(new Error(m.error));
        }
      });
      w.on('error', (e) => { for (const x of workers) void x.terminate(); if (finished === 0) reject(e); else reject(e); });
    }
    if (!files.length) resolve();
  });
}
