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
  Notifications, Requests, type DocumentCoding, type DocumentSuggestion, type ExportFormat, type ExportResult,
  type NotificationDef, type RequestDef, type ServerStatus,
} from '../common/protocol';
import { csvHeader, toCsvRows, toFhirBundle, toJsonDocument, type CodedNote } from '../coder/export/index';
import { anchorOf } from './anchors';
import { codeActionsFor } from './codeActions';
import { codeLenses, codesInSection } from './codeLens';
import { DecisionStore, isCodeShaped, type DecisionRecord } from './decisions';
import { toDiagnostics } from './diagnostics';
import { DocumentCoder } from './documentCoder';
import { isIncluded } from './glob';
import { hoverAt, moreSpecific } from './hover';
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

  /** The evidence anchor of a suggestion's main span, in the note's current text. */
  const anchorFor = (doc: TextDocument, s: DocumentSuggestion | undefined) => {
    const e = s?.evidence[0];
    const text = doc.getText();
    return e && e.end <= text.length ? anchorOf(text, e.start, e.end) : undefined;
  };

  /** A decision names a code of the shipped code set, whatever the request says. */
  async function checkCodes(codes: unknown[]): Promise<void> {
    for (const c of codes) if (!isCodeShaped(c)) throw new Error(`Clinical Coder: ${JSON.stringify(String(c).slice(0, 40))} is not an ICD-10-CM code.`);
    const facts = await (await ensureSource()).codeInfo(codes as string[]);
    for (const c of codes as string[]) if (!facts[c] || facts[c].unknown) throw new Error(`Clinical Coder: ${c} is not in the FY2026 ICD-10-CM code set.`);
    coder.rememberInfo(facts);
  }

  onRequest(Requests.decide, async ({ uri, code, decision, replaces }) => {
    if (typeof uri !== 'string' || typeof code !== 'string' || !code) throw new Error('Clinical Coder: a decision needs the note (uri) and the code.');
    if (decision !== 'clear') await checkCodes(replaces ? [code, replaces] : [code]);
    const r = await codingFor(uri, true);
    const now = new Date().toISOString();
    if (decision === 'clear') {
      const old = decisions.forDocument(uri).find((x) => x.code === code);
      await decisions.update(uri, [], [code, ...(old?.replaces ? [old.replaces] : [])]);
    } else if (decision !== 'accepted' && decision !== 'rejected') {
      throw new Error(`Clinical Coder: unknown decision ${JSON.stringify(decision)} (accepted, rejected or clear).`);
    } else if (replaces) {
      const target = r?.coding.suggestions.find((s) => s.code === replaces);
      if (!r || !target) throw new Error(`Clinical Coder: ${replaces} is not suggested in this note, so it cannot be replaced.`);
      const evidence = anchorFor(r.doc, target);
      const child = moreSpecific(target).find((c) => c.code === code);
      await decisions.update(uri, [
        { code, decision: 'accepted', title: child?.title ?? code, evidence, replaces, confidence: target.confidence, at: now },
        { code: replaces, decision: 'rejected', title: target.title, evidence, at: now },
      ]);
    } else {
      const s = r?.coding.suggestions.find((x) => x.code === code);
      const record: DecisionRecord = { code, decision, at: now, ...(s ? { title: s.title, confidence: s.confidence } : {}) };
      const evidence = r && s ? anchorFor(r.doc, s) : undefined;
      if (evidence) record.evidence = evidence;
      await decisions.update(uri, [record]);
    }
    const doc = documents.get(uri);
    return doc ? coder.republish(doc) : null;
  });

  onRequest(Requests.decideSection, async ({ uri, start, end, decision }) => {
    const r = await codingFor(uri, true);
    if (!r) return null;
    const now = new Date().toISOString();
    const records: DecisionRecord[] = codesInSection(r.coding, { start, end })
      .filter((s) => !s.decision)
      .map((s) => ({ code: s.code, decision, title: s.title, confidence: s.confidence, evidence: anchorFor(r.doc, s), at: now }));
    if (records.length) await decisions.update(uri, records);
    return coder.republish(r.doc);
  });

  onRequest(Requests.searchCodes, async ({ query, limit }) =>
    (await ensureSource()).search(String(query ?? ''), Math.min(Math.max(1, Number(limit) || 50), 200)));

  onRequest(Requests.exportCodes, async ({ uri, format }) => {
    const r = await codingFor(uri, true);
    if (!r) throw new Error(`${uri} is not an open note that Clinical Coder codes: open it (a language in clinicalCoder.languages) and try again.`);
    return writeExport(r.coding, format);
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

/**
 * A note's codes in an export format, written by the CLI's writers (src/coder/export). Exported: the accepted
 * codes, or every pending suggestion when none was accepted yet; rejected codes never.
 */
export function writeExport(coding: DocumentCoding, format: ExportFormat): ExportResult {
  const live = coding.suggestions.filter((s) => s.decision !== 'rejected' && s.status === 'active');
  const accepted = live.filter((s) => s.decision === 'accepted');
  const suggestions = (accepted.length ? accepted : live).map(({ info: _info, decision: _d, replaces: _r, ...s }) => s);
  const note: CodedNote = { file: coding.uri, suggestions, warnings: coding.warnings };
  if (format === 'csv') return { format, mimeType: 'text/csv', extension: 'csv', content: [csvHeader(), ...toCsvRows(note)].join('\n') + '\n' };
  if (format === 'fhir') return { format, mimeType: 'application/fhir+json', extension: 'fhir.json', content: JSON.stringify(toFhirBundle(note), null, 2) + '\n' };
  return { format: 'json', mimeType: 'application/json', extension: 'json', content: toJsonDocument([note]) + '\n' };
}
