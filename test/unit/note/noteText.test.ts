// The one note-text guard of the editor and the CLI: encodings, binary, empty and huge input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNoteBytes, guardNote, MAX_CODED_CHARS } from '../../../src/note/noteText';

const NOTE = 'Assessment: essential hypertension. Café au lait macules.\n';

test('UTF-16 with a byte-order mark (Windows PowerShell 5 Out-File) and UTF-8 with one are decoded', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTE, 'utf16le')]);
  assert.deepEqual(decodeNoteBytes(le), { ok: true, text: NOTE, encoding: 'utf-16le' });
  const be = Buffer.from(le.subarray(2)).swap16();
  assert.deepEqual(decodeNoteBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { ok: true, text: NOTE, encoding: 'utf-16be' });
  assert.deepEqual(decodeNoteBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NOTE)])), { ok: true, text: NOTE, encoding: 'utf-8' });
});

test('UTF-16 without a mark is recognised, with a warning that says how to convert', () => {
  const r = decodeNoteBytes(Buffer.from(NOTE, 'utf16le'));
  assert.ok(r.ok && r.text === NOTE && r.encoding === 'utf-16le');
  assert.match(r.ok ? r.warning ?? '' : '', /no byte-order mark.*iconv -f UTF-16LE -t UTF-8/);
});

test('text that is not UTF-8 is read as Windows-1252 with a warning, never with replacement characters', () => {
  const r = decodeNoteBytes(Buffer.from(NOTE, 'latin1'));
  assert.ok(r.ok);
  assert.equal(r.ok && r.text, NOTE);
  assert.equal(r.ok && r.encoding, 'windows-1252');
  assert.match(r.ok ? r.warning ?? '' : '', /not valid UTF-8.*Windows-1252.*iconv -f WINDOWS-1252 -t UTF-8/);
});

test('binary and empty files are refused with the reason', () => {
  assert.deepEqual(decodeNoteBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0x10, 0x00, 0x80])), { ok: false, error: 'binary file (NUL bytes): not a text note' });
  const controls = Buffer.alloc(400, 0x01);
  assert.match((decodeNoteBytes(controls) as { error: string }).error, /binary/);
  assert.deepEqual(decodeNoteBytes(Buffer.from(' \n\t')), { ok: false, error: 'empty note' });
  assert.deepEqual(decodeNoteBytes(Buffer.alloc(0)), { ok: false, error: 'empty note' });
});

test('a huge note is coded up to the cap, cut at a line end, with a message', () => {
  const big = NOTE.repeat(Math.ceil((MAX_CODED_CHARS * 1.5) / NOTE.length));
  const g = guardNote(big);
  assert.ok(g.text.length <= MAX_CODED_CHARS && g.text.endsWith('macules.'));
  assert.match(g.skipped!, /coded only its first [\d,]+ characters\. Split it/);
});
