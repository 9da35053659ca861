// Settings have one source of truth per value: the defaults in package.json (what VS Code shows) and the server's
// defaults must agree; and the coding-rule setting reaches the engine options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codingOptions, DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from '../../../src/server/settings';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] };
};
const config = manifest.contributes.configuration;
const properties = Object.assign({}, ...(Array.isArray(config) ? config : [config]).map((c) => c.properties)) as Record<string, { default?: unknown }>;

/** The manifest name of each server setting (nested ones as VS Code writes them). */
const NAMES: Record<keyof ServerSettings, string> = {
  enabled: 'enabled', languages: 'languages', include: 'include', exclude: 'exclude', threshold: 'threshold',
  maxSuggestions: 'maxSuggestions', severity: 'severity', debounceMs: 'debounceMs', policy: 'policy', historyPolicy: 'historyPolicy',
  familyPolicy: 'familyPolicy', setting: 'setting', codeUncertainAsConfirmed: 'codeUncertainAsConfirmed', modelPath: 'model.path',
  encoderEnabled: 'encoder.enabled', encoderThreads: 'encoder.threads', rulesDisabled: 'rules.disabled',
};

test('every server setting is in package.json with the same default', () => {
  for (const [key, name] of Object.entries(NAMES) as [keyof ServerSettings, string][]) {
    const p = properties[`clinicalCoder.${name}`];
    assert.ok(p, `clinicalCoder.${name} missing from package.json contributes.configuration`);
    assert.deepEqual(p.default, DEFAULT_SETTINGS[key], `clinicalCoder.${name}: package.json default differs from the server's`);
  }
});

test('clinicalCoder.rules.disabled reaches the engine options; an unknown id is reported and left out', () => {
  const { settings, problems } = normalizeSettings({ rules: { disabled: ['bmi', 'no-such-rule'] } });
  assert.deepEqual(settings.rulesDisabled, ['bmi']);
  assert.match(problems.join('\n'), /unknown rule id "no-such-rule"/);
  assert.deepEqual(codingOptions(settings).disabledRules, ['bmi']);
  assert.equal(codingOptions(DEFAULT_SETTINGS).disabledRules, undefined);
  assert.match(normalizeSettings({ rules: { disabled: 'bmi' } }).problems.join('\n'), /rules\.disabled must be a list of strings/);
});

test('clinicalCoder.setting reaches the engine as the care setting; the older boolean still means inpatient', () => {
  assert.equal(codingOptions(DEFAULT_SETTINGS).setting, 'outpatient');
  assert.equal(codingOptions(normalizeSettings({ setting: 'inpatient' }).settings).setting, 'inpatient');
  assert.equal(codingOptions(normalizeSettings({ codeUncertainAsConfirmed: true }).settings).setting, 'inpatient');
  const bad = normalizeSettings({ setting: 'icu' });
  assert.equal(bad.settings.setting, 'outpatient');
  assert.match(bad.problems.join('\n'), /setting/);
});
