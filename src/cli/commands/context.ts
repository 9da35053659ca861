// `clinical-coder context --jsonl FILE`: ConText assertion for {"sentence","term"} lines, one JSON answer per line.
import * as fs from 'node:fs';
import { parseFlags, UsageError, type CliCommand } from '../command';
import { ContextDetector } from '../../note/context/ContextDetector';
import { lookupSection } from '../../note/sections';
import type { Section, SectionRole } from '../../note/types';
import { findTerm } from '../../note/findTerm';
import { decodeTextBytes } from '../../note/noteText';

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
    '  a line that cannot be answered (not JSON, fields missing, term not in the sentence) gets {"line","error"}\n' +
    '  instead, and the exit code is then 1. --triggers adds the deciding triggers to each answer.',
  async run(args: string[]): Promise<number> {
    const { flags } = parseFlags(args, ['triggers']);
    const file = flags.get('jsonl');
    if (typeof file !== 'string') throw new UsageError('--jsonl FILE is required.');
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file === '-' ? 0 : file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check the path.`);
    }
    const decoded = decodeTextBytes(bytes);
    if (!decoded.ok) throw new Error(`${file}: ${decoded.error}`);
    for (const w of decoded.warnings) console.error(`context: ${file}: warning: ${w}`);
    const withTriggers = flags.get('triggers') === true;
    const detector = new ContextDetector();
    const out: string[] = [];
    const lines = decoded.text.split(/\r?\n/);
    let lineNo = 0;
    let problems = 0;
    for (const raw of lines) {
      lineNo++;
      if (!raw.trim()) continue;
      const answer = answerLine(raw, detector, withTriggers);
      if ('error' in answer) {
        problems++;
        console.error(`context: line ${lineNo}: ${answer.error}`);
        out.push(JSON.stringify({ line: lineNo, error: answer.error }));
      } else out.push(JSON.stringify(answer));
      if (out.length >= 4096) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    if (problems) console.error(`context: ${problems} line(s) could not be answered (an {"line","error"} object stands in their place).`);
    return problems ? 1 : 0;
  },
};

/** One input line's answer, or why it has none (a default answer would pass for a real "affirmed"). */
function answerLine(raw: string, detector: ContextDetector, withTriggers: boolean): Record<string, unknown> | { error: string } {
  let obj: { sentence?: unknown; term?: unknown; section?: unknown; text?: unknown };
  try { obj = JSON.parse(raw); } catch (err) { return { error: `not valid JSON (${(err as Error).message})` }; }
  const sentence = typeof obj?.sentence === 'string' ? obj.sentence : typeof obj?.text === 'string' ? obj.text : undefined;
  const term = typeof obj?.term === 'string' ? obj.term : undefined;
  if (sentence === undefined || term === undefined) return { error: 'needs string fields "sentence" and "term"' };
  const span = findTerm(sentence, term);
  if (!span) return { error: `term ${JSON.stringify(term)} not found in the sentence` };
  const r = detector.detect(sentence, span[0], span[1], sectionFrom(obj.section));
  const answer: Record<string, unknown> = { negation: r.negation, temporality: r.temporality, experiencer: r.experiencer };
  if (withTriggers) answer.triggers = r.triggers;
  return answer;
}

function sectionFrom(v: unknown): Section | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const hit = lookupSection(v);
  if (hit) return { kind: hit.kind, title: v, role: hit.role, start: 0, end: 0, bodyStart: 0 };
  // A coding role given directly ("family", "history", "ros").
  const role = v.trim().toLowerCase() as SectionRole;
  return ROLES.has(role) ? { kind: role, title: v, role, start: 0, end: 0, bodyStart: 0 } : undefined;
}
