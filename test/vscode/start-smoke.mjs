// Layer: the README's `npm start` on a machine without a `code` command, headless. Runs `npm start -- --browser`
// (through npm, so the outer npm's environment is there as it is for a user), waits for the printed URL, loads it in
// headless chromium, opens a sample note, waits for a suggestion's squiggle, saves a screenshot, and stops the server.
// Prints "N passed, N failed". Env: START_TIMEOUT_S (default 900: the first run installs code-server).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, '.vscode-test', 'screenshots', 'start');
mkdirSync(SHOTS, { recursive: true });
const T0 = Date.now();
const secs = () => `${((Date.now() - T0) / 1000).toFixed(1)}s`;
let passed = 0, failed = 0;
const ok = (name, detail = '') => { passed++; console.log(`✔ ${name}${detail ? `: ${detail}` : ''} (${secs()})`); };
const bad = (name, e) => { failed++; console.log(`✖ ${name}: ${String(e?.message ?? e).split('\n')[0]} (${secs()})`); };

const setup = spawnSync('bash', [join(ROOT, 'test/vscode/setup.sh'), '--chromium-only'], { stdio: 'inherit' });
if (setup.status !== 0) { console.log('chromium could not be installed'); console.log('0 passed, 1 failed'); process.exit(1); }

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const child = spawn(npm, ['start', '--', '--browser'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0' } });
let log = '';
const url = await new Promise((done) => {
  const timer = setTimeout(() => done(undefined), Number(process.env.START_TIMEOUT_S || 900) * 1000);
  const onData = (d) => {
    log += d;
    const m = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m.exec(log);
    if (m) { clearTimeout(timer); done(m[1]); }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', () => { clearTimeout(timer); done(undefined); });
});
const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ } };

if (!url) {
  bad('npm start prints the URL', `no URL; its output ended:\n${log.slice(-2000)}`);
  console.log(log.slice(-3000));
} else {
  ok('npm start prints the URL', url.slice(0, 60) + '…');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(url);
    try {
      await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'discharge-summary.note' });
      await row.waitFor({ timeout: 90000 });
      ok('the workbench opens on samples/');
      await row.click();
      await page.locator('.monaco-editor .squiggly-info').first().waitFor({ timeout: 90000 });
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(SHOTS, 'workbench-suggestions.png') });
      ok('suggestions show on the sample note', `${await page.locator('.monaco-editor .squiggly-info').count()} squiggles; screenshot ${join(SHOTS, 'workbench-suggestions.png').slice(ROOT.length + 1)}`);
    } catch (e) {
      await page.screenshot({ path: join(SHOTS, 'fail.png') }).catch(() => undefined);
      bad('the workbench shows suggestions', e);
    }
  } finally {
    await browser.close();
  }
}
stop();
const exited = await new Promise((done) => { const t = setTimeout(() => done(false), 15000); child.on('exit', () => { clearTimeout(t); done(true); }); if (child.exitCode !== null) done(true); });
if (exited) ok('Ctrl+C (SIGTERM) stops it'); else { bad('SIGTERM stops it', 'still running after 15 s'); try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
