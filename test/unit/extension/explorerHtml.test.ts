// The Code Explorer page: strict CSP with a per-load nonce, nothing remote, nothing inline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explorerCsp, makeNonce, renderExplorerHtml } from '../../../src/extension/explorerHtml';
import { isExplorerMethod } from '../../../src/common/explorerProtocol';

const opts = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: makeNonce(), scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css' };

test('nonces are 32 random alphanumerics, fresh each time', () => {
  const a = makeNonce(); const b = makeNonce();
  assert.match(a, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a, b);
});

test('the CSP allows only the nonce script and the extension\'s own styles; nothing inline, eval or remote', () => {
  const csp = explorerCsp(opts);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${opts.nonce}'(;|$)`));
  assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
});

test('the page has one script, with the nonce, and no inline handlers or styles', () => {
  const html = renderExplorerHtml(opts);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, new RegExp(`<script nonce="${opts.nonce}" src="https://x/dist/webview.js"></script>`));
  assert.doesNotMatch(html, /\son[a-z]+=|style=|<style/i);
  assert.match(html, /<meta http-equiv="Content-Security-Policy"/);
});

test('attribute values are escaped', () => {
  const html = renderExplorerHtml({ ...opts, scriptUri: 'https://x/a.js"><script>alert(1)</script>' });
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('the extension forwards only the explorer\'s own methods', () => {
  assert.ok(isExplorerMethod('clinicalCoder/explorer/search'));
  assert.ok(isExplorerMethod('clinicalCoder/decide'));
  assert.ok(!isExplorerMethod('workspace/applyEdit'));
  assert.ok(!isExplorerMethod('clinicalCoder/codeText'));
  assert.ok(!isExplorerMethod(undefined));
});
