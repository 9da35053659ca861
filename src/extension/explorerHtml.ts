// The Code Explorer page. Pure (no `vscode` import) so the browser tests load exactly this HTML.
// Strict CSP: no remote content, scripts only with the per-load nonce, styles only from the
// extension's dist/ folder; the page itself has no inline script, style or event handler.

export interface ExplorerHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** webview.asWebviewUri(dist/webview.js) */
  scriptUri: string;
  /** webview.asWebviewUri(dist/webview.css) */
  styleUri: string;
}

/** 32 random alphanumerics; a fresh one for every page load. */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => chars[b % chars.length]).join('');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function explorerCsp(o: Pick<ExplorerHtmlOptions, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `img-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderExplorerHtml(o: ExplorerHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(explorerCsp(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Code Explorer</title>
</head>
<body>
<main id="app" aria-label="ICD-10-CM Code Explorer"></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}
