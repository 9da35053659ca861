// What text a note is. One guard for every surface (the CLI reads bytes from files, the language server gets text
// from the editor), so the same note gets the same answer and the same message in both:
// - a UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark (PowerShell 5's default) is decoded;
// - a file that is not UTF-8 is still coded, with a warning that says how to convert it: bytes with no valid
//   multi-byte UTF-8 in them are read as Windows-1252 (Latin-1 notes); text already decoded by the editor keeps its
//   replacement characters;
// - binary and empty input is refused with the reason;
// - notes above MAX_CODED_CHARS are coded up to a line end below the cap, with a message.
// Pure: no I/O.

/** Characters coded at most (~40,000 words, far above any real note; coding time grows with length). */
export const MAX_CODED_CHARS = 300_000;
/** Bytes a file reader needs at most to reach the cap in any supported encoding (≤ 3 UTF-8 bytes per UTF-16 unit). */
export const MAX_NOTE_READ_BYTES = 3 * MAX_CODED_CHARS + 4;

export type NoteEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodedText = { ok: true; text: string; encoding: NoteEncoding; warnings: string[] } | NoteRefusal;
export type NoteText = { ok: true; text: string; warnings: string[] } | NoteRefusal;
export interface NoteRefusal { ok: false; reason: 'binary' | 'empty'; error: string }

export interface DecodeOptions {
  /** The whole file's size when `bytes` is only its beginning (a sequence cut at the end is then not an error). */
  totalBytes?: number;
}

const BINARY_NUL = 'This file looks binary (it has NUL bytes), so Clinical Coder does not code it.';
const BINARY_UNREADABLE = 'This file looks binary (unreadable characters), so Clinical Coder does not code it.';
const CONVERT = 'convert it to UTF-8 from its real encoding, e.g. iconv -f latin1 -t utf-8 note.txt > note-utf8.txt';
const SAMPLE_BYTES = 8192;
const SAMPLE_CHARS = 64 * 1024;

/** Bytes of a note file to its text, refused when binary or empty, capped when very long. */
export function decodeNoteBytes(bytes: Uint8Array, options: DecodeOptions = {}): NoteText {
  const decoded = decodeTextBytes(bytes, options);
  if (!decoded.ok) return decoded;
  const checked = checkNoteText(decoded.text, { sizeBytes: options.totalBytes ?? bytes.length, readAs: decoded.encoding });
  return checked.ok ? { ...checked, warnings: [...decoded.warnings, ...checked.warnings] } : checked;
}

/** Bytes of any text file (notes, JSONL) to text: byte-order marks, UTF-16, not-UTF-8 and binary; no cap. */
export function decodeTextBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const partial = options.totalBytes !== undefined && options.totalBytes > bytes.length;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3), partial);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: utf16(bytes.subarray(2), 'le'), encoding: 'utf-16le', warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: utf16(bytes.subarray(2), 'be'), encoding: 'utf-16be', warnings: [] };
  const head = bytes.subarray(0, SAMPLE_BYTES);
  if (head.includes(0)) {
    const order = utf16WithoutMark(head);
    return refuse('binary', order
      ? `This file looks like UTF-16 text without a byte-order mark, so Clinical Coder does not code it: convert it to UTF-8, e.g. iconv -f UTF-16${order.toUpperCase()} -t UTF-8 note.txt > note-utf8.txt`
      : BINARY_NUL);
  }
  return decodeUtf8(bytes, partial);
}

/** Text as coded: binary and empty text refused, unreadable characters warned about, very long notes capped. */
export function checkNoteText(text: string, about: { sizeBytes?: number; readAs?: NoteEncoding } = {}): NoteText {
  if (looksBinary(text)) return refuse('binary', text.slice(0, SAMPLE_CHARS).includes('\0') ? BINARY_NUL : BINARY_UNREADABLE);
  if (!text.trim()) return refuse('empty', 'This note is empty.');
  const warnings: string[] = [];
  // Text decoded elsewhere (the editor) carries the damage as replacement characters: say so, with the way out.
  const unreadable = about.readAs === undefined ? countReplacements(text) : 0;
  if (unreadable) {
    warnings.push(`This note has ${unreadable.toLocaleString('en-US')} character${unreadable === 1 ? '' : 's'} that could not be read (shown as \uFFFD): its file is not UTF-8. Reopen it with its encoding ("Reopen with Encoding", e.g. Western (Windows 1252)) or ${CONVERT}.`);
  }
  if (text.length <= MAX_CODED_CHARS) return { ok: true, text, warnings };
  const cut = text.lastIndexOf('\n', MAX_CODED_CHARS);
  const end = cut > MAX_CODED_CHARS / 2 ? cut : MAX_CODED_CHARS;
  const size = about.sizeBytes ?? text.length;
  const mb = (size / 1e6).toFixed(size >= 1e7 ? 0 : 1);
  warnings.push(`This note is ${mb} MB; Clinical Coder coded only its first ${end.toLocaleString('en-US')} characters. Split it into smaller notes to code the rest.`);
  return { ok: true, text: text.slice(0, end), warnings };
}

/** True for text that is mostly not text: NUL characters, or over 10% control / replacement characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE_CHARS);
  if (!n) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / n > 0.1;
}

function refuse(reason: NoteRefusal['reason'], error: string): NoteRefusal {
  return { ok: false, reason, error };
}

function decodeUtf8(bytes: Uint8Array, partial: boolean): DecodedText {
  const scan = scanUtf8(bytes, partial);
  const usable = partial ? bytes.subarray(0, scan.complete) : bytes;
  if (!scan.invalid) return { ok: true, text: new TextDecoder('utf-8').decode(usable), encoding: 'utf-8', warnings: [] };
  const where = `byte 0x${bytes[scan.firstInvalid].toString(16).toUpperCase().padStart(2, '0')} at line ${lineOf(bytes, scan.firstInvalid)}`;
  if (scan.multiByte === 0) {
    // No valid multi-byte sequence at all: an 8-bit encoding, almost always Latin-1 / Windows-1252 for these notes.
    // Random bytes are the exception: real Latin-1 text is mostly ASCII.
    if (scan.highBytes > bytes.length * 0.3) return refuse('binary', BINARY_UNREADABLE);
    return {
      ok: true, text: windows1252(bytes), encoding: 'windows-1252',
      warnings: [`This file is not UTF-8 (${where}); Clinical Coder read it as Windows-1252 (Western European). If a character looks wrong, ${CONVERT}.`],
    };
  }
  // Mostly UTF-8 with damaged bytes: reading it all as Windows-1252 would garble the good characters.
  return {
    ok: true, text: new TextDecoder('utf-8').decode(usable), encoding: 'utf-8',
    warnings: [`This file is not valid UTF-8: ${scan.invalid.toLocaleString('en-US')} byte${scan.invalid === 1 ? '' : 's'} could not be read (first: ${where}) and are coded as \uFFFD. Re-export the note as UTF-8 or ${CONVERT}.`],
  };
}

interface Utf8Scan { invalid: number; firstInvalid: number; multiByte: number; highBytes: number; complete: number }

/** Counts invalid bytes and valid multi-byte sequences (WHATWG decoding rules: no overlongs, no surrogates). */
function scanUtf8(b: Uint8Array, partial: boolean): Utf8Scan {
  let invalid = 0, firstInvalid = -1, multiByte = 0, highBytes = 0, i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    highBytes++;
    let need = 0, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    let k = 0;
    if (need) {
      while (k < need && i + 1 + k < n) {
        const d = b[i + 1 + k];
        if (d < (k === 0 ? lo : 0x80) || d > (k === 0 ? hi : 0xbf)) break;
        k++;
      }
      if (k === need) { multiByte++; highBytes += need; i += need + 1; continue; }
      // A sequence cut by the end of a partial read is where the read stopped, not damage.
      if (partial && i + 1 + k >= n) return { invalid, firstInvalid, multiByte, highBytes, complete: i };
    }
    if (firstInvalid < 0) firstInvalid = i;
    invalid++;
    highBytes += k;
    i += 1 + k;
  }
  return { invalid, firstInvalid, multiByte, highBytes, complete: n };
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** UTF-16 code units in the given byte order; an odd last byte (a cut file) is dropped. */
function utf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  const units = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i], b = bytes[2 * i + 1];
    units[i] = order === 'le' ? a | (b << 8) : (a << 8) | b;
  }
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}

/** The byte order of ASCII-heavy UTF-16 without a mark: NUL in every second byte. */
function utf16WithoutMark(head: Uint8Array): 'le' | 'be' | undefined {
  const pairs = head.length >> 1;
  if (pairs < 2) return undefined;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.9 && evenNul < pairs * 0.1) return 'le';
  if (evenNul > pairs * 0.9 && oddNul < pairs * 0.1) return 'be';
  return undefined;
}

/** Windows-1252's 0x80-0x9F (the rest of the high half is Latin-1, i.e. the byte value). Spelled out because
 *  Node 20's TextDecoder('windows-1252') decodes this range as Latin-1 C1 controls. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function windows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    units[i] = c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80] : c;
  }
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}
