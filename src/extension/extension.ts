// Clinical Coder VS Code client: starts the language server, registers the commands and the status bar.
// All coding happens in the server process (dist/server.js); nothing here touches the network.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Notifications, Requests, type DocumentStatus, type ServerStatus } from '../common/protocol';
import { createClient } from './client';
import { registerCommands, request } from './commands';
import { registerCodeExplorer } from './codeExplorerPanel';
import { CoderStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What activate() returns: used by the extension-host tests and by other extensions. */
export interface ClinicalCoderApi {
  /** Resolves once the language server is running. */
  ready: Promise<void>;
  client(): LanguageClient;
  /** The status bar item's text and tooltip (tests). */
  status(): { text: string; tooltip: string };
}

export async function activate(context: vscode.ExtensionContext): Promise<ClinicalCoderApi> {
  const output = vscode.window.createOutputChannel('Clinical Coder');
  const statusBar = new CoderStatusBar();
  context.subscriptions.push(output, statusBar);

  const start = async (): Promise<void> => {
    const c = createClient(context, output, () => statusBar.reset());
    client = c;
    c.onNotification(Notifications.documentStatus.method, (s: DocumentStatus) => statusBar.setDocument(s));
    c.onNotification(Notifications.serverStatus.method, (s: ServerStatus) => statusBar.setServer(s));
    // After a crash the client restarts the server by itself: ask the new one for its state.
    c.onDidChangeState((e) => {
      if (e.newState === State.Running && client === c) void request(c, Requests.serverStatus, {}).then((s) => statusBar.setServer(s), () => undefined);
    });
    await c.start();
    statusBar.setServer(await request(c, Requests.serverStatus, {}));
  };

  // Code Explorer webview (issue 8): the panel, its serializer, and the function behind Open Code Explorer.
  const openExplorer = registerCodeExplorer(context, () => current());
  const current = (): LanguageClient => {
    if (!client) throw new Error('Clinical Coder: the language server is not running. Run "Clinical Coder: Show Log" to see why.');
    return client;
  };

  context.subscriptions.push(
    ...registerCommands({ client: current, output, openExplorer }),
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.render()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts: restart it for a new language list.
      if (e.affectsConfiguration('clinicalCoder.languages') && client) {
        const old = client;
        client = undefined;
        await old.stop();
        await start();
      }
    }),
  );

  const ready = start().catch((err: Error) => {
    output.appendLine(`Failed to start the language server: ${err.stack ?? err.message}`);
    void vscode.window.showErrorMessage(`Clinical Coder could not start its language server: ${err.message}. Run "Clinical Coder: Show Log" for details.`);
    throw err;
  });
  return { ready, client: current, status: () => ({ text: statusBar.text, tooltip: statusBar.tooltip }) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
