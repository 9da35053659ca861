// Loads the built Code Explorer (dist/webview.js + dist/webview.css) in headless Debian chromium, in
// the very page the extension serves (renderExplorerHtml, same CSP), with a stubbed acquireVsCodeApi.
// The stub forwards every message to this Node process, which answers like the extension host would:
// explorer requests through the real server handlers (createExplorerHandlers) over a knowledge base,
// documentCoding/decide from in-memory note codings. Used by the browser tests and by bench.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type {
  ActiveNote, DecideParams, DocumentCoding, ExplorerViewState, HostToWebview, WebviewToHost,
} from '../../src/common/explorerProtocol';
import { renderExplorerHtml } from '../../src/extension/explorerHtml';
import { createExplorerHandlers, type ExplorerKnowledgeBase } from '../../src/server/explorerRequests';

import { ROOT } from './root';

export { ROOT };
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser layer cannot run here, or undefined when it can. */
export function browserSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`;
  if (!existsSync(join(DIST, 'webview.js')) || !existsSync(join(DIST, 'webview.css'))) return 'dist/webview.js missing: run "npm run build" first';
  return undefined;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export type Theme = 'light' | 'dark' | 'high-contrast';

/** A few of the variables VS Code injects into every webview, per theme kind. */
const THEMES: Record<Theme, { body: string; vars: Record<string, string> }> = {
  light: { body: 'vscode-light', vars: {
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
    '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#717171',
    '--vscode-textLink-foreground': '#005fb8', '--vscode-focusBorder': '#005fb8', '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
    '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
    '--vscode-input-border': '#cecece', '--vscode-panel-border': '#e5e5e5', '--vscode-errorForeground': '#f85149',
    '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000' } },
  dark: { body: 'vscode-dark', vars: {
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
    '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-textLink-foreground': '#4daafc', '--vscode-focusBorder': '#0078d4', '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
    '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc',
    '--vscode-input-border': '#3c3c3c', '--vscode-panel-border': '#2b2b2b', '--vscode-errorForeground': '#f85149',
    '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff' } },
  'high-contrast': { body: 'vscode-high-contrast', vars: {
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
    '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-descriptionForeground': '#ffffff',
    '--vscode-textLink-foreground': '#21a6ff', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df',
    '--vscode-badge-background': '#000000', '--vscode-badge-foreground': '#ffffff', '--vscode-button-background': '#000000',
    '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df', '--vscode-input-background': '#000000',
    '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df', '--vscode-errorForeground': '#f48771' } },
};

// One local HTTP server per process serves the page (per-page HTML) and the built bundle.
let server: Server | undefined;
let originPromise: Promise<string> | undefined;
let nextPageId = 1;
const pagesById = new Map<number, Page>();
const pageHtml = new WeakMap<Page, string>();

function staticOrigin(): Promise<string> {
  originPromise ??= new Promise((resolveOrigin) => {
    const files: Record<string, [string, string]> = { '/dist/webview.js': ['webview.js', 'text/javascript'], '/dist/webview.css': ['webview.css', 'text/css'] };
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/index.html') {
        const page = pagesById.get(Number(url.searchParams.get('page')));
        const html = page && pageHtml.get(page);
        if (html) { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); return; }
      }
      const f = files[url.pathname];
      if (f) { res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' }); res.end(readFileSync(join(DIST, f[0]))); return; }
      res.writeHead(404); res.end();
    });
    server.listen(0, '127.0.0.1', () => resolveOrigin(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`));
    server.unref();
  });
  return originPromise;
}

/** The stubbed VS Code webview API (runs in the page before any page script). */
const STUB_SOURCE = String.raw`function ({ state, theme }) {
  // csp: violations; rt: each request's post → reply times (the host round trip, for the bench).
  const cc = { csp: [], rt: [] };
  window.__cc = cc;
  document.addEventListener('securitypolicyviolation', (e) => cc.csp.push(e.violatedDirective + ' ' + e.blockedURI));
  // VS Code puts its theme variables on <html>; the init script may run before <html> exists.
  const applyVars = () => { for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(k, v); };
  if (document.documentElement) applyVars();
  else new MutationObserver((_, o) => { if (document.documentElement) { applyVars(); o.disconnect(); } }).observe(document, { childList: true });
  document.addEventListener('DOMContentLoaded', () => document.body.classList.add(theme.body));
  let st = state;
  let acquired = false;
  const host = window.__ccHost;
  const setState = window.__ccSetState;
  // The first call of a Playwright binding in a fresh page is slow (100+ ms); make it now, while the page
  // loads, so the page's first real request measures the page and the host, not the test driver.
  host({ type: 'harness-warm-up' });
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      // Structured clone, as VS Code's postMessage does; replies arrive as window 'message' events.
      postMessage(m) {
        const rec = m && m.type === 'request' ? { method: m.method, post: performance.now(), reply: 0 } : null;
        if (rec) cc.rt.push(rec);
        host(JSON.parse(JSON.stringify(m))).then((replies) => {
          if (rec) rec.reply = performance.now();
          for (const r of replies) window.dispatchEvent(new MessageEvent('message', { data: r }));
        });
      },
      getState: () => st,
      setState: (s) => { st = s; setState(s); },
    };
  };
}`;

export interface ExplorerFixture {
  /** Answers the explorer's requests through the server handlers in this process... */
  kb?: ExplorerKnowledgeBase;
  /** ...or through this function instead (the bench: the built language server over stdio). */
  backend?: (method: string, params: unknown) => Promise<unknown>;
  /** Note codings by URI, as the server's documentCoding request returns them (mutated by decide). */
  codings?: Map<string, DocumentCoding>;
  note?: ActiveNote | null;
  /** What vscode.getState() returns at load (a restored panel). */
  state?: ExplorerViewState;
  theme?: Theme;
  viewport?: { width: number; height: number };
  /** Answer the tree's look-ahead requests with nothing (measures expansion with a round trip). */
  noPrefetch?: boolean;
  /** Extra page script run before the page's own (the bench's observers). */
  initScript?: string;
  /** Called with the page just before it navigates (profilers). */
  beforeGoto?: (page: Page) => Promise<void>;
}

/** One loaded Code Explorer page and everything the fake host saw. */
export class ExplorerPage {
  readonly posted: WebviewToHost[] = [];
  readonly decisions: DecideParams[] = [];
  readonly states: ExplorerViewState[] = [];
  readonly blockedRequests: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, fx: ExplorerFixture): Promise<ExplorerPage> {
    const page = await browser.newPage({ viewport: fx.viewport ?? { width: 520, height: 900 } });
    page.setDefaultTimeout(8000);
    const ep = new ExplorerPage(page);
    const local = createExplorerHandlers({ knowledgeBase: () => fx.kb }) as unknown as Record<string, (p: unknown) => Promise<unknown>>;
    const backend = fx.backend;
    const handlers: Record<string, (p: unknown) => Promise<unknown>> = backend
      ? Object.fromEntries(Object.keys(local).map((m) => [m, (p: unknown) => backend(m, p)])) : local;
    const codings = fx.codings ?? new Map<string, DocumentCoding>();
    page.on('pageerror', (e) => ep.pageErrors.push(String(e)));

    await page.exposeFunction('__ccSetState', (s: ExplorerViewState) => { ep.states.push(s); });
    await page.exposeFunction('__ccHost', async (m: WebviewToHost): Promise<HostToWebview[]> => {
      if ((m as { type: string }).type === 'harness-warm-up') return [];
      ep.posted.push(m);
      if ((m as { type: string }).type === 'harness-warm-up') return [];
      if (m.type === 'ready') return [{ type: 'activeNote', note: fx.note ?? null }];
      if (m.type !== 'request') return [];
      try {
        let result: unknown;
        if (m.method === 'clinicalCoder/explorer/childrenMany' && fx.noPrefetch) result = {};
        else if (handlers[m.method]) result = await handlers[m.method](m.params);
        else if (m.method === 'clinicalCoder/documentCoding') result = codings.get((m.params as { uri: string }).uri) ?? null;
        else if (m.method === 'clinicalCoder/decide') {
          const p = m.params as DecideParams;
          ep.decisions.push(p);
          const c = codings.get(p.uri);
          const s = c?.suggestions.find((x) => x.code === p.code);
          if (s) { if (p.decision === 'clear') delete s.decision; else s.decision = p.decision; }
          result = c ? structuredClone(c) : null;
        } else throw new Error(`unknown method ${m.method}`);
        return [{ type: 'response', id: m.id, result }];
      } catch (e) {
        return [{ type: 'response', id: m.id, error: e instanceof Error ? e.message : String(e) }];
      }
    });

    const theme = THEMES[fx.theme ?? 'dark'];
    // A string, not a function: tsx's transpiler would inject helpers the page does not have.
    await page.addInitScript(`(${STUB_SOURCE})(${JSON.stringify({ state: fx.state, theme })});`);
    if (fx.initScript) await page.addInitScript(fx.initScript);

    // Served like the webview's resources: over HTTP from one origin (the page's cspSource), from memory.
    const origin = await staticOrigin();
    page.on('request', (r) => { if (!r.url().startsWith(`${origin}/`)) ep.blockedRequests.push(r.url()); });
    pageHtml.set(page, renderExplorerHtml({ cspSource: origin, nonce: 'TESTnonce0123456789abcdefABCDEF01', scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css` }));
    const id = nextPageId++;
    pagesById.set(id, page);
    page.once('close', () => pagesById.delete(id));
    await fx.beforeGoto?.(page);
    await page.goto(`${origin}/index.html?page=${id}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\npage errors: ${ep.pageErrors.join('; ')}\nblocked: ${ep.blockedRequests.join(', ')}`);
    });
    return ep;
  }

  /** Delivers a host → webview message, as the extension's webview.postMessage would. */
  async send(m: HostToWebview): Promise<void> {
    await this.page.evaluate((msg) => window.dispatchEvent(new MessageEvent('message', { data: msg })), m);
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __cc: { csp: string[] } }).__cc.csp);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
