// Codes every plain-documentation statement with the engine (billing policy, the line's own setting, default
// threshold, as a user's `clinical-coder code` would) and scores it.
import type { CodingEngine } from '../engine';
import { scoreStatement, statementNote, type PlainStatement, type StatementResult } from './plain-documentation';

export async function runPlainStatements(engine: CodingEngine, statements: PlainStatement[], useEncoder: boolean): Promise<{ results: StatementResult[]; suggested: string[][] }> {
  const results: StatementResult[] = [], suggested: string[][] = [];
  for (const s of statements) {
    const r = await engine.code(statementNote(s), { policy: 'billing', setting: s.setting, useEncoder });
    const codes = r.suggestions.map((x) => x.code);
    suggested.push(codes);
    results.push(scoreStatement(s, codes));
  }
  return { results, suggested };
}
