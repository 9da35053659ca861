// A minimal LSP client for the protocol tests: spawns the built server (`node dist/server.js --stdio`),
// answers its workspace/configuration requests with the test's settings, and collects diagnostics.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, CodeLensRefreshRequest, CodeLensRequest, ConfigurationRequest, createProtocolConnection,
  DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializedNotification, InitializeRequest,
  PublishDiagnosticsNotification, RegistrationRequest, ShowMessageNotification, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter,
  type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { resolveProjectRoot } from '../../src/common/paths';

export const ROOT = resolveProjectRoot();
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const sampleText = (name: string): string => readFileSync(path.join(ROOT, 'samples', name), 'utf8');
export const sampleUri = (name: string): string => pathToFileURL(path.join(ROOT, 'samples', name)).href;

export interface TestServer {
  conn: ProtocolConnection;
  child: ChildProcess;
  messages: string[];
  /** Every diagnostics notification received, in order (uri, version, diagnostics). */
  published: PublishDiagnosticsParams[];
  /** Server stderr so far. */
  stderr(): string;
  settings: Record<string, unknown>;
  open(uri: string, text: string, languageId?: string): Promise<Diagnostic[]>;
  change(uri: string, version: number, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<Diagnostic[]>;
  close(uri: string): void;
  /** Waits for the next diagnostics published for `uri` (after `action`). */
  nextDiagnostics(uri: string, action: () => unknown, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Waits, after `action`, for diagnostics of `uri` that satisfy `ok` (earlier publications in flight are skipped). */
  diagnosticsWhere(uri: string, ok: (ds: Diagnostic[]) => boolean, action: () => unknown, timeoutMs?: number): Promise<Diagnostic[]>;
  setSettings(settings: Record<string, unknown>): Promise<void>;
  hover(uri: string, line: number, character: number): Promise<string | null>;
  codeLenses(uri: string): Promise<{ title: string; command: string; line: number }[]>;
  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<{ title: string; command?: string }[]>;
  stop(): Promise<void>;
}

/**
 * Settings every test server starts from: the lexical engine, whose codes for the synthetic samples are stable.
 * The encoder's contribution is measured by bench:quality; here it would make clinical assertions depend on
 * whichever encoder build sits in models/. A test may still set `encoder` itself.
 */
export const BASE_SETTINGS: Record<string, unknown> = { encoder: { enabled: false } };
const withBase = (s: Record<string, unknown>) => ({ ...BASE_SETTINGS, ...s });

export interface StartOptions {
  /** Workspace folder paths (decisions are kept in <folder>/.clinical-coder/). */
  workspaceFolders?: string[];
  /** Extra environment (e.g. CLINICAL_CODER_MODELS to point at an incomplete models folder). */
  env?: Record<string, string>;
  initializationOptions?: Record<string, unknown>;
  /** Runs the server under another program (e.g. strace): its command and arguments, the server's command line appended. */
  wrap?: { command: string; args: string[] };
}

export async function startServer(settings: Record<string, unknown> = {}, opts: StartOptions = {}): Promise<TestServer> {
  const child = opts.wrap
    ? spawn(opts.wrap.command, [...opts.wrap.args, process.execPath, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } })
    : spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, Array<(p: PublishDiagnosticsParams) => void>>();
  const messages: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const state = { settings: withBase(settings) };
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    const list = waiters.get(p.uri) ?? [];
    waiters.delete(p.uri);
    for (const w of list) w(p);
  });
  conn.onNotification(ShowMessageNotification.type, (p) => { messages.push(p.message); });
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'clinicalCoder' ? state.settings : null)));
  conn.onRequest(RegistrationRequest.type, () => undefined);
  conn.onRequest(CodeLensRefreshRequest.type, () => undefined);
  conn.onRequest('window/showMessageRequest', (p: { message: string }) => { messages.push(p.message); return null; });
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: null,
    workspaceFolders: opts.workspaceFolders ? opts.workspaceFolders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) : null,
    initializationOptions: opts.initializationOptions,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  await conn.sendNotification(InitializedNotification.type, {});

  const nextDiagnostics = (uri: string, action: () => unknown, timeoutMs = 30000) => new Promise<Diagnostic[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${stderr.slice(-500)}`)), timeoutMs);
    const list = waiters.get(uri) ?? [];
    list.push((p) => { clearTimeout(timer); resolve(p.diagnostics); });
    waiters.set(uri, list);
    void action();
  });
  const diagnosticsWhere = (uri: string, ok: (ds: Diagnostic[]) => boolean, action: () => unknown, timeoutMs = 30000) => new Promise<Diagnostic[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${stderr.slice(-500)}`)), timeoutMs);
    const wait = (p: PublishDiagnosticsParams) => {
      if (!ok(p.diagnostics)) { const l = waiters.get(uri) ?? []; l.push(wait); waiters.set(uri, l); return; }
      clearTimeout(timer);
      resolve(p.diagnostics);
    };
    const list = waiters.get(uri) ?? [];
    list.push(wait);
    waiters.set(uri, list);
    void action();
  });
  const versions = new Map<string, number>();
  const api: TestServer = {
    conn, child, messages, published, stderr: () => stderr, get settings() { return state.settings; },
    open: (uri, text, languageId = 'clinical-note') => nextDiagnostics(uri, () => {
      versions.set(uri, 1);
      return conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    }),
    change: (uri, version, contentChanges) => nextDiagnostics(uri, () =>
      conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges })),
    close: (uri) => void conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } }),
    nextDiagnostics,
    diagnosticsWhere,
    async setSettings(s) {
      state.settings = withBase(s);
      await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
    async hover(uri, line, character) {
      const h = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
      if (!h) return null;
      const c = h.contents;
      return typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n') : c.value;
    },
    async codeLenses(uri) {
      const lenses = (await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
      return lenses.map((l) => ({ title: l.command?.title ?? '', command: l.command?.command ?? '', line: l.range.start.line }));
    },
    async codeActions(uri, diagnostics) {
      const actions = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) ?? [];
      return actions.map((a) => ('command' in a && typeof a.command === 'object' ? { title: a.title, command: a.command?.command } : { title: a.title, command: typeof a.command === 'string' ? a.command : undefined }));
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification(ExitNotification.type);
      } catch { /* already gone */ }
      await new Promise((r) => { if (child.exitCode !== null) r(null); else { child.once('exit', r); setTimeout(() => { child.kill(); r(null); }, 2000); } });
      conn.dispose();
    },
  };
  return api;
}

/** The text a diagnostic's range covers in `text`. */
export function rangeText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(d.range.start), offset(d.range.end));
}
