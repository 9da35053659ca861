// `clinical-coder context --jsonl FILE`: ConText assertion for {"sentence","term"} lines, one JSON answer per line.
import * as fs from 'node:fs';
import { parseFlags, UsageError, type CliCommand } from '../command';
import { ContextDetector } from '../../note/context/ContextDetector';
import { lookupSection } from '../../note/sections';
import type { Section, SectionRole } from '../../note/types';
import { findTerm } from '../../note/findTerm';

export { findTerm };

const ROLES = new Set<SectionRole>(['diagnosis', 'history', 'family', 'social', 'ros', 'exam', 'findings', 'medications', 'allergies',
  'complaint', 'narrative', 'plan', 'procedures', 'other']);

export { sectionFrom };

export const contextCommand: CliCommand = {
  name: 'context',
  summary: 'Negation, temporality and experiencer of a term in a sentence (ConText), for JSONL batches',
  usage: 'clinical-coder context --jsonl FILE [--triggers]\n' +
    '  The term is matched case-insensitively: its first whole-word occurrence, else its first occurrence.\n' +
    '  FILE has one {"sentence": "...", "term": "..."} per line (optional "section": a header name such as "Family History");\n' +
    '  "-" reads standard input. Writes one {"negation","temporality","experiencer"} line per input line, in order;\n' +
    '  a line that cannot be answered gets {"error","line"} instead, and the exit code is then 1.\n' +
    '  --triggers adds the deciding triggers to each answer.',
  async run(args: string[]): Promise<number> {
    const { flags } = parseFlags(args, ['triggers']);
    const file = flags.get('jsonl');
    if (typeof file !== 'string') throw new UsageError('--jsonl FILE is required.');
    let input: string;
    try {
      input = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check the path.`);
    }
    const withTriggers = flags.get('triggers') === true;
    const detector = new ContextDetector();
    const out: string[] = [];
    const lines = input.replace(/^\uFEFF/, '').split(/\r?\n/);
    let lineNo = 0;
    let problems = 0;
    for (const raw of lines) {
      lineNo++;
      if (!raw.trim()) continue;
      // A line that cannot be answered gets an error object in its place (answers stay aligned with the input),
      // never a default that would read as "affirmed".
      let answer: Record<string, unknown>;
      try {
        const obj = JSON.parse(raw) as { sentence?: unknown; term?: unknown; section?: unknown; text?: unknown };
        const sentence = typeof obj?.sentence === 'string' ? obj.sentence : typeof obj?.text === 'string' ? obj.text : undefined;
        const term = typeof obj?.term === 'string' ? obj.term : undefined;
        if (sentence === undefined || term === undefined) {
          problems++;
          answer = { error: 'needs string fields "sentence" and "term"', line: lineNo };
        } else {
          const span = findTerm(sentence, term);
          if (!span) {
            problems++;
            answer = { error: `term ${JSON.stringify(term)} not found in the sentence`, line: lineNo };
          } else {
            const section = sectionFrom(obj.section);
            const r = detector.detect(sentence, span[0], span[1], section);
            answer = { negation: r.negation, temporality: r.temporality, experiencer: r.experiencer };
            if (withTriggers) answer.triggers = r.triggers;
          }
        }
      } catch (err) {
        problems++;
        answer = { error: `not valid JSON (${(err as Error).message})`, line: lineNo };
      }
      if (answer.error) console.error(`context: line ${lineNo}: ${answer.error}.`);
      out.push(JSON.stringify(answer));
      if (out.length >= 4096) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    if (problems) console.error(`context: ${problems} line(s) could not be answered (an {"error"} object stands in their place).`);
    return problems ? 1 : 0;
  },
};

function sectionFrom(v: unknown): Section | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const hit = lookupSection(v);
  if (hit) return { kind: hit.kind, title: v, role: hit.role, start: 0, end: 0, bodyStart: 0 };
  // A coding role given directly ("family", "history", "ros").
  const role = v.trim().toLowerCase() as SectionRole;
  return ROLES.has(role) ? { kind: role, title: v, role, start: 0, end: 0, bodyStart: 0 } : undefined;
}
