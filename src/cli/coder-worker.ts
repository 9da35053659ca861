// Worker thread for `clinical-coder code`: builds one engine, then reads and codes the files it is sent.
import '../encoder/runtime-telemetry';
import { parentPort, workerData } from 'node:worker_threads';
import { CodingEngine } from '../coder/index';
import type { CodingOptions } from '../coder/types';
import { readNoteFile } from './note-files';
import { openEncoder, type Encoder } from '../encoder/index';

interface Init { options: CodingOptions; useEncoder: boolean; encoderThreads?: number }

async function start() {
  if (!parentPort) return;
  const port = parentPort;
  const init = workerData as Init;
  const warnings: string[] = [];
  let encoder: Encoder | null | undefined = init.useEncoder ? undefined : null;
  if (init.useEncoder && init.encoderThreads) {
    const choice = await openEncoder(undefined, { threads: init.encoderThreads });
    encoder = choice.encoder ?? null;
    if (choice.warning) warnings.push(choice.warning);
  }
  const engine = await CodingEngine.create({ encoder, onWarning: (m) => warnings.push(m) });
  port.postMessage({ type: 'ready', warnings });
  port.on('message', async (msg: { id: number; file: string } | { type: 'stop' }) => {
    if ('type' in msg) { process.exit(0); }
    const read = readNoteFile(msg.file);
    if (!read.ok) { port.postMessage({ type: 'result', id: msg.id, error: read.error }); return; }
    try {
      const result = await engine.code(read.text, init.options);
      port.postMessage({ type: 'result', id: msg.id, suggestions: result.suggestions, warnings: [...read.warnings, ...result.warnings] });
    } catch (e) {
      port.postMessage({ type: 'result', id: msg.id, error: `coding failed: ${(e as Error).message}` });
    }
  });
}

start().catch((e) => { parentPort?.postMessage({ type: 'fatal', error: String((e as Error)?.message ?? e) }); });
