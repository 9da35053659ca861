// The palette commands (category "Clinical Coder"). Each asks the language server through the typed
// requests of src/common/protocol.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Commands, Requests, type CodeCommandArgs, type Decision, type ExportFormat, type RequestDef, type SectionCommandArgs,
} from '../common/protocol';
import type { CodingResult } from '../coder/types';
import { noteLanguages } from './client';

export interface CommandContext {
  client(): LanguageClient;
  output: vscode.OutputChannel;
  /** Opens the Code Explorer (webview panel, src/extension/codeExplorerPanel.ts) on a note or a code. */
  openExplorer(args?: Partial<CodeCommandArgs>): Promise<void>;
}

export async function request<P, R>(client: LanguageClient, def: RequestDef<P, R>, params: P): Promise<R> {
  return client.sendRequest<R>(def.method, params);
}

/** Files Code All Notes looks at, at most (a bigger batch belongs to the CLI); reaching it is said, never silent. */
const MAX_WORKSPACE_FILES = 20_000;

const EXTENSION_LANGUAGE: Record<string, string> = { '.note': 'clinical-note', '.txt': 'plaintext', '.md': 'markdown', '.markdown': 'markdown' };

function activeNoteUri(args?: Partial<CodeCommandArgs>): string | undefined {
  return args?.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const decide = (decision: Decision) => async (args?: Partial<CodeCommandArgs>) => {
    const uri = activeNoteUri(args);
    let code = args?.code;
    if (uri && !code) {
      // From the palette: the diagnostic under the cursor.
      const editor = vscode.window.activeTextEditor;
      const pos = editor?.selection.active;
      code = pos && vscode.languages.getDiagnostics(vscode.Uri.parse(uri)).find((d) => d.source === 'ICD-10-CM' && d.range.contains(pos))?.code?.toString();
    }
    if (!uri || !code) { void vscode.window.showInformationMessage('Clinical Coder: put the cursor on a suggested code (a squiggle) first.'); return undefined; }
    try {
      return await request(ctx.client(), Requests.decide, { uri, code, decision });
    } catch (e) {
      // Not recorded (the file could not be written, or not a code): the coder must know, never a silent success.
      void vscode.window.showErrorMessage(String((e as Error)?.message ?? e).replace(/^Request \S+ failed with message: /, ''));
      return undefined;
    }
  };

  return [
    vscode.commands.registerCommand(Commands.codeCurrentNote, async (args?: Partial<CodeCommandArgs>) => {
      const uri = activeNoteUri(args);
      if (!uri) { void vscode.window.showInformationMessage('Clinical Coder: open a note first.'); return null; }
      const coding = await request(ctx.client(), Requests.documentCoding, { uri });
      if (!coding) {
        void vscode.window.showWarningMessage(`Clinical Coder: this file is not coded. Its language must be one of ${noteLanguages().join(', ')} (setting clinicalCoder.languages) and its path must match clinicalCoder.include.`);
        return null;
      }
      const active = coding.suggestions.filter((s) => s.status === 'active');
      void vscode.window.showInformationMessage(`Clinical Coder: ${active.length} code${active.length === 1 ? '' : 's'} suggested${active.length ? `: ${active.slice(0, 6).map((s) => s.code).join(', ')}${active.length > 6 ? ', …' : ''}` : ''}.`);
      return coding;
    }),

    vscode.commands.registerCommand(Commands.codeWorkspace, async () => {
      const cfg = vscode.workspace.getConfiguration('clinicalCoder');
      const include = cfg.get<string[]>('include') ?? ['**/*'];
      const exclude = cfg.get<string[]>('exclude') ?? [];
      const langs = new Set(noteLanguages());
      const glob = (g: string[]) => (g.length === 1 ? g[0] : `{${g.join(',')}}`);
      const found = await vscode.workspace.findFiles(glob(include), exclude.length ? glob(exclude) : undefined, MAX_WORKSPACE_FILES);
      const files = found.filter((u) => langs.has(EXTENSION_LANGUAGE[u.path.slice(u.path.lastIndexOf('.')).toLowerCase()] ?? ''));
      if (found.length >= MAX_WORKSPACE_FILES) {
        void vscode.window.showWarningMessage(`Clinical Coder: the workspace has more than ${MAX_WORKSPACE_FILES.toLocaleString('en-US')} matching files; only the first ${MAX_WORKSPACE_FILES.toLocaleString('en-US')} are coded. Narrow clinicalCoder.include, or code the folder with the CLI (clinical-coder code <folder>).`);
      }
      const results: Array<{ file: string; codes: string[] }> = [];
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Clinical Coder: coding notes', cancellable: true }, async (progress, token) => {
        for (const [i, file] of files.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(file)}`, increment: 100 / Math.max(1, files.length) });
          const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
          const r: CodingResult = await request(ctx.client(), Requests.codeText, { text });
          const codes = r.suggestions.filter((s) => s.status === 'active').map((s) => s.code);
          results.push({ file: vscode.workspace.asRelativePath(file), codes });
          ctx.output.appendLine(`${vscode.workspace.asRelativePath(file)}: ${codes.join(', ') || '(no codes)'}`);
        }
      });
      const total = results.reduce((n, r) => n + r.codes.length, 0);
      void vscode.window.showInformationMessage(`Clinical Coder: coded ${results.length} note${results.length === 1 ? '' : 's'}, ${total} codes suggested. Details in the log (Clinical Coder: Show Log).`);
      return results;
    }),

    vscode.commands.registerCommand(Commands.openExplorer, (args?: Partial<CodeCommandArgs>) => ctx.openExplorer(args)),

    vscode.commands.registerCommand(Commands.searchCodes, async (initial?: string) => {
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { code: string }>();
      pick.placeholder = 'Search ICD-10-CM by code or words, e.g. "E11" or "heart failure"';
      pick.matchOnDescription = true;
      let seq = 0;
      const update = async (value: string) => {
        const mine = ++seq;
        pick.busy = true;
        const found = await request(ctx.client(), Requests.searchCodes, { query: value, limit: 100 });
        if (mine !== seq) return;
        pick.items = found.map((c) => ({ label: c.code, description: c.title, detail: c.billable ? undefined : 'header (not billable)', code: c.code }));
        pick.busy = false;
      };
      pick.onDidChangeValue((v) => void update(v));
      const chosen = new Promise<string | undefined>((resolve) => {
        pick.onDidAccept(() => { resolve(pick.selectedItems[0]?.code); pick.hide(); });
        pick.onDidHide(() => resolve(undefined));
      });
      pick.show();
      if (typeof initial === 'string') { pick.value = initial; await update(initial); }
      const code = await chosen;
      pick.dispose();
      if (code) await ctx.openExplorer({ code, uri: vscode.window.activeTextEditor?.document.uri.toString() });
      return code;
    }),

    vscode.commands.registerCommand(Commands.exportCodes, async (args?: { uri?: string; format?: ExportFormat; target?: string }) => {
      const uri = activeNoteUri(args);
      if (!uri) { void vscode.window.showInformationMessage('Clinical Coder: open a note to export its codes.'); return undefined; }
      const format = args?.format ?? (await vscode.window.showQuickPick(
        [{ label: 'JSON', f: 'json' as const }, { label: 'CSV', f: 'csv' as const }, { label: 'FHIR R4 (Bundle of Condition)', f: 'fhir' as const }],
        { placeHolder: 'Export format' }))?.f;
      if (!format) return undefined;
      const out = await request(ctx.client(), Requests.exportCodes, { uri, format });
      const note = vscode.Uri.parse(uri);
      // Where to write is always the user's choice: a `target` argument (a link, another extension) only pre-fills
      // the dialog, so nothing can make this command write a file the user did not pick.
      const suggested = typeof args?.target === 'string' && args.target ? vscode.Uri.file(args.target)
        : note.scheme === 'file' ? note.with({ path: note.path.replace(/\.[^./]*$/, '') + `.codes.${out.extension}` }) : undefined;
      const target = await vscode.window.showSaveDialog({
        defaultUri: suggested,
        filters: { [format.toUpperCase()]: [out.extension.split('.').pop() ?? 'json'] },
        saveLabel: 'Export codes',
      });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(out.content));
      void vscode.window.showInformationMessage(`Clinical Coder: codes exported to ${vscode.workspace.asRelativePath(target)}.`);
      return target.fsPath;
    }),

    vscode.commands.registerCommand(Commands.toggleSuggestions, async () => {
      const cfg = vscode.workspace.getConfiguration('clinicalCoder');
      const next = !cfg.get<boolean>('enabled', true);
      await cfg.update('enabled', next, vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
      void vscode.window.setStatusBarMessage(`Clinical Coder: suggestions ${next ? 'on' : 'off'}`, 3000);
      return next;
    }),

    vscode.commands.registerCommand(Commands.showLog, () => ctx.output.show(true)),
    vscode.commands.registerCommand(Commands.acceptCode, decide('accepted')),
    vscode.commands.registerCommand(Commands.rejectCode, decide('rejected')),
    vscode.commands.registerCommand(Commands.replaceCode, async (args?: Partial<CodeCommandArgs>) => {
      if (!args?.uri || !args.code || !args.replaces) { void vscode.window.showInformationMessage('Clinical Coder: use the quick fix on a suggested code to replace it with a more specific one.'); return undefined; }
      return request(ctx.client(), Requests.decide, { uri: args.uri, code: args.code, decision: 'accepted', replaces: args.replaces });
    }),
    vscode.commands.registerCommand(Commands.acceptSection, async (args?: Partial<SectionCommandArgs>) => {
      if (!args?.uri || typeof args.start !== 'number' || typeof args.end !== 'number') { void vscode.window.showInformationMessage('Clinical Coder: use the code lens on a section header to accept its codes.'); return undefined; }
      return request(ctx.client(), Requests.decideSection, { uri: args.uri, start: args.start, end: args.end, decision: 'accepted' });
    }),
  ];
}
