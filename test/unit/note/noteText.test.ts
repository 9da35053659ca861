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

test('Windows-1252 punctuation (0x80-0x9F) is read as the characters Word writes, not as control characters', () => {
  const r = decodeNoteBytes(Buffer.concat([Buffer.from('Plan: ', 'latin1'), Buffer.from([0x93, 0x6f, 0x6b, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35])]));
  assert.ok(r.ok && r.encoding === 'windows-1252');
  assert.equal(r.ok && r.text, 'Plan: \u201cok\u201d \u2013 \u20ac5');
});

test('UTF-8 with a damaged byte keeps its good characters and counts what was lost', () => {
  const r = decodeNoteBytes(Buffer.concat([Buffer.from('Fever 38 \u00b0C, caf\u00e9.\n'), Buffer.from([0xff]), Buffer.from('Cough.\n')]));
  assert.ok(r.ok && r.encoding === 'utf-8');
  assert.equal(r.ok && r.text, 'Fever 38 \u00b0C, caf\u00e9.\n\uFFFDCough.\n');
  assert.match(r.ok ? r.warning ?? '' : '', /1 byte could not be read/);
});

test('random high bytes without NUL are binary, not a Latin-1 note', () => {
  let x = 7;
  const noise = Uint8Array.from({ length: 4096 }, () => { x = (x * 1103515245 + 12345) >>> 0; return 0x80 | ((x >>> 16) & 0x7f); });
  assert.deepEqual(decodeNoteBytes(noise), { ok: false, error: 'binary file (unreadable characters): not a text note' });
});
