// The Code Explorer's server handlers: hierarchy, detail, search and look-ahead over a knowledge base —
// the small fixture KB of the browser tests, and the shipped FY2026 knowledge base when it is present.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { createExplorerHandlers, ExplorerService, registerExplorerRequests } from '../../../src/server/explorerRequests';
import { loadFixtureKb } from '../../webview/fixtureKb';
import { artifactPath, loadKnowledgeBase } from '../../../src/icd';

const fixture = new ExplorerService(loadFixtureKb());

test('roots are the chapters; children come in tabular order with kind, billable flag and whether they expand', () => {
  assert.deepEqual(fixture.roots().map((n) => [n.code, n.range]), [['CH04', 'E00-E89'], ['CH09', 'I00-I99'], ['CH14', 'N00-N99'], ['CH19', 'S00-T88']]);
  assert.deepEqual(fixture.children('E11.2').map((n) => [n.code, n.kind, n.billable, n.hasChildren]),
    [['E11.21', 'code', true, false], ['E11.22', 'code', true, false], ['E11.29', 'code', true, false]]);
  assert.deepEqual(fixture.children('E11.22'), []);
  assert.deepEqual(fixture.children('NOPE'), []);
});

test('detail groups own and inherited notes, with where each comes from, and lists 7th characters', () => {
  const d = fixture.detail('E11.22')!;
  assert.deepEqual(d.breadcrumb.map((n) => n.code), ['CH04', 'E08-E13', 'E11', 'E11.2', 'E11.22']);
  assert.deepEqual(d.excludes1.map((n) => [n.text, n.codes, n.from]), [
    ['type 1 diabetes mellitus (E10.-)', ['E10'], 'E11'], ['diabetes mellitus due to underlying condition (E08.-)', [], 'E11']]);
  assert.deepEqual(d.useAdditionalCode.map((n) => n.from), ['E11.22', 'E11']);
  assert.deepEqual(d.siblings.map((n) => n.code), ['E11.21', 'E11.29']);
  assert.deepEqual(d.inclusionTerms, []);
  assert.deepEqual(fixture.detail('E11.21')!.inclusionTerms.length, 2);
  const s = fixture.detail('S72.001A')!;
  assert.deepEqual(s.sevenChr.map((o) => o.char), ['A', 'B', 'C', 'D', 'S']);
  assert.equal(s.sevenChr[0].title, 'initial encounter for closed fracture');
  assert.equal(s.sevenChrNote.length, 1);
  assert.equal(fixture.detail('Q99.999'), null);
  // A cited range that is not a node opens its first code; "e1122" is read as E11.22.
  assert.equal(fixture.detail('e1122')?.code, 'E11.22');
});

test('search puts a typed code first and caps the query length and result count', () => {
  assert.equal(fixture.search('e11.22').results[0].code, 'E11.22');
  assert.equal(fixture.search('E1122').results[0].source, 'code');
  assert.deepEqual(fixture.search('   ').results, []);
  assert.equal(fixture.search('x'.repeat(5000)).query.length, 200);
  assert.ok(fixture.search('diabetes', 2).results.length <= 2);
  const hp = fixture.search('high blood').results.find((r) => r.code === 'I10');
  assert.equal(hp?.source, 'inclusion');
});

test('handlers validate their input and explain a missing knowledge base', async () => {
  const h = createExplorerHandlers({ knowledgeBase: () => loadFixtureKb() });
  await assert.rejects(h['clinicalCoder/explorer/children']({} as { code: string }), /names no code/);
  assert.deepEqual(Object.keys(await h['clinicalCoder/explorer/childrenMany']({ codes: ['E11', 'E11.2', 42 as unknown as string] })), ['E11', 'E11.2']);
  const none = createExplorerHandlers({ knowledgeBase: () => undefined });
  await assert.rejects(none['clinicalCoder/explorer/roots']({}), /knowledge base is not loaded/);
  const broken = createExplorerHandlers({ knowledgeBase: () => { throw new Error('artifact corrupt: run npm run build:icd'); } });
  await assert.rejects(broken['clinicalCoder/explorer/detail']({ code: 'E11' }), /Code Explorer: artifact corrupt: run npm run build:icd/);
});

test('registerExplorerRequests registers every explorer method on the connection', () => {
  const methods: string[] = [];
  registerExplorerRequests({ onRequest: (m: string) => { methods.push(m); } }, { knowledgeBase: () => loadFixtureKb() });
  assert.deepEqual(methods.sort(), ['clinicalCoder/explorer/children', 'clinicalCoder/explorer/childrenMany', 'clinicalCoder/explorer/detail',
    'clinicalCoder/explorer/roots', 'clinicalCoder/explorer/search']);
});

test('over the shipped FY2026 knowledge base: 22 chapters, E11.22 path and notes, S72.001A 7th characters', (t) => {
  if (!existsSync(artifactPath())) { t.skip(`ICD-10-CM knowledge base not found at ${artifactPath()}: run npm run build:icd`); return; }
  const svc = new ExplorerService(loadKnowledgeBase());
  assert.equal(svc.roots().length, 22);
  const d = svc.detail('E11.22')!;
  assert.deepEqual(d.breadcrumb.map((n) => n.code), ['CH04', 'E08-E13', 'E11', 'E11.2', 'E11.22']);
  assert.ok(d.billable);
  assert.ok(d.excludes1.some((n) => n.from === 'E11'), 'E11 Excludes1 inherited');
  assert.ok(d.useAdditionalCode.length > 0);
  assert.ok(d.indexTerms.some((p) => /^Diabetes/.test(p)));
  const s = svc.detail('S72.001A')!;
  assert.ok(s.sevenChr.some((o) => o.char === 'A' && /initial encounter for closed fracture/.test(o.title)));
  assert.ok(s.excludes1.length > 0);
  assert.equal(svc.search('E11.22').results[0].code, 'E11.22');
});
