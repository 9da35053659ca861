// The golden corpus: every note under samples/ and test/golden/notes/ coded by the shipped engine, written as text
// so that a change to a rule shows up as a readable line diff (in the test failure and in git).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodingEngine } from '../../src/coder/index';
import type { CodingPolicy, Suggestion } from '../../src/coder/types';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SNAPSHOT_DIR = path.join(ROOT, 'test', 'golden', 'snapshots');
const NOTE_DIRS = [path.join(ROOT, 'samples'), path.join(ROOT, 'test', 'golden', 'notes')];
export const POLICIES: CodingPolicy[] = ['billing', 'mentions'];

export interface GoldenNote { name: string; file: string }

export function goldenNotes(): GoldenNote[] {
  return NOTE_DIRS.flatMap((dir) => fs.readdirSync(dir).filter((f) => /\.(note|txt)$/.test(f)).sort()
    .map((f) => ({ name: `${path.basename(dir)}-${f.replace(/\.[^.]+$/, '')}`, file: path.join(dir, f) })));
}

export const snapshotFile = (note: GoldenNote, policy: CodingPolicy) => path.join(SNAPSHOT_DIR, `${note.name}.${policy}.txt`);

/**
 * Encoder off: the rules run after scoring, and the lexical path is deterministic and needs no ONNX runtime, so the
 * snapshot moves only when the knowledge base, lexicon, scorer or rules do. Every status is listed (a rule that turns a
 * history into a Z code or sets a finding aside changes a status, not only the code list); confidences to 2 decimals.
 */
export async function renderSnapshot(engine: CodingEngine, text: string, policy: CodingPolicy): Promise<string> {
  const r = await engine.code(text, { policy, useEncoder: false, all: true });
  const lines = [`# policy ${policy}, encoder off, every status, default threshold`];
  for (const s of [...r.suggestions].sort(bySuggestion)) lines.push(...renderSuggestion(s));
  return lines.join('\n') + '\n';
}

const bySuggestion = (a: Suggestion, b: Suggestion) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.status < b.status ? -1 : 1);

function renderSuggestion(s: Suggestion): string[] {
  const out = [`${s.code} ${s.status} ${s.confidence.toFixed(2)}${s.billable ? '' : ' not-billable'} | ${s.title}`];
  for (const e of s.evidence) out.push(`  evidence ${e.start}-${e.end} ${e.why} ${JSON.stringify(e.text)}${e.section ? ` [${e.section}]` : ''}`);
  for (const n of s.notes ?? []) out.push(`  note ${n}`);
  for (const p of (s as Suggestion & { rules?: { id: string; action: string }[] }).rules ?? []) out.push(`  rule ${p.id} ${p.action}`);
  if (s.alternatives.length) out.push(`  alternatives ${s.alternatives.map((a) => a.code).join(' ')}`);
  return out;
}

/** A unified-style line diff (longest common subsequence; snapshots are a few hundred lines). */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n'), b = after.split('\n');
  const n = a.length, m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { i++; j++; continue; }
    if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.join('\n');
}
