// Finding and reading note files for batch commands: folders are walked recursively for .txt, .md and .note files,
// following symbolic links (a loop is reported as a loop); every file goes through the same note-text guard as the
// editor (src/note/noteText.ts). Unreadable, binary, empty and huge files are reported, never thrown.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeNoteBytes, guardNote, MAX_NOTE_FILE_BYTES } from '../note/noteText';

export const NOTE_EXTENSIONS = ['.txt', '.md', '.note'];

export interface FoundFiles { files: string[]; errors: { file: string; error: string }[] }

function statError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symbolic link loop: the link points back at itself';
  if (code === 'ENOENT') return 'not found: check the path (or a symbolic link whose target is gone)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read: ${code ?? (e as Error).message}`;
}

/** Expands files and folders (recursively, sorted, through symbolic links) into note files, in the order given. */
export function findNoteFiles(inputs: string[]): FoundFiles {
  const files: string[] = [];
  const errors: { file: string; error: string }[] = [];
  const seenFiles = new Set<string>();
  const add = (p: string) => {
    let real: string;
    try { real = fs.realpathSync(p); } catch { real = p; }
    if (!seenFiles.has(real)) { seenFiles.add(real); files.push(p); }
  };
  const walk = (dir: string, ancestors: Set<string>) => {
    let real: string;
    try { real = fs.realpathSync(dir); } catch (e) { errors.push({ file: dir, error: statError(e) }); return; }
    if (ancestors.has(real)) { errors.push({ file: dir, error: `symbolic link loop: leads back to ${real}, skipped` }); return; }
    const inside = new Set(ancestors).add(real);
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { errors.push({ file: dir, error: `cannot read folder: ${(e as Error).message}` }); return; }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory(), isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try { const st = fs.statSync(p); isDir = st.isDirectory(); isFile = st.isFile(); } catch (err) {
          if (NOTE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) || (err as NodeJS.ErrnoException).code === 'ELOOP') errors.push({ file: p, error: statError(err) });
          continue;
        }
      }
      if (isDir) walk(p, inside);
      else if (isFile && NOTE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) add(p);
    }
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try { st = fs.statSync(input); } catch (e) { errors.push({ file: input, error: statError(e) }); continue; }
    if (st.isDirectory()) walk(input, new Set());
    else add(input);
  }
  return { files, errors };
}

export type ReadNote = { ok: true; text: string; warnings: string[] } | { ok: false; error: string };

/** Reads a note file through the note-text guard, refusing what is not a note (with the reason and what to do). */
export function readNoteFile(file: string): ReadNote {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, error: 'not a regular file' };
    if (st.size > MAX_NOTE_FILE_BYTES) return { ok: false, error: `too large (${(st.size / 1048576).toFixed(1)} MB > ${MAX_NOTE_FILE_BYTES / 1048576} MB): not a clinical note; split it into notes` };
    buf = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, error: statError(e) };
  }
  return decodeNote(buf);
}

/** Decodes bytes as a note and applies the coding cap; warnings say what was assumed or left out. */
export function decodeNote(buf: Uint8Array): ReadNote {
  const decoded = decodeNoteBytes(buf);
  if (!decoded.ok) return decoded;
  const guarded = guardNote(decoded.text);
  if (!guarded.text) return { ok: false, error: guarded.skipped ?? 'not a text note' };
  return { ok: true, text: guarded.text, warnings: [...(decoded.warning ? [decoded.warning] : []), ...(guarded.skipped ? [guarded.skipped] : [])] };
}
