// `clinical-coder code` on awkward input, in a child process: encodings, symbolic links, a closed pipe, huge notes,
// and what a FHIR export says about where a note came from. Synthetic notes only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveModelsDir } from '../../../src/common/paths';
// The editor's cap: the CLI must code no further than the language server does.
import { MAX_CODED_CHARS } from '../../../src/server/noteGuard';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
const CLI = ['--import', 'tsx', 'src/cli/cli.ts'];
const cli = (args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
const NOTE = 'Assessment: essential hypertension. Type 2 diabetes mellitus.\n';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cc-input-'));
}
const codesOf = (jsonl: string) => jsonl.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; suggestions: { code: string }[] });

test('UTF-16 files with a byte-order mark code like their UTF-8 twin; Latin-1 is coded with a warning naming iconv', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = tmp();
  const latin = 'Assessment: essential hypertension, caf\u00e9 au lait spots.\n';
  fs.writeFileSync(path.join(dir, 'a-utf8.txt'), NOTE);
  fs.writeFileSync(path.join(dir, 'b-utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTE, 'utf16le')]));
  fs.writeFileSync(path.join(dir, 'c-utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NOTE, 'utf16le').swap16()]));
  fs.writeFileSync(path.join(dir, 'd-latin1.txt'), Buffer.from(latin, 'latin1'));
  const r = cli(['code', '--no-encoder', '--workers', '0', dir]);
  assert.equal(r.status, 0, r.stderr);
  const notes = codesOf(r.stdout);
  assert.equal(notes.length, 4, r.stderr);
  const [utf8, le, be, lat] = notes.map((n) => n.suggestions.map((s) => s.code).join(' '));
  assert.ok(utf8.includes('I10') && utf8.includes('E11.9'), utf8);
  assert.equal(le, utf8);
  assert.equal(be, utf8);
  assert.ok(lat.includes('I10'), lat);
  assert.match(r.stderr, /d-latin1\.txt: warning: This file is not UTF-8 \(byte 0xE9 at line 1\); Clinical Coder read it as Windows-1252/);
  assert.match(r.stderr, /iconv -f latin1 -t utf-8/);
  assert.doesNotMatch(r.stderr, /utf16|binary/i);
  const json = JSON.parse(cli(['code', '--no-encoder', '--format', 'json', path.join(dir, 'd-latin1.txt')]).stdout);
  assert.match(json[0].warnings[0], /not UTF-8/, 'the warning travels with the note in the JSON output');
});

test('symbolic links are followed; loops and broken links are reported as such, never as "not found" or silently', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = tmp();
  const notes = path.join(dir, 'notes');
  fs.mkdirSync(notes);
  fs.writeFileSync(path.join(dir, 'elsewhere.txt'), NOTE);
  fs.writeFileSync(path.join(notes, 'a-real.txt'), 'Impression: community acquired pneumonia.\n');
  fs.symlinkSync(path.join(dir, 'elsewhere.txt'), path.join(notes, 'b-linked.txt'));
  fs.symlinkSync('.', path.join(notes, 'c-self'));
  fs.symlinkSync('missing.txt', path.join(notes, 'd-dangling.txt'));
  fs.symlinkSync('e-loop2.txt', path.join(notes, 'e-loop1.txt'));
  fs.symlinkSync('e-loop1.txt', path.join(notes, 'e-loop2.txt'));
  const r = cli(['code', '--no-encoder', '--workers', '0', notes, path.join(notes, 'e-loop1.txt')]);
  assert.equal(r.status, 1, 'broken links and loops count as failures');
  const coded = codesOf(r.stdout).map((n) => path.basename(n.file));
  assert.deepEqual(coded, ['a-real.txt', 'b-linked.txt'], r.stderr);
  assert.ok(codesOf(r.stdout)[1].suggestions.some((s) => s.code === 'I10'), 'the linked note is coded, with its target\'s text');
  assert.match(r.stderr, /c-self: symbolic link loop/);
  assert.match(r.stderr, /d-dangling\.txt: broken symbolic link: its target missing\.txt does not exist/);
  assert.match(r.stderr, /notes[/\\]e-loop1\.txt: symbolic link loop/);
  assert.doesNotMatch(r.stderr, /not found/);
});

test('`code ... | head`: the reader closing the pipe ends the run quietly with exit code 0', async (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = tmp();
  for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `n${String(i).padStart(2, '0')}.txt`), NOTE);
  const child = spawn(process.execPath, [...CLI, 'code', '--no-encoder', '--workers', '0', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  // Like `head -1`: take the first line, then close the read end while the CLI still has notes to write.
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Error|\n\s+at /);
});

test('a note over the cap is coded up to the cap with the same message as in the editor; a 5 MB note takes seconds, not minutes', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = tmp();
  const file = path.join(dir, 'huge.txt');
  const lines = ['Essential hypertension, stable.', 'Denies chest pain.', 'Continue lisinopril 10 mg daily.', 'Follow up in 3 months.'];
  let body = '';
  for (let i = 0; body.length < 5_000_000; i++) body += `${lines[i % lines.length]} Visit ${i}.\n`;
  fs.writeFileSync(file, body);
  const t0 = Date.now();
  const r = cli(['code', '--no-encoder', '--format', 'json', file]);
  const seconds = (Date.now() - t0) / 1000;
  assert.equal(r.status, 0, r.stderr);
  const [note] = JSON.parse(r.stdout);
  assert.ok(note.suggestions.some((s: { code: string }) => s.code === 'I10'));
  const expected = `This note is ${(body.length / 1e6).toFixed(1)} MB; Clinical Coder coded only its first`;
  assert.ok(note.warnings.some((w: string) => w.startsWith(expected)), note.warnings.join(' | '));
  assert.ok(r.stderr.includes(`huge.txt: warning: ${expected}`), r.stderr);
  const lastEvidence = Math.max(...note.suggestions.flatMap((s: { evidence: { end: number }[] }) => s.evidence.map((e) => e.end)));
  assert.ok(lastEvidence <= MAX_CODED_CHARS, `evidence at ${lastEvidence} lies beyond the cap`);
  t.diagnostic(`5 MB note: ${seconds.toFixed(1)} s wall (child process, tsx)`);
  assert.ok(seconds < 60, `${seconds} s`);
});

test('FHIR exports carry no file path unless --fhir-include-paths', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = tmp();
  const file = path.join(dir, 'Doe_Jane_1970-01-01.txt');
  fs.writeFileSync(file, NOTE);
  const plain = cli(['code', '--no-encoder', '--format', 'fhir', file]);
  assert.equal(plain.status, 0, plain.stderr);
  assert.doesNotMatch(plain.stdout, /Doe_Jane|cc-input-/);
  const bundle = JSON.parse(plain.stdout);
  assert.ok(bundle.entry.length > 0);
  for (const e of bundle.entry) assert.deepEqual(e.resource.subject, { reference: 'Patient/unknown' });
  assert.deepEqual(JSON.parse(cli(['code', '--no-encoder', '--format', 'fhir', file]).stdout).entry.map((e: { resource: { id: string } }) => e.resource.id),
    bundle.entry.map((e: { resource: { id: string } }) => e.resource.id), 'ids stay stable without the path');
  const withPaths = JSON.parse(cli(['code', '--no-encoder', '--format', 'fhir', '--fhir-include-paths', file]).stdout);
  for (const e of withPaths.entry) assert.equal(e.resource.subject.display, file);
  assert.equal(cli(['code', '--no-encoder', '--fhir-include-paths', file]).status, 2, 'the flag belongs to --format fhir');
});
