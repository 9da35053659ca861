// The decisions file under attack and under slow disks: records from a crafted file are validated, the file is
// private, interrupted writes leave nothing behind, a slow rename never makes the watcher reload an older file, two
// servers on one folder merge instead of overwriting, and a note reached through a symlink keeps its decisions.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DecisionStore, parseDecisions, sanitizeDecisionRecord } from '../../../src/server/decisions';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cc-durable-'));
const quiet = (warnings: string[] = []) => ({ log: () => undefined, warn: (m: string) => warnings.push(m) });
const FILE = (ws: string) => path.join(ws, '.clinical-coder', 'decisions.json');

test('records from a file are validated: code form, known fields, bounded lengths', () => {
  assert.equal(sanitizeDecisionRecord({ code: 'ZZZ.FAKE', decision: 'accepted', at: 'x' }), undefined);
  assert.equal(sanitizeDecisionRecord({ code: 'I10', decision: 'maybe', at: 'x' }), undefined);
  assert.equal(sanitizeDecisionRecord({ code: 'I10'.padEnd(100_000, '0'), decision: 'accepted' }), undefined);
  assert.equal(sanitizeDecisionRecord({ code: 'J44.1', decision: 'accepted', replaces: 'I10](command:workbench.action.terminal.new)' }), undefined);
  assert.equal(sanitizeDecisionRecord({ code: 'I10', decision: 'accepted', evidence: { text: 'x'.repeat(5000), context: 'a', start: 0 } }), undefined);
  assert.equal(sanitizeDecisionRecord({ code: 'I10', decision: 'accepted', confidence: 7 }), undefined);
  const ok = sanitizeDecisionRecord({ code: 'I10', decision: 'accepted', at: '2026-01-01T00:00:00Z', title: 't'.repeat(1000), command: 'evil', evidence: { text: 'hypertension', context: 'abc', start: 3, extra: 1 } })!;
  assert.deepEqual(Object.keys(ok).sort(), ['at', 'code', 'decision', 'evidence', 'title']);
  assert.equal(ok.title!.length, 400);
  assert.deepEqual(ok.evidence, { text: 'hypertension', context: 'abc', start: 3 });
  const parsed = parseDecisions(JSON.stringify({ format: 'clinical-coder/decisions', version: 1, notes: { 'a.note': [{ code: 'I10', decision: 'accepted' }, { code: 'ZZZ.FAKE', decision: 'accepted' }] } }));
  assert.ok(parsed.ok && parsed.dropped === 1 && parsed.notes.get('a.note')!.length === 1);
});

test('the file is created 0600 in a 0700 folder; temp files of dead writers are removed on start; a dead writer\'s lock is taken over', { skip: process.platform === 'win32' && 'POSIX modes' }, async () => {
  const ws = tmp();
  try {
    const uri = pathToFileURL(path.join(ws, 'a.note')).href;
    const store = new DecisionStore({ roots: [ws], ...quiet() });
    await store.update(uri, [{ code: 'I10', decision: 'accepted', at: 'now' }]);
    assert.equal(fs.statSync(FILE(ws)).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(FILE(ws))).mode & 0o777, 0o700);
    store.dispose();
    // A writer killed between its temp file and its rename (pid 2^22 - 1: not running), and its lock file.
    const stale = `${FILE(ws)}.4194303.1700000000000.abc123.tmp`;
    fs.writeFileSync(stale, '{"note text": "PHI"}');
    fs.writeFileSync(`${FILE(ws)}.lock`, `4194303@${os.hostname()}\n`);
    const again = new DecisionStore({ roots: [ws], ...quiet() });
    assert.equal(again.forDocument(uri).length, 1);
    assert.ok(!fs.existsSync(stale), 'stale temp file removed');
    await again.update(uri, [{ code: 'E11.9', decision: 'rejected', at: 'now' }]);
    assert.equal(again.forDocument(uri).length, 2, 'the dead writer\'s lock did not block the write');
    assert.deepEqual(fs.readdirSync(path.dirname(FILE(ws))).sort(), ['decisions.json']);
    again.dispose();
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

const CODES = ['I10', 'E11.9', 'J44.1', 'N18.30', 'E78.5', 'K21.9', 'F32.A', 'M54.50'];

async function withRenameDelay<T>(range: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.CLINICAL_CODER_FAULT_RENAME_DELAY_MS;
  process.env.CLINICAL_CODER_FAULT_RENAME_DELAY_MS = range;
  try { return await fn(); } finally {
    if (before === undefined) delete process.env.CLINICAL_CODER_FAULT_RENAME_DELAY_MS; else process.env.CLINICAL_CODER_FAULT_RENAME_DELAY_MS = before;
  }
}

test('slow renames (100-300 ms): no acknowledged decision is lost to the watcher, 20 runs', async () => {
  const lost = await withRenameDelay('100-300', () => Promise.all(Array.from({ length: 20 }, async () => {
    const ws = tmp();
    const uri = pathToFileURL(path.join(ws, 'a.note')).href;
    const store = new DecisionStore({ roots: [ws], ...quiet() });
    try {
      for (const code of CODES) await store.update(uri, [{ code, decision: 'accepted', at: 'now' }]);
      await new Promise((r) => setTimeout(r, 400)); // every watcher event has fired
      await store.reloadAll();
      const inMemory = new Set(store.forDocument(uri).map((r) => r.code));
      const onDisk = new Set((JSON.parse(fs.readFileSync(FILE(ws), 'utf8')).notes['a.note'] as { code: string }[]).map((r) => r.code));
      return CODES.filter((c) => !inMemory.has(c) || !onDisk.has(c)).length;
    } finally {
      store.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  })));
  assert.deepEqual(lost, Array(20).fill(0), `acknowledged decisions lost per run: ${lost.join(' ')}`);
});

test('two servers on one folder merge their decisions instead of overwriting, 20 runs (with slow renames)', async () => {
  const lost = await withRenameDelay('0-60', () => Promise.all(Array.from({ length: 20 }, async () => {
    const ws = tmp();
    const uri = pathToFileURL(path.join(ws, 'shared.note')).href;
    const a = new DecisionStore({ roots: [ws], ...quiet() });
    const b = new DecisionStore({ roots: [ws], ...quiet() });
    try {
      const mine = CODES.slice(0, 4), theirs = CODES.slice(4);
      await Promise.all([
        (async () => { for (const code of mine) await a.update(uri, [{ code, decision: 'accepted', at: 'a' }]); })(),
        (async () => { for (const code of theirs) await b.update(uri, [{ code, decision: 'rejected', at: 'b' }]); })(),
      ]);
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all([a.reloadAll(), b.reloadAll()]);
      const onDisk = new Set((JSON.parse(fs.readFileSync(FILE(ws), 'utf8')).notes['shared.note'] as { code: string }[]).map((r) => r.code));
      const seenA = new Set(a.forDocument(uri).map((r) => r.code)), seenB = new Set(b.forDocument(uri).map((r) => r.code));
      return CODES.filter((c) => !onDisk.has(c) || !seenA.has(c) || !seenB.has(c)).length;
    } finally {
      a.dispose(); b.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  })));
  assert.deepEqual(lost, Array(20).fill(0), `acknowledged decisions lost per run: ${lost.join(' ')}`);
});

test('a note opened through a symlink keeps its decisions in its folder; one outside every folder goes to the user data folder', { skip: process.platform === 'win32' && 'symlinks need privileges' }, async () => {
  const ws = tmp(), elsewhere = tmp(), data = tmp();
  try {
    fs.writeFileSync(path.join(ws, 'real.note'), 'HPI: hypertension.\n');
    fs.symlinkSync(path.join(ws, 'real.note'), path.join(elsewhere, 'link.note'));
    const store = new DecisionStore({ roots: [ws], ...quiet() });
    const viaLink = pathToFileURL(path.join(elsewhere, 'link.note')).href;
    assert.deepEqual(store.locate(viaLink), { file: FILE(fs.realpathSync(ws)), key: 'real.note' });
    const prev = process.env.CLINICAL_CODER_DATA_DIR;
    process.env.CLINICAL_CODER_DATA_DIR = data;
    try {
      const outside = pathToFileURL(path.join(elsewhere, 'other.note')).href;
      assert.deepEqual(await store.update(outside, [{ code: 'I10', decision: 'accepted', at: 'now' }]), { persisted: true });
      assert.ok(fs.existsSync(path.join(data, 'decisions.json')), 'persisted, not memory only');
    } finally {
      if (prev === undefined) delete process.env.CLINICAL_CODER_DATA_DIR; else process.env.CLINICAL_CODER_DATA_DIR = prev;
    }
    store.dispose();
  } finally {
    for (const d of [ws, elsewhere, data]) fs.rmSync(d, { recursive: true, force: true });
  }
});
