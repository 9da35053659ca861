import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Finds the shipped `models/` folder. Works from the bundles in `dist/`, from sources run
 * by tsx, and from an installed VSIX. `CLINICAL_CODER_MODELS` overrides it (tests, custom installs).
 */
export function resolveModelsDir(): string {
  const override = process.env.CLINICAL_CODER_MODELS;
  if (override) return path.resolve(override);
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'models');
    if (fs.existsSync(path.join(candidate, 'icd10cm')) || fs.existsSync(path.join(candidate, 'README.md'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(__dirname, '..', 'models');
}

/** The project root (the folder holding `models/`). */
export function resolveProjectRoot(): string {
  return path.dirname(resolveModelsDir());
}

/** `../shared/data` beside the project, if present (build and evaluation inputs; absent for users). */
export function resolveSharedDataDir(): string | undefined {
  const override = process.env.CLINICAL_CODER_SHARED_DATA;
  const candidate = override ? path.resolve(override) : path.resolve(resolveProjectRoot(), '..', 'shared', 'data');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** The platform's per-user folder of a kind, for this extension: `cache` (derived, may be deleted) or `data` (work product). */
export function userDir(kind: 'cache' | 'data'): string {
  const home = os.homedir();
  const env = process.env;
  const base = process.platform === 'win32' ? (kind === 'cache' ? env.LOCALAPPDATA || path.join(home, 'AppData', 'Local') : env.APPDATA || path.join(home, 'AppData', 'Roaming'))
    : process.platform === 'darwin' ? path.join(home, 'Library', kind === 'cache' ? 'Caches' : 'Application Support')
    : kind === 'cache' ? env.XDG_CACHE_HOME || path.join(home, '.cache') : env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  return path.join(base, 'clinical-coder');
}

/** Where the extension keeps what it derives on this machine (a custom encoder's code index); `CLINICAL_CODER_CACHE_DIR` overrides it. */
export function resolveUserCacheDir(): string {
  const override = process.env.CLINICAL_CODER_CACHE_DIR;
  return override ? path.resolve(override) : userDir('cache');
}
