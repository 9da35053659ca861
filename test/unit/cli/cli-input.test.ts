// The CLI's input handling: symbolic links followed (loops reported as loops), the shared note-text guard (UTF-16,
// Windows-1252, size cap), a closed pipe ending the output quietly, `context --jsonl` answering unreadable lines
// with an error object, and FHIR exports without file paths unless asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findNoteFiles, readNoteFile } from '../../../src/cli/note-files';
import { resolveModelsDir } from '../../../src/common/paths';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000, input });
const posix = process.platform !== 'win32';

test('folders are walked through symbolic links; a loop is reported as a loop, a dangling note link as missing', { skip: !posix && 'symlinks' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-links-'));
  try {
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(path.join(notes, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(notes, 'a.note'), 'Assessment: hypertension.\n');
    const shared = path.join(dir, 'shared');
    fs.mkdirSync(shared);
    fs.writeFileSync(path.join(shared, 'b.txt'), 'Assessment: asthma.\n');
    fs.symlinkSync(path.join(shared, 'b.txt'), path.join(notes, 'linked.txt'));
    fs.symlinkSync(notes, path.join(notes, 'sub', 'loop'));
    fs.symlinkSync(path.join(dir, 'gone.note'), path.join(notes, 'dangling.note'));
    fs.symlinkSync(path.join(notes, 'self.note'), path.join(notes, 'self.note'));
    const found = findNoteFiles([notes]);
    assert.deepEqual(found.files.map((f) => path.relative(notes, f)).sort(), ['a.note', 'linked.txt']);
    const err = (name: string) => found.errors.find((e) => e.file.endsWith(name))?.error ?? '';
    assert.match(err(path.join('sub', 'loop')), /symbolic link loop/);
    assert.match(err('dangling.note'), /not found/);
    assert.match(err('self.note'), /symbolic link loop/);
    assert.deepEqual(findNoteFiles([path.join(notes, 'self.note')]).errors.map((e) => e.error), ['symbolic link loop: the link points back at itself']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI reads UTF-16 and Windows-1252 notes through the shared guard and caps huge ones with a warning', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-enc-'));
  try {
    const note = 'Assessment: essential hypertension.\n';
    fs.writeFileSync(path.join(dir, 'ps.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(note, 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'latin.txt'), Buffer.from('Caf\u00e9. ' + note, 'latin1'));
    fs.writeFileSync(path.join(dir, 'huge.txt'), note.repeat(20_000));
    const ps = readNoteFile(path.join(dir, 'ps.txt'));
    assert.ok(ps.ok && ps.text === note && ps.warnings.length === 0);
    const latin = readNoteFile(path.join(dir, 'latin.txt'));
    assert.ok(latin.ok && latin.text.startsWith('Café.'));
    assert.match(latin.ok ? latin.warnings.join() : '', /Windows-1252/);
    const huge = readNoteFile(path.join(dir, 'huge.txt'));
    assert.ok(huge.ok && huge.text.length <= 300_000);
    assert.match(huge.ok ? huge.warnings.join() : '', /coded only its first/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('`code ... | head` ends quietly when the reader goes away', { skip: (!posix && 'shell pipe') || (!kbPresent && 'models/icd10cm not built') }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-pipe-'));
  try {
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `n${i}.txt`), 'Assessment: essential hypertension. Type 2 diabetes mellitus.\n');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" --import tsx src/cli/cli.ts code --no-encoder --workers 0 "${dir}" | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 120_000 });
    assert.match(r.stderr, /exit 0/);
    assert.ok(!/EPIPE|Error:|at .*\.ts:\d+/.test(r.stderr), r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('context --jsonl answers an unreadable line with an error object in its place and exits 1', () => {
  const input = [
    JSON.stringify({ sentence: 'Denies chest pain.', term: 'chest pain' }),
    '{not json',
    JSON.stringify({ sentence: 'No fever.', term: 'cough' }),
    JSON.stringify({ sentence: 'History of asthma.', term: 'asthma' }),
  ].join('\n');
  const r = cli(['context', '--jsonl', '-'], input);
  assert.equal(r.status, 1, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 4);
  assert.equal(out[0].negation, 'negated');
  assert.match(out[1].error, /not valid JSON/);
  assert.equal(out[1].line, 2);
  assert.match(out[2].error, /not found/);
  assert.equal(out[3].temporality, 'historical');
  assert.ok(!('negation' in out[1]), 'no default answer that reads as "affirmed"');
});

test('FHIR exports carry no file path unless --fhir-include-paths', { skip: !kbPresent && 'models/icd10cm not built' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fhir-Smith-John-'));
  try {
    const file = path.join(dir, 'smith-john-2026-11-02.note');
    fs.writeFileSync(file, 'Assessment: essential hypertension.\n');
    const plain = cli(['code', '--no-encoder', '--format', 'fhir', file]);
    assert.equal(plain.status, 0, plain.stderr);
    assert.ok(!plain.stdout.includes('smith-john') && !plain.stdout.includes(dir), 'no path in the bundle');
    const bundle = JSON.parse(plain.stdout) as { entry: { resource: { subject: { reference: string; display?: string } } }[] };
    assert.ok(bundle.entry.length > 0);
    assert.deepEqual(bundle.entry[0].resource.subject, { reference: 'Patient/unknown' });
    const asked = cli(['code', '--no-encoder', '--format', 'fhir', '--fhir-include-paths', file]);
    assert.equal((JSON.parse(asked.stdout) as typeof bundle).entry[0].resource.subject.display, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
