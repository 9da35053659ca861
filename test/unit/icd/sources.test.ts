// Cross-checks the committed artifact against the CMS source files in ../shared/data/icd10cm
// (skipped where they are absent, e.g. in a user's clone).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { resolveSharedDataDir } from '../../../src/common/paths';
import { loadKnowledgeBase } from '../../../src/icd/index';

const shared = resolveSharedDataDir();
const icdDir = shared && path.join(shared, 'icd10cm');
const have = !!icdDir && fs.existsSync(path.join(icdDir, 'icd10cm_order_2026.txt.gz'));
const read = (f: string) => zlib.gunzipSync(fs.readFileSync(path.join(icdDir!, f))).toString('utf8');
const kb = loadKnowledgeBase();

test('artifact records the sha256 of the source files it was built from', (t) => {
  if (!have) return t.skip('../shared/data not found: ICD-10-CM source files absent');
  for (const s of kb.meta.sources) {
    const raw = zlib.gunzipSync(fs.readFileSync(path.join(icdDir!, `${s.file}.gz`)));
    assert.equal(createHash('sha256').update(raw).digest('hex'), s.sha256, `${s.file} changed since the artifact was built: run npm run build:icd`);
  }
});

test('every FY2026 order-file code is in the knowledge base with its billable flag and titles', (t) => {
  if (!have) return t.skip('../shared/data not found: ICD-10-CM source files absent');
  let n = 0;
  for (const line of read('icd10cm_order_2026.txt.gz').split('\n')) {
    if (!line.trim()) continue;
    const bare = line.slice(6, 13).trim();
    const code = bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
    const e = kb.get(code);
    assert.ok(e, `${code} missing`);
    assert.equal(e.billable, line[14] === '1', `${code} billable flag`);
    assert.equal(e.longTitle, line.slice(77).trim(), `${code} long title`);
    assert.equal(e.shortTitle, line.slice(16, 76).trim(), `${code} short title`);
    n++;
  }
  assert.equal(n, 98186);
});

test('tabular spot checks: I10 Excludes1 and the S72 7th-character definition are in the source', (t) => {
  if (!have) return t.skip('../shared/data not found: ICD-10-CM source files absent');
  const tab = read('icd10cm_tabular_2023.xml.gz');
  const i10 = tab.slice(tab.indexOf('<name>I10</name>'), tab.indexOf('<name>I11</name>'));
  const ex1 = /<excludes1>([\s\S]*?)<\/excludes1>/.exec(i10)![1];
  const texts = [...ex1.matchAll(/<note>(.*?)<\/note>/g)].map((m) => m[1]);
  const mine = kb.notes('I10').filter((n) => n.kind === 'excludes1' && n.from === 'I10').map((n) => n.text);
  assert.deepEqual(mine, texts);
  const s72 = tab.slice(tab.indexOf('<name>S72</name>'), tab.indexOf('<name>S72.0</name>'));
  const chars = [...s72.matchAll(/<extension char="(.)">(.*?)<\/extension>/g)].map((m) => ({ char: m[1], meaning: m[2] }));
  assert.deepEqual(kb.sevenCharacters('S72.001A'), chars);
});

test('index spot checks: "Attack, heart" says see infarct, myocardium; the target carries I21.9', (t) => {
  if (!have) return t.skip('../shared/data not found: ICD-10-CM source files absent');
  const ix = read('icd10cm_index_2023.xml.gz');
  const attack = ix.indexOf('<title>Attack, attacks</title>');
  assert.ok(attack > 0);
  const heart = ix.indexOf('<title>heart</title>', attack);
  assert.match(ix.slice(heart, heart + 120), /<see>infarct, myocardium<\/see>/);
  const infarct = ix.indexOf('<title>Infarct, infarction</title>');
  const myo = ix.indexOf('<title>myocardium, myocardial<nemod>', infarct);
  assert.match(ix.slice(myo, myo + 200), /<code>I21\.9<\/code>/);
});
