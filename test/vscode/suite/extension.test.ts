// Extension-host integration tests: the real VS Code API talking to the real language server and engine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClinicalCoderApi } from '../../../src/extension/extension';
import type { DocumentCoding, ServerStatus } from '../../../src/common/protocol';

const EXTENSION_ID = 'clinical-coder.clinical-coder';

async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 30000): Promise<T> {
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
const decisionsFile = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.clinical-coder', 'decisions.json');
type DecisionsJson = { format: string; version: number; notes: Record<string, { code: string; decision: string; evidence?: { text: string }; replaces?: string }[]> };

suite('Clinical Coder in VS Code', () => {
  let doc: vscode.TextDocument;
  let api: ClinicalCoderApi;
  // Chosen from what the engine suggests (its output changes as it is trained): a code with a more specific
  // replacement, and a code to reject.
  let replace: { parent: string; child: string } | undefined;
  let rejected = '';

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<ClinicalCoderApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    doc = await vscode.workspace.openTextDocument(workspaceFile('discharge-summary.note'));
    await vscode.window.showTextDocument(doc);
    api = await ext.activate();
    await api.ready;
  });

  test('*.note files open as the clinical-note language', () => {
    assert.equal(doc.languageId, 'clinical-note');
  });

  test('every contributed command is registered, in the Clinical Coder category', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    assert.ok(pkg.contributes.commands.length >= 11);
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Clinical Coder');
      assert.ok(all.has(c.command), `${c.command} registered`);
    }
  });

  test('publishes ICD-10-CM diagnostics on the evidence', async () => {
    const ds = await waitFor('diagnostics', () => { const d = icd(doc.uri); return d.length ? d : null; });
    const d = ds.find((x) => x.code === 'E11.22');
    assert.ok(d, `E11.22 in ${ds.map((x) => x.code).join(', ')}`);
    assert.match(d.message, /^E11\.22 Type 2 diabetes mellitus with diabetic chronic kidney disease \(\d+%\)$/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(doc.getText(d.range).toLowerCase(), 'type 2 diabetes mellitus with diabetic chronic kidney disease');
    assert.ok(!ds.some((x) => x.code === 'R07.9'), 'negated chest pain is not suggested');
  });

  test('the status bar shows the model state and the note\'s suggestion count', async () => {
    const status = await waitFor('status with a count', () => { const s = api.status(); return /ICD-10( \(word matching\))?: \d+/.test(s.text) ? s : null; });
    const server = await api.client().sendRequest<ServerStatus>('clinicalCoder/serverStatus', {});
    if (server.state === 'lexical-only') {
      assert.match(status.text, /^\$\(info\) ICD-10 \(word matching\): \d+/);
      assert.match(status.tooltip, /word matching only/);
      assert.ok(server.detail && status.tooltip.includes(server.detail), 'the tooltip gives the reason');
    } else {
      assert.equal(server.state, 'ready');
      assert.match(status.text, /^\$\(checklist\) ICD-10: \d+/);
    }
  });

  test('hover shows the code, breadcrumb, evidence and command links', async () => {
    const d = icd(doc.uri).find((x) => x.code === 'E11.22')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*E11\.22\*\*/);
    assert.match(text, / › E11 Type 2 diabetes mellitus/);
    assert.match(text, /Evidence:/);
    assert.match(text, /command:clinicalCoder\.acceptCode/);
  });

  test('code lenses: summary at the top, codes on section headers', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const top = lenses.find((l) => l.range.start.line === 0 && l.command);
    assert.ok(top, 'a lens on line 1');
    assert.match(top.command!.title, /^ICD-10-CM: \d+ suggested · 0 accepted/);
    assert.equal(top.command!.command, 'clinicalCoder.openExplorer');
    const hpi = doc.getText().split('\n').findIndex((l) => l.startsWith('HISTORY OF PRESENT ILLNESS'));
    assert.ok(lenses.some((l) => l.range.start.line === hpi && /E11\.22/.test(l.command?.title ?? '')));
  });

  test('quick fixes: Accept, Reject and the more specific codes', async () => {
    for (const d of icd(doc.uri)) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes(`Accept ${d.code}`) && titles.includes(`Reject ${d.code}`), titles.join(', '));
      const more = actions.find((a) => a.title.startsWith('Replace with more specific ') && a.command?.arguments?.[0]?.replaces === d.code);
      if (more && !replace && d.code !== 'J18.9') replace = { parent: String(d.code), child: more.command!.arguments![0].code };
    }
    assert.ok(replace, 'some suggestion offers a more specific code');
    rejected = String(icd(doc.uri).map((d) => d.code).filter((c) => c !== 'J18.9' && c !== replace!.parent && c !== 'E11.22').at(-1));
  });

  test('Code Current Note returns the coding', async () => {
    const coding = await vscode.commands.executeCommand<DocumentCoding>('clinicalCoder.codeCurrentNote', { uri: doc.uri.toString() });
    assert.ok(coding.suggestions.some((s) => s.code === 'J44.1'));
  });

  test('Accept / Reject / Replace are persisted in .clinical-coder/decisions.json and change the diagnostics', async () => {
    const uri = doc.uri.toString();
    await vscode.commands.executeCommand('clinicalCoder.acceptCode', { uri, code: 'J18.9' });
    await waitFor('accepted J18.9', () => icd(doc.uri).find((x) => x.code === 'J18.9' && x.message.startsWith('✓ accepted')));
    await vscode.commands.executeCommand('clinicalCoder.rejectCode', { uri, code: rejected });
    await waitFor(`${rejected} gone`, () => !icd(doc.uri).some((x) => x.code === rejected));
    const { parent, child } = replace!;
    await vscode.commands.executeCommand('clinicalCoder.replaceCode', { uri, code: child, replaces: parent });
    await waitFor(`${child} in place of ${parent}`, () => icd(doc.uri).some((x) => x.code === child && x.message.includes(`in place of ${parent}`)) && !icd(doc.uri).some((x) => x.code === parent));
    const saved = JSON.parse(fs.readFileSync(decisionsFile(), 'utf8')) as DecisionsJson;
    assert.equal(saved.format, 'clinical-coder/decisions');
    assert.equal(saved.version, 1);
    assert.deepEqual(saved.notes['discharge-summary.note'].map((r) => `${r.code}:${r.decision}`).sort(),
      [`J18.9:accepted`, `${parent}:rejected`, `${child}:accepted`, `${rejected}:rejected`].sort());
    assert.equal(doc.isDirty, false, 'the note itself is not modified');
  });

  test('decisions survive an edit elsewhere in the note and a language-server restart', async () => {
    const line = icd(doc.uri).find((x) => x.code === 'J18.9')!.range.start.line;
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'Addendum: reviewed.\n'));
    await waitFor('J18.9 still accepted after the edit', () => icd(doc.uri).some((x) => x.code === 'J18.9' && x.message.startsWith('✓ accepted') && x.range.start.line === line + 1));
    await vscode.commands.executeCommand('undo');
    await doc.save();
    const client = api.client();
    await client.restart();
    await waitFor('decisions reloaded by the new server', () => icd(doc.uri).some((x) => x.code === 'J18.9' && x.message.startsWith('✓ accepted')) && !icd(doc.uri).some((x) => x.code === rejected), 60000);
  });

  test('an external edit of decisions.json is picked up', async () => {
    const saved = JSON.parse(fs.readFileSync(decisionsFile(), 'utf8')) as DecisionsJson;
    saved.notes['discharge-summary.note'] = saved.notes['discharge-summary.note'].filter((r) => r.code !== rejected);
    fs.writeFileSync(decisionsFile(), JSON.stringify(saved, null, 2));
    await waitFor(`${rejected} pending again`, () => icd(doc.uri).some((x) => x.code === rejected && !x.message.startsWith('✓')));
  });

  test('a crafted decisions.json renders as text in the hover: no foreign command link, no fake code', async () => {
    const saved = fs.readFileSync(decisionsFile(), 'utf8');
    const planted = '[Accept](command:workbench.action.files.newUntitledFile "Accept")';
    const crafted = JSON.parse(saved) as DecisionsJson;
    const evidenceAt = doc.getText().indexOf('pneumonia');
    crafted.notes['discharge-summary.note'] = [
      ...crafted.notes['discharge-summary.note'],
      { code: 'Z00.00', decision: 'accepted', title: planted, evidence: { text: 'pneumonia', context: '00000000', start: evidenceAt } } as DecisionsJson['notes'][string][number],
      { code: 'ZZZ.FAKE', decision: 'accepted', title: planted, evidence: { text: 'pneumonia', context: '00000000', start: evidenceAt } } as DecisionsJson['notes'][string][number],
      { code: 'J44.1', decision: 'accepted', replaces: 'I10](command:workbench.action.files.newUntitledFile)' },
    ];
    fs.writeFileSync(decisionsFile(), JSON.stringify(crafted, null, 2));
    try {
      const z = await waitFor('the chosen Z00.00 shown on its evidence', () => icd(doc.uri).find((x) => x.code === 'Z00.00'));
      assert.ok(!icd(doc.uri).some((x) => String(x.code) === 'ZZZ.FAKE'), 'a code outside the code set is not shown');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, z.range.start.translate(0, 2));
      const parts = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c);
      const md = parts.map((c) => c.value).join('\n');
      assert.match(md, /Z00\\?\.00/);
      const commands = [...md.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(commands.length > 0, 'our own links are there');
      assert.deepEqual([...new Set(commands)].sort(), ['clinicalCoder.acceptCode', 'clinicalCoder.openExplorer', 'clinicalCoder.rejectCode']);
      assert.ok(!md.includes('workbench.action.files.newUntitledFile'), 'the planted title is not shown (the code set gives the title)');
      for (const p of parts) {
        assert.notEqual(p.isTrusted, true, 'hover markdown is never trusted for every command');
        if (p.isTrusted) assert.deepEqual([...(p.isTrusted as { enabledCommands: string[] }).enabledCommands].sort(), ['clinicalCoder.acceptCode', 'clinicalCoder.openExplorer', 'clinicalCoder.rejectCode']);
      }
    } finally {
      fs.writeFileSync(decisionsFile(), saved);
      await waitFor('the planted decisions gone', () => !icd(doc.uri).some((x) => x.code === 'Z00.00'));
    }
  });

  test('Export Codes writes JSON, CSV and FHIR files with the CLI writers, always where the user chooses', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-export-'));
    const uri = doc.uri.toString();
    // The save dialog is the user's answer; a target argument only pre-fills it.
    const asked: (string | undefined)[] = [];
    const original = vscode.window.showSaveDialog;
    (vscode.window as { showSaveDialog: typeof original }).showSaveDialog = async (o) => { asked.push(o?.defaultUri?.fsPath); return vscode.Uri.file(path.join(dir, `chosen-${asked.length}${path.extname(o?.defaultUri?.fsPath ?? '.json')}`)); };
    try {
      const elsewhere = path.join(dir, 'not-chosen.json');
      const chosen = await vscode.commands.executeCommand<string>('clinicalCoder.exportCodes', { uri, format: 'json', target: elsewhere });
      assert.equal(asked[0], elsewhere, 'the target pre-fills the dialog');
      assert.ok(!fs.existsSync(elsewhere), 'nothing is written where the user did not choose');
      assert.equal(chosen, path.join(dir, 'chosen-1.json'));
      const json = await vscode.commands.executeCommand<string>('clinicalCoder.exportCodes', { uri, format: 'json', target: path.join(dir, 'codes.json') });
      const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as { file: string; suggestions: { code: string }[] }[];
      const accepted = ['J18.9', replace!.child].sort();
      assert.deepEqual(parsed[0].suggestions.map((c) => c.code).sort(), accepted, 'only the accepted codes once some were accepted');
      const csv = await vscode.commands.executeCommand<string>('clinicalCoder.exportCodes', { uri, format: 'csv', target: path.join(dir, 'codes.csv') });
      assert.match(fs.readFileSync(csv, 'utf8'), /^file,rank,code,title,confidence,status,billable,evidence,why\n/);
      const fhir = await vscode.commands.executeCommand<string>('clinicalCoder.exportCodes', { uri, format: 'fhir', target: path.join(dir, 'codes.fhir.json') });
      const bundle = JSON.parse(fs.readFileSync(fhir, 'utf8')) as { resourceType: string; entry: { resource: { code: { coding: { code: string }[] } } }[] };
      assert.equal(bundle.resourceType, 'Bundle');
      assert.deepEqual(bundle.entry.map((e) => e.resource.code.coding[0].code).sort(), accepted);
    } finally {
      (vscode.window as { showSaveDialog: typeof original }).showSaveDialog = original;
    }
  });

  test('Search ICD-10-CM: live results in the quick pick; choosing one opens it', async () => {
    const found = await api.client().sendRequest<{ code: string }[]>('clinicalCoder/searchCodes', { query: 'type 2 diabetes chronic kidney', limit: 10 });
    assert.ok(found.some((c) => c.code === 'E11.22'), JSON.stringify(found.slice(0, 5)));
    const chosen = vscode.commands.executeCommand<string | undefined>('clinicalCoder.searchCodes', 'e11.22');
    await new Promise((r) => setTimeout(r, 1500)); // the quick pick fills from the server
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await chosen, 'E11.22');
    await vscode.window.showTextDocument(doc); // back from the Code Explorer panel it opened
  });

  test('Show Log runs', async () => {
    await vscode.commands.executeCommand('clinicalCoder.showLog');
  });

  test('Code All Notes in Workspace codes every sample', async () => {
    const results = await vscode.commands.executeCommand<{ file: string; codes: string[] }[]>('clinicalCoder.codeWorkspace');
    assert.ok(results.length >= 5, `${results.length} notes`);
    const ed = results.find((r) => r.file.endsWith('ed-note.note'));
    assert.ok(ed?.codes.includes('I10'), JSON.stringify(ed));
  });

  test('Code All Notes reads a UTF-16 note (PowerShell 5) like the CLI does, not as binary', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, 'zz-powershell-utf16.txt');
    const note = 'Assessment: essential hypertension.\n';
    await vscode.workspace.fs.writeFile(file, Uint8Array.from([0xff, 0xfe, ...Buffer.from(note, 'utf16le')]));
    try {
      const results = await vscode.commands.executeCommand<{ file: string; codes: string[] }[]>('clinicalCoder.codeWorkspace');
      const r = results.find((x) => x.file.endsWith('zz-powershell-utf16.txt'));
      assert.ok(r?.codes.includes('I10'), JSON.stringify(r));
    } finally {
      await vscode.workspace.fs.delete(file);
    }
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
      // Pending codes take the setting; accepted ones stay hints whatever it says (an earlier test accepted one).
      await waitFor('warnings', () => {
        const pending = icd(doc.uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
        return pending.length > 0 && pending.every((d) => d.severity === vscode.DiagnosticSeverity.Warning);
      });
    } finally {
      await cfg.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('if the server process dies, the client restarts it and the suggestions come back', async function () {
    this.timeout(150000); // the client waits before restarting, then the engine loads again
    const before = await api.client().sendRequest<ServerStatus>('clinicalCoder/serverStatus', {});
    assert.ok(before.pid);
    // Earlier tests accepted, rejected and replaced codes: expect the same codes back, whatever they are.
    const codesBefore = icd(doc.uri).map((d) => String(d.code)).sort().join(' ');
    assert.ok(codesBefore, 'the note has suggestions before the crash');
    process.kill(before.pid, 'SIGKILL');
    const after = await waitFor('a new server', async () => {
      try { const s = await api.client().sendRequest<ServerStatus>('clinicalCoder/serverStatus', {}); return s.pid !== before.pid ? s : null; } catch { return null; }
    }, 60000);
    assert.notEqual(after.pid, before.pid);
    await waitFor('the same diagnostics from the new server', () => icd(doc.uri).map((d) => String(d.code)).sort().join(' ') === codesBefore, 60000);
  });
});
