// Layer 2: the built language server over stdio, driven by a plain LSP client (no VS Code). The real coding
// engine runs in the server's worker thread; assertions are on clinically clear codes of the samples.
import { test, after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { CSV_HEADER } from '../../src/coder/export/index';
import { rangeText, sampleText, sampleUri, SERVER, startServer, type TestServer } from './lspClient';

let server: TestServer;
const DISCHARGE = 'discharge-summary.note';
const codesOf = (ds: Diagnostic[]) => ds.filter((d) => d.source === 'ICD-10-CM').map((d) => String(d.code));
/** LSP position of the first occurrence of `needle` (plus `plus` characters). */
function posOf(text: string, needle: string, plus = 0): { line: number; character: number } {
  const idx = text.indexOf(needle) + plus;
  assert.ok(idx >= plus, `${needle} in the text`);
  return { line: text.slice(0, idx).split('\n').length - 1, character: idx - text.lastIndexOf('\n', idx - 1) - 1 };
}

before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('--help prints usage; no transport exits 2 with a hint', () => {
  const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  const bare = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /No transport given/);
});

test('publishes one ICD-10-CM diagnostic per suggested code on its evidence span', async () => {
  const text = sampleText(DISCHARGE);
  const ds = await server.open(sampleUri(DISCHARGE), text);
  const e1122 = ds.find((d) => d.code === 'E11.22');
  assert.ok(e1122, `E11.22 missing from ${codesOf(ds)}`);
  assert.equal(e1122.source, 'ICD-10-CM');
  assert.match(String(e1122.message), /^E11\.22 Type 2 diabetes mellitus with diabetic chronic kidney disease \(\d{1,3}%\)$/);
  assert.equal(e1122.severity, DiagnosticSeverity.Information);
  assert.equal(rangeText(text, e1122).toLowerCase(), 'type 2 diabetes mellitus with diabetic chronic kidney disease');
  assert.ok((e1122.relatedInformation ?? []).length >= 1, 'other mentions as related information');
  for (const code of ['J44.1', 'J18.9', 'N18.30']) assert.ok(codesOf(ds).includes(code), `${code} missing from ${codesOf(ds)}`);
  // The combination code replaces the less specific one.
  assert.ok(!codesOf(ds).includes('E11.9'));
  assert.equal(new Set(codesOf(ds)).size, ds.length, 'one diagnostic per code');
});

test('negated mentions are not suggested by default', async () => {
  const ds = await server.nextDiagnostics(sampleUri(DISCHARGE), () => server.conn.sendNotification('workspace/didChangeConfiguration', { settings: null }));
  const codes = codesOf(ds);
  assert.ok(!codes.includes('R07.9') && !codes.includes('R07.89'), 'denies chest pain');
  assert.ok(!codes.some((c) => c.startsWith('I50')), 'no evidence of heart failure');
});

test('hover: code, title, breadcrumb, confidence, context, evidence and why, notes, more specific, command links', async () => {
  const text = sampleText(DISCHARGE);
  const p = posOf(text, 'type 2 diabetes mellitus with diabetic', 5);
  const md = await server.hover(sampleUri(DISCHARGE), p.line, p.character);
  assert.ok(md, 'a hover');
  assert.match(md, /\*\*E11\.22\*\* Type 2 diabetes mellitus with diabetic chronic kidney disease — \d+%/);
  assert.match(md, /Chapter 4 Endocrine, nutritional and metabolic diseases › E08\\-E13 Diabetes mellitus › E11 Type 2 diabetes mellitus/);
  assert.match(md, /context: active · billable · section: history of present illness/);
  assert.match(md, /Evidence: “.*\*\*type 2 diabetes mellitus with diabetic chronic kidney disease\*\*/);
  assert.match(md, /Why: Alphabetic Index term “Diabetes, diabetic, type 2, with, chronic kidney disease”/);
  assert.match(md, /_Use additional code:_ code to identify stage of chronic kidney disease/);
  assert.match(md, /_Excludes1 \(at E11\):_/);
  assert.match(md, /More specific:\n- N18\.\d/);
  assert.match(md, /\[Accept\]\(command:clinicalCoder\.acceptCode\?/);
  assert.match(md, /\[Reject\]\(command:clinicalCoder\.rejectCode\?/);
  assert.match(md, /\[Open in Code Explorer\]\(command:clinicalCoder\.openExplorer\?/);
  assert.equal(await server.hover(sampleUri(DISCHARGE), 0, 2), null, 'no hover away from evidence');
});

test('code lenses: a summary at the top of the note and the codes of each section on its header', async () => {
  const text = sampleText(DISCHARGE);
  const lenses = await server.codeLenses(sampleUri(DISCHARGE));
  const top = lenses.filter((l) => l.line === 0);
  assert.equal(top.length, 1);
  assert.match(top[0].title, /^ICD-10-CM: \d+ suggested · 0 accepted · [A-Z]\d\d\.?\w*, .* · Open summary$/);
  assert.equal(top[0].command, 'clinicalCoder.openExplorer');
  const hpi = posOf(text, 'HISTORY OF PRESENT ILLNESS:').line;
  const hpiLenses = lenses.filter((l) => l.line === hpi);
  assert.ok(hpiLenses.some((l) => /E11\.22/.test(l.title) && l.command === 'clinicalCoder.openExplorer'), JSON.stringify(hpiLenses));
  assert.ok(hpiLenses.some((l) => l.title === 'Accept all in this section' && l.command === 'clinicalCoder.acceptSection'));
  const course = posOf(text, 'HOSPITAL COURSE:').line;
  assert.ok(lenses.some((l) => l.line === course && /J44\.1/.test(l.title)), 'COPD exacerbation in the hospital course');
});

test('code actions: Accept, Reject, one Replace per more specific code, Accept all in this section', async () => {
  const uri = sampleUri(DISCHARGE);
  const ds = await server.nextDiagnostics(uri, () => server.conn.sendNotification('workspace/didChangeConfiguration', { settings: null }));
  const n18 = ds.filter((d) => d.code === 'N18.30');
  assert.equal(n18.length, 1);
  const actions = await server.codeActions(uri, n18);
  const titles = actions.map((a) => a.title);
  assert.equal(titles[0], 'Accept N18.30');
  assert.equal(titles[1], 'Reject N18.30');
  assert.ok(titles.includes('Replace with more specific N18.31 Chronic kidney disease, stage 3a'), titles.join(' | '));
  assert.ok(titles.includes('Replace with more specific N18.32 Chronic kidney disease, stage 3b'), titles.join(' | '));
  assert.ok(titles.includes('Accept all in this section (HISTORY OF PRESENT ILLNESS)'), titles.join(' | '));
  assert.deepEqual([...new Set(actions.map((a) => a.command))].sort(),
    ['clinicalCoder.acceptCode', 'clinicalCoder.acceptSection', 'clinicalCoder.rejectCode', 'clinicalCoder.replaceCode']);
});

test('incremental edits re-code the note, reusing the engine\'s analysis of unchanged sentences', async () => {
  const uri = 'untitled:edit-test';
  const first = await server.open(uri, 'ASSESSMENT:\nEssential hypertension.\n', 'plaintext');
  assert.deepEqual(codesOf(first), ['I10']);
  const second = await server.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Atrial fibrillation, new today.\n' }]);
  assert.ok(codesOf(second).includes('I10') && codesOf(second).some((c) => c.startsWith('I48')), codesOf(second).join(','));
  const coding = await server.conn.sendRequest('clinicalCoder/documentCoding', { uri }) as { version: number; sentences: { reused: number; analysed: number }; engineMs: number };
  assert.equal(coding.version, 2);
  assert.ok(coding.sentences.reused >= 1 && coding.sentences.analysed <= 2, JSON.stringify(coding.sentences));
  assert.ok(coding.engineMs >= 0);
  const third = await server.change(uri, 3, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'No ' }]);
  assert.ok(!codesOf(third).includes('I10'), 'negation added by the edit');
  const closed = await server.nextDiagnostics(uri, () => server.close(uri));
  assert.deepEqual(closed, [], 'closing clears the diagnostics');
});

test('rapid typing: debounced, only the newest version is published', async () => {
  const uri = 'untitled:typing';
  await server.setSettings({ debounceMs: 150 });
  await server.open(uri, 'PLAN:\n', 'plaintext');
  const before = server.published.length;
  const phrase = 'Patient has hypertension.';
  let version = 1;
  const last = server.nextDiagnostics(uri, async () => {
    for (let i = 0; i < phrase.length; i++) {
      version++;
      await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: phrase[i] }] });
      await new Promise((r) => setTimeout(r, 5));
    }
  });
  const ds = await last;
  await new Promise((r) => setTimeout(r, 600));
  const mine = server.published.slice(before).filter((p) => p.uri === uri);
  assert.ok(mine.length <= 3, `${mine.length} publications for ${phrase.length} keystrokes`);
  assert.equal(mine.at(-1)!.version, version, 'the final version is published last');
  assert.ok(codesOf(mine.at(-1)!.diagnostics).includes('I10') || codesOf(ds).includes('I10'));
  server.close(uri);
  await server.setSettings({});
});

test('settings: severity and family policy apply; bad values are reported and defaulted', async () => {
  const uri = sampleUri('ed-note.note');
  await server.setSettings({ severity: 'warning', familyPolicy: 'hint', threshold: 7, debounceMs: 'soon' });
  const ds = await server.open(uri, sampleText('ed-note.note'));
  assert.equal(ds.find((d) => d.code === 'I10')?.severity, DiagnosticSeverity.Warning);
  const family = ds.filter((d) => /\[family\]$/.test(String(d.message)));
  assert.ok(family.length >= 1, 'family mentions shown as hints');
  assert.ok(family.every((d) => d.severity === DiagnosticSeverity.Hint));
  assert.ok(server.messages.some((m) => /clinicalCoder\.threshold must be a number from 0 to 1; using the engine's default/.test(m)), server.messages.join('\n'));
  assert.ok(server.messages.some((m) => /clinicalCoder\.debounceMs must be a number from 0 to 10000; using 300/.test(m)), server.messages.join('\n'));
  // Earlier publications may still be in flight: wait for the empty one (the test times out if it never comes).
  const off = await server.diagnosticsWhere(uri, (d) => d.length === 0, () => server.setSettings({ enabled: false }));
  assert.deepEqual(off, [], 'Toggle Suggestions off clears them');
  await server.setSettings({});
  server.close(uri);
});

test('documents in other languages or excluded paths are not coded', async () => {
  const ds = await server.open('untitled:code.py', 'hypertension = True\n', 'python');
  assert.deepEqual(ds, []);
  await server.setSettings({ exclude: ['**/samples/**'] });
  const excluded = await server.open(sampleUri('progress-note.note'), sampleText('progress-note.note'));
  assert.deepEqual(excluded, []);
  await server.setSettings({});
  server.close(sampleUri('progress-note.note'));
});

test('custom requests: search, text coding, server status, Code Explorer requests answered by the engine worker', async () => {
  const found = await server.conn.sendRequest('clinicalCoder/searchCodes', { query: 'heart failure', limit: 20 }) as { code: string; title: string }[];
  assert.ok(found.length > 0 && found.every((c) => /^I50|^I11|^I13|^I09|^I97|^O|^P29|^[A-Z]/.test(c.code)));
  assert.ok(found.some((c) => c.code.startsWith('I50')), JSON.stringify(found.slice(0, 5)));
  const byCode = await server.conn.sendRequest('clinicalCoder/searchCodes', { query: 'e11.22' }) as { code: string }[];
  assert.equal(byCode[0].code, 'E11.22');
  const coded = await server.conn.sendRequest('clinicalCoder/codeText', { text: 'COPD with acute exacerbation.' }) as { suggestions: { code: string }[] };
  assert.equal(coded.suggestions[0]?.code, 'J44.1');
  const status = await server.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string; detail?: string; loadMs?: number; pid: number };
  assert.match(status.state, /^(ready|lexical-only)$/);
  if (status.state === 'lexical-only') assert.ok(status.detail && status.detail.length > 10, 'lexical-only says why');
  assert.ok(typeof status.loadMs === 'number' && status.pid === server.child.pid);
  const detail = await server.conn.sendRequest('clinicalCoder/explorer/detail', { code: 'E11.22' }) as { title: string; breadcrumb: { code: string }[] };
  assert.equal(detail.title, 'Type 2 diabetes mellitus with diabetic chronic kidney disease');
  assert.equal(detail.breadcrumb.at(-1)?.code, 'E11.22');
  const roots = await server.conn.sendRequest('clinicalCoder/explorer/roots', {}) as unknown[];
  assert.ok(roots.length >= 21, 'ICD-10-CM chapters');
});

test('export through the CLI writers: JSON, CSV, FHIR', async () => {
  const uri = sampleUri(DISCHARGE);
  const json = JSON.parse((await server.conn.sendRequest('clinicalCoder/exportCodes', { uri, format: 'json' }) as { content: string }).content) as { file: string; suggestions: { code: string }[] }[];
  assert.equal(json[0].file, uri);
  assert.ok(json[0].suggestions.some((s) => s.code === 'E11.22'));
  const csv = (await server.conn.sendRequest('clinicalCoder/exportCodes', { uri, format: 'csv' }) as { content: string }).content;
  assert.equal(csv.split('\n')[0], CSV_HEADER.join(','));
  assert.match(csv, /E11\.22,Type 2 diabetes mellitus with diabetic chronic kidney disease,0\.\d{3},active,true,/);
  const fhir = JSON.parse((await server.conn.sendRequest('clinicalCoder/exportCodes', { uri, format: 'fhir' }) as { content: string }).content) as { resourceType: string; entry: { resource: { resourceType: string; code: { coding: { system: string; code: string }[] } } }[] };
  assert.equal(fhir.resourceType, 'Bundle');
  assert.ok(fhir.entry.some((e) => e.resource.resourceType === 'Condition' && e.resource.code.coding[0].system === 'http://hl7.org/fhir/sid/icd-10-cm' && e.resource.code.coding[0].code === 'E11.22'));
});
