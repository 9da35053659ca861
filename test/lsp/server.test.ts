// Layer 2: the built language server over stdio, driven by a plain LSP client (no VS Code).
import { test, after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { rangeText, sampleText, sampleUri, SERVER, startServer, type TestServer } from './lspClient';

let server: TestServer;
const DISCHARGE = 'discharge-summary.note';
const codesOf = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

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
  assert.equal(e1122.message, 'E11.22 Type 2 diabetes mellitus with diabetic chronic kidney disease (91%)');
  assert.equal(e1122.severity, DiagnosticSeverity.Information);
  assert.equal(rangeText(text, e1122).toLowerCase(), 'type 2 diabetes mellitus with diabetic chronic kidney disease');
  assert.ok((e1122.relatedInformation ?? []).length >= 1, 'other mentions as related information');
  for (const code of ['I10', 'J18.9', 'J44.1', 'N18.30']) assert.ok(codesOf(ds).includes(code), `${code} missing from ${codesOf(ds)}`);
  // Less specific codes are replaced by the more specific ones found in the same note.
  assert.ok(!codesOf(ds).includes('E11.9') && !codesOf(ds).includes('J44.9'));
  assert.equal(new Set(codesOf(ds)).size, ds.length, 'one diagnostic per code');
});

test('negated, family-history and past-history mentions are not suggested by default', async () => {
  const ds = await server.nextDiagnostics(sampleUri(DISCHARGE), () => server.conn.sendNotification('workspace/didChangeConfiguration', { settings: null }));
  const codes = codesOf(ds);
  assert.ok(!codes.includes('R07.9'), 'denies chest pain');
  assert.ok(!codes.includes('I50.9'), 'no evidence of heart failure');
  assert.ok(!codes.includes('I25.10'), 'father had CAD');
});

test('hover on an evidence span shows the code, the evidence and command links', async () => {
  const text = sampleText(DISCHARGE);
  const idx = text.indexOf('type 2 diabetes mellitus with diabetic');
  const line = text.slice(0, idx).split('\n').length - 1;
  const character = idx - text.lastIndexOf('\n', idx) - 1 + 5;
  const md = await server.hover(sampleUri(DISCHARGE), line, character);
  assert.ok(md, 'a hover');
  assert.match(md, /\*\*E11\.22\*\* Type 2 diabetes mellitus with diabetic chronic kidney disease — 91%/);
  assert.match(md, /Evidence: “.*\*\*type 2 diabetes mellitus with diabetic chronic kidney disease\*\*/);
  assert.match(md, /section: HISTORY OF PRESENT ILLNESS/);
  assert.match(md, /\[Accept\]\(command:clinicalCoder\.acceptCode\?/);
  assert.match(md, /\[Open in Code Explorer\]\(command:clinicalCoder\.openExplorer\?/);
  assert.equal(await server.hover(sampleUri(DISCHARGE), 0, 2), null, 'no hover away from evidence');
});

test('a code lens at the top of the note summarises the suggestions', async () => {
  const lenses = await server.codeLenses(sampleUri(DISCHARGE));
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].line, 0);
  assert.match(lenses[0].title, /^ICD-10-CM: \d+ suggested · 0 accepted · E11\.22, .* · Open summary$/);
  assert.equal(lenses[0].command, 'clinicalCoder.openExplorer');
});

test('code actions offer Accept and Reject; decisions change the diagnostics', async () => {
  const uri = sampleUri(DISCHARGE);
  const ds = await server.nextDiagnostics(uri, () => server.conn.sendNotification('workspace/didChangeConfiguration', { settings: null }));
  const i10 = ds.filter((d) => d.code === 'I10');
  const actions = await server.codeActions(uri, i10);
  assert.deepEqual(actions.map((a) => a.title), ['Accept I10', 'Reject I10']);
  assert.deepEqual(actions.map((a) => a.command), ['clinicalCoder.acceptCode', 'clinicalCoder.rejectCode']);

  const afterReject = await server.nextDiagnostics(uri, () => server.conn.sendRequest('clinicalCoder/decide', { uri, code: 'I10', decision: 'rejected' }));
  assert.ok(!codesOf(afterReject).includes('I10'), 'rejected codes disappear');
  const afterAccept = await server.nextDiagnostics(uri, () => server.conn.sendRequest('clinicalCoder/decide', { uri, code: 'J18.9', decision: 'accepted' }));
  const j189 = afterAccept.find((d) => d.code === 'J18.9');
  assert.ok(j189);
  assert.match(String(j189.message), /^✓ accepted: J18\.9 /);
  assert.equal(j189.severity, DiagnosticSeverity.Hint);
  const lenses = await server.codeLenses(uri);
  assert.match(lenses[0].title, / · 1 accepted/);
  const csv = await server.conn.sendRequest('clinicalCoder/exportCodes', { uri, format: 'csv' }) as { content: string };
  assert.equal(csv.content.split('\n')[0], 'code,title,confidence,decision,evidence');
  assert.match(csv.content, /^J18\.9,"?Pneumonia, unspecified organism"?,0\.84,accepted,pneumonia$/m);
  await server.conn.sendRequest('clinicalCoder/decide', { uri, code: 'I10', decision: 'clear' });
});

test('incremental edits re-code the note', async () => {
  const uri = 'untitled:edit-test';
  const first = await server.open(uri, 'Assessment: hypertension.\n');
  assert.deepEqual(codesOf(first), ['I10']);
  const second = await server.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'New atrial fibrillation today.\n' }]);
  assert.deepEqual(codesOf(second).sort(), ['I10', 'I48.91']);
  const third = await server.change(uri, 3, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: 'no ' }]);
  assert.deepEqual(codesOf(third), ['I48.91'], 'negation added by the edit');
  const closed = await server.nextDiagnostics(uri, () => server.close(uri));
  assert.deepEqual(closed, [], 'closing clears the diagnostics');
});

test('settings: severity and family policy apply; bad values are reported and defaulted', async () => {
  const uri = sampleUri('ed-note.note');
  await server.setSettings({ severity: 'warning', familyPolicy: 'hint', threshold: 7 });
  const ds = await server.open(uri, sampleText('ed-note.note'));
  assert.equal(ds.find((d) => d.code === 'I10')?.severity, DiagnosticSeverity.Warning);
  const cad = ds.find((d) => d.code === 'I25.10');
  assert.ok(cad, 'family mention shown as a hint');
  assert.equal(cad.severity, DiagnosticSeverity.Hint);
  assert.match(String(cad.message), /\[family\]$/);
  assert.ok(server.messages.some((m) => /clinicalCoder\.threshold must be a number from 0 to 1; using 0\.5/.test(m)), server.messages.join('\n'));
  const off = await server.nextDiagnostics(uri, () => server.setSettings({ enabled: false }));
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
});

test('custom requests: search, text coding, server status', async () => {
  const found = await server.conn.sendRequest('clinicalCoder/searchCodes', { query: 'heart failure' }) as { code: string }[];
  assert.ok(found.some((c) => c.code === 'I50.9'));
  const coded = await server.conn.sendRequest('clinicalCoder/codeText', { text: 'COPD with acute exacerbation.' }) as { suggestions: { code: string }[] };
  assert.deepEqual(coded.suggestions.map((s) => s.code), ['J44.1']);
  const status = await server.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string };
  assert.match(status.state, /ready|lexical-only/);
});

test('binary junk and a large note do not break the server', async () => {
  const junk = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  const ds = await server.open('untitled:junk', junk, 'plaintext');
  assert.ok(Array.isArray(ds));
  const big = sampleText(DISCHARGE).repeat(400); // ~0.7 MB
  const many = await server.open('untitled:big', big, 'plaintext');
  assert.ok(many.length > 0 && many.length <= 50, `maxSuggestions caps the list (${many.length})`);
  const md = await server.hover('untitled:big', 10, 30);
  assert.ok(md === null || typeof md === 'string');
});
