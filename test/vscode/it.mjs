// Runs the Mocha suite inside code-server's Node extension host — what @vscode/test-electron's
// runTests({ extensionDevelopmentPath, extensionTestsPath }) does with a desktop VS Code. The workbench is
// driven by headless Chromium; the extension host's console (Mocha's reporter) is relayed here.
// usage: node test/vscode/it.mjs <baseUrl> <workspaceFolder> <extensionDevelopmentPath> <extensionTestsPath>
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const [baseUrl, folder, extDev, extTests] = process.argv.slice(2);
const T0 = Date.now();
const host = new URL(baseUrl).host;
const remote = (p) => `vscode-remote://${host}${p}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(extDev)],
  ['extensionTestsPath', remote(extTests)],
  ['skipWelcome', 'true'],
]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await (await browser.newContext()).newPage();
let done;
const exited = new Promise((r) => (done = r));
const logFile = process.env.IT_LOG || 'it-workbench.log';
const noise = /\[(AgentHost|AccountPolicyGate|ChatModelSelection)\]|getaddrinfo|ENOTFOUND|ERR_NAME_NOT_RESOLVED|^\s+at /;
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const text = format(...(Array.isArray(args) ? args : [args]));
  appendFileSync(logFile, `[${type}] ${text}\n`);
  const lines = text.split('\n').filter((l) => !noise.test(l));
  if (lines.length && !noise.test(text.split('\n')[0])) console.log(lines.join('\n'));
});
await page.exposeFunction('codeAutomationExit', (code) => done(code));
page.on('pageerror', (e) => console.error('[pageerror]', e.message));
await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
const timeout = new Promise((r) => setTimeout(() => r('timeout'), +(process.env.IT_TIMEOUT_MS || 180000)));
const code = await Promise.race([exited, timeout]);
console.log(`extension host exited with ${code} after ${((Date.now() - T0) / 1000).toFixed(1)}s`);
await browser.close();
process.exit(code === 0 ? 0 : 1);
