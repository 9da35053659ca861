// The coder's accept/reject decisions: the user's work product, so they are persisted, reloaded on start and
// never lost to a crash or a bad file.
//
// Where: one file per workspace folder, `<folder>/.clinical-coder/decisions.json`, notes keyed by their path
// relative to the folder (notes outside any folder: `decisions.json` in the extension's global storage, keyed
// by absolute path; untitled notes: memory only). Format (documented in README, "The coder's decisions"):
//   { "format": "clinical-coder/decisions", "version": 1,
//     "notes": { "notes/a.note": [ { "code": "E11.22", "decision": "accepted", "title": "...",
//                 "evidence": { "text": "...", "context": "9f3a01c2", "start": 120 }, "replaces"?: "E11.9",
//                 "confidence"?: 0.93, "at": "2026-11-27T21:00:00.000Z" } ] } }
// A decision is acknowledged only once it is on disk: under a lock file (two servers on one folder, e.g. two
// coders on a share) the current file is read, the change merged in, written to a 0600 temp file, fsynced and
// renamed over the old one. The folder is watched, so an external edit (git checkout, another editor or server)
// is picked up; the server's own writes are recognised by content hash, never by timing, and reloads wait for
// writes in flight. An unreadable file is moved aside to `decisions.json.corrupt-<time>` and a fresh one is
// started, and the user is told. Records are validated on load: unknown fields dropped, lengths bounded.
// The file holds note text (the evidence words): PHI, so it is private to the user (0600) and kept out of git.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userDir } from '../common/paths';
import type { Decision } from '../common/protocol';
import type { EvidenceAnchor } from './anchors';

export const DECISIONS_FORMAT = 'clinical-coder/decisions';
export const DECISIONS_VERSION = 1;
export const DECISIONS_DIR = '.clinical-coder';
export const DECISIONS_FILE = 'decisions.json';

export interface DecisionRecord {
  code: string;
  decision: Decision;
  /** The code's title when decided (shown for a chosen code the engine does not suggest). */
  title?: string;
  /** The words the decision was made on; the decision holds while they are in the note. */
  evidence?: EvidenceAnchor;
  /** For a more specific code chosen in place of a suggested one: that code. */
  replaces?: string;
  confidence?: number;
  /** ISO time of the decision. */
  at: string;
}

interface DecisionsFileJson { format: string; version: number; notes: Record<string, DecisionRecord[]> }

export interface DecisionStoreOptions {
  /** Workspace folder paths. */
  roots: string[];
  /** Folder for notes outside every workspace folder (the extension's global storage); none: memory only. */
  fallbackDir?: string;
  log(message: string): void;
  /** A message the user must see (corrupt file backed up, file written by a newer version). */
  warn(message: string): void;
  /** The decisions of these notes (keys in `file`) changed on disk (external edit). */
  onExternalChange?(file: string, keys: string[]): void;
}

/** A code as ICD-10-CM writes it (the code set itself is checked where the knowledge base is). */
const CODE_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const MAX_TITLE = 400;
const MAX_EVIDENCE = 2000;
/** Files and locks: how long a lock may be held before it counts as left behind by a dead process. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 20_000;

export function isCodeShaped(code: unknown): code is string {
  return typeof code === 'string' && code.length <= 8 && CODE_PATTERN.test(code);
}

/** A record as read from a file (anyone's): only known fields, checked types, bounded lengths; else undefined. */
export function sanitizeDecisionRecord(raw: unknown): DecisionRecord | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!isCodeShaped(r.code) || (r.decision !== 'accepted' && r.decision !== 'rejected')) return undefined;
  const at = typeof r.at === 'string' && r.at.length <= 40 ? r.at : new Date(0).toISOString();
  const out: DecisionRecord = { code: r.code, decision: r.decision, at };
  if (r.title !== undefined) {
    if (typeof r.title !== 'string') return undefined;
    out.title = r.title.slice(0, MAX_TITLE);
  }
  if (r.evidence !== undefined) {
    const e = r.evidence as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.text !== 'string' || e.text.length > MAX_EVIDENCE || !e.text
      || typeof e.start !== 'number' || !Number.isInteger(e.start) || e.start < 0 || typeof e.context !== 'string' || e.context.length > 16) return undefined;
    out.evidence = { text: e.text, context: e.context, start: e.start };
  }
  if (r.replaces !== undefined) {
    if (!isCodeShaped(r.replaces)) return undefined;
    out.replaces = r.replaces;
  }
  if (r.confidence !== undefined) {
    if (typeof r.confidence !== 'number' || !(r.confidence >= 0 && r.confidence <= 1)) return undefined;
    out.confidence = r.confidence;
  }
  return out;
}

const sha1 = (s: string): string => crypto.createHash('sha1').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Fault injection for the persistence tests: a delay before each rename, "MIN-MAX" milliseconds. Unset in use. */
function renameDelayMs(): number {
  const v = process.env.CLINICAL_CODER_FAULT_RENAME_DELAY_MS;
  const m = v && /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) return 0;
  const lo = +m[1], hi = m[2] ? +m[2] : lo;
  return lo + Math.random() * (hi - lo);
}

/** One decisions.json: its notes in memory, locked read-merge-write updates, and a watcher on its folder. */
class DecisionFile {
  notes = new Map<string, DecisionRecord[]>();
  /** Content hashes this process wrote (recent ones): the watcher's events for them are our own. */
  private readonly own = new Set<string>();
  private current: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: fs.FSWatcher | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set when the file is from a newer format version: never overwritten. */
  readOnly = false;
  private toldDropped = false;

  constructor(readonly file: string, private readonly opts: DecisionStoreOptions, private readonly onReload: (keys: string[]) => void) {
    this.removeStaleTemps();
    this.notes = this.readNotes(true);
    this.watch();
  }

  /** Temp files of writes that died before their rename (they hold note text): removed. */
  private removeStaleTemps(): void {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    let names: string[];
    try { names = fs.readdirSync(dir); } catch { return; }
    for (const n of names) {
      const m = n.startsWith(`${base}.`) && /\.(\d+)\.\d+(?:\.\w+)?\.tmp$/.exec(n);
      if (!m || (+m[1] !== process.pid && pidAlive(+m[1]))) continue;
      try { fs.rmSync(path.join(dir, n), { force: true }); this.opts.log(`removed a temp file left by an interrupted write: ${n}`); } catch { /* next start */ }
    }
  }

  /** Reads and validates the file; a corrupt one is backed up (told once), a newer one makes this file read-only. */
  private readNotes(initial: boolean): Map<string, DecisionRecord[]> {
    let raw: string;
    try { raw = fs.readFileSync(this.file, 'utf8'); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.opts.log(`cannot read ${this.file}: ${(e as Error).message}`);
      this.current = undefined;
      return new Map();
    }
    this.current = raw;
    const parsed = parseDecisions(raw);
    if (parsed.ok) {
      this.readOnly = false;
      if (parsed.dropped && !this.toldDropped) {
        this.toldDropped = true;
        this.opts.warn(`Clinical Coder: ${parsed.dropped} decision record${parsed.dropped > 1 ? 's' : ''} in ${this.file} ${parsed.dropped > 1 ? 'are' : 'is'} not valid (unknown code form, wrong types or oversized fields) and ${parsed.dropped > 1 ? 'were' : 'was'} ignored.`);
      }
      return parsed.notes;
    }
    if (parsed.newer) {
      this.readOnly = true;
      if (initial) this.opts.warn(`Clinical Coder: ${this.file} was written by a newer version (format version ${parsed.newer}). It is left untouched; decisions cannot be saved there until the extension is updated.`);
      return new Map();
    }
    const backup = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    let moved = false;
    try { fs.renameSync(this.file, backup); moved = true; } catch (e) { this.opts.log(`cannot back up ${this.file}: ${(e as Error).message}`); }
    this.current = undefined;
    this.opts.warn(`Clinical Coder: the decisions file ${this.file} could not be read (${parsed.error}). ${moved ? `It was saved as ${path.basename(backup)} and a fresh one is started` : 'A fresh one is started'}; earlier accept/reject decisions are in the backup.`);
    return new Map();
  }

  private watch(): void {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    try {
      if (!fs.existsSync(dir)) return; // watched once the first decision creates it
      this.watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name && name.toString() !== base) return;
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reloadIfChanged(), 100);
      });
      this.watcher.on('error', () => { this.watcher?.close(); this.watcher = undefined; });
    } catch (e) {
      this.opts.log(`cannot watch ${dir}: ${(e as Error).message} (external edits are picked up on restart)`);
    }
  }

  /** Runs after every write and reload already queued: a reload never reads a file one of our writes is replacing. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reloads after an external change (content we did not write); tells which notes' decisions changed. */
  reloadIfChanged(): Promise<void> {
    return this.serial(async () => {
      let raw: string | undefined;
      try { raw = fs.readFileSync(this.file, 'utf8'); } catch { raw = undefined; }
      if (raw === this.current || (raw !== undefined && this.own.has(sha1(raw)))) return;
      const before = this.notes;
      this.notes = this.readNotes(false);
      const keys = new Set([...before.keys(), ...this.notes.keys()]);
      const changed = [...keys].filter((k) => JSON.stringify(before.get(k) ?? []) !== JSON.stringify(this.notes.get(k) ?? []));
      if (changed.length) this.onReload(changed);
    });
  }

  /**
   * Applies one note's change to the file as it is on disk now (under the lock), then to memory; resolves once the
   * file is durably written, rejects (memory unchanged) when it could not be.
   */
  update(key: string, set: readonly DecisionRecord[], drop: ReadonlySet<string>): Promise<void> {
    return this.serial(async () => {
      if (this.readOnly) throw new Error(`${this.file} was written by a newer version of Clinical Coder and is left untouched`);
      const dir = path.dirname(this.file);
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      const release = await this.lock();
      try {
        const onDisk = this.readNotes(false);
        if (this.readOnly) throw new Error(`${this.file} was written by a newer version of Clinical Coder and is left untouched`);
        const next = [...(onDisk.get(key) ?? []).filter((r) => !drop.has(r.code)), ...set];
        if (next.length) onDisk.set(key, next); else onDisk.delete(key);
        const json: DecisionsFileJson = { format: DECISIONS_FORMAT, version: DECISIONS_VERSION, notes: Object.fromEntries([...onDisk].filter(([, l]) => l.length).sort(([a], [b]) => (a < b ? -1 : 1))) };
        const content = JSON.stringify(json, null, 2) + '\n';
        const hash = sha1(content);
        this.own.add(hash);
        if (this.own.size > 64) this.own.delete(this.own.values().next().value as string);
        await writeDurably(this.file, content);
        this.current = content;
        const before = this.notes;
        this.notes = onDisk;
        // Another writer's decisions merged in on the way: tell about those notes too.
        const changed = [...new Set([...before.keys(), ...onDisk.keys()])].filter((k) => k !== key && JSON.stringify(before.get(k) ?? []) !== JSON.stringify(onDisk.get(k) ?? []));
        if (changed.length) this.onReload(changed);
      } finally {
        await release();
      }
      if (!this.watcher) this.watch();
    });
  }

  /** An exclusive lock file beside the decisions file; one left by a dead process or older than STALE_LOCK_MS is taken over. */
  private async lock(): Promise<() => Promise<void>> {
    const lockFile = `${this.file}.lock`;
    const t0 = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const h = await fs.promises.open(lockFile, 'wx', 0o600);
        await h.writeFile(`${process.pid}@${os.hostname()}\n`);
        await h.close();
        return () => fs.promises.rm(lockFile, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      try {
        const [st, who] = await Promise.all([fs.promises.stat(lockFile), fs.promises.readFile(lockFile, 'utf8')]);
        const m = /^(\d+)@(.*)$/.exec(who.trim());
        const dead = m && m[2] === os.hostname() && !pidAlive(+m[1]);
        if (dead || Date.now() - st.mtimeMs > STALE_LOCK_MS) { await fs.promises.rm(lockFile, { force: true }); continue; }
      } catch { continue; /* released meanwhile */ }
      if (Date.now() - t0 > LOCK_WAIT_MS) throw new Error(`another program holds ${lockFile}; try again, or delete that file if no other editor is open on this folder`);
      await sleep(Math.min(200, 5 + attempt * 10));
    }
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
  }
}

/** Temp file (0600) + fsync + rename + directory fsync: after a crash the file is the old one or the new one. */
async function writeDurably(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.${crypto.randomBytes(3).toString('hex')}.tmp`;
  try {
    const h = await fs.promises.open(tmp, 'w', 0o600);
    try {
      await h.writeFile(content, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
    const delay = renameDelayMs();
    if (delay) await sleep(delay);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  try {
    const d = await fs.promises.open(path.dirname(file), 'r');
    try { await d.sync(); } finally { await d.close(); }
  } catch { /* not every platform fsyncs directories (Windows) */ }
}

/** Validates a decisions.json text; invalid records are dropped and counted. */
export function parseDecisions(raw: string): { ok: true; notes: Map<string, DecisionRecord[]>; dropped: number } | { ok: false; error: string; newer?: number } {
  let j: unknown;
  try { j = JSON.parse(raw); } catch (e) { return { ok: false, error: `not valid JSON: ${(e as Error).message}` }; }
  const o = j as Partial<DecisionsFileJson> | null;
  if (!o || typeof o !== 'object' || o.format !== DECISIONS_FORMAT) return { ok: false, error: `"format" is not "${DECISIONS_FORMAT}"` };
  if (typeof o.version !== 'number') return { ok: false, error: '"version" is missing' };
  if (o.version > DECISIONS_VERSION) return { ok: false, error: `format version ${o.version} is newer than ${DECISIONS_VERSION}`, newer: o.version };
  if (!o.notes || typeof o.notes !== 'object') return { ok: false, error: '"notes" is missing' };
  const notes = new Map<string, DecisionRecord[]>();
  let dropped = 0;
  for (const [key, list] of Object.entries(o.notes)) {
    if (!Array.isArray(list)) return { ok: false, error: `notes["${key}"] is not a list` };
    if (key.length > 4096) { dropped += list.length; continue; }
    const good: DecisionRecord[] = [];
    for (const r of list) { const v = sanitizeDecisionRecord(r); if (v) good.push(v); else dropped++; }
    if (good.length) notes.set(key, good);
  }
  return { ok: true, notes, dropped };
}

/** Decisions per note URI, persisted per workspace folder. */
export class DecisionStore {
  private roots: string[];
  private readonly files = new Map<string, DecisionFile>();
  /** Notes with no file to live in (untitled documents): memory only. */
  private readonly memory = new Map<string, DecisionRecord[]>();
  private readonly toldMemoryOnly = new Set<string>();

  constructor(private readonly opts: DecisionStoreOptions) {
    this.roots = opts.roots.map(realpathOr);
  }

  setRoots(roots: string[]): void { this.roots = roots.map(realpathOr); }

  /**
   * Where a note's decisions live: the file and the key in it, or undefined for memory only (untitled notes). Paths
   * are compared after resolving symlinks, so a note opened through a link lands in its folder's file.
   */
  locate(uri: string): { file: string; key: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let p: string;
    try { p = realpathOr(fileURLToPath(uri)); } catch { return undefined; }
    const root = this.roots
      .filter((r) => p.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
      .sort((a, b) => b.length - a.length)[0];
    if (root) return { file: path.join(root, DECISIONS_DIR, DECISIONS_FILE), key: path.relative(root, p).split(path.sep).join('/') };
    const fallback = this.opts.fallbackDir ?? defaultDecisionsDir();
    return { file: path.join(fallback, DECISIONS_FILE), key: p.split(path.sep).join('/') };
  }

  private fileFor(file: string): DecisionFile {
    let f = this.files.get(file);
    if (!f) {
      f = new DecisionFile(file, this.opts, (keys) => this.opts.onExternalChange?.(file, keys));
      this.files.set(file, f);
    }
    return f;
  }

  /** The note's decisions (loaded from disk on first use). */
  forDocument(uri: string): readonly DecisionRecord[] {
    const loc = this.locate(uri);
    if (!loc) return this.memory.get(uri) ?? [];
    return this.fileFor(loc.file).notes.get(loc.key) ?? [];
  }

  /**
   * Records decisions (one per code: a new one replaces the old) and clears others. Resolves once they are on disk
   * (`persisted: false` for an untitled note, whose decisions live in memory, and the user is told once); rejects,
   * after telling the user, when they could not be written.
   */
  async update(uri: string, set: readonly DecisionRecord[], clear: readonly string[] = []): Promise<{ persisted: boolean }> {
    const drop = new Set([...clear, ...set.map((r) => r.code)]);
    const loc = this.locate(uri);
    if (!loc) {
      const next = [...(this.memory.get(uri) ?? []).filter((r) => !drop.has(r.code)), ...set];
      if (next.length) this.memory.set(uri, next); else this.memory.delete(uri);
      if (!this.toldMemoryOnly.has(uri)) {
        this.toldMemoryOnly.add(uri);
        this.opts.warn('Clinical Coder: this note is not saved to a file, so its accept/reject decisions are kept only until the editor closes. Save the note to keep them.');
      }
      return { persisted: false };
    }
    try {
      await this.fileFor(loc.file).update(loc.key, set, drop);
      return { persisted: true };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const hint = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? ' Check the folder\'s permissions and try again.' : '';
      const msg = `could not save the decision to ${loc.file} (${(e as Error).message}); it was not recorded.${hint}`;
      this.opts.warn(`Clinical Coder: ${msg}`);
      throw new Error(`Clinical Coder: ${msg}`);
    }
  }

  /** Re-reads every file (used after a workspace change or by tests). */
  async reloadAll(): Promise<void> { await Promise.all([...this.files.values()].map((f) => f.reloadIfChanged())); }

  dispose(): void { for (const f of this.files.values()) f.dispose(); this.files.clear(); }
}

function realpathOr(p: string): string {
  try { return fs.realpathSync.native(p); } catch { return path.resolve(p); }
}

/** Decisions on notes outside every workspace folder when the editor gives no storage folder (e.g. Neovim). */
export function defaultDecisionsDir(): string {
  const override = process.env.CLINICAL_CODER_DATA_DIR;
  return override ? path.resolve(override) : userDir('data');
}
