// Code Explorer in the real workbench (code-server + headless chromium), in the light and the dark theme:
//   1) the hierarchy expanded down to E11.22,
//   2) the code detail of S72.001A (Excludes1 notes, 7th characters),
//   3) the note summary of samples/discharge-summary.note after accepting a code.
// Screenshots: <shots>/explorer-<theme>-{1-tree,2-detail,2b-detail-7th-characters,3-summary,3b-summary-accepted}.png. Prints "N passed, N failed".
// usage: EXT_DEV=<project> USER_SETTINGS=<settings.json> node test/vscode/explorer-ui.mjs <baseUrl> <workspace> <shots>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, folder, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const T0 = Date.now();
const secs = () => `${((Date.now() - T0) / 1000).toFixed(1)}s`;
let passed = 0, failed = 0;
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

async function check(page, name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`✔ ${name}${detail ? `: ${detail}` : ''} (${secs()})`);
  } catch (e) {
    failed++;
    console.log(`✖ ${name}: ${e.message.split('\n')[0]} (${secs()})`);
    await page.screenshot({ path: join(shots, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  }
}

/** The frame holding the Code Explorer page (VS Code nests it two iframes deep). */
async function explorerFrame(page, timeout = 60000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (await f.$('body[data-ready="true"] vscode-tree').catch(() => null)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the Code Explorer webview did not become ready');
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

for (const [theme, themeName] of Object.entries(THEMES).filter(([t]) => !process.env.THEME || process.env.THEME === t)) {
  if (process.env.USER_SETTINGS) {
    const s = JSON.parse(readFileSync(process.env.USER_SETTINGS, 'utf8'));
    s['workbench.colorTheme'] = themeName;
    writeFileSync(process.env.USER_SETTINGS, JSON.stringify(s, null, 2));
  }
  const ctx = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const page = await ctx.newPage();
  if (process.env.DEBUG_UI) page.on('console', (m) => { if (/error|warn|clinical|extension/i.test(m.text())) console.log('[console]', m.type(), m.text().slice(0, 300)); });
  let url = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
  if (process.env.EXT_DEV) {
    const payload = [['extensionDevelopmentPath', `vscode-remote://${new URL(baseUrl).host}${process.env.EXT_DEV}`], ['skipWelcome', 'true']];
    url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  try {
    await page.goto(url);
    let frame;
    await check(page, `[${theme}] open a note and the Code Explorer beside it`, async () => {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'discharge-summary.note' });
      await row.waitFor({ timeout: 90000 });
      await row.click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'DISCHARGE SUMMARY' }).waitFor({ timeout: 30000 });
      await page.locator('.monaco-editor .squiggly-info').first().waitFor({ timeout: 90000 });
      await runCommand(page, 'Clinical Coder: Open Code Explorer');
      await page.locator('.tabs-container .tab', { hasText: 'Code Explorer' }).first().waitFor({ timeout: 30000 });
      frame = await explorerFrame(page);
      return `${await frame.locator('vscode-tree > vscode-tree-item').count()} chapters`;
    });
    if (!frame) continue;
    const item = (c) => `vscode-tree-item[data-code="${c}"]`;

    await check(page, `[${theme}] hierarchy expanded to E11.22`, async () => {
      for (const c of ['CH04', 'E08-E13', 'E11', 'E11.2']) {
        await frame.click(`${item(c)} > .node-title`);
        await frame.waitForSelector(`${item(c)}[open]`, { state: 'attached' });
      }
      await frame.click(`${item('E11.22')} > .node-title`);
      await frame.waitForSelector(`${item('E11.22')}[selected]`, { state: 'attached' });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(shots, `explorer-${theme}-1-tree.png`) });
      return (await frame.getAttribute(item('E11.22'), 'aria-label')) ?? '';
    });

    await check(page, `[${theme}] code detail with Excludes1 and 7th characters (S72.001A)`, async () => {
      await frame.click('#search');
      await page.keyboard.type('S72.001A');
      await frame.waitForSelector('.results li[data-code="S72.001A"]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await frame.waitForSelector('.seventh-table');
      const ex1 = await frame.locator('.section-excludes1 li').count();
      if (!ex1) throw new Error('no Excludes1 notes shown');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(shots, `explorer-${theme}-2-detail.png`) });
      await frame.locator('.section-seventh').scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, `explorer-${theme}-2b-detail-7th-characters.png`) });
      return `${ex1} Excludes1 notes, ${await frame.locator('.seventh-table tbody tr').count()} 7th characters`;
    });

    await check(page, `[${theme}] note summary with an accepted code`, async () => {
      await frame.click('vscode-tab-header[data-tab="summary"]');
      await frame.waitForSelector('.summary .item');
      if (!(await frame.locator('.group-accepted .item').count())) {
        await frame.locator('.group-pending .item vscode-button', { hasText: 'Accept' }).first().click();
        await frame.waitForSelector('.group-accepted .item');
      }
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(shots, `explorer-${theme}-3-summary.png`) });
      await frame.locator('.group-accepted').scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, `explorer-${theme}-3b-summary-accepted.png`) });
      return (await frame.textContent('.counts'))?.trim();
    });

    await check(page, `[${theme}] clicking an evidence snippet selects it in the note`, async () => {
      const ev = frame.locator('.group-accepted .evidence').first();
      const text = (await ev.locator('.evidence-text').textContent())?.trim() ?? '';
      await ev.click();
      const status = page.locator('.statusbar-item', { hasText: /selected/ });
      await status.first().waitFor({ timeout: 15000 });
      const said = (await status.first().innerText()).trim();
      const n = Number(/\((\d+) selected\)/.exec(said)?.[1]);
      if (n !== text.length) throw new Error(`selected ${n} characters, evidence has ${text.length} (${JSON.stringify(text)})`);
      await page.screenshot({ path: join(shots, `explorer-${theme}-4-evidence-revealed.png`) });
      return `${said} for ${JSON.stringify(text)}`;
    });

    if (theme === 'light') await check(page, `[${theme}] after a window reload the serializer restores the panel and its view`, async () => {
      await page.waitForTimeout(800); // the view state is saved when the page is idle
      // VS Code's own reload runs the shutdown lifecycle, which flushes the workbench state (the webview's saved
      // view state with it) before the page goes; a bare page.reload() races that flush and can restore stale state.
      await Promise.all([page.waitForEvent('load', { timeout: 60000 }), runCommand(page, 'Developer: Reload Window')]);
      await page.locator('.tabs-container .tab', { hasText: 'Code Explorer' }).first().waitFor({ timeout: 60000 });
      await page.locator('.tabs-container .tab', { hasText: 'Code Explorer' }).first().click();
      const f = await explorerFrame(page);
      // After a reload the language server starts again and re-codes the note before the summary fills (tens of
      // seconds on a loaded 2-core machine): the same minute the other waits allow.
      await f.waitForSelector('.summary .group-accepted .item', { state: 'attached', timeout: 60000 });
      const tab = await f.evaluate('document.querySelector("vscode-tabs").selectedIndex');
      if (tab !== 2) throw new Error(`restored on tab ${tab}, expected the Note tab (2)`);
      const detail = (await f.textContent('.detail-title'))?.trim() ?? '';
      if (!detail.startsWith('S72.001A')) throw new Error(`restored code detail is ${JSON.stringify(detail)}`);
      await page.screenshot({ path: join(shots, `explorer-${theme}-5-restored-after-reload.png`) });
      return 'Note tab, accepted code and the S72.001A detail are back';
    });
  } catch (e) {
    failed++;
    console.log(`✖ [${theme}] aborted: ${e.message.split('\n')[0]}`);
  } finally {
    await ctx.close();
  }
}
await browser.close();
console.log(`Code Explorer UI check done in ${secs()}; screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
