import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextCommand } from '../../../src/cli/commands/context';

async function runCli(lines: string[]): Promise<{ out: string[]; err: string; code: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-cli-'));
  const file = path.join(dir, 'in.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const out: string[] = [];
  let err = '';
  const w = process.stdout.write.bind(process.stdout);
  const e = console.error;
  process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
  console.error = (...a: unknown[]) => { err += a.join(' ') + '\n'; };
  try {
    const code = await contextCommand.run(['--jsonl', file]);
    return { out: out.join('').split('\n').filter(Boolean), err, code };
  } finally {
    process.stdout.write = w;
    console.error = e;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('context CLI: one answer per input line, in order, malformed lines answered with defaults', async () => {
  const { out, err, code } = await runCli([
    JSON.stringify({ sentence: 'Patient denies chest pain.', term: 'CHEST PAIN' }),
    'this is not json',
    JSON.stringify({ sentence: 'Mother has diabetes.', term: 'diabetes' }),
    JSON.stringify({ sentence: 'No fever.', term: 'cough' }),
    JSON.stringify({ sentence: 'History of stroke.' }),
    JSON.stringify({ sentence: 'Colon cancer.', term: 'colon cancer', section: 'Family History' }),
    JSON.stringify({ sentence: 'Return if fever develops.', term: 'fever' }),
  ]);
  assert.equal(code, 0);
  const answers = out.map((l) => JSON.parse(l));
  assert.equal(answers.length, 7);
  assert.deepEqual(answers[0], { negation: 'negated', temporality: 'recent', experiencer: 'patient' });
  assert.deepEqual(answers[1], { negation: 'affirmed', temporality: 'recent', experiencer: 'patient' });
  assert.equal(answers[2].experiencer, 'other');
  assert.deepEqual(answers[3], { negation: 'affirmed', temporality: 'recent', experiencer: 'patient' });
  assert.deepEqual(answers[4], { negation: 'affirmed', temporality: 'recent', experiencer: 'patient' });
  assert.equal(answers[5].experiencer, 'other');
  assert.equal(answers[6].temporality, 'hypothetical');
  assert.match(err, /line 2: not valid JSON/);
  assert.match(err, /line 4: term "cough" not found/);
  assert.match(err, /line 5: needs string fields/);
});

test('context CLI: a missing file is a usage error that says what to do', async () => {
  await assert.rejects(contextCommand.run(['--jsonl', '/nonexistent/x.jsonl']), /cannot read/);
  await assert.rejects(contextCommand.run([]), /--jsonl FILE is required/);
});
