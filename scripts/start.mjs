// `npm start`: builds, then opens VS Code on samples/ with the extension loaded from this folder.
//  - With a `code` CLI on PATH: code --extensionDevelopmentPath=<project> samples/
//  - Otherwise (or with --browser): the offline browser VS Code — code-server on 127.0.0.1, installed on
//    first use into the user's cache (~/.cache/clinical-coder/vscode-test; Node 24 + code-server from the npm
//    registry) — and prints the URL to open. Ctrl+C stops it. Env: PORT (default: a free port), CACHE.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = join(ROOT, 'samples');
const CACHE = process.env.CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'clinical-coder', 'vscode-test');
// The pinned versions live in test/vscode/versions.sh (shared with the test scripts that install them).
const pinned = (name) => new RegExp(`^${name}="\\$\\{${name}:-([^}]+)\\}"`, 'm').exec(readFileSync(join(ROOT, 'test/vscode/versions.sh'), 'utf8'))?.[1];
const CS_VERSION = process.env.CS_VERSION || pinned('CS_VERSION');
const NODE24 = process.env.NODE24 || pinned('NODE24');
const forceBrowser = process.argv.includes('--browser') || process.env.CLINICAL_CODER_BROWSER === '1';

// What this npm exports to its scripts (npm_config_*, npm_lifecycle_*, npm_package_*) is not for the programs
// started from here: a nested npm would take this npm's user agent (Node 20) and prefix as its own.
const ownEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NPM_|INIT_CWD$|NODE$)/.test(k)));

function must(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env: { ...ownEnv, CACHE } });
  if (r.status !== 0) { console.error(`npm start: ${what} failed (exit ${r.status}).`); process.exit(r.status || 1); }
}

must(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], 'the build');

const hasCode = !forceBrowser && spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log(`Opening VS Code on samples/ with the extension from ${ROOT}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${ROOT}`, SAMPLES], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 0);
}

console.log('No `code` command found: starting the offline browser VS Code (code-server) instead.');
must('bash', [join(ROOT, 'test/vscode/setup.sh'), '--no-chromium'], 'installing code-server');
const node24 = join(CACHE, `node-v${NODE24}`, 'bin');
const cs = join(CACHE, `code-server-${CS_VERSION}`, 'bin', 'code-server');
const profile = join(CACHE, 'start-profile');
mkdirSync(join(profile, 'ud', 'User'), { recursive: true });
mkdirSync(join(profile, 'exts'), { recursive: true });
if (!existsSync(join(profile, 'ud', 'User', 'settings.json'))) cpSync(join(ROOT, 'test/vscode/settings.json'), join(profile, 'ud', 'User', 'settings.json'));

const child = spawn(cs, [
  '--config', '/dev/null', '--bind-addr', `127.0.0.1:${process.env.PORT || 0}`, '--auth', 'none',
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  // Lets the workbench URL's payload load the extension from this folder (extensionDevelopmentPath).
  '--vscode-option', 'enable-smoke-test-driver',
  '--user-data-dir', join(profile, 'ud'), '--extensions-dir', join(profile, 'exts'),
], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...ownEnv, PATH: `${node24}:${process.env.PATH}` } });

let printed = false;
const onOutput = (d) => {
  const text = String(d);
  if (process.env.CLINICAL_CODER_VERBOSE) process.stdout.write(text);
  const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
  if (m && !printed) {
    printed = true;
    const base = m[1];
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${new URL(base).host}${ROOT}`], ['skipWelcome', 'true']]);
    const url = `${base}/?folder=${encodeURIComponent(SAMPLES)}&payload=${encodeURIComponent(payload)}`;
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    console.log(`\nClinical Coder ${version} is running in the browser VS Code (local only, no sign-in, no network).`);
    console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n`);
    console.log('Open a note in samples/ (e.g. discharge-summary.note) to see the suggestions. Ctrl+C stops the server.');
  }
};
child.stdout.on('data', onOutput);
child.stderr.on('data', onOutput);
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
