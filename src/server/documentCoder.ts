// Codes open documents: debounced after edits, superseded work dropped (only the newest version's result is
// kept), and a per-document cache so asking again for an unchanged document costs nothing.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodingResult, Suggestion } from '../coder/types';
import type { DocumentCoding, DocumentSuggestion } from '../common/protocol';
import type { DecisionStore } from './decisions';
import { codingOptions, type ServerSettings } from './settings';
import type { SuggestionSource } from './suggestionSource';

interface CacheEntry { version: number; text: string; settingsKey: string; result: CodingResult; source: string }

export interface DocumentCoderDeps {
  source(): Promise<SuggestionSource>;
  decisions: DecisionStore;
  settingsFor(uri: string): Promise<ServerSettings>;
  /** Called with each fresh coding of the newest version of a document. */
  onCoded(doc: TextDocument, coding: DocumentCoding, settings: ServerSettings): void;
  log(message: string): void;
}

export class DocumentCoder {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly latestVersion = new Map<string, number>();

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
    this.latestVersion.set(doc.uri, Math.max(doc.version, this.latestVersion.get(doc.uri) ?? -Infinity));
    const settings = await this.deps.settingsFor(doc.uri);
    const settingsKey = JSON.stringify(codingOptions(settings));
    const text = doc.getText();
    const hit = this.cache.get(doc.uri);
    let entry: CacheEntry;
    if (hit && hit.settingsKey === settingsKey && (hit.version === doc.version || hit.text === text)) {
      entry = { ...hit, version: doc.version };
    } else {
      const source = await this.deps.source();
      const result = await source.code(text, codingOptions(settings));
      entry = { version: doc.version, text, settingsKey, result, source: source.name };
    }
    if (this.latestVersion.get(doc.uri) !== doc.version) return null; // superseded while we worked
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

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.cache.delete(uri);
    this.latestVersion.delete(uri);
  }

  invalidateAll(): void {
    this.cache.clear();
  }

  private view(uri: string, entry: CacheEntry, settings: ServerSettings): DocumentCoding {
    const decisions = this.deps.decisions.forDocument(uri);
    const suggestions: DocumentSuggestion[] = visibleSuggestions(entry.result.suggestions, settings)
      .map((s) => (decisions.has(s.code) ? { ...s, decision: decisions.get(s.code) } : s));
    return { uri, version: entry.version, suggestions, warnings: entry.result.warnings, source: entry.source };
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
