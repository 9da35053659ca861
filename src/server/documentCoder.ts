// Codes open documents: debounced after edits, superseded work dropped (a queued older version is never
// started, a finished older one is discarded), and a per-document cache so asking again for an unchanged
// document costs nothing. Re-coding after an edit is cheap because the engine caches its analysis per
// sentence (one engine in the worker, shared by all documents): only the edited sentences are analysed again.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Suggestion } from '../coder/types';
import type { CodeInfo, DocumentCoding, NoteSection } from '../common/protocol';
import { applyDecisions } from './applyDecisions';
import type { DecisionStore } from './decisions';
import { EngineStoppedError, SupersededError } from './engineSource';
import { guardNote } from '../note/noteText';
import { codingOptions, type ServerSettings } from './settings';
import type { SuggestionSource } from './suggestionSource';

/** What the engine gave for one document version, before decisions are applied (those change without re-coding). */
interface CacheEntry extends Omit<DocumentCoding, 'uri' | 'suggestions'> {
  /** The whole document text this entry is for (decision anchors are found in it). */
  text: string;
  settingsKey: string;
  suggestions: Suggestion[];
}

export interface DocumentCoderDeps {
  source(): SuggestionSource;
  decisions: Pick<DecisionStore, 'forDocument'>;
  settingsFor(uri: string): Promise<ServerSettings>;
  /** Called with each fresh coding of the newest version of a document. */
  onCoded(doc: TextDocument, coding: DocumentCoding, settings: ServerSettings): void;
  /** Whether the document is still open (a note closed while it was coded publishes nothing). */
  isOpen(uri: string): boolean;
  /** The open document, to publish it again once facts for a code the coder chose have arrived. */
  documentFor?(uri: string): TextDocument | undefined;
  log(message: string): void;
}

export class DocumentCoder {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly latestVersion = new Map<string, number>();
  /** Knowledge-base facts of codes the engine did not suggest but the coder chose (a more specific child). */
  private readonly chosenInfo = new Map<string, CodeInfo>();
  private readonly infoPending = new Set<string>();

  constructor(private readonly deps: DocumentCoderDeps) {}

  /** Codes `doc` after `delayMs`, restarting the wait on each new call (typing). */
  schedule(doc: TextDocument, delayMs: number): void {
    this.latestVersion.set(doc.uri, doc.version);
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.codeNow(doc).catch((err) => this.deps.log(`coding ${doc.uri} failed: ${(err as Error).stack ?? err}`));
    }, Math.max(0, delayMs)));
  }

  /** Codes `doc` now (or reuses the cache). Returns null when a newer version superseded this one meanwhile. */
  async codeNow(doc: TextDocument): Promise<DocumentCoding | null> {
    if (!this.deps.isOpen(doc.uri)) return null;
    this.latestVersion.set(doc.uri, Math.max(doc.version, this.latestVersion.get(doc.uri) ?? -Infinity));
    const settings = await this.deps.settingsFor(doc.uri);
    const settingsKey = JSON.stringify(codingOptions(settings));
    const text = doc.getText();
    const hit = this.cache.get(doc.uri);
    let entry: CacheEntry;
    if (hit && hit.settingsKey === settingsKey && (hit.version === doc.version || hit.text === text)) {
      entry = { ...hit, version: doc.version };
    } else {
      const guarded = guardNote(text);
      const source = this.deps.source();
      let result: Awaited<ReturnType<SuggestionSource['code']>> & { sections?: NoteSection[] };
      if (!guarded.text) result = { suggestions: [], warnings: [] };
      else {
        try {
          result = await source.code(guarded.text, codingOptions(settings), doc.uri);
        } catch (e) {
          if (e instanceof SupersededError) return null;
          if (!(e instanceof EngineStoppedError)) throw e;
          // Cached like a coding, so the restarted engine is not handed the same text again; an edit retries.
          this.deps.log(`coding ${doc.uri} v${doc.version} failed: ${e.message}`);
          result = { suggestions: [], warnings: [] };
          guarded.skipped = `Clinical Coder could not code this note: ${e.message}. Edit the note to try again; if it happens again, report it with the log ("Clinical Coder: Show Log").`;
        }
      }
      entry = {
        version: doc.version, text, settingsKey, suggestions: result.suggestions, warnings: result.warnings, source: source.name,
        skipped: guarded.skipped, engineMs: result.engineMs, engineCpuMs: result.engineCpuMs, sentences: result.sentences, sections: result.sections,
      };
    }
    // Codes only the coder's decisions name get their code-set facts before the first publication (no flicker).
    const suggested = new Set(entry.suggestions.map((s) => s.code));
    const chosen = [...new Set(this.deps.decisions.forDocument(doc.uri).filter((r) => r.decision === 'accepted' && !suggested.has(r.code) && !this.chosenInfo.has(r.code)).map((r) => r.code))];
    if (chosen.length) {
      try { this.rememberInfo(await this.deps.source().codeInfo(chosen)); } catch (e) { this.deps.log(`no code facts for ${chosen.join(', ')}: ${(e as Error).message}`); }
    }
    // Superseded or closed while we worked.
    if (this.latestVersion.get(doc.uri) !== doc.version || !this.deps.isOpen(doc.uri)) return null;
    this.cache.set(doc.uri, entry);
    const coding = this.view(doc.uri, entry, settings);
    this.deps.onCoded(doc, coding, settings);
    return coding;
  }

  /** The cached coding of a document with the coder's decisions applied, if it was coded. */
  async current(uri: string): Promise<DocumentCoding | undefined> {
    const entry = this.cache.get(uri);
    return entry ? this.view(uri, entry, await this.deps.settingsFor(uri)) : undefined;
  }

  /** Re-publishes a document from the cache (after a decision) without recoding. */
  async republish(doc: TextDocument): Promise<DocumentCoding | null> {
    const entry = this.cache.get(doc.uri);
    if (!entry || entry.version !== doc.version) return this.codeNow(doc);
    const settings = await this.deps.settingsFor(doc.uri);
    const coding = this.view(doc.uri, entry, settings);
    this.deps.onCoded(doc, coding, settings);
    return coding;
  }

  /** Code-set facts already fetched elsewhere (validating a decision): the chosen code shows at once. */
  rememberInfo(facts: Record<string, CodeInfo>): void {
    for (const [code, info] of Object.entries(facts)) this.chosenInfo.set(code, info);
  }

  /** Asks the engine for the facts of codes the coder chose, then publishes the document again with them. */
  private async fetchInfo(uri: string, codes: string[]): Promise<void> {
    for (const c of codes) this.infoPending.add(c);
    try {
      const got = await this.deps.source().codeInfo(codes);
      for (const [code, info] of Object.entries(got)) this.chosenInfo.set(code, info);
    } catch (e) {
      this.deps.log(`no code facts for ${codes.join(', ')}: ${(e as Error).message}`);
      return;
    } finally {
      for (const c of codes) this.infoPending.delete(c);
    }
    const doc = this.deps.documentFor?.(uri);
    if (doc && this.cache.get(uri)?.version === doc.version) await this.republish(doc);
  }

  /** Stops everything for a closed document: its timer, its queued job, its cache. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.cache.delete(uri);
    this.latestVersion.delete(uri);
    try { this.deps.source().cancel(uri); } catch { /* no source yet */ }
  }

  invalidateAll(): void {
    this.cache.clear();
  }

  private view(uri: string, entry: CacheEntry, settings: ServerSettings): DocumentCoding {
    const applied = applyDecisions(entry.text, visibleSuggestions(entry.suggestions, settings), this.deps.decisions.forDocument(uri));
    const missing: string[] = [];
    const suggestions: typeof applied = [];
    for (const s of applied) {
      const chosen = s.evidence[0]?.why === 'coder';
      const info = s.info ?? this.chosenInfo.get(s.code);
      if (!info) {
        if (!this.infoPending.has(s.code)) missing.push(s.code);
        // A code only a decisions file names is shown once the code set vouches for it, with the code set's words.
        if (chosen) continue;
      } else if (chosen) {
        if (info.unknown) continue;
        s.title = info.title ?? s.title;
        s.billable = info.billable ?? false;
      }
      if (info) s.info = info;
      suggestions.push(s);
    }
    if (missing.length) void this.fetchInfo(uri, missing);
    return {
      uri, version: entry.version, suggestions, warnings: entry.warnings, source: entry.source,
      ...(entry.skipped ? { skipped: entry.skipped } : {}),
      ...(entry.engineMs !== undefined ? { engineMs: Math.round(entry.engineMs * 10) / 10 } : {}),
      ...(entry.engineCpuMs !== undefined ? { engineCpuMs: Math.round(entry.engineCpuMs * 10) / 10 } : {}),
      ...(entry.sentences ? { sentences: entry.sentences } : {}),
      ...(entry.sections ? { sections: entry.sections } : {}),
    };
  }
}

/** Which statuses the settings show: active always; history/family when their policy is "hint". */
export function visibleSuggestions(suggestions: readonly Suggestion[], s: ServerSettings): Suggestion[] {
  return suggestions.filter((x) =>
    x.status === 'active' ||
    (x.status === 'historical' && s.historyPolicy === 'hint') ||
    (x.status === 'family' && s.familyPolicy === 'hint') ||
    (x.status === 'uncertain' && s.policy === 'mentions'));
}
