// The Clinical Coder language server. VS Code starts it over IPC; any other editor can run
// `node dist/server.js --stdio`. The coding engine loads and runs in a worker thread (engineSource.ts), so
// the server answers at once; the first diagnostics of a note arrive when the engine is ready.
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
import { EXPLORER_METHODS } from '../common/explorerProtocol';
import {
  Notifications, Requests, type DocumentCoding,
  type NotificationDef, type RequestDef, type ServerStatus,
} from '../common/protocol';
import { codeActionsFor } from './codeActions';
import { codeLenses } from './codeLens';
import { DecisionService } from './decisionService';
import { DecisionStore } from './decisions';
import { toDiagnostics } from './diagnostics';
import { DocumentCoder } from './documentCoder';
import { isIncluded } from './glob';
import { exportCoding } from './exportCoding';
import { hoverAt } from './hover';
import { guardNote } from '../note/noteText';
import { HeapTrimmer } from './heapTrimmer';
import { codingOptions, DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';
import { createSuggestionSource, type SourceState, type SuggestionSource } from './suggestionSource';

export const VERSION = '0.1.0';

interface InitOptions {
  settings?: unknown;
  /** false in an untrusted VS Code workspace: clinicalCoder.model.path is then ignored. */
  trusted?: boolean;
  /** Where decisions of notes outside every workspace folder are kept (the extension's global storage). */
  globalStoragePath?: string;
}

/** Closing a document longer than this gets its memory back at once. */
const LARGE_DOCUMENT_CHARS = 1_000_000;

export function startLanguageServer(workerScript: string): void {
  const heap = new HeapTrimmer();
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);

  let supportsConfiguration = false;
  let supportsLensRefresh = false;
  let workspaceRoots: string[] = [];
  let trusted = true;
  /** Settings pushed by the client or given as initializationOptions (clients without workspace/configuration). */
  let pushedSettings: unknown;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const reportedProblems = new Set<string>();

  const log = (message: string): void => { connection.console.log(message); };
  const onRequest = <P, R>(def: RequestDef<P, R>, handler: (params: P) => Promise<R> | R): void => {
    connection.onRequest(def.method, (params: P) => handler(params));
  };
  const notify = <P>(def: NotificationDef<P>, params: P): void => { void connection.sendNotification(def.method, params); };

  let decisions = new DecisionStore({ roots: [], log, warn: (m) => void connection.window.showWarningMessage(m) });

  function settingsFor(uri: string): Promise<ServerSettings> {
    const cached = settingsCache.get(uri);
    if (cached) return cached;
    const p = (async () => {
      let raw: unknown = pushedSettings;
      if (supportsConfiguration) {
        try { raw = await connection.workspace.getConfiguration({ scopeUri: uri || undefined, section: 'clinicalCoder' }); } catch (err) { log(`reading settings failed: ${(err as Error).message}`); }
      }
      const { settings, problems } = normalizeSettings(raw);
      for (const problem of problems) {
        if (reportedProblems.has(problem)) continue;
        reportedProblems.add(problem);
        void connection.window.showWarningMessage(`Clinical Coder: ${problem}`);
      }
      if (!trusted && settings.modelPath) {
        log('clinicalCoder.model.path is ignored in an untrusted workspace; using the shipped model');
        settings.modelPath = '';
      }
      return settings;
    })();
    settingsCache.set(uri, p);
    return p;
  }

  // ---- The suggestion source (engine worker) and the status it reports.
  let source: SuggestionSource | undefined;
  let sourceKey = '';
  let status: ServerStatus = { state: 'starting', source: 'engine', pid: process.pid };
  const setStatus = (s: ServerStatus): void => { status = s; notify(Notifications.serverStatus, s); };
  const toStatus = (s: SourceState): ServerStatus => ({ state: s.state, source: 'engine', pid: process.pid, ...(s.detail ? { detail: s.detail } : {}), ...(s.loadMs !== undefined ? { loadMs: s.loadMs } : {}) });

  /** The source for the current engine settings; restarts it when the model settings change. */
  async function ensureSource(): Promise<SuggestionSource> {
    const s = await settingsFor('');
    const key = JSON.stringify([s.modelPath, s.encoderEnabled, s.encoderThreads]);
    if (source && key === sourceKey) return source;
    const old = source;
    sourceKey = key;
    source = createSuggestionSource({
      modelPath: s.modelPath || undefined, encoderEnabled: s.encoderEnabled, encoderThreads: s.encoderThreads, log, workerScript,
      warn: (m) => void connection.window.showWarningMessage(m),
      onGiveUp: (reason) => {
        log(`${reason}: the language server exits so that the editor starts a fresh one`);
        void connection.window.showErrorMessage(`Clinical Coder: ${reason}. The language server is restarting; if this repeats, see "Clinical Coder: Show Log" and report it.`);
        // Leaves time for the message to reach the client; a non-zero exit makes the client restart the server.
        setTimeout(() => process.exit(3), 300);
      },
    });
    const mine = source;
    mine.onState((st) => {
      if (source !== mine) return;
      setStatus(toStatus(st));
      // Notes opened while the engine loaded are coded as soon as it is ready.
      if (st.state === 'ready' || st.state === 'lexical-only') for (const doc of documents.all()) void refresh(doc, 0).catch(logError(doc.uri));
    });
    setStatus(toStatus(mine.state));
    if (old) { coder.invalidateAll(); void old.dispose(); }
    return mine;
  }
  const currentSource = (): SuggestionSource => {
    if (!source) throw new Error('The coding engine has not started yet.');
    return source;
  };

  const coder = new DocumentCoder({
    source: currentSource,
    // Through a closure: the store is replaced once initialize gives the workspace folders.
    decisions: { forDocument: (uri: string) => decisions.forDocument(uri) },
    settingsFor,
    log,
    isOpen: (uri) => documents.get(uri) !== undefined,
    documentFor: (uri) => documents.get(uri),
    onCoded(doc, coding, settings) {
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(doc, coding, settings) });
      notify(Notifications.documentStatus, {
        uri: doc.uri,
        suggested: coding.suggestions.filter((s) => !s.decision && s.status === 'active').length,
        accepted: coding.suggestions.filter((s) => s.decision === 'accepted').length,
        rejected: coding.suggestions.filter((s) => s.decision === 'rejected').length,
        ...(coding.skipped ? { skipped: coding.skipped } : {}),
      });
      if (supportsLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    },
  });

  const logError = (uri: string) => (err: unknown) => log(`coding ${uri} failed: ${(err as Error)?.stack ?? err}`);

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
    await ensureSource();
    if (!source?.isReady) return; // coded when the engine reports ready
    const s = await settingsFor(doc.uri);
    if (delayMs === 0) await coder.codeNow(doc);
    else coder.schedule(doc, delayMs ?? s.debounceMs);
  }

  /**
   * The document's coding. `wait`: code it now if stale (waiting for the engine to load); otherwise the
   * cached coding only, so hovers, lenses and quick fixes never wait.
   */
  async function codingFor(uri: string, wait: boolean): Promise<{ doc: TextDocument; coding: DocumentCoding } | null> {
    const doc = documents.get(uri);
    if (!doc || !(await eligible(doc))) return null;
    const current = await coder.current(uri);
    if (current && (current.version === doc.version || !wait)) return { doc, coding: current };
    if (!wait) return null;
    await ensureSource();
    const fresh = await coder.codeNow(doc);
    const coding = fresh ?? (await coder.current(uri));
    return coding ? { doc, coding } : null;
  }

  let params0: InitializeParams | undefined;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    params0 = params;
    const caps = params.capabilities;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    workspaceRoots = (params.workspaceFolders ?? []).flatMap((f) => { try { return [fileURLToPath(f.uri)]; } catch { return []; } });
    if (!workspaceRoots.length && params.rootUri) { try { workspaceRoots = [fileURLToPath(params.rootUri)]; } catch { /* not a file root */ } }
    const init = (params.initializationOptions ?? {}) as InitOptions;
    pushedSettings = init.settings;
    trusted = init.trusted !== false;
    decisions = new DecisionStore({
      roots: workspaceRoots,
      fallbackDir: typeof init.globalStoragePath === 'string' ? init.globalStoragePath : undefined,
      log,
      warn: (m) => void connection.window.showWarningMessage(m),
      onExternalChange: (file, keys) => {
        log(`decisions changed on disk (${file}: ${keys.join(', ')}); refreshing`);
        for (const doc of documents.all()) void coder.republish(doc).catch(logError(doc.uri));
      },
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'clinical-coder', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (params0?.capabilities.workspace?.workspaceFolders) {
      // Folders added later keep their decisions in their own .clinical-coder/ (not in global storage).
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const toPath = (u: string) => { try { return [fileURLToPath(u)]; } catch { return []; } };
        const removed = new Set(e.removed.flatMap((f) => toPath(f.uri)));
        workspaceRoots = [...workspaceRoots.filter((r) => !removed.has(r)), ...e.added.flatMap((f) => toPath(f.uri))];
        decisions.setRoots(workspaceRoots);
        for (const doc of documents.all()) void refresh(doc, 0).catch(logError(doc.uri));
      });
    }
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'clinicalCoder' }).catch(() => undefined);
    void ensureSource().catch((err) => log(`the coding engine failed to start: ${(err as Error).message}`));
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { clinicalCoder?: unknown } | undefined)?.clinicalCoder;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsCache.clear();
    reportedProblems.clear();
    coder.invalidateAll();
    void ensureSource().then(() => { for (const doc of documents.all()) void refresh(doc, 0).catch(logError(doc.uri)); }).catch(logError('(settings)'));
  });

  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    void refresh(e.document, 0).catch(logError(e.document.uri));
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return; // the open event already coded it
    void refresh(e.document).catch(logError(e.document.uri));
  });
  documents.onDidClose((e) => {
    justOpened.delete(e.document.uri);
    // V8 keeps a closed 50 MB note's text and messages resident until a full collection it is in no hurry to run.
    if (e.document.getText().length > LARGE_DOCUMENT_CHARS) heap.collectSoon();
    coder.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params) => {
    const r = await codingFor(params.textDocument.uri, false);
    if (!r) return null;
    return hoverAt(r.doc, r.coding, r.doc.offsetAt(params.position));
  });

  connection.onCodeLens(async (params) => {
    const r = await codingFor(params.textDocument.uri, false);
    return r ? codeLenses(r.doc, r.coding) : [];
  });

  connection.onCodeAction(async (params) => {
    const r = await codingFor(params.textDocument.uri, false);
    return codeActionsFor(params.context.diagnostics, r?.coding);
  });

  onRequest(Requests.documentCoding, async ({ uri }) => (await codingFor(uri, true))?.coding ?? null);

  // Batch coding of unopened files (Code All Notes in Workspace): same size cap and binary check as open notes.
  onRequest(Requests.codeText, async ({ text }) => {
    const guarded = guardNote(typeof text === 'string' ? text : '');
    if (!guarded.text) return { suggestions: [], warnings: guarded.skipped ? [guarded.skipped] : [] };
    const r = await (await ensureSource()).code(guarded.text, codingOptions(await settingsFor('')));
    return { suggestions: r.suggestions, warnings: [...(guarded.skipped ? [guarded.skipped] : []), ...r.warnings], timings: r.timings };
  });

  const decisionService = new DecisionService({
    store: () => decisions,
    codingFor: (uri) => codingFor(uri, true),
    codeInfo: async (codes) => (await ensureSource()).codeInfo(codes),
    rememberInfo: (facts) => coder.rememberInfo(facts),
  });

  /** The note's coding with its decisions, after a decision request (null: not an open note). */
  const republish = (uri: string): Promise<DocumentCoding | null> => {
    const doc = documents.get(uri);
    return doc ? coder.republish(doc) : Promise.resolve(null);
  };
  onRequest(Requests.decide, async (params) => { await decisionService.decide(params); return republish(params.uri); });
  onRequest(Requests.decideSection, async (params) => ((await decisionService.decideSection(params)) ? republish(params.uri) : null));

  onRequest(Requests.searchCodes, async ({ query, limit }) =>
    (await ensureSource()).search(String(query ?? ''), Math.min(Math.max(1, Number(limit) || 50), 200)));

  onRequest(Requests.exportCodes, async ({ uri, format }) => {
    const r = await codingFor(uri, true);
    if (!r) throw new Error(`${uri} is not an open note that Clinical Coder codes: open it (a language in clinicalCoder.languages) and try again.`);
    return exportCoding(r.coding, format);
  });

  onRequest(Requests.serverStatus, () => status);

  // Code Explorer webview requests (issue 8), answered by explorerRequests.ts's handlers in the engine
  // worker, beside the one knowledge base (documentCoding and decide are the editor's own requests above).
  for (const method of EXPLORER_METHODS) {
    if (method === Requests.documentCoding.method || method === Requests.decide.method) continue;
    connection.onRequest(method, async (params: unknown) => (await ensureSource()).explorer(method, params));
  }

  connection.onShutdown(async () => { decisions.dispose(); await source?.dispose(); });

  documents.listen(connection);
  connection.listen();
  log(`clinical-coder language server ${VERSION} started (node ${process.version}, pid ${process.pid}, defaults: ${JSON.stringify({ threshold: DEFAULT_SETTINGS.threshold, severity: DEFAULT_SETTINGS.severity })})`);
}
