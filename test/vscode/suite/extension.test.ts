// Extension-host integration tests: the real VS Code API talking to the real language server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClinicalCoderApi } from '../../../src/extension/extension';
import type { DocumentCoding } from '../../../src/common/protocol';

const EXTENSION_ID = 'clinical-coder.clinical-coder';

async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 20000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'tests run with the samples copied into a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

const icd = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ICD-10-CM');

suite('Clinical Coder in VS Code', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<ClinicalCoderApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    doc = await vscode.workspace.openTextDocument(workspaceFile('discharge-summary.note'));
    await vscode.window.showTextDocument(doc);
    const api = await ext.activate();
    await api.ready;
  });

  test('*.note files open as the clinical-note language', () => {
    assert.equal(doc.languageId, 'clinical-note');
  });

  test('every contributed command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    assert.ok(pkg.contributes.commands.length >= 9);
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Clinical Coder');
      assert.ok(all.has(c.command), `${c.command} registered`);
    }
  });

  test('publishes ICD-10-CM diagnostics on the evidence', async () => {
    const ds = await waitFor('diagnostics', () => { const d = icd(doc.uri); return d.length ? d : null; });
    const d = ds.find((x) => x.code === 'E11.22');
    assert.ok(d, `E11.22 in ${ds.map((x) => x.code).join(', ')}`);
    assert.equal(d.message, 'E11.22 Type 2 diabetes mellitus with diabetic chronic kidney disease (91%)');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(doc.getText(d.range).toLowerCase(), 'type 2 diabetes mellitus with diabetic chronic kidney disease');
    assert.ok(!ds.some((x) => x.code === 'R07.9'), 'negated chest pain is not suggested');
  });

  test('hover shows the code, evidence and command links', async () => {
    const d = icd(doc.uri).find((x) => x.code === 'E11.22')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*E11\.22\*\*/);
    assert.match(text, /Evidence:/);
    assert.match(text, /command:clinicalCoder\.acceptCode/);
  });

  test('code lens at the top of the note', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const top = lenses.find((l) => l.range.start.line === 0 && l.command);
    assert.ok(top, 'a lens on line 1');
    assert.match(top.command!.title, /^ICD-10-CM: \d+ suggested · 0 accepted/);
    assert.equal(top.command!.command, 'clinicalCoder.openExplorer');
  });

  test('quick fixes offer Accept and Reject', async () => {
    const d = icd(doc.uri).find((x) => x.code === 'I10')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Accept I10') && titles.includes('Reject I10'), titles.join(', '));
  });

  test('Code Current Note returns the coding', async () => {
    const coding = await vscode.commands.executeCommand<DocumentCoding>('clinicalCoder.codeCurrentNote', { uri: doc.uri.toString() });
    assert.ok(coding.suggestions.some((s) => s.code === 'J44.1'));
  });

  test('Accept marks a code; Reject removes its diagnostic', async () => {
    await vscode.commands.executeCommand('clinicalCoder.acceptCode', { uri: doc.uri.toString(), code: 'J18.9' });
    await waitFor('accepted J18.9', () => icd(doc.uri).find((x) => x.code === 'J18.9' && x.message.startsWith('✓ accepted')));
    await vscode.commands.executeCommand('clinicalCoder.rejectCode', { uri: doc.uri.toString(), code: 'I10' });
    await waitFor('I10 gone', () => !icd(doc.uri).some((x) => x.code === 'I10'));
  });

  test('Export Codes writes JSON and CSV files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-export-'));
    const json = await vscode.commands.executeCommand<string>('clinicalCoder.exportCodes', { uri: doc.uri.toString(), format: 'json', target: path.join(dir, 'codes.json') });
    const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as { codes: { code: string; decision: string }[] };
    assert.deepEqual(parsed.codes.map((c) => c.code), ['J18.9'], 'only the accepted code once one was accepted');
    const csv = await vscode.commands.executeCommand<string>('clinicalCoder.exportCodes', { uri: doc.uri.toString(), format: 'csv', target: path.join(dir, 'codes.csv') });
    assert.match(fs.readFileSync(csv, 'utf8'), /^code,title,confidence,decision,evidence\nJ18\.9,/);
  });

  test('Code All Notes in Workspace codes every sample', async () => {
    const results = await vscode.commands.executeCommand<{ file: string; codes: string[] }[]>('clinicalCoder.codeWorkspace');
    assert.ok(results.length >= 5, `${results.length} notes`);
    const ed = results.find((r) => r.file.endsWith('ed-note.note'));
    assert.ok(ed?.codes.includes('R07.9'), JSON.stringify(ed));
  });

  test('Toggle Suggestions clears and restores the diagnostics', async () => {
    assert.equal(await vscode.commands.executeCommand('clinicalCoder.toggleSuggestions'), false);
    await waitFor('diagnostics cleared', () => icd(doc.uri).length === 0);
    assert.equal(await vscode.commands.executeCommand('clinicalCoder.toggleSuggestions'), true);
    await waitFor('diagnostics back', () => icd(doc.uri).length > 0);
  });

  test('the severity setting changes the diagnostics', async () => {
    const cfg = vscode.workspace.getConfiguration('clinicalCoder');
    await cfg.update('severity', 'warning', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('warnings', () => icd(doc.uri).some((d) => d.code === 'E11.22' && d.severity === vscode.DiagnosticSeverity.Warning));
    } finally {
      await cfg.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
