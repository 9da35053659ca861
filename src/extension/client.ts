// Starts the language server (dist/server.js) over IPC and connects it to the note languages chosen in
// clinicalCoder.languages.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'clinicalCoder';

export function noteLanguages(): string[] {
  const langs = vscode.workspace.getConfiguration('clinicalCoder').get<unknown>('languages');
  return Array.isArray(langs) && langs.every((l) => typeof l === 'string') && langs.length ? langs : ['plaintext', 'markdown', 'clinical-note'];
}

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: noteLanguages().flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    outputChannel: output,
    // Hover links run the Accept / Reject / Code Explorer commands.
    markdown: { isTrusted: true, supportHtml: false },
    synchronize: { configurationSection: 'clinicalCoder' },
  };
  return new LanguageClient(CLIENT_ID, 'Clinical Coder', serverOptions, clientOptions);
}
