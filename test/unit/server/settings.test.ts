import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { codingOptions, DEFAULT_SETTINGS, normalizeSettings } from '../../../src/server/settings';

test('missing settings give the documented defaults', () => {
  const { settings, problems } = normalizeSettings(undefined);
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  assert.deepEqual(problems, []);
});

test('nested keys as VS Code sends them', () => {
  const { settings } = normalizeSettings({ model: { path: '/m' }, encoder: { enabled: false, threads: 4 }, severity: 'hint' });
  assert.equal(settings.modelPath, '/m');
  assert.equal(settings.encoderEnabled, false);
  assert.equal(settings.encoderThreads, 4);
  assert.equal(settings.severity, 'hint');
});

test('bad values fall back to defaults with a message naming the setting', () => {
  const { settings, problems } = normalizeSettings({ threshold: 3, severity: 'loud', languages: 'plaintext', debounceMs: -1 });
  assert.equal(settings.threshold, null);
  assert.equal(settings.severity, 'information');
  assert.deepEqual(settings.languages, DEFAULT_SETTINGS.languages);
  assert.equal(problems.length, 4);
  assert.match(problems.join('\n'), /clinicalCoder\.severity must be one of error, warning, information, hint/);
});

test('policies that show history/family ask the engine for all mentions', () => {
  assert.equal(codingOptions(DEFAULT_SETTINGS).all, false);
  assert.equal(codingOptions({ ...DEFAULT_SETTINGS, familyPolicy: 'hint' }).all, true);
});
