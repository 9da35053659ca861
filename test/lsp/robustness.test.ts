// Layer 2: what must never crash or freeze the server — a 50 MB note, a binary file, closing a note while it
// is being coded, a missing model — and the server answering while the engine still loads.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, sampleText, startServer, type TestServer } from './lspClient';

const servers: TestServer[] = [];
const start = async (...a: Parameters<typeof startServer>) => { const s = await startServer(...a); servers.push(s); return s; };
after(async () => { for (const s of servers) await s.stop(); });

/** ms for a round trip the server answers without the engine. */
async function ping(s: TestServer): Promise<number> {
  const t0 = performance.now();
  await s.conn.sendRequest('clinicalCoder/serverStatus', {});
  return performance.now() - t0;
}

test('the server answers while the engine loads; notes opened meanwhile are coded once it is ready', async () => {
  const s = await start();
  const status = await s.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string };
  assert.match(status.state, /^(starting|loading|ready|lexical-only)$/);
  const uri = 'untitled:early';
  const diagnostics = s.open(uri, 'Assessment: essential hypertension.\n', 'plaintext');
  // A hover during the load answers at once (null: nothing coded yet) instead of waiting for the engine.
  const t0 = performance.now();
  const h = await s.hover(uri, 0, 20);
  assert.ok(performance.now() - t0 < 1000, 'hover answered without waiting for the engine');
  assert.ok(h === null || /I10/.test(h));
  const ds = await diagnostics;
  assert.ok(ds.some((d) => d.code === 'I10'));
});

test('a 50 MB note is coded only up to the cap, with a visible message; the server stays responsive', async () => {
  const s = servers[0];
  const unit = sampleText('discharge-summary.note') + '\n';
  const big = unit.repeat(Math.ceil(50e6 / unit.length)).slice(0, 50e6);
  const ds = await s.open('untitled:huge', big, 'plaintext');
  const notice = ds.find((d) => d.source === 'Clinical Coder');
  assert.ok(notice, 'a message says the note was only partly coded');
  assert.match(String(notice.message), /^This note is 50 MB; Clinical Coder coded only its first [\d,]+ characters\./);
  assert.ok(ds.some((d) => d.code === 'E11.22'), 'the first part is coded');
  assert.ok(await ping(s) < 2000);
  s.close('untitled:huge');
});

test('a binary file opened as text is not coded, with a message', async () => {
  const s = servers[0];
  const junk = Buffer.from(Array.from({ length: 200000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  const ds = await s.open('untitled:junk.bin', junk, 'plaintext');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].source, 'Clinical Coder');
  assert.match(String(ds[0].message), /looks binary/);
  // The same check for unopened files coded in a batch (Code All Notes in Workspace).
  const batch = await s.conn.sendRequest('clinicalCoder/codeText', { text: junk }) as { suggestions: unknown[]; warnings: string[] };
  assert.deepEqual(batch.suggestions, []);
  assert.match(batch.warnings[0], /looks binary/);
});

test('closing a note while it is coded: no diagnostics for it afterwards, the server goes on', async () => {
  const s = servers[0];
  const uri = 'untitled:closing';
  const text = sampleText('outpatient-visit.note').repeat(30);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  s.close(uri);
  await new Promise((r) => setTimeout(r, 1500));
  const forUri = s.published.filter((p) => p.uri === uri);
  assert.deepEqual(forUri.at(-1)?.diagnostics ?? [], [], 'the last word on a closed note is "no diagnostics"');
  const ds = await s.open('untitled:after-close', 'Type 2 diabetes mellitus.\n', 'plaintext');
  assert.ok(ds.some((d) => String(d.code).startsWith('E11')));
});

test('a missing model: lexical-only with the reason in the status; suggestions still come', async () => {
  // A models folder with the knowledge base and scorer but no encoder.
  const models = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-models-'));
  for (const part of ['icd10cm', 'scorer']) fs.symlinkSync(path.join(ROOT, 'models', part), path.join(models, part));
  fs.writeFileSync(path.join(models, 'README.md'), 'test models folder\n');
  try {
    const s = await start({ encoder: { enabled: true } }, { env: { CLINICAL_CODER_MODELS: models } });
    const ds = await s.open('untitled:lexical', 'Assessment: essential hypertension.\n', 'plaintext');
    assert.ok(ds.some((d) => d.code === 'I10'));
    const status = await s.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string; detail?: string };
    assert.equal(status.state, 'lexical-only');
    assert.match(status.detail ?? '', /encoder|model|embedding/i);
    const off = await start({ encoder: { enabled: false } });
    await off.open('untitled:off', 'Hypertension.\n', 'plaintext');
    const st2 = await off.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string; detail?: string };
    assert.equal(st2.state, 'lexical-only');
    assert.match(st2.detail ?? '', /turned off/);
  } finally {
    fs.rmSync(models, { recursive: true, force: true });
  }
});

test('with the encoder on: "ready" when the shipped encoder and code index load, else lexical-only with the reason', async () => {
  const s = await start({ encoder: { enabled: true } });
  await s.open('untitled:enc', 'Assessment: essential hypertension.\n', 'plaintext');
  const status = await s.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string; detail?: string };
  const shipped = fs.existsSync(path.join(ROOT, 'models', 'encoder')) && fs.existsSync(path.join(ROOT, 'models', 'embeddings'));
  if (shipped && status.state === 'ready') return;
  assert.equal(status.state, 'lexical-only', JSON.stringify(status));
  assert.match(status.detail ?? '', /encoder|embedding|onnx/i);
});

test('a models folder without the knowledge base: the status says the engine failed and why; no crash', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-nomodels-'));
  fs.writeFileSync(path.join(empty, 'README.md'), 'empty\n');
  try {
    const s = await start({}, { env: { CLINICAL_CODER_MODELS: empty } });
    for (let i = 0; i < 100; i++) {
      const st = await s.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string; detail?: string };
      if (st.state === 'error') { assert.match(st.detail ?? '', /could not load/); break; }
      if (i === 99) assert.fail(`state stayed ${st.state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(await ping(s) < 2000, 'still answering');
    assert.equal(s.child.exitCode, null, 'still running');
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('the engine worker dies while coding a note: the server restarts it, says so, and keeps coding other notes', async () => {
  const marker = 'ZZ-ENGINE-FAULT-INJECTION';
  const s = await start({}, { env: { CLINICAL_CODER_FAULT_EXIT_ON: marker } });
  const statuses: string[] = [];
  s.conn.onNotification('clinicalCoder/serverStatus', (p: { state: string }) => { statuses.push(p.state); });
  await s.open('untitled:before', 'Assessment: essential hypertension.\n', 'plaintext');
  const pid = (await s.conn.sendRequest('clinicalCoder/serverStatus', {}) as { pid: number }).pid;

  const ds = await s.open('untitled:fatal', `Assessment: essential hypertension. ${marker}\n`, 'plaintext');
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.equal(ds[0].source, 'Clinical Coder');
  assert.match(String(ds[0].message), /could not code this note: the coding engine stopped \(exit code 70\).*restarted\. Edit the note to try again/);
  assert.ok(s.messages.some((m) => /coding engine stopped \(exit code 70\) while coding a note and has been restarted/.test(m)), s.messages.join('\n'));

  // The server process lives on; the restarted engine codes the next note, and the one that failed is not retried.
  const after = await s.open('untitled:after', 'Type 2 diabetes mellitus with diabetic chronic kidney disease.\n', 'plaintext');
  assert.ok(after.some((d) => d.code === 'E11.22'), JSON.stringify(after));
  const st = await s.conn.sendRequest('clinicalCoder/serverStatus', {}) as { state: string; pid: number };
  assert.equal(st.pid, pid);
  assert.equal(s.child.exitCode, null);
  assert.ok(statuses.includes('loading'), `status went back to loading during the restart: ${statuses.join(', ')}`);
  assert.match(st.state, /^(ready|lexical-only)$/);

  // An edit retries the failed note (without the fault) and codes it.
  const fixed = await s.diagnosticsWhere('untitled:fatal', (d) => d.some((x) => x.code === 'I10'),
    () => s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'untitled:fatal', version: 2 }, contentChanges: [{ text: 'Assessment: essential hypertension.\n' }] }));
  assert.ok(!fixed.some((d) => d.source === 'Clinical Coder'));
});

test('an engine that keeps crashing: after 4 crashes in 3 minutes the server says so and exits non-zero, so the client restarts it', { timeout: 120_000 }, async () => {
  const marker = 'ZZ-ENGINE-FAULT-INJECTION';
  const s = await start({}, { env: { CLINICAL_CODER_FAULT_EXIT_ON: marker } });
  const exited = new Promise<number | null>((resolve) => s.child.on('exit', (code) => resolve(code)));
  await s.open('untitled:ok', 'Assessment: essential hypertension.\n', 'plaintext');
  for (let i = 1; i <= 4; i++) {
    await s.open(`untitled:fatal-${i}`, `Assessment: essential hypertension. ${marker}\n`, 'plaintext');
    if (i < 4) assert.equal(s.child.exitCode, null, `still up after crash ${i}`);
  }
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 10_000))]);
  assert.notEqual(code, 0);
  assert.notEqual(code, 'still running');
  assert.ok(s.messages.some((m) => /coding engine stopped 4 times in 3 minutes.*language server is restarting/.test(m)), s.messages.join('\n'));
});

test('memory is returned after a 50 MB note is closed', { skip: process.platform !== 'linux' && 'reads /proc', timeout: 120_000 }, async () => {
  const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  const s = await start({});
  const unit = sampleText('discharge-summary.note') + '\n';
  // The baseline has coded a note of the same kind, so what that loads once is in it too.
  await s.open('untitled:small-before', unit, 'plaintext');
  await new Promise((r) => setTimeout(r, 1500));
  const before = rss(s.child.pid!);
  await s.open('untitled:huge-then-closed', unit.repeat(Math.ceil(50e6 / unit.length)).slice(0, 50e6), 'plaintext');
  const open = rss(s.child.pid!);
  s.close('untitled:huge-then-closed');
  // Resident memory falls as the collections after the close run; the lowest reading within 10 s counts. The
  // baseline itself moves by tens of MB with when V8 last collected, so what counts is the share of the note's
  // memory that comes back: most of it, and never more than 100 MB kept.
  const held = (x: number) => x - before;
  const returned = (x: number) => (open - x) / (open - before);
  let after = Infinity;
  for (let waited = 0; waited < 10_000 && (returned(after) < 0.8 || held(after) >= 50); waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    after = Math.min(after, rss(s.child.pid!));
  }
  console.log(`server RSS: ${before.toFixed(0)} MB before, ${open.toFixed(0)} MB with the note open, ${after.toFixed(0)} MB after closing it (${(100 * returned(after)).toFixed(0)}% returned)`);
  assert.ok(open - before > 100, `the open note should have raised the server's memory (${(open - before).toFixed(0)} MB)`);
  assert.ok(returned(after) >= 0.65 && held(after) < 100,
    `the server holds ${held(after).toFixed(0)} MB more after the note is closed (${(100 * returned(after)).toFixed(0)}% of the note's ${(open - before).toFixed(0)} MB returned)`);
});
