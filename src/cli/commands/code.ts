// `clinical-coder code`: batch coding of note files to JSONL, JSON, CSV or FHIR.
import type { CliCommand } from '../command';
import { UsageError, parseFlags } from '../command';
import type { CodingOptions, CodingPolicy } from '../../coder/types';
import { toJsonLine, toJsonDocument, toCsvRows, csvHeader, toFhirBundle, type CodedNote } from '../../coder/export/index';
import { findNoteFiles } from '../note-files';
import { codeFiles } from '../batch-coder';
import { RULE_IDS } from '../../coder/rules/registry';
import { ENCODER_ENABLED_BY_DEFAULT } from '../../common/encoder-default';

const FORMATS = ['jsonl', 'json', 'csv', 'fhir'] as const;
type Format = (typeof FORMATS)[number];

/** The ids given with --disable-rule (repeatable, or comma-separated); an unknown id is a usage error. */
export function disabledRuleFlags(args: readonly string[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = a === '--disable-rule' ? args[++i] : a.startsWith('--disable-rule=') ? a.slice('--disable-rule='.length) : undefined;
    if (a !== '--disable-rule' && value === undefined) continue;
    if (!value || value.startsWith('--')) throw new UsageError('--disable-rule needs a rule id ("clinical-coder rules" lists them)');
    ids.push(...value.split(',').map((x) => x.trim()).filter(Boolean));
  }
  const unknown = ids.filter((id) => !RULE_IDS.has(id));
  if (unknown.length) throw new UsageError(`unknown rule id ${unknown.map((u) => `"${u}"`).join(', ')} ("clinical-coder rules" lists them)`);
  return ids;
}

/** --encoder / --no-encoder, else the default the editor uses too. */
export function encoderFlag(flags: Map<string, string | true>): boolean {
  if (flags.has('encoder') && flags.has('no-encoder')) throw new UsageError('--encoder and --no-encoder contradict each other');
  return flags.has('encoder') ? true : flags.has('no-encoder') ? false : ENCODER_ENABLED_BY_DEFAULT;
}

export function parseCodingFlags(flags: Map<string, string | true>, defaultPolicy: CodingPolicy, args: readonly string[] = []): CodingOptions & { useEncoder: boolean } {
  const policy = (flags.get('policy') ?? defaultPolicy) as string;
  if (policy !== 'billing' && policy !== 'mentions') throw new UsageError(`--policy must be billing or mentions, not "${policy}"`);
  const opts: CodingOptions & { useEncoder: boolean } = { policy, useEncoder: encoderFlag(flags) };
  const setting = flags.get('setting');
  if (setting !== undefined) {
    if (setting !== 'outpatient' && setting !== 'inpatient') throw new UsageError(`--setting must be outpatient or inpatient, not "${setting === true ? '' : setting}"`);
    opts.setting = setting;
  }
  const th = flags.get('threshold');
  if (th !== undefined) {
    const x = Number(th);
    if (th === true || !Number.isFinite(x) || x < 0 || x > 1) throw new UsageError('--threshold must be a number between 0 and 1');
    opts.threshold = x;
  }
  if (flags.has('all')) opts.all = true;
  const disabled = disabledRuleFlags(args);
  if (disabled.length) opts.disabledRules = disabled;
  return opts;
}

function progress(done: number, total: number, failed: number) {
  if (total <= 1) return;
  const width = 30, filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} notes${failed ? `, ${failed} failed` : ''}${done === total ? '\n' : ''}`);
}

export const codeCommand: CliCommand = {
  name: 'code',
  summary: 'Suggest ICD-10-CM codes for note files or folders (JSONL, JSON, CSV or FHIR R4)',
  usage: 'clinical-coder code [--format json|jsonl|csv|fhir] [--policy billing|mentions] [--setting outpatient|inpatient] [--threshold X] [--all] [--encoder|--no-encoder] [--workers N] [--disable-rule ID]... <file|dir>...\n' +
    '  --setting (billing): outpatient (default) codes "probable"/"likely"/"rule out" diagnoses as their symptoms;\n' +
    '  inpatient codes them as established (Official Guidelines II.H, III.C).\n' +
    '  Folders are searched recursively for .txt, .md and .note files. Output goes to stdout; progress and\n' +
    '  per-file errors to stderr. Only active conditions are listed unless --all. jsonl (default): one line per note\n' +
    '  {"file", "suggestions": [{"code","title","confidence","status","evidence":[{"start","end","text","why"}]}]}.\n' +
    '  fhir: one FHIR R4 Bundle of Conditions per note (one per line for several notes); no file paths in it unless\n' +
    '  --fhir-include-paths (subject.display). Exit code 1 if any file failed.',
  async run(args) {
    const { flags, positionals } = parseFlags(args, ['all', 'encoder', 'no-encoder', 'fhir-include-paths']);
    const includePaths = flags.get('fhir-include-paths') === true;
    const format = (flags.get('format') ?? 'jsonl') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (!positionals.length) throw new UsageError('give at least one note file or folder');
    const { useEncoder, ...options } = parseCodingFlags(flags, 'billing', args);
    const workersFlag = flags.get('workers');
    const workers = workersFlag === undefined ? undefined : Number(workersFlag);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new UsageError('--workers must be a whole number ≥ 0');

    const found = findNoteFiles(positionals);
    let failed = found.errors.length;
    for (const e of found.errors) console.error(`clinical-coder code: ${e.file}: ${e.error}`);
    for (const d of found.duplicates) console.error(`clinical-coder code: ${d.file}: the same file as ${d.sameAs} (coded once, as ${d.sameAs})`);
    if (!found.files.length) { console.error('clinical-coder code: no .txt, .md or .note files found'); return 1; }

    const out: string[] = [];
    const write = (s: string) => { process.stdout.write(s + '\n'); };
    const collected: CodedNote[] = [];
    if (format === 'csv') write(csvHeader());
    const many = found.files.length > 1;
    const warned = new Set<string>();
    await codeFiles(found.files, { options, useEncoder, workers, onWarning: (m) => { if (!warned.has(m)) { warned.add(m); console.error(`clinical-coder code: warning: ${m}`); } } }, (r, done) => {
      if (r.error) {
        failed++;
        if (many) process.stderr.write('\n');
        console.error(`clinical-coder code: ${r.file}: ${r.error} (skipped)`);
      } else {
        const note: CodedNote = { file: r.file, suggestions: r.suggestions ?? [], warnings: r.warnings };
        if (format === 'jsonl') write(toJsonLine(note));
        else if (format === 'csv') for (const row of toCsvRows(note)) write(row);
        else if (format === 'fhir') write(JSON.stringify(toFhirBundle(note, { includePaths }), null, many ? undefined : 2));
        else collected.push(note);
      }
      progress(done, found.files.length, failed);
    });
    if (format === 'json') write(toJsonDocument(collected));
    void out;
    return failed ? 1 : 0;
  },
};
