import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir } from '../../../src/common/paths';

test('resolveModelsDir finds the project models folder', () => {
  const dir = resolveModelsDir();
  assert.equal(path.basename(dir), 'models');
  assert.ok(fs.existsSync(path.join(dir, '..', 'package.json')));
});
