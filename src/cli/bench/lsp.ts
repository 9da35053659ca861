// bench lsp: the language server as an editor sees it, with the encoder off and on (clinicalCoder.encoder.enabled),
// each in its own server. Spawns `node dist/server.js --stdio` and measures
//   - didOpen -> first diagnostics for a ~400-word note from server start (knowledge base + model load
//     included; target 1.5 s) and warm (new text each time; target 150 ms),
//   - an edit (one sentence added) in a ~3,000-word note -> updated diagnostics: engine time p95 (target 50 ms)
//     and the wall time the editor waits (debounce set to 0 here),
//   - the server's resident memory (target 350 MB).
// Cold starts run one server at a time; warm notes and edits alternate between the two servers, so both see the
// same load on this shared machine. `--encoder` / `--no-encoder` measure one setting only.
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
  summary: 'language server, encoder off vs on: didOpen -> diagnostics (cold from server start, warm), edit in a 3,000-word note (engine p95), server RSS',
  async run(args) {
    const server = path.join(resolveProjectRoot(), 'dist', 'server.js');
    if (!fs.existsSync(server)) { console.log(`skipped: ${server} not found (run "npm run build")`); return; }
    const { files, from } = benchCorpus();
    if (!files.length) { console.log('skipped: no notes (../shared/data/codiesp or samples/)'); return; }
    const edits = Number(args.find((a) => a.startsWith('--edits='))?.slice(8) ?? 40);
    const warmN = Number(args.find((a) => a.startsWith('--warm='))?.slice(7) ?? 30);
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    console.log(`notes from ${from}; server ${path.relative(process.cwd(), server)}; ${cores} cores, load average ${os.loadavg()[0].toFixed(1)}`);
    const modes = args.includes('--encoder') ? [true] : args.includes('--no-encoder') ? [false] : [false, true];
    const servers: Server[] = [];
    try {
      // 1. Cold: from spawning the server to the first diagnostics of a 400-word note (one server at a time).
      for (const on of modes) {
        const srv = await startServer(server, on);
        servers.push(srv);
        const first = await srv.open('untitled:cold-400', noteOf(files, 400, 0));
        srv.coldMs = performance.now() - srv.t0;
        srv.status = (await srv.conn.sendRequest('clinicalCoder/serverStatus', {})) as Server['status'];
        console.log(`encoder ${on ? 'on ' : 'off'} cold: server start -> first diagnostics of a 400-word note ${srv.coldMs.toFixed(0)} ms (engine load ${srv.status!.loadMs} ms, ${srv.status!.state}${srv.status!.detail ? `: ${srv.status!.detail.slice(0, 90)}` : ''}; ${first.diagnostics.length} diagnostics; target 1500 ms)`);
      }
      // 2. Warm: new 400-word notes (text the engine has not seen), alternating servers.
      for (let i = 0; i < 5; i++) for (const srv of servers) await srv.open(`untitled:jit-${i}`, noteOf(files, 400, 200 + i * 5));
      for (let i = 0; i < warmN; i++) {
        const text = noteOf(files, 400, 20 + i * 7);
        for (const srv of i % 2 ? [...servers].reverse() : servers) {
          const uri = `untitled:warm-${i}`;
          const t = performance.now();
          await srv.open(uri, text);
          srv.warm.push(performance.now() - t);
          const c = await srv.coding(uri);
          srv.warmEngine.push(c?.engineMs ?? NaN);
          srv.warmCpu.push(c?.engineCpuMs ?? NaN);
        }
      }
      // 3. Edits in a 3,000-word note: one sentence added to a middle line per edit, alternating servers.
      const uri = 'untitled:edit-3000';
      const base = noteOf(files, 3000, 3);
      for (const srv of servers) await srv.open(uri, base);
      const lines = base.split('\n');
      const mid = Math.floor(lines.length / 2);
      for (let k = 0; k < edits + 10; k++) {
        const version = k + 2;
        const character = lines[mid].length;
        const sentence = ` The patient also reports intermittent headaches ${k}.`;
        for (const srv of k % 2 ? [...servers].reverse() : servers) {
          const t = performance.now();
          const p = srv.published(uri, version);
          await srv.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: mid, character }, end: { line: mid, character } }, text: sentence }] });
          await p;
          const wall = performance.now() - t;
          const c = await srv.coding(uri);
          if (k < 10) continue; // JIT warm-up
          srv.editWall.push(wall);
          srv.editEngine.push(c?.engineMs ?? NaN);
          srv.editCpu.push(c?.engineCpuMs ?? NaN);
          srv.reused += c?.sentences?.reused ?? 0; srv.analysed += c?.sentences?.analysed ?? 0;
        }
        lines[mid] += sentence;
      }
      const runs = servers.map((srv) => {
        const f = figures(srv, cores);
        console.log(`--- encoder ${srv.encoder ? 'on' : 'off'} ---`);
        console.log(`warm: didOpen -> diagnostics, 400-word note (${warmN} notes): p50 ${f.warm400P50Ms} ms, p95 ${f.warm400P95Ms} ms (engine p50 ${f.warm400EngineP50Ms} ms, engine CPU time p50 ${f.warm400EngineCpuP50Ms} ms; target 150 ms)`);
        console.log(`edit in a ${base.split(/\s+/).length}-word note (${edits} edits): engine p50 ${f.edit3000EngineP50Ms} ms, p95 ${f.edit3000EngineP95Ms} ms (target 50 ms; CPU time p50 ${f.edit3000EngineCpuP50Ms} ms, p95 ${f.edit3000EngineCpuP95Ms} ms); didChange -> diagnostics p50 ${f.edit3000WallP50Ms} ms, p95 ${f.edit3000WallP95Ms} ms; sentences per edit: ${(srv.analysed / edits).toFixed(1)} analysed, ${(srv.reused / edits).toFixed(0)} reused`);
        console.log(`server memory: RSS ${f.rssMb ?? '?'} MB, peak ${f.peakRssMb ?? '?'} MB (target 350 MB)`);
        console.log(JSON.stringify({ bench: 'lsp', ...f }));
        return f;
      });
      if (runs.length === 2) printSideBySide(runs[0], runs[1]);
    } finally {
      for (const srv of servers) await srv.close();
    }
  },
};

interface Server {
  encoder: boolean;
  t0: number;
  conn: ReturnType<typeof createProtocolConnection>;
  child: ReturnType<typeof spawn>;
  published(uri: string, version: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string): Promise<PublishDiagnosticsParams>;
  coding(uri: string): Promise<{ engineMs?: number; engineCpuMs?: number; sentences?: { reused: number; analysed: number } } | null>;
  close(): Promise<void>;
  coldMs: number;
  status?: { state: string; loadMs?: number; detail?: string };
  warm: number[]; warmEngine: number[]; warmCpu: number[]; editWall: number[]; editEngine: number[]; editCpu: number[]; reused: number; analysed: number;
}

async function startServer(server: string, withEncoder: boolean): Promise<Server> {
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
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    encoder: withEncoder, t0, conn, child, published, coldMs: NaN,
    async open(uri, text) {
      const p = published(uri, 1);
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      return p;
    },
    coding: async (uri) => (await conn.sendRequest('clinicalCoder/documentCoding', { uri })) as Awaited<ReturnType<Server['coding']>>,
    async close() {
      try {
        await Promise.race([conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification(ExitNotification.type);
      } catch { /* gone */ }
      setTimeout(() => child.kill(), 1000).unref();
      conn.dispose();
    },
    warm: [], warmEngine: [], warmCpu: [], editWall: [], editEngine: [], editCpu: [], reused: 0, analysed: 0,
  };
}

interface Figures {
  encoder: boolean; cores: number; loadAverage: number; state: string; coldFirstDiagnosticsMs: number; engineLoadMs?: number;
  warm400P50Ms: number; warm400P95Ms: number; warm400EngineP50Ms: number; warm400EngineCpuP50Ms: number;
  edit3000EngineP50Ms: number; edit3000EngineP95Ms: number;
  edit3000EngineCpuP50Ms: number; edit3000EngineCpuP95Ms: number; edit3000WallP50Ms: number; edit3000WallP95Ms: number;
  rssMb?: number; peakRssMb?: number;
}

function figures(srv: Server, cores: number): Figures {
  const mem = rssMb(srv.child.pid!);
  return {
    encoder: srv.encoder, cores, loadAverage: Math.round(os.loadavg()[0] * 10) / 10, state: srv.status?.state ?? '?', coldFirstDiagnosticsMs: Math.round(srv.coldMs), engineLoadMs: srv.status?.loadMs,
    warm400P50Ms: r1(pct(srv.warm, 0.5)), warm400P95Ms: r1(pct(srv.warm, 0.95)), warm400EngineP50Ms: r1(pct(srv.warmEngine, 0.5)), warm400EngineCpuP50Ms: r1(pct(srv.warmCpu, 0.5)),
    edit3000EngineP50Ms: r1(pct(srv.editEngine, 0.5)), edit3000EngineP95Ms: r1(pct(srv.editEngine, 0.95)),
    edit3000EngineCpuP50Ms: r1(pct(srv.editCpu, 0.5)), edit3000EngineCpuP95Ms: r1(pct(srv.editCpu, 0.95)),
    edit3000WallP50Ms: r1(pct(srv.editWall, 0.5)), edit3000WallP95Ms: r1(pct(srv.editWall, 0.95)),
    rssMb: mem.rss && Math.round(mem.rss), peakRssMb: mem.peak && Math.round(mem.peak),
  };
}

function printSideBySide(off: Figures, on: Figures): void {
  const rows: [string, keyof Figures, string][] = [
    ['warm 400-word note, didOpen -> diagnostics p50', 'warm400P50Ms', 'ms'], ['warm 400-word note p95', 'warm400P95Ms', 'ms'],
    ['warm 400-word note, engine CPU time p50', 'warm400EngineCpuP50Ms', 'ms'],
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
