// The one input guard of the CLI and the language server, on synthetic bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNoteText, decodeNoteBytes, decodeTextBytes, MAX_CODED_CHARS, MAX_NOTE_READ_BYTES, type NoteText } from '../../../src/note/noteText';
import { guardNote } from '../../../src/server/noteGuard';

const NOTE = 'Assessment: essential hypertension, café au lait spots, 5 µg.\nPlan: recheck in 3 months.\n';
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => Uint8Array.from(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => utf16le(s).map((_, i, a) => a[i ^ 1]);
const latin1 = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const withMark = (mark: number[], body: Uint8Array) => Uint8Array.from([...mark, ...body]);

function ok(r: NoteText): { text: string; warnings: string[] } {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r;
}

test('UTF-8 with or without a byte-order mark reads the same, with no warning', () => {
  assert.deepEqual(ok(decodeNoteBytes(utf8(NOTE))), { ok: true, text: NOTE, warnings: [] });
  assert.deepEqual(ok(decodeNoteBytes(withMark([0xef, 0xbb, 0xbf], utf8(NOTE)))), { ok: true, text: NOTE, warnings: [] });
});

test('UTF-16LE and UTF-16BE with a byte-order mark (PowerShell 5) are decoded, not called binary', () => {
  assert.equal(ok(decodeNoteBytes(withMark([0xff, 0xfe], utf16le(NOTE)))).text, NOTE);
  assert.equal(ok(decodeNoteBytes(withMark([0xfe, 0xff], utf16be(NOTE)))).text, NOTE);
  const r = decodeTextBytes(withMark([0xff, 0xfe], utf16le(NOTE)));
  assert.ok(r.ok && r.encoding === 'utf-16le');
});

test('UTF-16 without a byte-order mark is refused with the iconv line that converts it', () => {
  const r = decodeNoteBytes(utf16le(NOTE));
  assert.ok(!r.ok && r.reason === 'binary');
  assert.match(r.error, /UTF-16 text without a byte-order mark/);
  assert.match(r.error, /iconv -f UTF-16LE -t UTF-8/);
  const be = decodeNoteBytes(utf16be(NOTE));
  assert.ok(!be.ok && /iconv -f UTF-16BE/.test(be.error));
});

test('Latin-1 / Windows-1252 bytes are read as Windows-1252 with a warning that says where and how to convert', () => {
  const r = ok(decodeNoteBytes(Uint8Array.from([...latin1(NOTE), 0x93, 0x6f, 0x6b, 0x94, 0x80])));
  assert.ok(r.text.startsWith('Assessment: essential hypertension, café au lait spots, 5 µg.'));
  assert.ok(r.text.endsWith('\u201cok\u201d\u20ac'), 'the 0x80-0x9F range is Windows-1252 (quotes, euro), not C1 controls');
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /not UTF-8 \(byte 0xE9 at line 1\)/);
  assert.match(r.warnings[0], /read it as Windows-1252/);
  assert.match(r.warnings[0], /iconv -f latin1 -t utf-8/);
});

test('UTF-8 with a few damaged bytes keeps its good characters and says how many were lost', () => {
  const bytes = Uint8Array.from([...utf8('Fever 38 °C.\n'), 0xff, ...utf8('Cough.\n'), 0xc3]);
  const r = ok(decodeNoteBytes(bytes));
  assert.equal(r.text, 'Fever 38 °C.\n\uFFFDCough.\n\uFFFD');
  assert.match(r.warnings[0], /2 bytes could not be read \(first: byte 0xFF at line 2\)/);
});

test('binary and empty input are refused with the reason', () => {
  const nul = decodeNoteBytes(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 255]));
  assert.ok(!nul.ok && nul.reason === 'binary' && /NUL bytes/.test(nul.error));
  // High bytes with no NUL and no valid UTF-8: not mistaken for a Latin-1 note.
  let x = 7;
  const noise = Uint8Array.from({ length: 4096 }, () => { x = (x * 1103515245 + 12345) >>> 0; return 0x80 | ((x >>> 16) & 0x7f); });
  const n = decodeNoteBytes(noise);
  assert.ok(!n.ok && n.reason === 'binary', 'random high bytes are binary');
  const ctl = decodeNoteBytes(Uint8Array.from({ length: 300 }, (_, i) => (i % 3 ? 0x41 : 0x01)));
  assert.ok(!ctl.ok && /unreadable characters/.test(ctl.error));
  for (const empty of [new Uint8Array(0), utf8(' \n\t\n'), Uint8Array.from([0xef, 0xbb, 0xbf]), Uint8Array.from([0xff, 0xfe])]) {
    const r = decodeNoteBytes(empty);
    assert.ok(!r.ok && r.reason === 'empty' && r.error === 'This note is empty.');
  }
});

test('a note over the cap is coded up to a line end below it, with the size in the message', () => {
  const line = 'Essential hypertension, stable on lisinopril.\n';
  const big = line.repeat(Math.ceil((MAX_CODED_CHARS * 1.5) / line.length));
  const r = ok(decodeNoteBytes(utf8(big)));
  assert.ok(r.text.length <= MAX_CODED_CHARS && r.text.length > MAX_CODED_CHARS - line.length);
  assert.ok(r.text.endsWith('lisinopril.'));
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /^This note is 0\.5 MB; Clinical Coder coded only its first [\d,]+ characters\. Split it/);
  assert.deepEqual(ok(checkNoteText(line)), { ok: true, text: line, warnings: [] });
});

test('a file read only up to MAX_NOTE_READ_BYTES: a character cut by the read is not damage, the size is the file\'s', () => {
  const line = 'Température 38,5 °C — fièvre.\n';
  const whole = utf8(line.repeat(Math.ceil((MAX_NOTE_READ_BYTES * 2) / utf8(line).length)));
  let cut = MAX_NOTE_READ_BYTES;
  while ((whole[cut] & 0xc0) !== 0x80) cut++; // inside a multi-byte character
  const r = ok(decodeNoteBytes(whole.subarray(0, cut), { totalBytes: whole.length }));
  assert.equal(r.warnings.length, 1, r.warnings.join(' | '));
  assert.match(r.warnings[0], new RegExp(`This note is ${(whole.length / 1e6).toFixed(1).replace('.', '\\.')} MB`));
  assert.ok(!r.text.includes('\uFFFD'));
  // The same cut in a whole file is damage.
  const damaged = ok(decodeNoteBytes(whole.subarray(0, cut)));
  assert.match(damaged.warnings[0], /1 byte could not be read/);
});

test('the server codes what the CLI codes: same text, same refusals, same messages', () => {
  const cases = [utf8(NOTE), Uint8Array.from([0x41, 0, 0x42, 0x01, 0x02, 0x03]), utf8('x'.repeat(MAX_CODED_CHARS + 10))];
  for (const bytes of cases) {
    const cli = decodeNoteBytes(bytes);
    const server = guardNote(new TextDecoder().decode(bytes));
    if (cli.ok) assert.deepEqual(server, cli.warnings.length ? { text: cli.text, skipped: cli.warnings.join(' ') } : { text: cli.text });
    else assert.deepEqual(server, { text: '', skipped: cli.error });
  }
  // Text the editor could not decode arrives with replacement characters: coded, with the same way out.
  const g = guardNote('Fever, caf\uFFFD au lait spots.\n');
  assert.equal(g.text, 'Fever, caf\uFFFD au lait spots.\n');
  assert.match(g.skipped!, /1 character that could not be read .*not UTF-8.*Reopen with Encoding.*iconv -f latin1 -t utf-8/);
  assert.deepEqual(guardNote('   \n'), { text: '' }, 'an empty document has no codes and no message');
});
