// `clinical-coder eval`: scores the engine on a folder of notes against CodiEsp-style gold codes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../command';
import { UsageError, parseFlags } from '../command';
import { CodingEngine } from '../../coder/index';
import { codeKey, evaluate, parseGold, roundReport } from '../../coder/eval/metrics';
import { findNoteFiles, readNoteFile } from '../note-files';
import { parseCodingFlags } from './code';

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate coding against gold codes (CodiEsp TSV): micro/macro P/R/F1, category F1, MAP, P@5',
  usage: 'clinical-coder eval --notes DIR --gold FILE.tsv [--encoder|--no-encoder] [--policy mentions|billing] [--threshold X] [--disable-rule ID]...\n' +
    '  Gold lines are noteId<TAB>code; note ids are file names without extension. Prints one JSON object.',
  async run(args) {
    const { flags } = parseFlags(args, ['encoder', 'no-encoder']);
    const notesDir = flags.get('notes'), goldFile = flags.get('gold');
    if (typeof notesDir !== 'string' || typeof goldFile !== 'string') throw new UsageError('--notes DIR and --gold FILE.tsv are required');
    const { useEncoder, ...options } = parseCodingFlags(flags, 'mentions', args);
    let goldText: string;
    try { goldText = fs.readFileSync(goldFile, 'utf8'); } catch (e) { throw new UsageError(`cannot read gold file ${goldFile}: ${(e as Error).message}`); }
    const gold = parseGold(goldText);
    if (!gold.size) throw new UsageError(`no "noteId<TAB>code" lines in ${goldFile}`);
    const found = findNoteFiles([notesDir]);
    const byId = new Map(found.files.map((f) => [path.basename(f).replace(/\.[^.]+$/, ''), f]));
    const missing = [...gold.keys()].filter((id) => !byId.has(id));
    if (missing.length) console.error(`clinical-coder eval: ${missing.length} gold notes have no file in ${notesDir} (scored as empty), e.g. ${missing[0]}`);

    const t0 = performance.now();
    const engine = await CodingEngine.create({ encoder: useEncoder ? undefined : null, onWarning: (m) => console.error(`clinical-coder eval: warning: ${m}`) });
    const tCoding = performance.now();
    const result = await evaluateEngine(engine, gold, byId, { ...options, useEncoder });
    const report = { ...roundReport(result), seconds: Math.round((performance.now() - t0) / 10) / 100, codingSeconds: Math.round((performance.now() - tCoding) / 10) / 100, policy: options.policy, encoder: engine.hasEncoder };
    console.log(JSON.stringify(report, null, 2));
    return 0;
  },
};

/** Codes every gold note once, ranking all candidates (for MAP) and thresholding (for P/R/F1). */
export async function evaluateEngine(engine: CodingEngine, gold: Map<string, Set<string>>, files: Map<string, string>, options: import('../../coder/types').CodingOptions) {
  const ranked = new Map<string, string[]>(), predicted = new Map<string, string[]>();
  for (const id of gold.keys()) {
    const file = files.get(id);
    if (!file) continue;
    const read = readNoteFile(file);
    if (!read.ok) { console.error(`clinical-coder eval: ${file}: ${read.error}`); continue; }
    const r = await engine.code(read.text, { ...options, threshold: 0, maxSuggestions: 1000 });
    const threshold = options.threshold ?? engine.defaultThreshold(options.policy ?? 'mentions', options.useEncoder !== false);
    const active = r.suggestions.filter((s) => s.status === 'active');
    ranked.set(id, active.map((s) => s.code));
    predicted.set(id, active.filter((s) => s.confidence >= threshold).map((s) => s.code));
  }
  return evaluate(gold, ranked, predicted, currentCodeTest(engine));
}

/** Whether a canonical code key is a FY2026 billable code (for the edition-aware scores). */
export function currentCodeTest(engine: CodingEngine): (key: string) => boolean {
  const billable = new Set([...engine.kb.billableCodes()].map((e) => codeKey(e.code)));
  return (key) => billable.has(key);
}
