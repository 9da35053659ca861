// Behaviour of the committed FY2026 knowledge base (models/icd10cm). Facts asserted here were
// checked in the CMS source files; sources.test.ts re-checks a set of them against those files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { IcdCodeError, loadKnowledgeBase } from '../../../src/icd/index';

const kb = loadKnowledgeBase();

test('loadKnowledgeBase is cached per models folder', () => {
  assert.equal(loadKnowledgeBase(), kb);
});

test('counts: 74,719 billable FY2026 codes, 22 chapters, every block holds codes', () => {
  assert.equal(kb.meta.fiscalYear, 2026);
  assert.equal(kb.meta.counts.billableCodes, 74719);
  assert.equal(kb.meta.counts.orderLines, 98186);
  let billable = 0, all = 0;
  for (const e of kb.billableCodes()) { billable++; assert.ok(e.billable); }
  for (const e of kb.allCodes()) { all++; assert.notEqual(e.kind, 'chapter'); assert.notEqual(e.kind, 'block'); }
  assert.equal(billable, 74719);
  assert.equal(all, 98186);
  assert.equal(kb.chapters().length, 22);
  assert.equal(kb.meta.counts.blocksWithCodes, kb.meta.counts.blocks);
  assert.deepEqual(kb.meta.sources.map((s) => s.fiscalYear).sort(), [2023, 2023, 2025, 2025, 2025, 2026]);
  for (const s of kb.meta.sources) assert.match(s.sha256, /^[0-9a-f]{64}$/);
});

test('E11.22: title, kind, and ancestors nearest first up to chapter 4', () => {
  const e = kb.get('E11.22')!;
  assert.equal(e.longTitle, 'Type 2 diabetes mellitus with diabetic chronic kidney disease');
  assert.equal(e.shortTitle, 'Type 2 diabetes mellitus w diabetic chronic kidney disease');
  assert.equal(e.billable, true);
  assert.equal(e.kind, 'code');
  assert.equal(e.parent, 'E11.2');
  assert.deepEqual(e.chapter, { number: 4, title: 'Endocrine, nutritional and metabolic diseases', range: 'E00-E89' });
  assert.deepEqual(e.block, { range: 'E08-E13', title: 'Diabetes mellitus' });
  assert.deepEqual(kb.ancestors('E11.22').map((a) => [a.code, a.kind]), [['E11.2', 'subcategory'], ['E11', 'category'], ['E08-E13', 'block'], ['CH04', 'chapter']]);
  assert.equal(e.depth, 4);
  assert.ok(kb.children('E11.2').some((c) => c.code === 'E11.22'));
  assert.ok(kb.siblings('E11.22').some((c) => c.code === 'E11.21'));
  assert.ok(!kb.siblings('E11.22').some((c) => c.code === 'E11.22'));
  assert.equal(kb.isBillable('E11.2'), false);
});

test('entries are shared and frozen, so one caller cannot change another\'s', () => {
  const e = kb.get('E11.2')!;
  assert.equal(kb.get('e112'), e);
  assert.throws(() => { (e as { longTitle: string }).longTitle = 'x'; }, TypeError);
  assert.throws(() => { (e.children as string[]).push('X'); }, TypeError);
});

test('chapters and nested blocks are entries too', () => {
  const ch = kb.get('CH02')!;
  assert.equal(ch.kind, 'chapter');
  assert.equal(ch.chapter.range, 'C00-D49');
  assert.equal(kb.get('4')!.code, 'CH04');
  // "Malignant neoplasms (C00-C96)" groups narrower sections.
  assert.deepEqual(kb.ancestors('C00').map((a) => a.code), ['C00-C14', 'C00-C75', 'C00-C96', 'CH02']);
  assert.equal(kb.get('B10-B10')!.kind, 'block', 'single-category blocks have both ends');
  assert.equal(kb.get('B10')!.kind, 'category');
});

test('S72.001A is valid through 7th-character expansion of S72.001 (definition at S72)', () => {
  const e = kb.get('S72.001A')!;
  assert.equal(e.billable, true);
  assert.equal(e.parent, 'S72.001');
  assert.equal(e.longTitle, 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture');
  const chars = kb.sevenCharacters('S72.001A');
  assert.equal(chars.length, 16);
  assert.deepEqual(chars[0], { char: 'A', meaning: 'initial encounter for closed fracture' });
  const expanded = kb.expandSevenCharacters('S72.001');
  assert.equal(expanded.length, 16);
  assert.ok(expanded.includes('S72.001A'));
  assert.ok(expanded.every((c) => kb.isBillable(c)));
  // Placeholder X pads short bases: T36.0X1 -> T36.0X1A; W11 -> W11.XXXA.
  assert.deepEqual(kb.expandSevenCharacters('T36.0X1'), ['T36.0X1A', 'T36.0X1D', 'T36.0X1S']);
  assert.deepEqual(kb.expandSevenCharacters('W11'), ['W11.XXXA', 'W11.XXXD', 'W11.XXXS']);
  assert.ok(kb.sevenCharacters('S72.001A').some((c) => c.char === 'S' && c.meaning === 'sequela'));
  assert.ok(kb.notes('S72.001A').some((n) => n.kind === 'sevenChrNote' && n.from === 'S72'));
  assert.ok(kb.meta.counts.sevenChrExpandedValidInFY2026 > 50000);
});

test('I10 notes: its own Excludes1/Excludes2, then inherited ones tagged with their source', () => {
  const notes = kb.notes('I10');
  const ex1 = notes.filter((n) => n.kind === 'excludes1');
  assert.ok(ex1.some((n) => n.from === 'I10' && n.text.startsWith('hypertensive disease complicating pregnancy') && n.codes.includes('O10-O11')));
  assert.ok(ex1.some((n) => n.from === 'I10-I16' && n.text === 'neonatal hypertension (P29.2)' && n.codes.includes('P29.2')));
  assert.ok(ex1.some((n) => n.from === 'I10-I16' && n.codes.includes('I27.0')));
  const ex2 = notes.filter((n) => n.kind === 'excludes2');
  assert.ok(ex2.some((n) => n.from === 'I10' && n.codes.includes('I60-I69')));
  assert.ok(ex2.some((n) => n.from === 'CH09'), 'chapter 9 Excludes2 are inherited');
  assert.ok(notes.some((n) => n.kind === 'includes' && n.text === 'high blood pressure'));
  // Own notes come before inherited ones.
  const firstInherited = notes.findIndex((n) => n.from !== 'I10');
  assert.ok(notes.slice(firstInherited).every((n) => n.from !== 'I10'));
});

test('codes added after FY2023 have no tabular notes of their own but inherit their category\'s', () => {
  const notes = kb.notes('E11.A'); // new in FY2025: type 2 diabetes without complications in remission
  assert.ok(kb.get('E11.A'));
  assert.ok(notes.length > 0);
  assert.ok(notes.every((n) => n.from !== 'E11.A'));
  assert.ok(notes.some((n) => n.kind === 'excludes1' && n.from === 'E11' && n.codes.includes('E10')));
  // New category I1A (resistant hypertension) sits in its range block and inherits from it.
  assert.equal(kb.get('I1A.0')!.block.range, 'I10-I16');
  assert.ok(kb.notes('I1A.0').some((n) => n.from === 'I10-I16'));
});

test('inclusion terms stay with their code and are not inherited', () => {
  assert.ok(kb.notes('A00.0').some((n) => n.kind === 'inclusionTerm' && n.text === 'Classical cholera'));
  assert.ok(!kb.notes('A00').some((n) => n.kind === 'inclusionTerm' && n.text === 'Classical cholera'));
});

test('index "Infarction, myocardial" leads to I21 (acute myocardial infarction)', () => {
  const [top] = kb.lookupIndex('Infarction, myocardial');
  assert.deepEqual(top.path, ['Infarct, infarction', 'myocardium, myocardial']);
  assert.deepEqual(top.codes, ['I21.9']);
  assert.ok(top.codes.every((c) => c.startsWith('I21')));
  assert.ok(kb.ancestors(top.codes[0]).some((a) => a.code === 'I21'));
});

test('"Heart attack" resolves through its see reference to Infarct, myocardium', () => {
  const [top] = kb.lookupIndex('Heart attack');
  assert.deepEqual(top.path, ['Attack, attacks', 'heart']);
  assert.equal(top.see, 'infarct, myocardium');
  assert.deepEqual(top.seeTarget, ['Infarct, infarction', 'myocardium, myocardial']);
  assert.deepEqual(top.codes, ['I21.9']);
  assert.equal(kb.search('heart attack', 1)[0].code, 'I21.9');
});

test('a see reference reads on to the target subterm for the words it leaves over', () => {
  // "Hypertensive urgency, see Hypertension": Hypertension's subterm "urgency" is I16.0, not Hypertension's I10.
  const [urgency] = kb.lookupIndex('Hypertensive urgency');
  assert.deepEqual(urgency.path, ['Hypertensive urgency']);
  assert.deepEqual(urgency.codes, ['I16.0']);
  // "Pain, foot, see Pain, limb, lower": the lower limb's subterm "foot" is M79.67-, not pain in leg M79.60-.
  const foot = [...kb.indexEntries()].find((h) => h.path.join(', ') === 'Pain(s), foot' || (h.path[0].startsWith('Pain') && h.path[1] === 'foot' && h.path.length === 2))!;
  assert.ok(foot.codes.length && foot.codes.every((c) => c.startsWith('M79.67')), foot.codes.join(' '));
  // A reference with no words left over leads to the target itself.
  const [heart] = kb.lookupIndex('Heart attack');
  assert.deepEqual(heart.codes, ['I21.9']);
});

test('index manifestation codes and header references', () => {
  const [amyloid] = kb.lookupIndex('Amyloid heart');
  assert.deepEqual(amyloid.codes, ['E85.4']);
  assert.deepEqual(amyloid.manifestation, ['I43']);
  // A reference to a header leads to its billable descendants and needs more specificity.
  const fall = kb.lookupExternalCause('fall from ladder')[0];
  assert.equal(fall.needsMoreSpecificity, true);
  assert.deepEqual(fall.referenced, ['W11']);
  assert.deepEqual(fall.codes, ['W11.XXXA', 'W11.XXXD', 'W11.XXXS']);
  const hdr = [...kb.indexEntries()].find((h) => h.referenced?.includes('H93.29'))!;
  assert.equal(hdr.needsMoreSpecificity, true);
  assert.deepEqual(hdr.codes, ['H93.291', 'H93.292', 'H93.293', 'H93.299']);
  assert.ok(hdr.codes.every((c) => kb.isBillable(c)));
});

test('indexPaths: the index paths leading to a code are its synonyms', () => {
  const paths = kb.indexPaths('I21.9');
  assert.ok(paths.some((p) => p.join(', ') === 'Infarct, infarction, myocardium, myocardial'));
  assert.ok(paths.some((p) => p.join(', ') === 'Attack, attacks, heart'), 'see terms that land here count');
  assert.deepEqual(kb.indexPaths('no such code'), []);
  let n = 0;
  for (const h of kb.indexEntries()) { n++; assert.ok(h.path.length >= 1); }
  assert.equal(n, kb.meta.counts.indexTerms);
});

test('Neoplasm and Drug tables are lookup tables by site / substance', () => {
  const [lung] = kb.neoplasmTable('lung, upper lobe');
  assert.deepEqual(lung.path, ['Neoplasm, neoplastic', 'lung', 'upper lobe']);
  assert.equal(lung.cells['Malignant Primary'], 'C34.1');
  assert.equal(lung.cells['Malignant Secondary'], 'C78.0');
  assert.equal([...kb.tableEntries('neoplasm')].length, kb.meta.counts.neoplasmRows);
  assert.equal([...kb.tableEntries('drug')].length, kb.meta.counts.drugRows);
  const [acet] = kb.drugTable('acetaminophen');
  assert.equal(acet.cells['Poisoning Accidental (unintentional)'], 'T39.1X1');
  assert.equal(acet.cells['Adverse effect'], 'T39.1X5');
});

test('normalize accepts e11.22 / E1122 / E11.22 and explains rejections', () => {
  for (const s of ['e11.22', 'E1122', 'E11.22', ' e1122 ']) assert.equal(kb.normalize(s), 'E11.22');
  assert.equal(kb.normalize('i10'), 'I10');
  assert.equal(kb.normalize('e08-e13'), 'E08-E13');
  assert.throws(() => kb.normalize('garbage!!'), (e: unknown) => e instanceof IcdCodeError && /not an ICD-10-CM code/.test(e.message));
  assert.throws(() => kb.normalize('E11.99'), (e: unknown) => e instanceof IcdCodeError && /not in the FY2026/.test(e.message));
  assert.throws(() => kb.normalize(''), IcdCodeError);
  assert.throws(() => kb.normalize(undefined as unknown as string), IcdCodeError);
});

test('search normalises case, punctuation, plurals, word order and code spellings', () => {
  const a = kb.search('type 2 diabetes with chronic kidney disease', 3).map((h) => h.code);
  const b = kb.search('DIABETES, TYPE-2 with: chronic kidney diseases!!', 3).map((h) => h.code);
  const c = kb.search('with kidney disease chronic diabetes type 2', 3).map((h) => h.code);
  assert.equal(a[0], 'E11.22');
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  assert.equal(kb.search('T2DM with CKD', 1)[0].code, 'E11.22');
  assert.equal(kb.search('pneumonias', 1)[0].code, 'J18.9');
  assert.equal(kb.search('fractured neck of femur', 3).filter((h) => h.code.startsWith('S72.0')).length, 3);
  assert.deepEqual(kb.search('e1122', 1).map((h) => [h.code, h.score]), [['E11.22', 1]]);
  const e11 = kb.search('E11', 5);
  assert.equal(e11[0].code, 'E11');
  assert.ok(e11.slice(1).every((h) => h.code.startsWith('E11.')));
  const hit = kb.search('Classical cholera', 1)[0];
  assert.equal(hit.code, 'A00.0');
  assert.ok(hit.score > 0 && hit.score <= 1);
});

test('bad input never throws: unknown or malformed codes, empty or absurd strings', () => {
  const junk: unknown[] = ['', '   ', '!!!', 'zzzz qqqq', 'x'.repeat(100000), 'E99.999', '💥'.repeat(50), null, undefined, 42, {}, [], 'of the and'];
  for (const j of junk) {
    const s = j as string;
    assert.doesNotThrow(() => {
      kb.get(s); kb.ancestors(s); kb.children(s); kb.siblings(s); kb.isBillable(s); kb.notes(s); kb.indexPaths(s);
      kb.lookupIndex(s); kb.lookupExternalCause(s); kb.neoplasmTable(s); kb.drugTable(s); kb.search(s); kb.search(s, -5); kb.search(s, NaN);
      kb.sevenCharacters(s); kb.expandSevenCharacters(s); kb.excludes1Conflicts([s]);
    }, `threw on ${String(j).slice(0, 20)}`);
  }
  assert.equal(kb.get('E99.999'), undefined);
  assert.deepEqual(kb.search(''), []);
  assert.deepEqual(kb.search('zzzz qqqq'), []);
  assert.deepEqual(kb.lookupIndex('   '), []);
  assert.deepEqual(kb.excludes1Conflicts(null as unknown as string[]), []);
  assert.equal(kb.search('fracture', 1000).length, 200, 'k is capped');
});

test('excludes1Conflicts finds pairs an Excludes1 note forbids, in either order, with the note', () => {
  const c = kb.excludes1Conflicts(['E10.9', 'E11.9', 'J45.909']);
  assert.equal(c.length, 1);
  assert.deepEqual([c[0].a, c[0].b].sort(), ['E10.9', 'E11.9']);
  assert.match(c[0].note, /Excludes1 at E1[01]/);
  // I10's own Excludes1 cites the range O10-O11.
  assert.ok(kb.excludes1Conflicts(['O10.011', 'I10']).some((x) => x.a === 'I10' && x.b === 'O10.011'));
  assert.deepEqual(kb.excludes1Conflicts(['I10', 'E11.9']), []);
  assert.deepEqual(kb.excludes1Conflicts(['E11.9', 'e119']), [], 'the same code twice is no conflict');
});
