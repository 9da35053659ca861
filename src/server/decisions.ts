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
// Writes are atomic (temp file + rename) and finish before a decision is acknowledged. The folder is watched,
// so an external edit (git checkout, another editor) is picked up. An unreadable file is moved aside to
// `decisions.json.corrupt-<time>` and a fresh one is started, and the user is told.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** One decisions.json: its notes in memory, serialized writes, and a watcher on its folder. */
class DecisionFile {
  notes = new Map<string, DecisionRecord[]>();
  private lastWritten: string | undefined;
  private writing: Promise<void> = Promise.resolve();
  private watcher: fs.FSWatcher | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set when the file is from a newer format version: never overwritten. */
  readOnly = false;

  constructor(readonly file: string, private readonly opts: DecisionStoreOptions, private readonly onReload: (keys: string[]) => void) {
    this.load();
    this.watch();
  }

  private load(): void {
    let raw: string;
    try { raw = fs.readFileSync(this.file, 'utf8'); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.opts.log(`cannot read ${this.file}: ${(e as Error).message}`);
      this.notes = new Map();
      return;
    }
    if (raw === this.lastWritten) return;
    const parsed = parseDecisions(raw);
    if (parsed.ok) {
      this.notes = parsed.notes;
      this.lastWritten = raw;
      this.readOnly = false;
      return;
    }
    if (parsed.newer) {
      this.readOnly = true;
      this.notes = new Map();
      this.opts.warn(`Clinical Coder: ${this.file} was written by a newer version (format version ${parsed.newer}). It is left untouched; decisions made now are kept only until the editor closes. Update the extension to use it.`);
      return;
    }
    const backup = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    let moved = false;
    try { fs.renameSync(this.file, backup); moved = true; } catch (e) { this.opts.log(`cannot back up ${this.file}: ${(e as Error).message}`); }
    this.notes = new Map();
    this.lastWritten = undefined;
    this.opts.warn(`Clinical Coder: the decisions file ${this.file} could not be read (${parsed.error}). ${moved ? `It was saved as ${path.basename(backup)} and a fresh one is started` : 'A fresh one is started'}; earlier accept/reject decisions are in the backup.`);
  }

  private watch(): void {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    try {
      if (!fs.existsSync(dir)) return; // watched once the first decision creates it
      this.watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name && name.toString() !== base) return;
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => this.reloadIfChanged(), 100);
      });
      this.watcher.on('error', () => { this.watcher?.close(); this.watcher = undefined; });
    } catch (e) {
      this.opts.log(`cannot watch ${dir}: ${(e as Error).message} (external edits are picked up on restart)`);
    }
  }

  /** Reloads after an external change; tells which notes' decisions changed. */
  reloadIfChanged(): void {
    let raw: string | undefined;
    try { raw = fs.readFileSync(this.file, 'utf8'); } catch { raw = undefined; }
    if (raw !== undefined && raw === this.lastWritten) return;
    const before = this.notes;
    if (raw === undefined) this.notes = new Map(); else this.load();
    const keys = new Set([...before.keys(), ...this.notes.keys()]);
    const changed = [...keys].filter((k) => JSON.stringify(before.get(k) ?? []) !== JSON.stringify(this.notes.get(k) ?? []));
    if (changed.length) this.onReload(changed);
  }

  /** Writes the whole file atomically; resolves once it is on disk. Writes are serialized. */
  save(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    const json: DecisionsFileJson = { format: DECISIONS_FORMAT, version: DECISIONS_VERSION, notes: Object.fromEntries([...this.notes].filter(([, l]) => l.length).sort(([a], [b]) => (a < b ? -1 : 1))) };
    const content = JSON.stringify(json, null, 2) + '\n';
    this.writing = this.writing.then(async () => {
      const dir = path.dirname(this.file);
      await fs.promises.mkdir(dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
      this.lastWritten = content;
      try {
        await fs.promises.writeFile(tmp, content, 'utf8');
        await fs.promises.rename(tmp, this.file);
      } catch (e) {
        await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
        throw e;
      }
      if (!this.watcher) this.watch();
    });
    const done = this.writing;
    this.writing = this.writing.catch(() => undefined);
    return done;
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
  }
}

/** Validates a decisions.json text. */
export function parseDecisions(raw: string): { ok: true; notes: Map<string, DecisionRecord[]> } | { ok: false; error: string; newer?: number } {
  let j: unknown;
  try { j = JSON.parse(raw); } catch (e) { return { ok: false, error: `not valid JSON: ${(e as Error).message}` }; }
  const o = j as Partial<DecisionsFileJson> | null;
  if (!o || typeof o !== 'object' || o.format !== DECISIONS_FORMAT) return { ok: false, error: `"format" is not "${DECISIONS_FORMAT}"` };
  if (typeof o.version !== 'number') return { ok: false, error: '"version" is missing' };
  if (o.version > DECISIONS_VERSION) return { ok: false, error: `format version ${o.version} is newer than ${DECISIONS_VERSION}`, newer: o.version };
  if (!o.notes || typeof o.notes !== 'object') return { ok: false, error: '"notes" is missing' };
  const notes = new Map<string, DecisionRecord[]>();
  for (const [key, list] of Object.entries(o.notes)) {
    if (!Array.isArray(list)) return { ok: false, error: `notes["${key}"] is not a list` };
    const good = list.filter((r): r is DecisionRecord => !!r && typeof r === 'object' && typeof r.code === 'string'
      && (r.decision === 'accepted' || r.decision === 'rejected')
      && (r.evidence === undefined || (typeof r.evidence.text === 'string' && typeof r.evidence.start === 'number')));
    if (good.length) notes.set(key, good);
  }
  return { ok: true, notes };
}

/** Decisions per note URI, persisted per workspace folder. */
export class DecisionStore {
  private roots: string[];
  private readonly files = new Map<string, DecisionFile>();
  /** Notes with no file to live in (untitled documents): memory only. */
  private readonly memory = new Map<string, DecisionRecord[]>();

  constructor(private readonly opts: DecisionStoreOptions) {
    this.roots = [...opts.roots];
  }

  setRoots(roots: string[]): void { this.roots = [...roots]; }

  /** Where a note's decisions live: the file and the key in it, or undefined for memory only. */
  locate(uri: string): { file: string; key: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let p: string;
    try { p = fileURLToPath(uri); } catch { return undefined; }
    const root = this.roots
      .filter((r) => p.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
      .sort((a, b) => b.length - a.length)[0];
    if (root) return { file: path.join(root, DECISIONS_DIR, DECISIONS_FILE), key: path.relative(root, p).split(path.sep).join('/') };
    if (this.opts.fallbackDir) return { file: path.join(this.opts.fallbackDir, DECISIONS_FILE), key: p.split(path.sep).join('/') };
    return undefined;
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
   * Records decisions (one per code: a new one replaces the old) and clears others, then persists.
   * Resolves once the file is written.
   */
  async update(uri: string, set: readonly DecisionRecord[], clear: readonly string[] = []): Promise<void> {
    const drop = new Set([...clear, ...set.map((r) => r.code)]);
    const loc = this.locate(uri);
    if (!loc) {
      const next = [...(this.memory.get(uri) ?? []).filter((r) => !drop.has(r.code)), ...set];
      if (next.length) this.memory.set(uri, next); else this.memory.delete(uri);
      return;
    }
    const f = this.fileFor(loc.file);
    const next = [...(f.notes.get(loc.key) ?? []).filter((r) => !drop.has(r.code)), ...set];
    if (next.length) f.notes.set(loc.key, next); else f.notes.delete(loc.key);
    try {
      await f.save();
    } catch (e) {
      this.opts.warn(`Clinical Coder: could not save decisions to ${loc.file} (${(e as Error).message}). They are kept until the editor closes; check the folder's permissions.`);
    }
  }

  /** Re-reads every file (used after a workspace change or by tests). */
  reloadAll(): void { for (const f of this.files.values()) f.reloadIfChanged(); }

  dispose(): void { for (const f of this.files.values()) f.dispose(); this.files.clear(); }
}
