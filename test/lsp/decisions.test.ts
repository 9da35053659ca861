// Layer 2: the coder's decisions over LSP — persisted in <workspace>/.clinical-coder/decisions.json
// (versioned, written atomically), reloaded by a new server, tied to the evidence text, picked up after an
// external edit, and a corrupt file backed up with a message.
import { test, after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { sampleText, startServer, type TestServer } from './lspClient';

const codesOf = (ds: Diagnostic[]) => ds.filter((d) => d.source === 'ICD-10-CM').map((d) => String(d.code));
let ws: string;
const servers: TestServer[] = [];
const NOTE = 'notes/discharge.note';
const file = () => path.join(ws, '.clinical-coder', 'decisions.json');
const noteUri = () => pathToFileURL(path.join(ws, NOTE)).href;
const start = async () => { const s = await startServer({}, { workspaceFolders: [ws] }); servers.push(s); return s; };
// The code the first test rejects: whichever other code the engine suggests (its output may change over time).
let rejected = '';
const readFile = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as { format: string; version: number; notes: Record<string, { code: string; decision: string; evidence?: { text: string; context: string }; replaces?: string }[]> };

before(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-decisions-'));
  fs.mkdirSync(path.join(ws, 'notes'));
  fs.writeFileSync(path.join(ws, NOTE), sampleText('discharge-summary.note'));
});
after(async () => {
  for (const s of servers) await s.stop();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('accept / reject / replace are written to .clinical-coder/decisions.json and change the diagnostics', async () => {
  const s = await start();
  const text = sampleText('discharge-summary.note');
  const uri = noteUri();
  const ds = await s.open(uri, text);
  assert.ok(codesOf(ds).includes('J18.9') && codesOf(ds).includes('N18.30'), codesOf(ds).join(','));
  rejected = codesOf(ds).find((c) => !['J18.9', 'N18.30', 'N18.31'].includes(c)) ?? '';
  assert.ok(rejected, `a third code to reject: ${codesOf(ds).join(',')}`);

  const afterReject = await s.nextDiagnostics(uri, () => s.conn.sendRequest('clinicalCoder/decide', { uri, code: rejected, decision: 'rejected' }));
  assert.ok(!codesOf(afterReject).includes(rejected), 'rejected codes disappear');
  const afterAccept = await s.nextDiagnostics(uri, () => s.conn.sendRequest('clinicalCoder/decide', { uri, code: 'J18.9', decision: 'accepted' }));
  const j189 = afterAccept.find((d) => d.code === 'J18.9')!;
  assert.match(String(j189.message), /^✓ accepted: J18\.9 Pneumonia, unspecified organism \(\d+%\)$/);
  assert.equal(j189.severity, 4, 'accepted codes are hints');
  const afterReplace = await s.nextDiagnostics(uri, () => s.conn.sendRequest('clinicalCoder/decide', { uri, code: 'N18.31', decision: 'accepted', replaces: 'N18.30' }));
  assert.ok(!codesOf(afterReplace).includes('N18.30'), 'the replaced code is rejected');
  const n1831 = afterReplace.find((d) => d.code === 'N18.31');
  assert.ok(n1831, 'the more specific child is shown, accepted');
  assert.match(String(n1831.message), /^✓ accepted: N18\.31 Chronic kidney disease, stage 3a .*\(in place of N18\.30\)$/);
  // The chosen child's hover has the same knowledge-base facts as a suggested code's (fetched from the engine).
  let hover: string | null = null;
  for (let i = 0; i < 50 && !/›/.test(hover ?? ''); i++) {
    if (i) await new Promise((r) => setTimeout(r, 100));
    hover = await s.hover(uri, n1831.range.start.line, n1831.range.start.character + 1);
  }
  assert.match(hover ?? '', /\*\*N18\.31\*\* Chronic kidney disease, stage 3a/);
  assert.match(hover ?? '', /Chapter 14 Diseases of the genitourinary system › N17\\-N19 Acute kidney failure and chronic kidney disease › N18 Chronic kidney disease/);
  assert.match(hover ?? '', /_Code first \(at N18\):_ diabetic chronic kidney disease/);
  assert.match(hover ?? '', /Why: the coder’s decision “chosen by the coder in place of N18\\.30”/);

  const saved = readFile();
  assert.equal(saved.format, 'clinical-coder/decisions');
  assert.equal(saved.version, 1);
  const list = saved.notes[NOTE];
  assert.ok(list, `decisions keyed by the note's workspace-relative path: ${Object.keys(saved.notes)}`);
  assert.deepEqual(list.map((r) => `${r.code}:${r.decision}`).sort(), ['J18.9:accepted', 'N18.30:rejected', 'N18.31:accepted', `${rejected}:rejected`].sort());
  assert.equal(list.find((r) => r.code === 'J18.9')!.evidence!.text, 'pneumonia');
  assert.match(list.find((r) => r.code === 'J18.9')!.evidence!.context, /^[0-9a-f]{8}$/);
  assert.equal(list.find((r) => r.code === 'N18.31')!.replaces, 'N18.30');
  assert.deepEqual(fs.readdirSync(path.dirname(file())).filter((f) => f.endsWith('.tmp')), [], 'no temp files left behind');
  assert.equal(fs.readFileSync(path.join(ws, NOTE), 'utf8'), text, 'the note itself is never modified');

  const lenses = await s.codeLenses(uri);
  assert.match(lenses.find((l) => l.line === 0)!.title, / · 2 accepted/);
});

test('decisions survive edits elsewhere in the note; editing the evidence releases them', async () => {
  const s = servers[0];
  const uri = noteUri();
  // Insert a line at the very top: every offset moves.
  const moved = await s.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Addendum: reviewed by the coding team.\n' }]);
  assert.match(moved.find((d) => d.code === 'J18.9')?.message.toString() ?? '', /^✓ accepted: J18\.9/);
  assert.ok(!codesOf(moved).includes(rejected));
  assert.match(moved.find((d) => d.code === 'N18.31')?.message.toString() ?? '', /^✓ accepted/);
  // Remove every "pneumonia" (the accepted evidence): the decision no longer holds.
  const text = sampleText('discharge-summary.note');
  const edited = ('Addendum: reviewed by the coding team.\n' + text).replace(/pneumonia/gi, 'infection');
  const released = await s.change(uri, 3, [{ text: edited }]);
  assert.ok(!released.some((d) => d.code === 'J18.9' && String(d.message).startsWith('✓')), 'no longer accepted once its evidence is gone');
  // Undo: the decision comes back (it stays in the file).
  const back = await s.change(uri, 4, [{ text: 'Addendum: reviewed by the coding team.\n' + text }]);
  assert.match(back.find((d) => d.code === 'J18.9')?.message.toString() ?? '', /^✓ accepted/);
  assert.ok(readFile().notes[NOTE].some((r) => r.code === 'J18.9'));
});

test('a new server (restart, crash) reloads the decisions', async () => {
  const old = servers[0];
  old.child.kill('SIGKILL'); // a crash: nothing is flushed at exit, the file must already be complete
  const s = await start();
  const ds = await s.open(noteUri(), sampleText('discharge-summary.note'));
  assert.match(ds.find((d) => d.code === 'J18.9')?.message.toString() ?? '', /^✓ accepted/);
  assert.ok(!codesOf(ds).includes(rejected) && !codesOf(ds).includes('N18.30'));
  assert.ok(codesOf(ds).includes('N18.31'));
});

test('an external edit of decisions.json is picked up', async () => {
  const s = servers[1];
  const j = readFile();
  j.notes[NOTE] = j.notes[NOTE].filter((r) => r.code !== rejected); // e.g. a colleague's version from git
  // Waits for the publication that shows the change (an earlier one may still be in flight).
  const ds = await s.diagnosticsWhere(noteUri(), (d) => codesOf(d).includes(rejected), () => fs.writeFileSync(file(), JSON.stringify(j, null, 2)), 10000);
  assert.ok(codesOf(ds).includes(rejected), `${rejected} is pending again`);
  assert.match(ds.find((d) => d.code === 'J18.9')?.message.toString() ?? '', /^✓ accepted/);
});

test('clear removes a decision; Accept all in this section accepts the pending codes of one section', async () => {
  const s = servers[1];
  const uri = noteUri();
  const cleared = await s.nextDiagnostics(uri, () => s.conn.sendRequest('clinicalCoder/decide', { uri, code: 'N18.31', decision: 'clear' }));
  assert.ok(codesOf(cleared).includes('N18.30') && !codesOf(cleared).includes('N18.31'), 'clearing a replacement restores the suggested code');
  const text = sampleText('discharge-summary.note');
  const start = text.indexOf('DISCHARGE MEDICATIONS:'), end = text.length;
  const ds = await s.nextDiagnostics(uri, () => s.conn.sendRequest('clinicalCoder/decideSection', { uri, start, end, decision: 'accepted' }));
  const firstLine = text.slice(0, start).split('\n').length - 1;
  const section = ds.filter((d) => d.range.start.line > firstLine);
  assert.ok(section.length >= 1 && section.every((d) => String(d.message).startsWith('✓ accepted')), JSON.stringify(section.map((d) => d.message)));
  assert.ok(ds.some((d) => d.code === 'E11.22' && !String(d.message).startsWith('✓')), 'other sections untouched');
});

test('a corrupt decisions file is backed up, a fresh one started, and the user told', async () => {
  const before = servers[1];
  await before.stop();
  fs.writeFileSync(file(), '{"format": "clinical-coder/decisions", "version": 1, "notes": {"x": [tr');
  const s = await start();
  const ds = await s.open(noteUri(), sampleText('discharge-summary.note'));
  assert.ok(ds.every((d) => !String(d.message).startsWith('✓')), 'no decisions after starting fresh');
  assert.ok(s.messages.some((m) => /decisions file .* could not be read \(not valid JSON.*saved as decisions\.json\.corrupt-/.test(m)), s.messages.join('\n'));
  const backups = fs.readdirSync(path.dirname(file())).filter((f) => f.startsWith('decisions.json.corrupt-'));
  assert.equal(backups.length, 1);
  assert.match(fs.readFileSync(path.join(path.dirname(file()), backups[0]), 'utf8'), /\[tr$/, 'the backup holds the old bytes');
  await s.nextDiagnostics(noteUri(), () => s.conn.sendRequest('clinicalCoder/decide', { uri: noteUri(), code: 'J18.9', decision: 'accepted' }));
  assert.deepEqual(readFile().notes[NOTE].map((r) => r.code), ['J18.9'], 'a fresh, valid file');
});

test('decide refuses what is not a code of the FY2026 set, and nothing is written for it', async () => {
  const s = servers.at(-1)!;
  const uri = noteUri();
  const before = fs.readFileSync(file(), 'utf8');
  for (const code of ['ZZZ.FAKE', 'X'.repeat(100_000), 'Q99.99', 'E11.22](command:workbench.action.terminal.new)']) {
    await assert.rejects(s.conn.sendRequest('clinicalCoder/decide', { uri, code, decision: 'accepted' }), /is not (an ICD-10-CM code|in the FY2026 ICD-10-CM code set)/, code.slice(0, 30));
  }
  await assert.rejects(s.conn.sendRequest('clinicalCoder/decide', { uri, code: 'N18.31', decision: 'accepted', replaces: 'ZZZ.FAKE' }), /not an ICD-10-CM code|not in the FY2026/);
  assert.equal(fs.readFileSync(file(), 'utf8'), before);
});

test('Accept all in this section refuses an unknown decision or a bad section, and nothing is written for it', async () => {
  const s = servers.at(-1)!;
  const uri = noteUri();
  const before = fs.readFileSync(file(), 'utf8');
  const text = sampleText('discharge-summary.note');
  for (const params of [
    { uri, start: 0, end: text.length, decision: 'maybe' },
    { uri, start: 0, end: text.length, decision: '<img src=x>' },
    { uri, start: text.length, end: 0, decision: 'accepted' },
  ]) {
    await assert.rejects(s.conn.sendRequest('clinicalCoder/decideSection', params), /unknown decision|start and end offsets/, JSON.stringify(params));
  }
  assert.equal(fs.readFileSync(file(), 'utf8'), before);
});
