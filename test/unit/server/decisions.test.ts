// Unit tests: evidence anchors, applying decisions to a coding, the decisions file (atomic writes, versions,
// corrupt files), and the note guard (size cap, binary files).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Suggestion } from '../../../src/coder/types';
import { anchorOf, locateAnchor } from '../../../src/server/anchors';
import { applyDecisions } from '../../../src/server/applyDecisions';
import { DecisionStore, parseDecisions, type DecisionRecord } from '../../../src/server/decisions';
import { guardNote, looksBinary, MAX_CODED_CHARS } from '../../../src/note/noteText';

const NOTE = 'HPI: Hypertension, well controlled.\nPLAN: Continue lisinopril for hypertension.\n';

function suggestion(code: string, start: number, end: number, text = NOTE): Suggestion {
  return { code, title: `title ${code}`, confidence: 0.9, status: 'active', billable: true, alternatives: [], evidence: [{ start, end, text: text.slice(start, end), why: 'index' }] };
}

test('an anchor finds its evidence again after edits elsewhere, preferring the same surroundings', () => {
  const second = NOTE.lastIndexOf('hypertension');
  const a = anchorOf(NOTE, second, second + 'hypertension'.length);
  const edited = 'ADDENDUM: seen again today.\n' + NOTE;
  const where = locateAnchor(edited, a)!;
  assert.equal(where.start, second + 'ADDENDUM: seen again today.\n'.length, 'the second occurrence, by its context hash');
  assert.equal(locateAnchor(NOTE.replace(/hypertension/gi, 'asthma'), a), undefined, 'gone when the words are gone');
});

test('applyDecisions: accepted / rejected by code while the evidence is in the note; a chosen child is shown on the parent evidence', () => {
  const i = NOTE.indexOf('Hypertension');
  const s = [suggestion('I10', i, i + 12), suggestion('R03.0', i, i + 12)];
  const anchor = anchorOf(NOTE, i, i + 12);
  const at = new Date(0).toISOString();
  const records: DecisionRecord[] = [
    { code: 'I10', decision: 'accepted', evidence: anchor, at },
    { code: 'R03.0', decision: 'rejected', evidence: anchor, at },
    { code: 'I11.9', decision: 'accepted', evidence: anchor, title: 'Hypertensive heart disease without heart failure', replaces: 'I10', at },
  ];
  const out = applyDecisions(NOTE, s, records);
  assert.equal(out.find((x) => x.code === 'I10')!.decision, 'accepted');
  assert.equal(out.find((x) => x.code === 'R03.0')!.decision, 'rejected');
  const child = out.find((x) => x.code === 'I11.9')!;
  assert.equal(child.decision, 'accepted');
  assert.equal(child.replaces, 'I10');
  assert.deepEqual([child.evidence[0].start, child.evidence[0].end], [i, i + 12]);
  const gone = applyDecisions('HPI: asthma.\n', [], records);
  assert.deepEqual(gone, [], 'no decision applies once its evidence is edited away');
  assert.equal(s[0].evidence.length, 1);
  assert.equal((s[0] as { decision?: string }).decision, undefined, 'the engine result is not mutated');
});

test('parseDecisions validates the format and version', () => {
  assert.equal(parseDecisions('{').ok, false);
  assert.equal(parseDecisions('{"format":"other","version":1,"notes":{}}').ok, false);
  const newer = parseDecisions('{"format":"clinical-coder/decisions","version":2,"notes":{}}');
  assert.ok(!newer.ok && newer.newer === 2);
  const ok = parseDecisions(JSON.stringify({ format: 'clinical-coder/decisions', version: 1, notes: { 'a.note': [{ code: 'I10', decision: 'accepted', at: 'x' }, { code: 5 }] } }));
  assert.ok(ok.ok && ok.notes.get('a.note')!.length === 1, 'malformed records are dropped, good ones kept');
});

test('DecisionStore: workspace file, atomic writes, reload, corrupt backup, newer versions left alone, untitled in memory', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-store-'));
  const warnings: string[] = [];
  const opts = { roots: [ws], log: () => undefined, warn: (m: string) => warnings.push(m) };
  try {
    const uri = pathToFileURL(path.join(ws, 'notes', 'a.note')).href;
    const store = new DecisionStore(opts);
    assert.deepEqual(store.locate(uri), { file: path.join(ws, '.clinical-coder', 'decisions.json'), key: 'notes/a.note' });
    await store.update(uri, [{ code: 'I10', decision: 'accepted', at: 'now' }]);
    await store.update(uri, [{ code: 'E11.9', decision: 'rejected', at: 'now' }]);
    await store.update(uri, [{ code: 'I10', decision: 'rejected', at: 'later' }]);
    const file = path.join(ws, '.clinical-coder', 'decisions.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(saved.format, 'clinical-coder/decisions');
    assert.deepEqual(saved.notes['notes/a.note'].map((r: DecisionRecord) => `${r.code}:${r.decision}`), ['E11.9:rejected', 'I10:rejected'], 'one decision per code, the newest');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['decisions.json'], 'no temp files left');
    store.dispose();

    const again = new DecisionStore(opts);
    assert.equal(again.forDocument(uri).length, 2, 'reloaded from disk');
    again.dispose();

    fs.writeFileSync(file, 'not json');
    const fresh = new DecisionStore(opts);
    assert.deepEqual(fresh.forDocument(uri), []);
    assert.match(warnings.at(-1)!, /could not be read \(not valid JSON.*saved as decisions\.json\.corrupt-/);
    assert.ok(fs.readdirSync(path.dirname(file)).some((f) => f.startsWith('decisions.json.corrupt-')));
    fresh.dispose();

    const newer = JSON.stringify({ format: 'clinical-coder/decisions', version: 9, notes: {} });
    fs.writeFileSync(file, newer);
    const old = new DecisionStore(opts);
    assert.deepEqual(old.forDocument(uri), []);
    await assert.rejects(old.update(uri, [{ code: 'I10', decision: 'accepted', at: 'now' }]), /newer version.*not recorded/, 'a decision that cannot be saved is not acknowledged');
    assert.equal(fs.readFileSync(file, 'utf8'), newer, 'a newer version\'s file is never overwritten');
    assert.match(warnings.at(-1)!, /newer version/);
    old.dispose();

    const mem = new DecisionStore(opts);
    assert.deepEqual(await mem.update('untitled:Untitled-1', [{ code: 'I10', decision: 'accepted', at: 'now' }]), { persisted: false });
    assert.equal(mem.forDocument('untitled:Untitled-1').length, 1);
    assert.match(warnings.at(-1)!, /not saved to a file.*kept only until the editor closes/, 'the coder is told');
    mem.dispose();
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('guardNote: binary files are skipped, huge notes capped at a line end, with a message', () => {
  assert.equal(looksBinary('Plain clinical text.\n'), false);
  assert.equal(looksBinary('abc\u0000def'), true);
  assert.equal(guardNote('abc\u0000def').text, '');
  assert.match(guardNote('abc\u0000def').skipped!, /looks binary/);
  const line = 'Essential hypertension, stable on lisinopril.\n';
  const big = line.repeat(Math.ceil((MAX_CODED_CHARS * 2) / line.length));
  const g = guardNote(big);
  assert.ok(g.text.length <= MAX_CODED_CHARS && g.text.length > MAX_CODED_CHARS - line.length);
  assert.ok(g.text.endsWith('lisinopril.'), 'cut at a line end');
  assert.match(g.skipped!, /coded only its first [\d,]+ characters/);
  assert.deepEqual(guardNote(line), { text: line });
});
