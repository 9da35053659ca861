// A tiny in-memory knowledge base with the shape src/server/explorerRequests.ts expects, built from
// test/webview/fixtures/kb.json, so the browser tests run without the shipped artifact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root';
import type { ExplorerEntry, ExplorerKbHit, ExplorerKbNote, ExplorerKnowledgeBase } from '../../src/server/explorerRequests';

interface FixtureFile {
  entries: (ExplorerEntry & { parent: string | null })[];
  notes: Record<string, ExplorerKbNote[]>;
  indexPaths: Record<string, string[][]>;
  sevenCharacters: Record<string, { char: string; meaning: string }[]>;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);

export class FixtureKnowledgeBase implements ExplorerKnowledgeBase {
  private readonly byCode = new Map<string, ExplorerEntry>();
  constructor(private readonly f: FixtureFile) {
    for (const e of f.entries) this.byCode.set(e.code, { ...e, parent: e.parent ?? undefined });
  }

  get(code: string): ExplorerEntry | undefined { return this.byCode.get(code); }

  chapters(): ExplorerEntry[] { return [...this.byCode.values()].filter((e) => e.kind === 'chapter'); }

  /** Own notes, then the ancestors' (nearest first); inclusion terms are not inherited. */
  notes(code: string): ExplorerKbNote[] {
    const out: ExplorerKbNote[] = [];
    for (let e = this.get(code); e; e = e.parent ? this.get(e.parent) : undefined) {
      for (const n of this.f.notes[e.code] ?? []) {
        if (e.code !== code && n.kind === 'inclusionTerm') continue;
        out.push({ ...n, from: e.code });
      }
    }
    return out;
  }

  indexPaths(code: string): string[][] { return this.f.indexPaths[code] ?? []; }

  sevenCharacters(code: string): { char: string; meaning: string }[] {
    for (let e = this.get(code); e; e = e.parent ? this.get(e.parent) : undefined) {
      const s = this.f.sevenCharacters[e.code];
      if (s) return s;
    }
    return [];
  }

  /** Every query word must occur in a title, inclusion term or index path. */
  search(text: string, k: number): ExplorerKbHit[] {
    const q = norm(text);
    if (!q.length) return [];
    const hits: ExplorerKbHit[] = [];
    for (const e of this.byCode.values()) {
      const docs: [string, string][] = [[e.longTitle ?? '', 'title']];
      for (const n of this.f.notes[e.code] ?? []) if (n.kind === 'inclusionTerm') docs.push([n.text, 'inclusion']);
      for (const p of this.f.indexPaths[e.code] ?? []) docs.push([p.join(', '), 'index']);
      const doc = docs.find(([t]) => { const w = norm(t); return q.every((x) => w.some((y) => y.startsWith(x))); });
      if (doc) hits.push({ code: e.code, title: e.longTitle, score: 1 / (1 + norm(doc[0]).length), matched: doc[0], source: doc[1] });
    }
    return hits.sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, k);
  }
}

export function loadFixtureKb(): FixtureKnowledgeBase {
  return new FixtureKnowledgeBase(JSON.parse(readFileSync(join(ROOT, 'test', 'webview', 'fixtures', 'kb.json'), 'utf8')) as FixtureFile);
}
