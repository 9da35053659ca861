// Hosts the Code Explorer webview: builds its page (strict CSP, resources only from dist/), forwards
// its typed requests to the language server, follows the active note, reveals evidence in the editor,
// and restores the panel after a restart (WebviewPanelSerializer; the webview keeps its own state).
// Wired from extension.ts with one call: registerCodeExplorer(context, () => client).
import * as vscode from 'vscode';
import {
  type ActiveNote, type ExportFormat, type HostToWebview, type WebviewToHost,
  VIEW_TYPE, isExplorerMethod,
} from '../common/explorerProtocol';
import { Commands, type CodeCommandArgs } from '../common/protocol';
import { makeNonce, renderExplorerHtml } from './explorerHtml';

/** The part of vscode-languageclient's LanguageClient used here. */
export interface ExplorerClient {
  sendRequest(method: string, params: unknown): Promise<unknown>;
}
export type ClientProvider = () => ExplorerClient | undefined | Promise<ExplorerClient | undefined>;

const DEFAULT_LANGUAGES = ['clinical-note', 'plaintext', 'markdown'];

function isNoteDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
  const langs = vscode.workspace.getConfiguration('clinicalCoder').get<string[]>('languages', DEFAULT_LANGUAGES);
  return (Array.isArray(langs) ? langs : DEFAULT_LANGUAGES).includes(doc.languageId);
}

function noteOf(doc: vscode.TextDocument): ActiveNote {
  const name = doc.uri.path.split('/').pop() || doc.uri.toString();
  return { uri: doc.uri.toString(), name };
}

export class CodeExplorerPanel implements vscode.Disposable {
  static current: CodeExplorerPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queue: HostToWebview[] = [];
  private note: ActiveNote | null = null;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  static show(context: vscode.ExtensionContext, getClient: ClientProvider, code?: string, noteUri?: string): CodeExplorerPanel {
    let p = CodeExplorerPanel.current;
    if (p) {
      p.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Code Explorer',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, CodeExplorerPanel.options(context));
      p = new CodeExplorerPanel(panel, context, getClient);
    }
    if (noteUri) p.follow(noteUri);
    if (code) p.post({ type: 'showCode', code });
    return p;
  }

  static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      // The webview keeps its state with setState; no need to hold a hidden page in memory.
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    };
  }

  constructor(private readonly panel: vscode.WebviewPanel, context: vscode.ExtensionContext, private readonly getClient: ClientProvider) {
    CodeExplorerPanel.current = this;
    panel.webview.options = CodeExplorerPanel.options(context);
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    panel.webview.html = renderExplorerHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    const editor = vscode.window.activeTextEditor;
    if (editor && isNoteDocument(editor.document)) this.note = noteOf(editor.document);
    else this.note = vscode.window.visibleTextEditors.map((e) => e.document).filter(isNoteDocument).map(noteOf)[0] ?? null;

    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      // The webview reloads when shown again (retainContextWhenHidden: false); it says 'ready' then.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Focusing the panel itself leaves no active editor: keep following the last note.
        if (!e || !isNoteDocument(e.document)) return;
        const n = noteOf(e.document);
        if (n.uri === this.note?.uri) return;
        this.note = n;
        this.post({ type: 'activeNote', note: n });
      }),
      // After a window reload the panel can be restored before the editors are: follow the first note that shows up.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        if (this.note) return;
        const doc = editors.map((e) => e.document).find(isNoteDocument);
        if (!doc) return;
        this.note = noteOf(doc);
        this.post({ type: 'activeNote', note: this.note });
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.toString() !== this.note?.uri) return;
        this.note = null;
        this.post({ type: 'activeNote', note: null });
      }),
      // New diagnostics mean new suggestions or decisions: let the webview re-ask (throttled).
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.note?.uri;
        if (!uri || !e.uris.some((u) => u.toString() === uri)) return;
        if (this.changeTimer) clearTimeout(this.changeTimer);
        this.changeTimer = setTimeout(() => this.post({ type: 'noteChanged', uri }), 150);
      }),
    );
  }

  /** Follows the note a hover link or code lens was invoked from. */
  follow(uri: string): void {
    if (uri === this.note?.uri) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!doc) return;
    this.note = noteOf(doc);
    this.post({ type: 'activeNote', note: this.note });
  }

  post(m: HostToWebview): void {
    if (!this.ready) {
      // Until the page says 'ready' only the latest of each kind matters.
      this.queue = this.queue.filter((q) => q.type !== m.type || q.type === 'response');
      this.queue.push(m);
      return;
    }
    void this.panel.webview.postMessage(m);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!raw || typeof raw !== 'object') return;
    const m = raw as WebviewToHost;
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        void this.panel.webview.postMessage({ type: 'activeNote', note: this.note } satisfies HostToWebview);
        for (const q of queued) if (q.type !== 'activeNote') void this.panel.webview.postMessage(q);
        return;
      }
      case 'request': {
        if (typeof m.id !== 'number') return;
        if (!isExplorerMethod(m.method)) {
          this.post({ type: 'response', id: m.id, error: `Unknown Code Explorer request ${String(m.method)}.` });
          return;
        }
        try {
          const client = await this.getClient();
          if (!client) throw new Error('The Clinical Coder language server is not running. Open a note or run "Clinical Coder: Show Log".');
          const result = await client.sendRequest(m.method, m.params ?? {});
          this.post({ type: 'response', id: m.id, result });
        } catch (e) {
          this.post({ type: 'response', id: m.id, error: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      case 'reveal':
        await this.reveal(m.uri, m.start, m.end);
        return;
      case 'export':
        await this.exportCodes(m.uri, m.format);
        return;
    }
  }

  /**
   * The note a webview message may act on: only the followed note or another document already open in
   * the editor — a message never makes the extension open an arbitrary file.
   */
  private openDocument(uriText: unknown): vscode.TextDocument | undefined {
    if (typeof uriText !== 'string') return undefined;
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriText);
  }

  /** Shows the note and selects [start, end) — the evidence span the user clicked. */
  private async reveal(uriText: unknown, start: unknown, end: unknown): Promise<void> {
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end)) return;
    const doc = this.openDocument(uriText);
    if (!doc) {
      this.post({ type: 'notice', level: 'error', message: 'That note is no longer open: open it again to see the evidence.' });
      return;
    }
    try {
      const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const len = doc.getText().length;
      const s = doc.positionAt(Math.max(0, Math.min(len, Math.floor(start))));
      const e = doc.positionAt(Math.max(0, Math.min(len, Math.floor(end))));
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
      editor.selection = new vscode.Selection(s, e);
      editor.revealRange(new vscode.Range(s, e), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (e) {
      this.post({ type: 'notice', level: 'error', message: `Could not open the note: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Export goes through the editor's Export Codes command (the server's writers, a save dialog). */
  private async exportCodes(uriText: unknown, format: ExportFormat): Promise<void> {
    const doc = this.openDocument(uriText);
    if (!doc || !['json', 'csv', 'fhir'].includes(format)) return;
    try {
      const saved = await vscode.commands.executeCommand<string | undefined>(Commands.exportCodes, { uri: doc.uri.toString(), format });
      if (saved) this.post({ type: 'notice', level: 'info', message: `Codes exported to ${saved}.` });
    } catch (e) {
      this.post({ type: 'notice', level: 'error', message: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  dispose(): void {
    if (CodeExplorerPanel.current === this) CodeExplorerPanel.current = undefined;
    if (this.changeTimer) clearTimeout(this.changeTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * Registers the serializer that restores the panel when VS Code restarts, and returns the function
 * behind "Clinical Coder: Open Code Explorer" (commands.ts's openExplorer; hover links and code lenses
 * pass { uri, code } to open it on a code).
 */
export function registerCodeExplorer(context: vscode.ExtensionContext, getClient: ClientProvider): (args?: Partial<CodeCommandArgs>) => Promise<void> {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        // The page restores its own view state (vscode.getState); we only rebuild the host side.
        new CodeExplorerPanel(panel, context, getClient);
      },
    }),
    { dispose: () => CodeExplorerPanel.current?.dispose() },
  );
  return async (args) => {
    CodeExplorerPanel.show(context, getClient, typeof args?.code === 'string' ? args.code : undefined, typeof args?.uri === 'string' ? args.uri : undefined);
  };
}
