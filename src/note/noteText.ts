// What of a file or a document is coded, for every surface alike (the editor, the CLI, batch coding): bytes are
// decoded (BOMs, UTF-16 as Windows PowerShell 5 writes it, text that is not UTF-8 read as Windows-1252 with a
// warning that says how to convert it), binary content and empty notes are refused, and very large notes are coded
// up to a cap (the rest would tie up the engine for minutes), each with a message a user can act on. Pure: no I/O.

/** Characters coded at most (~40,000 words, far above any real note). */
export const MAX_CODED_CHARS = 300_000;
/** Files larger than this are not read at all: no clinical note is 64 MB. */
export const MAX_NOTE_FILE_BYTES = 64 * 1024 * 1024;
const SAMPLE = 64 * 1024;

export type NoteEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type DecodedNote = { ok: true; text: string; encoding: NoteEncoding; warning?: string } | { ok: false; error: string };
export interface GuardedText { text: string; skipped?: string }

/** True for text that is mostly not text: NUL characters, or over 10% control / replacement characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE);
  if (!n) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / n > 0.1;
}

/** UTF-16 without a BOM: most characters of an English note have a zero high byte, so zeros sit on one parity. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 8) return undefined;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) { if (bytes[i] === 0) even++; if (bytes[i + 1] === 0) odd++; }
  const pairs = n / 2;
  if (odd / pairs > 0.4 && even / pairs < 0.05) return 'utf-16le';
  if (even / pairs > 0.4 && odd / pairs < 0.05) return 'utf-16be';
  return undefined;
}

const CONVERT = (from: string) => `convert it to UTF-8 to be sure (e.g. iconv -f ${from} -t UTF-8 note.txt > note-utf8.txt, or "Save with Encoding: UTF-8" in VS Code)`;

/** Decodes a note file's bytes, or says why it is not a note. */
export function decodeNoteBytes(bytes: Uint8Array): DecodedNote {
  let encoding: NoteEncoding = 'utf-8';
  let body = bytes;
  let warning: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) { encoding = 'utf-16le'; body = bytes.subarray(2); }
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) { encoding = 'utf-16be'; body = bytes.subarray(2); }
  else {
    const guess = utf16WithoutBom(bytes);
    if (guess) { encoding = guess; warning = `read as ${guess.toUpperCase()} (no byte-order mark); ${CONVERT(guess.toUpperCase())}`; }
  }
  let text: string;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (body.length % 2) body = body.subarray(0, body.length - 1);
    text = new TextDecoder(encoding).decode(body);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      if (body.subarray(0, SAMPLE).includes(0)) return { ok: false, error: 'binary file (NUL bytes): not a text note' };
      const scan = scanUtf8(body);
      if (scan.multiByte > 0) {
        // Mostly UTF-8 with damaged bytes: reading it all as Windows-1252 would garble every good accented letter.
        text = new TextDecoder('utf-8').decode(body);
        warning = `not valid UTF-8: ${scan.invalid} byte${scan.invalid === 1 ? '' : 's'} could not be read (coded as \uFFFD); re-save the note as UTF-8 from the program that wrote it`;
      } else {
        // Random bytes are not a Latin-1 note: real Latin-1 text is mostly ASCII.
        if (scan.high > body.length * 0.3) return { ok: false, error: 'binary file (unreadable characters): not a text note' };
        encoding = 'windows-1252';
        text = windows1252(body);
        warning = `not valid UTF-8: read as Windows-1252 (Latin-1), so accented letters may be wrong; ${CONVERT('WINDOWS-1252')}`;
      }
    }
  }
  if (looksBinary(text)) return { ok: false, error: 'binary file (unreadable characters): not a text note' };
  if (!text.trim()) return { ok: false, error: 'empty note' };
  return { ok: true, text, encoding, ...(warning ? { warning } : {}) };
}

/** Invalid bytes, valid multi-byte sequences and bytes ≥ 0x80 (WHATWG rules: no overlongs, no surrogates). */
function scanUtf8(b: Uint8Array): { invalid: number; multiByte: number; high: number } {
  let invalid = 0, multiByte = 0, high = 0, i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need = 0, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    let k = 0;
    while (k < need && i + 1 + k < b.length) {
      const d = b[i + 1 + k];
      if (d < (k === 0 ? lo : 0x80) || d > (k === 0 ? hi : 0xbf)) break;
      k++;
    }
    high += 1 + k;
    if (need && k === need) multiByte++; else invalid++;
    i += 1 + k;
  }
  return { invalid, multiByte, high };
}

/** Windows-1252's 0x80-0x9F; the rest of the high half is Latin-1 (the byte value). Spelled out because Node 20's
 *  TextDecoder('windows-1252') decodes this range as C1 control characters (curly quotes, dashes and € were lost). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function windows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = bytes[i] >= 0x80 && bytes[i] < 0xa0 ? CP1252_HIGH[bytes[i] - 0x80] : bytes[i];
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}

/** The part of a note that is coded: binary text refused, huge notes cut at a line end near the cap, with a message. */
export function guardNote(text: string): GuardedText {
  if (looksBinary(text)) return { text: '', skipped: 'This file looks binary (unreadable characters), so Clinical Coder does not code it.' };
  if (text.length <= MAX_CODED_CHARS) return { text };
  const cut = text.lastIndexOf('\n', MAX_CODED_CHARS);
  const end = cut > MAX_CODED_CHARS / 2 ? cut : MAX_CODED_CHARS;
  const mb = (text.length / 1e6).toFixed(text.length >= 1e7 ? 0 : 1);
  return { text: text.slice(0, end), skipped: `This note is ${mb} MB; Clinical Coder coded only its first ${end.toLocaleString('en-US')} characters. Split it into smaller notes to code the rest.` };
}
