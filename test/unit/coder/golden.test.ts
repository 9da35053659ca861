// Golden regression corpus: the engine's full output on our own notes must equal the committed snapshots.
// A deliberate change is recorded with `npm run golden:update` (UPDATE_GOLDEN=1) and its diff committed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodingEngine } from '../../../src/coder/index';
import { resolveModelsDir } from '../../../src/common/paths';
import { POLICIES, goldenNotes, lineDiff, renderSnapshot, snapshotFile, SNAPSHOT_DIR } from '../../golden/snapshot';

const kbPresent = fs.existsSync(path.join(resolveModelsDir(), 'icd10cm'));
const update = process.env.UPDATE_GOLDEN === '1';
let engine: CodingEngine;

before(async () => {
  if (kbPresent) engine = await CodingEngine.create({ encoder: null });
});

for (const note of goldenNotes()) {
  for (const policy of POLICIES) {
    test(`golden: ${note.name} (${policy})`, async (t) => {
      if (!kbPresent) return t.skip('models/icd10cm not built');
      const actual = await renderSnapshot(engine, fs.readFileSync(note.file, 'utf8'), policy);
      const file = snapshotFile(note, policy);
      if (update) { fs.mkdirSync(SNAPSHOT_DIR, { recursive: true }); fs.writeFileSync(file, actual); return; }
      assert.ok(fs.existsSync(file), `no snapshot ${path.relative(process.cwd(), file)}: run "npm run golden:update" and commit it`);
      const expected = fs.readFileSync(file, 'utf8');
      if (actual !== expected) assert.fail(`${note.name} (${policy}) differs from its snapshot (- snapshot, + now); if deliberate, run "npm run golden:update":\n${lineDiff(expected, actual)}`);
    });
  }
}

test('golden: every snapshot belongs to a note (none left behind by a renamed note)', (t) => {
  if (!kbPresent || update) return t.skip(update ? 'updating' : 'models/icd10cm not built');
  const want = new Set(goldenNotes().flatMap((n) => POLICIES.map((p) => path.basename(snapshotFile(n, p)))));
  const stray = fs.readdirSync(SNAPSHOT_DIR).filter((f) => !want.has(f));
  assert.deepEqual(stray, []);
});

test('golden: the line diff shows removed and added lines', () => {
  assert.equal(lineDiff('a\nb\nc', 'a\nc\nd'), '- b\n+ d');
});
