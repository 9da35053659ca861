// The Clinical Coder language server. VS Code starts it over IPC; any other editor can run
// `node dist/server.js --stdio`. It codes each open note with the suggestion source and publishes the
// suggestions as diagnostics, with hovers, a summary code lens, quick fixes and typed custom requests.
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Notifications, Requests, type NotificationDef, type RequestDef, type ServerStatus } from '../common/protocol';
import { codeActionsFor } from './codeActions';
import { codeLenses } from './codeLens';
import { InMemoryDecisionStore } from './decisions';
import { toDiagnostics } from './diagnostics';
import { DocumentCoder } from './documentCoder';
import { writeExport } from './exportWriters';
import { registerExplorerRequests } from './explorerRequests';
import { isIncluded } from './glob';
import { hoverAt } from './hover';
import { codingOptions, DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';
import { createSuggestionSource, type SuggestionSource } from './suggestionSource';

const VERSION = '0.1.0';
const USAGE = `clinical-coder language server ${VERSION}
Usage: node dist/server.js --stdio          (any LSP client; or --node-ipc, --socket=<port>)
Settings come from workspace/configuration (section "clinicalCoder") or initializationOptions.settings.`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) { console.log(USAGE); process.exit(0); }
if (argv.includes('--version')) { console.log(VERSION); process.exit(0); }
if (!argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a)) && !process.send) {
  console.error(`No transport given.\n${USAGE}`);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const decisions = new InMemoryDecisionStore();

let supportsConfiguration = false;
let supportsLensRefresh = false;
let workspaceRoots: string[] = [];
/** Settings pushed by the client or given as initializationOptions (clients without workspace/configuration). */
let pushedSettings: unknown;
const settingsCache = new Map<string, Promise<ServerSettings>>();
const reportedProblems = new Set<string>();

function log(message: string): void { connection.console.log(message); }

function onRequest<P, R>(def: RequestDef<P, R>, handler: (params: P) => Promise<R> | R): void {
  connection.onRequest(def.method, (params: P) => handler(params));
}
function notify<P>(def: NotificationDef<P>, params: P): void { void connection.sendNotification(def.method, params); }

function settingsFor(uri: string): Promise<ServerSettings> {
  const cached = settingsCache.get(uri);
  if (cached) return cached;
  const p = (async () => {
    let raw: unknown = pushedSettings;
    if (supportsConfiguration) {
      try { raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'clinicalCoder' }); } catch (err) { log(`reading settings failed: ${(err as Error).message}`); }
    }
    const { settings, problems } = normalizeSettings(raw);
    for (const p of problems) {
      if (reportedProblems.has(p)) continue;
      reportedProblems.add(p);
      void connection.window.showWarningMessage(`Clinical Coder: ${p}`);
    }
    return settings;
  })();
  settingsCache.set(uri, p);
  return p;
}

let sourcePromise: Promise<SuggestionSource> | undefined;
let status: ServerStatus = { state: 'starting', source: 'none' };
function setStatus(s: ServerStatus): void { status = s; notify(Notifications.serverStatus, s); }

function source(): Promise<SuggestionSource> {
  sourcePromise ??= (async () => {
    const s = await settingsFor('');
    const t0 = Date.now();
    try {
      const src = await createSuggestionSource({ modelPath: s.modelPath || undefined, encoderEnabled: s.encoderEnabled, encoderThreads: s.encoderThreads, log });
      log(`suggestion source "${src.name}" ready in ${Date.now() - t0} ms`);
      setStatus(src.degraded ? { state: 'lexical-only', source: src.name, detail: src.degraded.reason } : { state: 'ready', source: src.name });
      return src;
    } catch (err) {
      setStatus({ state: 'error', source: 'none', detail: (err as Error).message });
      throw err;
    }
  })();
  return sourcePromise;
}

const coder = new DocumentCoder({
  source,
  decisions,
  settingsFor,
  log,
  onCoded(doc, coding, settings) {
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(doc, coding, settings) });
    notify(Notifications.documentStatus, {
      uri: doc.uri,
      suggested: coding.suggestions.filter((s) => !s.decision && s.status === 'active').length,
      accepted: coding.suggestions.filter((s) => s.decision === 'accepted').length,
      rejected: coding.suggestions.filter((s) => s.decision === 'rejected').length,
    });
    if (supportsLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  },
});

/** Whether this document is a note we code: language in clinicalCoder.languages, path in include/exclude. */
async function eligible(doc: TextDocument): Promise<boolean> {
  const s = await settingsFor(doc.uri);
  if (!s.enabled || !s.languages.includes(doc.languageId)) return false;
  if (!doc.uri.startsWith('file:')) return true;
  let fsPath: string;
  try { fsPath = fileURLToPath(doc.uri); } catch { return true; }
  return isIncluded(fsPath, s.include, s.exclude, workspaceRoots);
}

async function refresh(doc: TextDocument, delayMs?: number): Promise<void> {
  if (!(await eligible(doc))) {
    coder.forget(doc.uri);
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    return;
  }
  const s = await settingsFor(doc.uri);
  if (delayMs === 0) await coder.codeNow(doc);
  else coder.schedule(doc, delayMs ?? s.debounceMs);
}

async function codingFor(uri: string) {
  const doc = documents.get(uri);
  if (!doc || !(await eligible(doc))) return null;
  const current = await coder.current(uri);
  return current && current.version === doc.version ? { doc, coding: current } : { doc, coding: (await coder.codeNow(doc)) ?? current ?? null };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  supportsConfiguration = !!caps.workspace?.configuration;
  supportsLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
  workspaceRoots = (params.workspaceFolders ?? []).flatMap((f) => { try { return [fileURLToPath(f.uri)]; } catch { return []; } });
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  pushedSettings = init?.settings;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'clinical-coder', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'clinicalCoder' }).catch(() => undefined);
  void source().catch((err) => log(`suggestion source failed to load: ${(err as Error).message}`));
});

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as { clinicalCoder?: unknown } | undefined)?.clinicalCoder;
  if (pushed !== undefined) pushedSettings = pushed;
  settingsCache.clear();
  reportedProblems.clear();
  coder.invalidateAll();
  for (const doc of documents.all()) void refresh(doc, 0).catch((err) => log(String(err)));
});

const justOpened = new Set<string>();
documents.onDidOpen((e) => {
  justOpened.add(e.document.uri);
  void refresh(e.document, 0).catch((err) => log(`coding ${e.document.uri} failed: ${(err as Error).message}`));
});
documents.onDidChangeContent((e) => {
  if (justOpened.delete(e.document.uri)) return; // the open event already coded it
  void refresh(e.document).catch((err) => log(`coding ${e.document.uri} failed: ${(err as Error).message}`));
});
documents.onDidClose((e) => {
  justOpened.delete(e.document.uri);
  coder.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onHover(async (params) => {
  const r = await codingFor(params.textDocument.uri);
  if (!r?.coding) return null;
  return hoverAt(r.doc, r.coding, r.doc.offsetAt(params.position));
});

connection.onCodeLens(async (params) => {
  const r = await codingFor(params.textDocument.uri);
  return r?.coding ? codeLenses(r.coding) : [];
});

connection.onCodeAction((params) => codeActionsFor(params.context.diagnostics));

onRequest(Requests.documentCoding, async ({ uri }) => (await codingFor(uri))?.coding ?? null);

onRequest(Requests.codeText, async ({ text }) => (await source()).code(typeof text === 'string' ? text : '', codingOptions(await settingsFor(''))));

onRequest(Requests.decide, async ({ uri, code, decision }) => {
  decisions.set(uri, code, decision);
  const doc = documents.get(uri);
  return doc ? coder.republish(doc) : null;
});

onRequest(Requests.searchCodes, async ({ query, limit }) => {
  const src = await source();
  return src.search ? src.search(String(query ?? ''), Math.min(Math.max(1, limit ?? 50), 500)) : [];
});

onRequest(Requests.exportCodes, async ({ uri, format }) => {
  const r = await codingFor(uri);
  if (!r?.coding) throw new Error(`${uri} is not an open note that Clinical Coder codes: open it (a language in clinicalCoder.languages) and try again.`);
  return writeExport(r.coding, format);
});

onRequest(Requests.serverStatus, () => status);
// Code Explorer webview requests (issue 8): hierarchy, code detail and search over the knowledge base.
registerExplorerRequests(connection);

documents.listen(connection);
connection.listen();
log(`clinical-coder language server ${VERSION} started (node ${process.version}, defaults: ${JSON.stringify({ threshold: DEFAULT_SETTINGS.threshold, severity: DEFAULT_SETTINGS.severity })})`);

