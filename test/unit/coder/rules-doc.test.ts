// docs/rules.md is generated from the registry and must be up to date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODING_RULES } from '../../../src/coder/rules/registry';
import { renderRulesDoc } from '../../../src/coder/rules/rules-doc';

test('docs/rules.md matches the registry (run "npm run docs:rules" after changing a rule)', () => {
  const file = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules.md');
  assert.ok(fs.existsSync(file), 'docs/rules.md missing: run "npm run docs:rules"');
  assert.equal(fs.readFileSync(file, 'utf8'), renderRulesDoc(CODING_RULES), 'docs/rules.md is out of date: run "npm run docs:rules"');
});

test('the rules document lists every rule id with its guideline', () => {
  const doc = renderRulesDoc(CODING_RULES);
  for (const r of CODING_RULES) assert.ok(doc.includes(`| \`${r.id}\` |`) && doc.includes(r.guideline.replace(/\|/g, '\\|')), r.id);
});
