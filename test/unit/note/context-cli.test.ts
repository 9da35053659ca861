import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextCommand } from '../../../src/cli/commands/context';

async function runCli(lines: string[], encode: (s: string) => Buffer = (s) => Buffer.from(s)): Promise<{ out: string[]; err: string; code: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-cli-'));
  const file = path.join(dir, 'in.jsonl');
  fs.writeFileSync(file, encode(lines.join('\n') + '\n'));
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

test('context CLI: one answer per input line, in order; a line it cannot answer gets an error object and exit code 1', async () => {
  const { out, err, code } = await runCli([
    JSON.stringify({ sentence: 'Patient denies chest pain.', term: 'CHEST PAIN' }),
    'this is not json',
    JSON.stringify({ sentence: 'Mother has diabetes.', term: 'diabetes' }),
    JSON.stringify({ sentence: 'No fever.', term: 'cough' }),
    JSON.stringify({ sentence: 'History of stroke.' }),
    JSON.stringify({ sentence: 'Colon cancer.', term: 'colon cancer', section: 'Family History' }),
    JSON.stringify({ sentence: 'Return if fever develops.', term: 'fever' }),
  ]);
  assert.equal(code, 1);
  const answers = out.map((l) => JSON.parse(l));
  assert.equal(answers.length, 7);
  assert.deepEqual(answers[0], { negation: 'negated', temporality: 'recent', experiencer: 'patient' });
  assert.equal(answers[1].line, 2);
  assert.match(answers[1].error, /^not valid JSON/);
  assert.equal(answers[2].experiencer, 'other');
  assert.deepEqual(answers[3], { line: 4, error: 'term "cough" not found in the sentence' });
  assert.deepEqual(answers[4], { line: 5, error: 'needs string fields "sentence" and "term"' });
  for (const bad of [answers[1], answers[3], answers[4]]) assert.ok(!('negation' in bad), 'no default answer passes for a real one');
  assert.equal(answers[5].experiencer, 'other');
  assert.equal(answers[6].temporality, 'hypothetical');
  assert.match(err, /line 2: not valid JSON/);
  assert.match(err, /line 4: term "cough" not found/);
  assert.match(err, /line 5: needs string fields/);
  assert.match(err, /3 line\(s\) could not be answered/);
});

test('context CLI: every line answered is exit code 0; a UTF-16 file with a byte-order mark is read', async () => {
  const lines = [JSON.stringify({ sentence: 'No fever.', term: 'fever' }), JSON.stringify({ sentence: 'Has cough.', term: 'cough' })];
  const plain = await runCli(lines);
  assert.equal(plain.code, 0, plain.err);
  const utf16 = await runCli(lines, (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));
  assert.equal(utf16.code, 0, utf16.err);
  assert.deepEqual(utf16.out, plain.out);
  assert.equal(JSON.parse(plain.out[0]).negation, 'negated');
});

test('context CLI: a missing file is a usage error that says what to do', async () => {
  await assert.rejects(contextCommand.run(['--jsonl', '/nonexistent/x.jsonl']), /cannot read/);
  await assert.rejects(contextCommand.run([]), /--jsonl FILE is required/);
});
