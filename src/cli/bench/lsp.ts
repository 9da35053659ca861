// bench lsp: the language server as an editor sees it. Spawns `node dist/server.js --stdio` and measures
//   - didOpen -> first diagnostics for a ~400-word note from server start (knowledge base + model load
//     included; target 1.5 s) and warm (new text each time; target 150 ms),
//   - an edit (one sentence added) in a ~3,000-word note -> updated diagnostics: engine time p95 (target 50 ms)
//     and the wall time the editor waits (debounce set to 0 here),
//   - the server's resident memory (target 350 MB).
// Notes are built from CodiEsp dev notes when ../shared/data is present, else from samples/.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { Benchmark } from './registry';
import { resolveProjectRoot } from '../../common/paths';
import { benchCorpus, noteOf, pct } from './corpus';

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Resident memory of a process in MB (Linux /proc; elsewhere undefined). */
function rssMb(pid: number): { rss?: number; peak?: number } {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch { return {}; }
}

export const lspBenchmark: Benchmark = {
  name: 'lsp',
  summary: 'language server: didOpen -> diagnostics (cold from server start, warm), edit in a 3,000-word note (engine p95), server RSS',
  async run(args) {
    const server = path.join(resolveProjectRoot(), 'dist', 'server.js');
    if (!fs.existsSync(server)) { console.log(`skipped: ${server} not found (run "npm run build")`); return; }
    const { files, from } = benchCorpus();
    if (!files.length) { console.log('skipped: no notes (../shared/data/codiesp or samples/)'); return; }
    const edits = Number(args.find((a) => a.startsWith('--edits='))?.slice(8) ?? 40);
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    console.log(`notes from ${from}; server ${path.relative(process.cwd(), server)}; ${cores} cores, load average ${os.loadavg()[0].toFixed(1)}`);
    // Both settings of clinicalCoder.encoder.enabled, each in a fresh server (--encoder / --no-encoder: one only).
    const modes = args.includes('--encoder') ? [true] : args.includes('--no-encoder') ? [false] : [false, true];
    const runs: Figures[] = [];
    for (const on of modes) {
      console.log(`--- encoder ${on ? 'on' : 'off'} ---`);
      runs.push(await measure(server, files, edits, cores, on));
    }
    if (runs.length === 2) printSideBySide(runs[0], runs[1]);
  },
};

async function measure(server: string, files: string[], edits: number, cores: number, withEncoder: boolean): Promise<Figures> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, (p: PublishDiagnosticsParams) => void>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => { const w = waiters.get(p.uri); if (w) { waiters.delete(p.uri); w(p); } });
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ debounceMs: 0, encoder: { enabled: withEncoder } })));
  conn.onRequest(RegistrationRequest.type, () => undefined);
  conn.listen();
  const published = (uri: string, version: number) => new Promise<PublishDiagnosticsParams>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within 60 s`)), 60000);
    const wait = (p: PublishDiagnosticsParams) => {
      if (p.version !== undefined && p.version !== version) { waiters.set(uri, wait); return; }
      clearTimeout(timer); resolve(p);
    };
    waiters.set(uri, wait);
  });
  const open = async (uri: string, text: string) => {
    const p = published(uri, 1);
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    return p;
  };
  const engineMsOf = async (uri: string) => ((await conn.sendRequest('clinicalCoder/documentCoding', { uri })) as { engineMs?: number; engineCpuMs?: number; sentences?: { reused: number; analysed: number } } | null);

  try {
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
    await conn.sendNotification(InitializedNotification.type, {});
    // 1. Cold: from spawning the server to the first diagnostics of a 400-word note.
    const first = await open('untitled:cold-400', noteOf(files, 400, 0));
    const coldMs = performance.now() - t0;
    const status = (await conn.sendRequest('clinicalCoder/serverStatus', {})) as { state: string; loadMs?: number; detail?: string };
    console.log(`cold: server start -> first diagnostics of a 400-word note ${coldMs.toFixed(0)} ms (engine load ${status.loadMs} ms, ${status.state}${status.detail ? `: ${status.detail.slice(0, 90)}` : ''}; ${first.diagnostics.length} diagnostics; target 1500 ms)`);

    // 2. Warm: new 400-word notes (text the engine has not seen).
    for (let i = 0; i < 5; i++) await open(`untitled:jit-${i}`, noteOf(files, 400, 200 + i * 5));
    const warm: number[] = [], warmEngine: number[] = [];
    for (let i = 0; i < 15; i++) {
      const uri = `untitled:warm-${i}`;
      const t = performance.now();
      await open(uri, noteOf(files, 400, 20 + i * 7));
      warm.push(performance.now() - t);
      warmEngine.push((await engineMsOf(uri))?.engineMs ?? NaN);
    }
    console.log(`warm: didOpen -> diagnostics, 400-word note: p50 ${pct(warm, 0.5).toFixed(1)} ms, p95 ${pct(warm, 0.95).toFixed(1)} ms (engine p50 ${pct(warmEngine, 0.5).toFixed(1)} ms; target 150 ms)`);

    // 3. Edits in a 3,000-word note: one sentence added to a middle line per edit.
    const uri = 'untitled:edit-3000';
    const base = noteOf(files, 3000, 3);
    await open(uri, base);
    const lines = base.split('\n');
    const mid = Math.floor(lines.length / 2);
    const editMs: number[] = [], engineMs: number[] = [], engineCpu: number[] = [];
    let reused = 0, analysed = 0;
    for (let k = 0; k < edits + 10; k++) {
      const version = k + 2;
      const character = lines[mid].length;
      const sentence = ` The patient also reports intermittent headaches ${k}.`;
      const t = performance.now();
      const p = published(uri, version);
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: mid, character }, end: { line: mid, character } }, text: sentence }] });
      await p;
      const wall = performance.now() - t;
      lines[mid] += sentence;
      const c = await engineMsOf(uri);
      if (k < 10) continue; // JIT warm-up
      editMs.push(wall);
      engineMs.push(c?.engineMs ?? NaN);
      engineCpu.push(c?.engineCpuMs ?? NaN);
      reused += c?.sentences?.reused ?? 0; analysed += c?.sentences?.analysed ?? 0;
    }
    console.log(`edit in a ${base.split(/\s+/).length}-word note (${edits} edits): engine p50 ${pct(engineMs, 0.5).toFixed(1)} ms, p95 ${pct(engineMs, 0.95).toFixed(1)} ms (target 50 ms; CPU time p50 ${pct(engineCpu, 0.5).toFixed(1)} ms, p95 ${pct(engineCpu, 0.95).toFixed(1)} ms); didChange -> diagnostics p50 ${pct(editMs, 0.5).toFixed(1)} ms, p95 ${pct(editMs, 0.95).toFixed(1)} ms; sentences per edit: ${(analysed / edits).toFixed(1)} analysed, ${(reused / edits).toFixed(0)} reused`);

    const mem = rssMb(child.pid!);
    console.log(`server memory: RSS ${mem.rss?.toFixed(0) ?? '?'} MB, peak ${mem.peak?.toFixed(0) ?? '?'} MB (target 350 MB)`);
    const figures = {
      encoder: withEncoder, cores, loadAverage: Math.round(os.loadavg()[0] * 10) / 10, state: status.state, coldFirstDiagnosticsMs: Math.round(coldMs), engineLoadMs: status.loadMs,
      warm400P50Ms: r1(pct(warm, 0.5)), warm400P95Ms: r1(pct(warm, 0.95)),
      edit3000EngineP50Ms: r1(pct(engineMs, 0.5)), edit3000EngineP95Ms: r1(pct(engineMs, 0.95)),
      edit3000EngineCpuP50Ms: r1(pct(engineCpu, 0.5)), edit3000EngineCpuP95Ms: r1(pct(engineCpu, 0.95)),
      edit3000WallP50Ms: r1(pct(editMs, 0.5)), edit3000WallP95Ms: r1(pct(editMs, 0.95)),
      rssMb: mem.rss && Math.round(mem.rss), peakRssMb: mem.peak && Math.round(mem.peak),
    };
    console.log(JSON.stringify({ bench: 'lsp', ...figures }));
    return figures;
  } finally {
    try {
      await Promise.race([conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await conn.sendNotification(ExitNotification.type);
    } catch { /* gone */ }
    setTimeout(() => child.kill(), 1000).unref();
    conn.dispose();
  }
}

interface Figures {
  encoder: boolean; cores: number; loadAverage: number; state: string; coldFirstDiagnosticsMs: number; engineLoadMs?: number;
  warm400P50Ms: number; warm400P95Ms: number; edit3000EngineP50Ms: number; edit3000EngineP95Ms: number;
  edit3000EngineCpuP50Ms: number; edit3000EngineCpuP95Ms: number; edit3000WallP50Ms: number; edit3000WallP95Ms: number;
  rssMb?: number; peakRssMb?: number;
}

function printSideBySide(off: Figures, on: Figures): void {
  const rows: [string, keyof Figures, string][] = [
    ['warm 400-word note, didOpen -> diagnostics p50', 'warm400P50Ms', 'ms'], ['warm 400-word note p95', 'warm400P95Ms', 'ms'],
    ['edit in a 3,000-word note, engine p95', 'edit3000EngineP95Ms', 'ms'], ['edit, didChange -> diagnostics p95', 'edit3000WallP95Ms', 'ms'],
    ['cold: server start -> first diagnostics', 'coldFirstDiagnosticsMs', 'ms'], ['server RSS', 'rssMb', 'MB'], ['server peak RSS', 'peakRssMb', 'MB'],
  ];
  console.log(`\n${'encoder'.padEnd(46)} ${'off'.padStart(9)} ${'on'.padStart(9)} ${'on - off'.padStart(9)}`);
  for (const [label, key, unit] of rows) {
    const a = Number(off[key]), b = Number(on[key]);
    console.log(`${label.padEnd(46)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${((b - a >= 0 ? '+' : '') + (b - a).toFixed(1)).padStart(9)} ${unit}`);
  }
  console.log(`(budget with the encoder on: +15 ms warm p50, +40 MB RSS, cold under 1500 ms; states: off ${off.state}, on ${on.state})`);
  console.log(JSON.stringify({ bench: 'lsp-compare', off, on }));
}
