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
      encoding = 'windows-1252';
      text = new TextDecoder('windows-1252').decode(body);
      warning = `not valid UTF-8: read as Windows-1252 (Latin-1), so accented letters may be wrong; ${CONVERT('WINDOWS-1252')}`;
    }
  }
  if (looksBinary(text)) return { ok: false, error: 'binary file (unreadable characters): not a text note' };
  if (!text.trim()) return { ok: false, error: 'empty note' };
  return { ok: true, text, encoding, ...(warning ? { warning } : {}) };
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
