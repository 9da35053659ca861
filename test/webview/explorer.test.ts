// Code Explorer webview logic in a real browser (headless Debian chromium): the built dist/webview.js
// in the extension's own page and CSP, with acquireVsCodeApi stubbed by test/webview/harness.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkipReason, ExplorerPage, launchBrowser, type Theme } from './harness';
import { loadFixtureKb } from './fixtureKb';
import { IMG_TEXT, JS_LINK_TEXT, SCRIPT_TEXT, XSS_NOTE_URI, xssCoding } from './fixtures/notes';

const skip = browserSkipReason();
let browser: Browser;
const kb = loadFixtureKb();
const NOTE = { uri: XSS_NOTE_URI, name: 'ed-visit.note' };

before(async () => { if (!skip) browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const item = (code: string) => `vscode-tree-item[data-code="${code}"]`;
const label = (code: string) => `${item(code)} > .node-title`;

/** vscode-textfield is not a native input for page.fill: clear it the way a user would. */
async function clearSearch(page: import('playwright-core').Page): Promise<void> {
  await page.focus('#search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
}

async function open(fx: Partial<Parameters<typeof ExplorerPage.open>[1]> = {}): Promise<ExplorerPage> {
  return ExplorerPage.open(browser, { kb, ...fx });
}

test('opens on the chapters under a strict CSP, with no remote requests and no errors', { skip }, async () => {
  const ep = await open();
  const { page } = ep;
  assert.deepEqual(await page.$$eval('vscode-tree > vscode-tree-item', (els) => els.map((e) => (e as HTMLElement).dataset.code)), ['CH04', 'CH09', 'CH14', 'CH19']);
  // Lazy: nothing below the chapters exists until asked for.
  assert.equal(await page.locator(item('E08-E13')).count(), 0);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp!, /script-src 'nonce-[A-Za-z0-9]+'/);
  assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval/);
  const origin = new URL(page.url()).origin;
  for (const src of csp!.match(/https?:\/\/[^\s;]+/g) ?? []) assert.equal(src, origin, 'only the page\'s own origin');
  assert.equal(await page.locator('script:not([nonce])').count(), 0);
  assert.deepEqual(await ep.cspViolations(), []);
  assert.deepEqual(ep.blockedRequests, []);
  assert.deepEqual(ep.pageErrors, []);
  assert.ok(await page.evaluate(() => performance.getEntriesByName('explorer:ready').length === 1));
  assert.deepEqual(ep.posted[0], { type: 'ready' });
  await ep.close();
});

for (const noPrefetch of [false, true]) test(`expands chapter › block › category › subcategory › code on demand, by mouse and keyboard; billable codes marked${noPrefetch ? ' (no look-ahead)' : ''}`, { skip }, async () => {
  const ep = await open({ noPrefetch });
  const { page } = ep;
  await page.click(label('CH04'));
  await page.waitForSelector(item('E08-E13'));
  await page.click(label('E08-E13'));
  await page.waitForSelector(item('E11'));
  // Keyboard: focus E11, ArrowRight opens it, ArrowDown + ArrowRight opens E11.2.
  await page.click(label('E11'));
  await page.waitForSelector(item('E11.2'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector(item('E11.22'));
  assert.equal(await page.getAttribute(item('E11.2'), 'open'), '');
  assert.equal(await page.getAttribute(item('E11.2'), 'aria-expanded'), 'true');
  assert.equal(await page.locator(`${item('E11.22')} > .billable-mark`).count(), 1);
  assert.equal(await page.locator(`${item('E11')} > .billable-mark`).count(), 0);
  assert.match((await page.getAttribute(item('E11.22'), 'aria-label'))!, /^E11\.22 Type 2 diabetes mellitus with diabetic chronic kidney disease, billable$/);
  assert.equal(await page.getAttribute('vscode-tree', 'role'), 'tree');
  assert.equal(await page.getAttribute(item('E11.22'), 'role'), 'treeitem');
  // Each level was fetched once: on expansion, or ahead of time by the one-level look-ahead.
  const reqs = (method: string) => ep.posted.flatMap((m) => (m.type === 'request' && m.method === method ? [m.params as { code?: string; codes?: string[] }] : []));
  const direct = reqs('clinicalCoder/explorer/children').map((p) => p.code!);
  const ahead = reqs('clinicalCoder/explorer/childrenMany').flatMap((p) => p.codes!);
  const asked = [...direct, ...ahead];
  assert.equal(new Set(direct).size, direct.length, `fetched twice: ${direct.join(' ')}`);
  if (!noPrefetch) assert.deepEqual(direct.filter((c) => ahead.includes(c)), [], 'prefetched levels are not fetched again');
  for (const c of ['CH04', 'E08-E13', 'E11', 'E11.2']) assert.ok(noPrefetch ? direct.includes(c) : asked.includes(c), `${c} never fetched`);
  assert.ok(!asked.includes('E11.22') && !asked.includes('E10.9'), 'leaves are never fetched');
  // Enter on a code opens its detail.
  await page.click(label('E11.22'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.detail-title >> text=E11.22');
  assert.equal(await page.evaluate(() => (document.querySelector('vscode-tabs') as unknown as { selectedIndex: number }).selectedIndex), 1);
  await ep.close();
});

test('type-ahead search over titles, inclusion terms, index synonyms and codes; arrows + Enter open a result', { skip }, async () => {
  const ep = await open();
  const { page } = ep;
  const results = () => page.$$eval('.results li[data-code]', (els) => els.map((e) => (e as HTMLElement).dataset.code));
  await page.click('#search');
  await page.keyboard.type('high blood');
  await page.waitForFunction(() => document.querySelector('.results li[data-code="I10"]'));
  assert.ok((await results()).includes('I10'));
  assert.match(await page.textContent('.results li[data-code="I10"] .matched') ?? '', /high blood pressure/);
  assert.equal(await page.isHidden('vscode-tree'), true);
  await clearSearch(page);
  await page.keyboard.type('kimmelstiel');
  await page.waitForFunction(() => document.querySelector('.results li[data-code="E11.21"] .matched'));
  assert.match(await page.textContent('.results li[data-code="E11.21"] .matched') ?? '', /index: Kimmelstiel \(-Wilson\) disease/);
  await clearSearch(page);
  await page.keyboard.type('e1122');
  await page.waitForFunction(() => document.querySelector('.results li[data-code]')?.getAttribute('data-code') === 'E11.22');
  await clearSearch(page);
  await page.keyboard.type('zzzz');
  await page.waitForFunction(() => /No codes match/.test(document.querySelector('.results-status')?.textContent ?? ''));
  // Keyboard: results are reachable with ArrowDown, Enter opens the detail.
  await clearSearch(page);
  await page.keyboard.type('hypertension');
  await page.waitForSelector('.results li[data-code="I10"]');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code), (await results())[0]);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.detail-title');
  // Back on the Hierarchy tab, Escape clears the query and shows the tree again.
  await page.click('vscode-tab-header[data-tab="hierarchy"]');
  await page.focus('#search');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !(document.querySelector('vscode-tree') as HTMLElement).hidden);
  await ep.close();
});

test('code detail: breadcrumb, Excludes1/2 and other notes with clickable codes, index terms, 7th characters, children, siblings', { skip }, async () => {
  const ep = await open();
  const { page } = ep;
  await ep.send({ type: 'showCode', code: 'E11.22' });
  await page.waitForSelector('.detail-title >> text=E11.22');
  assert.deepEqual(await page.$$eval('.breadcrumb > *:not(.sep)', (els) => els.map((e) => e.textContent)), ['E00-E89', 'E08-E13', 'E11', 'E11.2', 'E11.22']);
  assert.match(await page.textContent('.detail-flags') ?? '', /Billable/);
  assert.match(await page.textContent('.section-excludes1') ?? '', /type 1 diabetes mellitus \(E10\.-\)/);
  assert.match(await page.textContent('.section-excludes1 .from') ?? '', /from E11/);
  assert.match(await page.textContent('.section-use-additional') ?? '', /N18\.1-N18\.6/);
  assert.deepEqual(await page.$$eval('.section-index-terms-leading-here li', (els) => els.map((e) => e.textContent)),
    ['Diabetes, type 2, with, chronic kidney disease', 'Disease, kidney, chronic, diabetic, type 2']);
  assert.deepEqual(await page.$$eval('.section-siblings .code-link', (els) => els.map((e) => e.textContent)), ['E11.21', 'E11.29']);
  // The tree was opened down to the code and the code selected.
  await page.waitForFunction(() => document.querySelector('vscode-tree-item[data-code="E11.22"]')?.hasAttribute('selected'));
  // Codes in notes are buttons: click the Excludes1 code.
  await page.click('.section-excludes1 .code-link[data-code="E10"]');
  await page.waitForSelector('.detail-title >> text=Type 1 diabetes mellitus');
  // 7th characters (inherited from S72) on a subcategory, with Excludes1 and the 7th-character note.
  await ep.send({ type: 'showCode', code: 'S72.001' });
  await page.waitForSelector('.seventh-table');
  assert.deepEqual(await page.$$eval('.seventh-table tbody td.node-key', (els) => els.map((e) => e.textContent)), ['A', 'B', 'C', 'D', 'S']);
  assert.match(await page.textContent('.section-seventh') ?? '', /appropriate 7th character is to be added/);
  assert.match(await page.textContent('.section-excludes1') ?? '', /traumatic amputation of hip and thigh/);
  assert.equal(await page.locator('.section-children .code-link').count(), 4);
  assert.match(await page.textContent('.detail-flags') ?? '', /Not billable/);
  // Keyboard: code links are focusable buttons.
  await page.focus('.section-children .code-link[data-code="S72.001A"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /S72\.001A/.test(document.querySelector('.detail-title')?.textContent ?? ''));
  // Unknown code: a clear message, no crash.
  await ep.send({ type: 'showCode', code: 'Q99.999' });
  await page.waitForSelector('.detail .empty >> text=not an ICD-10-CM FY2026 code');
  assert.deepEqual(ep.pageErrors, []);
  await ep.close();
});

test('note text is rendered as text only: <script>, <img onerror> and javascript: links do nothing', { skip }, async () => {
  const codings = new Map([[XSS_NOTE_URI, xssCoding()]]);
  const evil = { uri: XSS_NOTE_URI, name: '<img src=x onerror="window.__xss=4">.note' };
  const ep = await open({ codings, note: evil });
  const { page } = ep;
  await page.click('vscode-tab-header[data-tab="summary"]');
  await page.waitForSelector('.summary .item');
  const texts = await page.$$eval('.evidence-text', (els) => els.map((e) => e.textContent));
  assert.ok(texts.includes(SCRIPT_TEXT) && texts.includes(IMG_TEXT) && texts.includes(JS_LINK_TEXT));
  assert.equal(await page.textContent('.note-name'), evil.name);
  await page.click(`.evidence >> text=${JS_LINK_TEXT}`);
  await page.waitForTimeout(100);
  // A string: tsx would add helpers to a function that the page does not have.
  const probe = await page.evaluate(`(() => {
    const all = [];
    const walk = (root) => root.querySelectorAll('*').forEach((e) => { all.push(e); if (e.shadowRoot) walk(e.shadowRoot); });
    walk(document);
    return {
      xss: window.__xss,
      imgs: all.filter((e) => e.tagName === 'IMG').length,
      scripts: all.filter((e) => e.tagName === 'SCRIPT').length,
      jsLinks: all.filter((e) => /javascript:/i.test(e.getAttribute('href') ?? '')).length,
      handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    };
  })()`);
  assert.deepEqual(probe, { xss: undefined, imgs: 0, scripts: 1, jsLinks: 0, handlers: 0 });
  assert.deepEqual(ep.blockedRequests, [], 'no request for src=x');
  assert.deepEqual(await ep.cspViolations(), []);
  assert.deepEqual(ep.pageErrors, []);
  await ep.close();
});

test('note summary: groups, accept / reject / undo / accept-all go to the server, evidence reveals its span, export', { skip }, async () => {
  const codings = new Map([[XSS_NOTE_URI, xssCoding()]]);
  const ep = await open({ codings, note: NOTE });
  const { page } = ep;
  await page.click('vscode-tab-header[data-tab="summary"]');
  await page.waitForSelector('.summary .item');
  const group = (g: string) => page.$$eval(`.group-${g} .item`, (els) => els.map((e) => (e as HTMLElement).dataset.code));
  assert.deepEqual(await group('pending'), ['E11.22', 'N18.30']);
  assert.deepEqual(await group('accepted'), ['I10']);
  assert.deepEqual(await group('rejected'), ['E10.9']);
  assert.match(await page.textContent('.counts') ?? '', /4 codes · 2 pending · 1 accepted · 1 rejected/);
  assert.match(await page.textContent('.group-rejected .item') ?? '', /negated/);

  await page.click('.group-pending .item[data-code="E11.22"] vscode-button[aria-label="Accept E11.22"]');
  await page.waitForFunction(() => document.querySelector('.group-accepted .item[data-code="E11.22"]'));
  assert.deepEqual(ep.decisions.at(-1), { uri: XSS_NOTE_URI, code: 'E11.22', decision: 'accepted' });
  await page.click('.group-accepted .item[data-code="E11.22"] vscode-button[aria-label="Mark E11.22 pending again"]');
  await page.waitForFunction(() => document.querySelector('.group-pending .item[data-code="E11.22"]'));
  assert.deepEqual(ep.decisions.at(-1), { uri: XSS_NOTE_URI, code: 'E11.22', decision: 'clear' });
  await page.click('vscode-button[aria-label="Reject N18.30"]');
  await page.waitForFunction(() => document.querySelector('.group-rejected .item[data-code="N18.30"]'));
  await page.click('vscode-button[aria-label="Accept all pending codes"]');
  await page.waitForFunction(() => document.querySelectorAll('.group-pending .item').length === 0);
  assert.deepEqual(await group('accepted'), ['E11.22', 'I10']);
  assert.equal(await page.getAttribute('vscode-button[aria-label="Accept all pending codes"]', 'disabled'), '');

  await page.click(`.evidence >> text=${IMG_TEXT}`);
  await page.waitForFunction(() => true);
  const reveal = ep.posted.find((m) => m.type === 'reveal');
  assert.deepEqual(reveal, { type: 'reveal', uri: XSS_NOTE_URI, start: 40, end: 40 + IMG_TEXT.length });
  for (const f of ['JSON', 'CSV', 'FHIR']) await page.click(`vscode-button[aria-label="Export codes as ${f}"]`);
  await page.waitForTimeout(50);
  assert.deepEqual(ep.posted.filter((m) => m.type === 'export'), ['json', 'csv', 'fhir'].map((format) => ({ type: 'export', uri: XSS_NOTE_URI, format })));
  // Keyboard: the evidence snippet is a button.
  assert.equal(await page.getAttribute('.evidence', 'type'), 'button');
  await ep.close();
});

test('code detail shows the evidence in the active note and its context status; follows the active note', { skip }, async () => {
  const codings = new Map([[XSS_NOTE_URI, xssCoding()]]);
  const ep = await open({ codings, note: NOTE });
  const { page } = ep;
  await ep.send({ type: 'showCode', code: 'E10.9' });
  await page.waitForSelector('.section-in-note');
  assert.match(await page.textContent('.section-in-note') ?? '', /negated/);
  assert.match(await page.textContent('.section-in-note .evidence') ?? '', /no type 1 diabetes/);
  assert.match(await page.textContent('.section-in-note .decision') ?? '', /rejected/);
  // Another note becomes active: no suggestions there, so no evidence section.
  await ep.send({ type: 'activeNote', note: { uri: 'file:///notes/other.note', name: 'other.note' } });
  await page.waitForFunction(() => !document.querySelector('.section-in-note'));
  await page.click('vscode-tab-header[data-tab="summary"]');
  await page.waitForSelector('.summary >> text=This file is not coded');
  // The note's diagnostics changed: the summary is asked for again.
  const before = ep.posted.filter((m) => m.type === 'request' && m.method === 'clinicalCoder/documentCoding').length;
  await ep.send({ type: 'noteChanged', uri: 'file:///notes/other.note' });
  await page.waitForFunction(() => true);
  await page.waitForTimeout(50);
  assert.ok(ep.posted.filter((m) => m.type === 'request' && m.method === 'clinicalCoder/documentCoding').length > before);
  await ep.close();
});

test('view state is saved with setState and restored on reload (hidden/shown panel, serializer after restart)', { skip }, async () => {
  const codings = new Map([[XSS_NOTE_URI, xssCoding()]]);
  const ep = await open({ codings, note: NOTE });
  await ep.send({ type: 'showCode', code: 'S72.001A' });
  await ep.page.waitForFunction(() => document.querySelector('vscode-tree-item[data-code="S72.001A"]')?.hasAttribute('selected'));
  await ep.page.click('vscode-tab-header[data-tab="summary"]');
  // State is written when the page is idle (at most ~300 ms later).
  for (let i = 0; i < 50 && ep.states.at(-1)?.tab !== 'summary'; i++) await ep.page.waitForTimeout(20);
  const state = ep.states.at(-1)!;
  await ep.close();
  assert.equal(state.tab, 'summary');
  assert.equal(state.detailCode, 'S72.001A');
  assert.deepEqual(state.expanded, ['CH19', 'S70-S79', 'S72', 'S72.0', 'S72.00', 'S72.001']);

  const again = await open({ codings, note: NOTE, state });
  const { page } = again;
  await page.waitForSelector(`${item('S72.001A')}[selected]`, { state: 'attached' });
  await page.waitForSelector('.detail-title >> text=S72.001A', { state: 'attached' });
  assert.equal(await page.evaluate(() => (document.querySelector('vscode-tabs') as unknown as { selectedIndex: number }).selectedIndex), 2);
  await page.waitForSelector('.summary .item');
  await again.close();
});

for (const theme of ['light', 'dark', 'high-contrast'] as Theme[]) {
  test(`uses the VS Code theme variables (${theme})`, { skip }, async () => {
    const ep = await open({ theme, codings: new Map([[XSS_NOTE_URI, xssCoding()]]), note: NOTE });
    const { page } = ep;
    const got = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const body = getComputedStyle(document.body);
      return { fg: root.getPropertyValue('--vscode-foreground').trim(), bg: root.getPropertyValue('--vscode-editor-background').trim(), color: body.color, background: body.backgroundColor, cls: document.body.className };
    });
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    assert.equal(got.color, rgb(got.fg));
    assert.equal(got.background, rgb(got.bg));
    assert.equal(got.cls, `vscode-${theme}`);
    if (theme === 'high-contrast') {
      await page.click('vscode-tab-header[data-tab="summary"]');
      await page.waitForSelector('.summary .item');
      const border = await page.$eval('.evidence', (e) => getComputedStyle(e).borderTopColor);
      assert.equal(border, 'rgb(111, 195, 223)');
    }
    await ep.close();
  });
}
