import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ArtifactReader, ArtifactWriter, ARTIFACT_FILE } from '../../../src/icd/artifact';
import { IcdArtifactError, loadKnowledgeBase } from '../../../src/icd/loader';

const header = { format: 'x', version: 1, fiscalYear: 2026, sources: [], counts: {}, chapterRanges: [], tableHeadings: { neoplasm: [], drug: [] } };

test('ArtifactWriter / ArtifactReader round-trip strings, integers and bytes', () => {
  const w = new ArtifactWriter();
  w.strings('s', ['', 'Ménière’s disease', 'E11.22', 'x'.repeat(1000)]);
  w.i32('i', [-1, 0, 2147483647]);
  w.u8('b', [0, 1, 255]);
  w.u16('t', [0, 65535]);
  const r = new ArtifactReader(w.toBuffer(header));
  assert.deepEqual(r.strings('s').all(), ['', 'Ménière’s disease', 'E11.22', 'x'.repeat(1000)]);
  assert.deepEqual([...r.i32('i')], [-1, 0, 2147483647]);
  assert.deepEqual([...r.u8('b')], [0, 1, 255]);
  assert.deepEqual([...r.u16('t')], [0, 65535]);
  assert.throws(() => r.i32('s'), /expected i32/);
  assert.throws(() => r.i32('missing'), /missing/);
});

test('ArtifactWriter refuses values it cannot store', () => {
  const w = new ArtifactWriter();
  assert.throws(() => w.i32('i', [1.5]), /not an integer/);
  assert.throws(() => w.u8('b', [256]), /not a byte/);
  w.u8('dup', [1]);
  assert.throws(() => w.u8('dup', [1]), /duplicate/);
});

test('loader: a missing, corrupt or truncated artifact gives an error that says to run npm run build:icd', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icd-models-'));
  try {
    assert.throws(() => loadKnowledgeBase(dir), (e: unknown) => e instanceof IcdArtifactError && /not found/.test(e.message) && /npm run build:icd/.test(e.message));
    fs.mkdirSync(path.join(dir, 'icd10cm'));
    const file = path.join(dir, 'icd10cm', ARTIFACT_FILE);
    fs.writeFileSync(file, 'not gzip at all');
    assert.throws(() => loadKnowledgeBase(dir), (e: unknown) => e instanceof IcdArtifactError && /unreadable/.test(e.message) && /npm run build:icd/.test(e.message));
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from('{"format":"something else"}')));
    assert.throws(() => loadKnowledgeBase(dir), (e: unknown) => e instanceof IcdArtifactError && /npm run build:icd/.test(e.message));
    const w = new ArtifactWriter();
    w.strings('node.code', ['CH01']);
    fs.writeFileSync(file, zlib.gzipSync(w.toBuffer({ ...header, format: 'clinical-coder/icd10cm', version: 999 })));
    assert.throws(() => loadKnowledgeBase(dir), (e: unknown) => e instanceof IcdArtifactError && /version 999/.test(e.message));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
