// Finding and reading note files for batch commands: folders are walked recursively for .txt, .md
// and .note files; unreadable, binary, empty and huge files are reported, never thrown.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const NOTE_EXTENSIONS = ['.txt', '.md', '.note'];
/** Larger files are almost certainly not a single clinical note (the biggest real notes are ~100 kB). */
export const MAX_NOTE_BYTES = 5 * 1024 * 1024;

export interface FoundFiles { files: string[]; errors: { file: string; error: string }[] }

/** Expands files and folders (recursively, sorted) into note files, in the order given. */
export function findNoteFiles(inputs: string[]): FoundFiles {
  const files: string[] = [];
  const errors: { file: string; error: string }[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { errors.push({ file: dir, error: `cannot read folder: ${(e as Error).message}` }); return; }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && NOTE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) files.push(p);
    }
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try { st = fs.statSync(input); } catch { errors.push({ file: input, error: 'not found: check the path' }); continue; }
    if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files, errors };
}

export type ReadNote = { ok: true; text: string } | { ok: false; error: string };

/** Reads a note as UTF-8 text, refusing what is not a note (with the reason and what to do). */
export function readNoteFile(file: string): ReadNote {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, error: 'not a regular file' };
    if (st.size > MAX_NOTE_BYTES) return { ok: false, error: `too large (${(st.size / 1048576).toFixed(1)} MB > ${MAX_NOTE_BYTES / 1048576} MB): split it into notes` };
    buf = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, error: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return decodeNote(buf);
}

/** Decodes bytes as a note: binary content (NUL bytes, many control characters) and empty text are refused. */
export function decodeNote(buf: Buffer): ReadNote {
  const head = buf.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return { ok: false, error: 'binary file (NUL bytes): not a text note' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (head.length && control / head.length > 0.1) return { ok: false, error: 'binary file (control characters): not a text note' };
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) return { ok: false, error: 'empty note' };
  return { ok: true, text };
}
