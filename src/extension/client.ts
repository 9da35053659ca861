// Starts the language server (dist/server.js) over IPC and connects it to the note languages chosen in
// clinicalCoder.languages. If the server dies, it is restarted (up to 4 times in 3 minutes) and the user
// is told; after that it stays down with a message pointing to the log.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, TransportKind,
  type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands } from '../common/protocol';

export const CLIENT_ID = 'clinicalCoder';
/** The only commands a hover's markdown may run (the links hover.ts writes). */
export const HOVER_COMMANDS: readonly string[] = [Commands.acceptCode, Commands.rejectCode, Commands.openExplorer];
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export function noteLanguages(): string[] {
  const langs = vscode.workspace.getConfiguration('clinicalCoder').get<unknown>('languages');
  return Array.isArray(langs) && langs.every((l) => typeof l === 'string') && langs.length ? langs : ['plaintext', 'markdown', 'clinical-note'];
}

/** Restarts a crashed server and says so; gives up after MAX_RESTARTS crashes in RESTART_WINDOW_MS. */
export function restartingErrorHandler(output: vscode.OutputChannel, onRestart: () => void): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0] < now - RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const message = `Clinical Coder: the language server stopped ${crashes.length} times in 3 minutes and will not be restarted. Run "Clinical Coder: Show Log" to see why, then reload the window.`;
        output.appendLine(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      output.appendLine(`The language server stopped unexpectedly; restarting it (${crashes.length}/${MAX_RESTARTS}).`);
      void vscode.window.showWarningMessage('Clinical Coder: the language server stopped unexpectedly and was restarted. Suggestions come back in a moment.');
      onRestart();
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onRestart: () => void = () => undefined): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: noteLanguages().flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    outputChannel: output,
    // Hover links may run the Accept / Reject / Code Explorer commands and nothing else: a link planted in a
    // note or a decisions file cannot name another command.
    markdown: { isTrusted: { enabledCommands: HOVER_COMMANDS }, supportHtml: false },
    synchronize: { configurationSection: 'clinicalCoder' },
    initializationOptions: {
      // The server ignores clinicalCoder.model.path in an untrusted workspace.
      trusted: vscode.workspace.isTrusted,
      // Decisions on notes outside every workspace folder are kept here.
      globalStoragePath: context.globalStorageUri.fsPath,
    },
    errorHandler: restartingErrorHandler(output, onRestart),
  };
  return new LanguageClient(CLIENT_ID, 'Clinical Coder', serverOptions, clientOptions);
}
