// The project root, from the test sources run by tsx (CommonJS or ESM, any working directory).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The nearest folder above this file (or the working directory) holding webview/main.ts. */
function findRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (let i = 0; i < 6; i++) {
      if (existsSync(join(dir, 'webview', 'main.ts')) && existsSync(join(dir, 'package.json'))) return dir;
      dir = resolve(dir, '..');
    }
  }
  return resolve(__dirname, '..', '..');
}

export const ROOT = findRoot();
