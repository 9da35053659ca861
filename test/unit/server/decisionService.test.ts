// Unit tests: the decision service without a language server connection — accept / reject / replace / clear and
// Accept all in this section, written to a real decisions file and read back by a fresh store; every refusal
// (unknown decision, not a code, not in the code set, bad section) happens before anything is written.
import { test, beforeEach, afterEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeInfo, DocumentCoding, DocumentSuggestion } from '../../../src/common/protocol';
import { DecisionService } from '../../../src/server/decisionService';
import { DecisionStore, type DecisionRecord } from '../../../src/server/decisions';

// Synthetic note: two sections, codes documented in each.
const NOTE = 'ASSESSMENT:\nType 2 diabetes with diabetic chronic kidney disease.\nCKD stage 3.\nPLAN:\nHypertension, continue lisinopril.\n';
const KNOWN = new Set(['E11.22', 'N18.30', 'N18.31', 'I10']);

function suggestion(code: string, words: string, extra: Partial<DocumentSuggestion> = {}): DocumentSuggestion {
  const start = NOTE.indexOf(words);
  assert.ok(start >= 0, words);
  return { code, title: `title of ${code}`, confidence: 0.8, status: 'active', billable: true, alternatives: [], evidence: [{ start, end: start + words.length, text: words, why: 'index' }], ...extra };
}

let dir: string;
let uri: string;
let store: DecisionStore;
let suggestions: DocumentSuggestion[];
let infoAsked: string[][];
const messages: string[] = [];

function service(over: Partial<ConstructorParameters<typeof DecisionService>[0]> = {}): DecisionService {
  const doc = TextDocument.create(uri, 'clinical-note', 1, NOTE);
  return new DecisionService({
    store: () => store,
    codingFor: async (u) => (u === uri ? { doc, coding: { uri, version: 1, suggestions, warnings: [], source: 'test' } satisfies DocumentCoding } : null),
    codeInfo: async (codes) => {
      infoAsked.push(codes);
      return Object.fromEntries(codes.map((c): [string, CodeInfo] => [c, KNOWN.has(c) ? { breadcrumb: [], notes: [], children: [] } : { breadcrumb: [], notes: [], children: [], unknown: true }]));
    },
    now: () => new Date('2026-12-01T10:00:00.000Z'),
    ...over,
  });
}

/** What a new server would load for the note. */
function reloaded(): readonly DecisionRecord[] {
  const fresh = new DecisionStore({ roots: [dir], log: () => undefined, warn: (m) => messages.push(m) });
  try { return fresh.forDocument(uri); } finally { fresh.dispose(); }
}
const decisionsFile = () => path.join(dir, '.clinical-coder', 'decisions.json');

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-decision-service-')));
  fs.mkdirSync(path.join(dir, 'notes'));
  fs.writeFileSync(path.join(dir, 'notes', 'a.note'), NOTE);
  uri = pathToFileURL(path.join(dir, 'notes', 'a.note')).href;
  store = new DecisionStore({ roots: [dir], log: () => undefined, warn: (m) => messages.push(m) });
  suggestions = [
    suggestion('E11.22', 'Type 2 diabetes with diabetic chronic kidney disease'),
    suggestion('N18.30', 'CKD stage 3', { info: { breadcrumb: [], notes: [], children: [{ code: 'N18.31', title: 'Chronic kidney disease, stage 3a' }] } }),
    suggestion('I10', 'Hypertension'),
  ];
  infoAsked = [];
  messages.length = 0;
});
afterEach(() => {
  store.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('accept and reject are saved with the evidence words, title and confidence, and a new store reloads them', async () => {
  const s = service();
  await s.decide({ uri, code: 'E11.22', decision: 'accepted' });
  await s.decide({ uri, code: 'I10', decision: 'rejected' });
  const back = reloaded();
  assert.deepEqual(back.map((r) => [r.code, r.decision]), [['E11.22', 'accepted'], ['I10', 'rejected']]);
  const e11 = back[0];
  assert.equal(e11.title, 'title of E11.22');
  assert.equal(e11.confidence, 0.8);
  assert.equal(e11.at, '2026-12-01T10:00:00.000Z');
  assert.equal(e11.evidence?.text, 'Type 2 diabetes with diabetic chronic kidney disease');
  assert.equal(e11.evidence?.start, NOTE.indexOf('Type 2'));
  await s.decide({ uri, code: 'E11.22', decision: 'rejected' });
  assert.deepEqual(reloaded().map((r) => [r.code, r.decision]), [['I10', 'rejected'], ['E11.22', 'rejected']], 'one decision per code: the new one replaces the old');
});

test('replace accepts the child on the parent\'s evidence and rejects the parent; clear removes both', async () => {
  const s = service();
  await s.decide({ uri, code: 'N18.31', decision: 'accepted', replaces: 'N18.30' });
  const back = reloaded();
  const child = back.find((r) => r.code === 'N18.31')!;
  const parent = back.find((r) => r.code === 'N18.30')!;
  assert.equal(child.decision, 'accepted');
  assert.equal(child.replaces, 'N18.30');
  assert.equal(child.title, 'Chronic kidney disease, stage 3a', 'the title from the parent\'s more specific codes');
  assert.equal(child.evidence?.text, 'CKD stage 3');
  assert.equal(parent.decision, 'rejected');
  assert.deepEqual(infoAsked, [['N18.31', 'N18.30']], 'both codes checked against the code set');
  await s.decide({ uri, code: 'N18.31', decision: 'clear' });
  assert.deepEqual(reloaded(), [], 'clearing a replacement clears the replaced code\'s rejection too');
});

test('refusals come before anything is written or looked up', async () => {
  const s = service();
  const refused: [unknown, RegExp][] = [
    [{ uri, code: 'I10', decision: 'maybe' }, /unknown decision "maybe"/],
    [{ uri, code: 'I10' }, /unknown decision/],
    [{ uri, code: '[x](command:evil)', decision: 'accepted' }, /is not an ICD-10-CM code/],
    [{ uri, code: 'I10', decision: 'accepted', replaces: 'I10 OR 1' }, /"I10 OR 1" is not an ICD-10-CM code/],
    [{ code: 'I10', decision: 'accepted' }, /needs the note/],
    [null, /needs the note/],
  ];
  for (const [params, message] of refused) await assert.rejects(s.decide(params), message, JSON.stringify(params));
  assert.deepEqual(infoAsked, [], 'the code set is not even asked');
  await assert.rejects(s.decide({ uri, code: 'Z99.99', decision: 'accepted' }), /Z99\.99 is not in the FY2026 ICD-10-CM code set/);
  await assert.rejects(s.decide({ uri, code: 'N18.31', decision: 'accepted', replaces: 'Q00.00' }), /Q00\.00 is not in the FY2026/);
  await assert.rejects(s.decide({ uri, code: 'N18.31', decision: 'accepted', replaces: 'E11.9' }), /E11\.9 is not in the FY2026/);
  await assert.rejects(s.decide({ uri, code: 'N18.31', decision: 'accepted', replaces: 'I10X' }), /not an ICD-10-CM code/);
  KNOWN.add('E11.9');
  try {
    await assert.rejects(s.decide({ uri, code: 'N18.31', decision: 'accepted', replaces: 'E11.9' }), /E11\.9 is not suggested in this note/);
  } finally { KNOWN.delete('E11.9'); }
  await assert.rejects(s.decide({ uri, code: 'N18.31', decision: 'rejected', replaces: 'N18.30' }), /only an accepted code can replace/);
  assert.equal(fs.existsSync(decisionsFile()), false, 'no decisions file was created');
});

test('Accept all in this section decides the pending codes documented in it, and nothing else', async () => {
  const s = service();
  await s.decide({ uri, code: 'N18.30', decision: 'rejected' });
  const start = NOTE.indexOf('ASSESSMENT:'), end = NOTE.indexOf('PLAN:');
  suggestions = suggestions.map((x) => (x.code === 'N18.30' ? { ...x, decision: 'rejected' } : x));
  assert.equal(await s.decideSection({ uri, start, end, decision: 'accepted' }), true);
  assert.deepEqual(reloaded().map((r) => [r.code, r.decision]), [['N18.30', 'rejected'], ['E11.22', 'accepted']], 'the rejected code stays rejected; I10 (in PLAN) untouched');
  assert.equal(await s.decideSection({ uri: 'file:///elsewhere/b.note', start, end, decision: 'accepted' }), false, 'not a coded note');
});

test('Accept all in this section refuses an unknown decision or a section that is not one, and writes nothing', async () => {
  const s = service();
  const refused: [unknown, RegExp][] = [
    [{ uri, start: 0, end: NOTE.length, decision: 'maybe' }, /unknown decision "maybe" \(accepted or rejected\)/],
    [{ uri, start: 0, end: NOTE.length, decision: 'clear' }, /unknown decision "clear"/],
    [{ uri, start: 10, end: 2, decision: 'accepted' }, /start and end offsets/],
    [{ uri, start: '0', end: NOTE.length, decision: 'accepted' }, /start and end offsets/],
    [{ uri, start: -1, end: NOTE.length, decision: 'accepted' }, /start and end offsets/],
  ];
  for (const [params, message] of refused) await assert.rejects(s.decideSection(params), message, JSON.stringify(params));
  assert.equal(fs.existsSync(decisionsFile()), false);
});

test('a decision the decisions file could not hold is refused, not acknowledged and then dropped on reload', async () => {
  const long = 'x'.repeat(5000);
  suggestions = [{ ...suggestion('I10', 'Hypertension'), title: long }];
  const s = service();
  // An over-long title is clipped on load, so it is saved clipped; over-long evidence would be dropped on load.
  await s.decide({ uri, code: 'I10', decision: 'accepted' });
  assert.equal(reloaded()[0].title?.length, 400);
  const huge = TextDocument.create(uri, 'clinical-note', 1, long);
  const s2 = service({
    codingFor: async () => ({ doc: huge, coding: { uri, version: 1, warnings: [], source: 'test', suggestions: [{ ...suggestion('E11.22', 'Type 2'), evidence: [{ start: 0, end: 3000, text: long.slice(0, 3000), why: 'index' }] }] } }),
  });
  await assert.rejects(s2.decide({ uri, code: 'E11.22', decision: 'accepted' }), /cannot be saved/);
  assert.deepEqual(reloaded().map((r) => r.code), ['I10'], 'nothing was written for it');
});

test('a save that fails is an error to the caller', async () => {
  const failing = { forDocument: () => [], update: async () => { throw new Error('Clinical Coder: could not save the decision (disk full)'); } };
  const s = service({ store: () => failing });
  await assert.rejects(s.decide({ uri, code: 'I10', decision: 'accepted' }), /disk full/);
  await assert.rejects(s.decideSection({ uri, start: 0, end: NOTE.length, decision: 'accepted' }), /disk full/);
});
