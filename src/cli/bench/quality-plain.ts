// bench quality, part 3: the plain-documentation statements (test/fixtures/plain-documentation), recall and
// precision over codes, and the failing lines by kind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodingEngine } from '../../coder/index';
import { parsePlainStatements, summarise } from '../../coder/eval/plain-documentation';
import { runPlainStatements } from '../../coder/eval/run-plain-documentation';
import { resolveProjectRoot } from '../../common/paths';

export async function plainDocumentationQuality(engine: CodingEngine): Promise<unknown> {
  const file = path.join(resolveProjectRoot(), 'test', 'fixtures', 'plain-documentation', 'statements.tsv');
  if (!fs.existsSync(file)) { console.log('plain documentation: skipped, statements.tsv not found'); return undefined; }
  const statements = parsePlainStatements(fs.readFileSync(file, 'utf8'));
  const out: Record<string, unknown> = {};
  for (const [name, useEncoder] of [['lexical', false], ...(engine.hasEncoder ? [['encoder', true]] : [])] as [string, boolean][]) {
    const { results } = await runPlainStatements(engine, statements, useEncoder);
    const s = summarise(statements, results);
    const missedOnly = results.filter((r) => r.missed.length && !r.extra.length).length;
    const extraOnly = results.filter((r) => r.extra.length && !r.missed.length).length;
    console.log(`\nplain documentation (${name}): ${s.passed}/${s.statements} statements coded as a coder would; recall ${s.recall.toFixed(3)}, precision ${s.precision.toFixed(3)}; ` +
      `failing lines: ${missedOnly} only missing a code, ${extraOnly} only adding one, ${s.statements - s.passed - missedOnly - extraOnly} wrong code; ` +
      `${s.negativesWithCodes}/${s.negatives} no-code lines given a code; ${s.forbiddenHits} forbidden codes suggested`);
    out[name] = s;
  }
  return out;
}
