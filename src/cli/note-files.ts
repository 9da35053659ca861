// Finding and reading note files for batch commands: folders are walked recursively for .txt, .md and .note files,
// symbolic links followed (loops and broken links reported as such); reading goes through the guard the editor
// uses too (src/note/noteText.ts). Unreadable, binary and empty files are reported, never thrown.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeNoteBytes, MAX_NOTE_READ_BYTES } from '../note/noteText';

export const NOTE_EXTENSIONS = ['.txt', '.md', '.note'];

export interface FoundFiles { files: string[]; errors: { file: string; error: string }[] }

/** Why a path cannot be opened, in words (a loop is not "not found"). */
function openError(p: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symbolic link loop: the link points back to itself';
  if (code === 'ENOENT') {
    let link: string | undefined;
    try { link = fs.readlinkSync(p); } catch { /* not a link */ }
    return link !== undefined ? `broken symbolic link: its target ${link} does not exist` : 'not found: check the path';
  }
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot open: ${code ?? (e as Error).message}`;
}

/** Expands files and folders (recursively, sorted) into note files, in the order given. */
export function findNoteFiles(inputs: string[]): FoundFiles {
  const files: string[] = [];
  const errors: { file: string; error: string }[] = [];
  // Real paths of the folders being walked: a linked folder that leads back into one of them is a loop.
  const walking: string[] = [];
  const walk = (dir: string) => {
    let real: string;
    try { real = fs.realpathSync(dir); } catch (e) { errors.push({ file: dir, error: openError(dir, e) }); return; }
    if (walking.includes(real)) { errors.push({ file: dir, error: `symbolic link loop: leads back to ${real}` }); return; }
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { errors.push({ file: dir, error: `cannot read folder: ${openError(dir, e)}` }); return; }
    walking.push(real);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory(), isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // Only note-named links are reported when broken: a dangling link to anything else is not a note.
        try { const st = fs.statSync(p); isDir = st.isDirectory(); isFile = st.isFile(); } catch (err) {
          if (NOTE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) || (err as NodeJS.ErrnoException).code === 'ELOOP') errors.push({ file: p, error: openError(p, err) });
          continue;
        }
      }
      if (isDir) walk(p);
      else if (isFile && NOTE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) files.push(p);
    }
    walking.pop();
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try { st = fs.statSync(input); } catch (e) { errors.push({ file: input, error: openError(input, e) }); continue; }
    if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files, errors };
}

export type ReadNote = { ok: true; text: string; warnings: string[] } | { ok: false; error: string };

/** Reads a note (its first MAX_NOTE_READ_BYTES: more would be beyond the cap), refusing what is not a note. */
export function readNoteFile(file: string): ReadNote {
  let bytes: Uint8Array;
  let size: number;
  try {
    // Checked before opening: opening a FIFO would block.
    if (!fs.statSync(file).isFile()) return { ok: false, error: 'not a regular file' };
    const fd = fs.openSync(file, 'r');
    try {
      size = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.min(size, MAX_NOTE_READ_BYTES));
      let got = 0;
      while (got < buf.length) {
        const n = fs.readSync(fd, buf, got, buf.length - got, got);
        if (n === 0) break;
        got += n;
      }
      bytes = buf.subarray(0, got);
    } finally { fs.closeSync(fd); }
  } catch (e) {
    return { ok: false, error: `unreadable: ${openError(file, e)}` };
  }
  const r = decodeNoteBytes(bytes, { totalBytes: Math.max(size, bytes.length) });
  return r.ok ? r : { ok: false, error: r.error };
}
