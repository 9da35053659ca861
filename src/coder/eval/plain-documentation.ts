// The plain-documentation corpus: one-line statements with the codes a coder assigns (see
// test/fixtures/plain-documentation/README.md). Parsing and per-line scoring are pure; running the engine over the
// corpus is the caller's (test and bench) business.
import { codeKey } from './metrics';
import type { CareSetting } from '../types';

export interface PlainStatement {
  id: string;
  setting: CareSetting;
  clinic: string;
  section: string;
  statement: string;
  /** Codes the coder assigns (canonical keys). */
  expected: string[];
  /** Codes that may appear without counting against the line: exact keys, or prefixes ending in '*'. */
  acceptable: string[];
  /** Codes whose suggestion is a plain error for this line. */
  forbidden: string[];
}

export interface StatementResult {
  id: string;
  pass: boolean;
  /** Expected codes suggested / missed; suggestions neither expected nor acceptable (forbidden ones included). */
  found: string[];
  missed: string[];
  extra: string[];
  forbiddenHit: string[];
}

const HEADER = ['id', 'setting', 'clinic', 'section', 'statement', 'expected', 'forbidden'];

/** Parses statements.tsv; a malformed line is an error naming its line number (the corpus is data, checked). */
export function parsePlainStatements(tsv: string): PlainStatement[] {
  const lines = tsv.split(/\r?\n/);
  if (lines[0]?.split('\t').join(',') !== HEADER.join(',')) throw new Error(`statements.tsv: header must be ${HEADER.join(' ')}`);
  const out: PlainStatement[] = [];
  const ids = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const f = line.split('\t');
    const where = `statements.tsv line ${i + 2}`;
    if (f.length !== HEADER.length) throw new Error(`${where}: ${f.length} columns, expected ${HEADER.length}`);
    const [id, setting, clinic, section, statement, expected, forbidden] = f;
    if (setting !== 'outpatient' && setting !== 'inpatient') throw new Error(`${where}: setting must be outpatient or inpatient`);
    if (ids.has(id)) throw new Error(`${where}: duplicate id ${id}`);
    ids.add(id);
    const codes = (s: string) => (s === '-' ? [] : s.split(' ').filter(Boolean));
    const exp = codes(expected);
    out.push({
      id, setting, clinic, section,
      statement: statement.replace(/\\n/g, '\n'),
      expected: exp.filter((c) => !c.startsWith('?')).map(codeKey),
      acceptable: exp.filter((c) => c.startsWith('?')).map((c) => (c.endsWith('*') ? codeKey(c.slice(1, -1)) + '*' : codeKey(c.slice(1)))),
      forbidden: codes(forbidden).map(codeKey),
    });
  });
  return out;
}

/** The note text a statement is coded as: its section heading, then the statement. */
export function statementNote(s: PlainStatement): string {
  return `${s.section}:\n${s.statement}\n`;
}

function accepted(code: string, acceptable: string[]): boolean {
  return acceptable.some((a) => (a.endsWith('*') ? code.startsWith(a.slice(0, -1)) : code === a));
}

/** Scores one statement against the codes the engine suggested for it. */
export function scoreStatement(s: PlainStatement, suggested: string[]): StatementResult {
  const got = new Set(suggested.map(codeKey));
  const found = s.expected.filter((c) => got.has(c));
  const missed = s.expected.filter((c) => !got.has(c));
  const extra = [...got].filter((c) => !s.expected.includes(c) && !accepted(c, s.acceptable));
  const forbiddenHit = [...got].filter((c) => s.forbidden.includes(c));
  return { id: s.id, pass: !missed.length && !extra.length, found, missed, extra, forbiddenHit };
}

export interface CorpusSummary {
  statements: number;
  passed: number;
  /** Micro recall and precision over codes (acceptable codes neither help nor hurt). */
  recall: number;
  precision: number;
  /** Statements expecting no code that got one. */
  negativesWithCodes: number;
  negatives: number;
  forbiddenHits: number;
}

export function summarise(statements: PlainStatement[], results: StatementResult[]): CorpusSummary {
  let tp = 0, fn = 0, fp = 0, negatives = 0, negativesWithCodes = 0, forbiddenHits = 0;
  results.forEach((r, i) => {
    tp += r.found.length; fn += r.missed.length; fp += r.extra.length; forbiddenHits += r.forbiddenHit.length;
    if (!statements[i].expected.length) { negatives++; if (r.extra.length) negativesWithCodes++; }
  });
  return {
    statements: results.length, passed: results.filter((r) => r.pass).length,
    recall: tp + fn ? tp / (tp + fn) : 1, precision: tp + fp ? tp / (tp + fp) : 1,
    negatives, negativesWithCodes, forbiddenHits,
  };
}

/** Parses known-failures.txt: one id per line, '#' comments. */
export function parseKnownFailures(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
}
