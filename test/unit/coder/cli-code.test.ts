// `clinical-coder code` and `eval` end to end on synthetic notes, in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveModelsDir } from '../../../src/common/paths';
import { evaluate, parseGold } from '../../../src/coder/eval/metrics';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

function fixtures(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-code-'));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'Assessment: essential hypertension. Type 2 diabetes mellitus.\nDenies chest pain.');
  fs.writeFileSync(path.join(dir, 'sub', 'b.note'), 'Impression: community acquired pneumonia.');
  fs.writeFileSync(path.join(dir, 'empty.md'), '  \n');
  fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0, 1, 2, 3, 0, 255]));
  fs.writeFileSync(path.join(dir, 'ignored.pdf'), 'not a note');
  return dir;
}

test('code --format jsonl: one documented line per readable note; bad files reported; exit code 1', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = fixtures();
  const r = cli(['code', '--no-encoder', dir]);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => path.relative(dir, l.file)).sort(), ['a.txt', path.join('sub', 'b.note')]);
  const a = lines.find((l) => l.file.endsWith('a.txt'));
  assert.deepEqual(Object.keys(a), ['file', 'suggestions']);
  const codes = a.suggestions.map((s: { code: string }) => s.code);
  assert.ok(codes.includes('I10') && codes.includes('E11.9'), codes.join(' '));
  assert.ok(!codes.some((c: string) => c.startsWith('R07')), 'negated chest pain is not listed without --all');
  const conf = a.suggestions.map((s: { confidence: number }) => s.confidence);
  assert.deepEqual(conf, [...conf].sort((x, y) => y - x));
  for (const s of a.suggestions) assert.deepEqual(Object.keys(s), ['code', 'title', 'confidence', 'status', 'evidence']);
  assert.match(r.stderr, /empty\.md: empty note/);
  assert.match(r.stderr, /bin\.txt: binary file/);
  assert.doesNotMatch(r.stdout + r.stderr, /ignored\.pdf/);
});

test('code --all lists negated suggestions; --format csv and fhir write their formats; exit 0 when all succeed', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = fixtures();
  const file = path.join(dir, 'a.txt');
  const all = cli(['code', '--no-encoder', '--all', '--threshold', '0', file]);
  assert.equal(all.status, 0, all.stderr);
  assert.ok(JSON.parse(all.stdout).suggestions.some((s: { status: string }) => s.status === 'negated'));
  const csv = cli(['code', '--no-encoder', '--format', 'csv', file]);
  assert.equal(csv.stdout.split('\n')[0], 'file,rank,code,title,confidence,status,billable,evidence,why');
  const fhir = JSON.parse(cli(['code', '--no-encoder', '--format', 'fhir', file]).stdout);
  assert.equal(fhir.resourceType, 'Bundle');
  assert.ok(fhir.entry.every((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Condition'));
  const bad = cli(['code', '--format', 'xml', file]);
  assert.equal(bad.status, 2);
});

test('eval prints the documented metrics as JSON', (t) => {
  if (!kbPresent) return t.skip('models/icd10cm not built');
  const dir = fixtures();
  const gold = path.join(dir, 'gold.tsv');
  fs.writeFileSync(gold, 'a\tI10\na\te11.9\na\tJ45.909\nb\tJ18.9\n');
  const r = cli(['eval', '--notes', dir, '--gold', gold, '--no-encoder']);
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  for (const k of ['micro', 'macro', 'category', 'map', 'pAt5', 'seconds']) assert.ok(k in m, k);
  assert.ok(m.micro.tp >= 2, JSON.stringify(m.micro));
});

test('metrics: micro, category and MAP on a hand-computed example', () => {
  const gold = parseGold('n1\tA00.0\nn1\tb01.1\nn2\tC02\n');
  const ranked = new Map([['n1', ['B01.1', 'X99', 'A00.1']], ['n2', ['C02']]]);
  const predicted = new Map([['n1', ['B01.1', 'A00.1']], ['n2', ['C02']]]);
  const r = evaluate(gold, ranked, predicted);
  assert.equal(r.micro.tp, 2); assert.equal(r.micro.fp, 1); assert.equal(r.micro.fn, 1);
  assert.equal(r.category.precision, 1); // A00 and B01 and C02 all right at category level
  assert.equal(r.map, (0.5 * (1 / 1) + 1) / 2); // n1: one of two gold found at rank 1 -> AP 0.5; n2: 1
});

test('metrics: edition-aware scores credit a FY2026 code under a 2018 gold code that was split, never the reverse', () => {
  // 2018 gold R51 (headache) was split into R51.0/R51.9; T14.90 is written without its 7th character.
  const gold = parseGold('n1\tR51\nn1\tT14.90\nn1\tI10\nn2\tJ18.9\n');
  const current = (k: string) => !['R51', 'T1490'].includes(k);
  const ranked = new Map([['n1', ['R51.9', 'I10', 'T14.90XA', 'R51.0']], ['n2', ['J18.1', 'J18.9']]]);
  const predicted = new Map([['n1', ['R51.9', 'I10', 'T14.90XA', 'R51.0']], ['n2', ['J18.1']]]);
  const r = evaluate(gold, ranked, predicted, current);
  assert.equal(r.micro.tp, 1, 'exact: only I10');
  const e = r.editionAware!;
  assert.equal(e.staleGoldCodes, 2);
  // R51.9 and R51.0 both map to R51 (one hit), T14.90XA to T14.90; J18.1 is not under the current code J18.9.
  assert.deepEqual([e.micro.tp, e.micro.fp, e.micro.fn], [3, 1, 1]);
  assert.equal(evaluate(gold, ranked, predicted).editionAware, undefined);
});
