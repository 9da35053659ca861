// Tiny DOM builder. Data only ever enters the page as text nodes or attribute values set through
// the DOM API — never through innerHTML — so note text such as "<img src=x onerror=...>" stays text.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element; `attrs` become attributes (false/null/undefined are skipped), children become text or nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function el(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      // Event-handler attributes and URL-bearing attributes never come from data.
      if (/^on/i.test(k) || k === 'href' || k === 'src' || k === 'srcdoc') throw new Error(`el(): refusing attribute ${k}`);
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A focusable button that opens a code's detail (handled by one delegated listener on the document). */
export function codeLink(code: string, label?: string, extraLabel?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'code-link', 'data-code': code, title: `Show ${code}${extraLabel ? ` ${extraLabel}` : ''}` }, label ?? code);
  return b;
}

// A code ("E11.22"), optionally a range ("N18.1-N18.6"), optionally with the "-"/".-" of "needs more characters".
const CODE_TOKEN = /\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?(?:-[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)?)(\.?-)?/g;

/**
 * Renders a tabular note's text with the codes it cites as links. Only codes listed in `codes`
 * (canonical, from the knowledge base) become links; everything else stays plain text.
 */
export function textWithCodes(text: string, codes: readonly string[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  const wanted = new Set(codes);
  const linked = new Set<string>();
  let last = 0;
  for (const m of text.matchAll(CODE_TOKEN)) {
    const code = m[1];
    if (!wanted.has(code)) continue;
    const idx = m.index ?? 0;
    if (idx > last) frag.appendChild(document.createTextNode(text.slice(last, idx)));
    frag.appendChild(codeLink(code, m[0]));
    linked.add(code);
    last = idx + m[0].length;
  }
  if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
  // Codes the note cites without writing them in its text (e.g. ranges) are listed after it.
  const rest = codes.filter((c) => !linked.has(c));
  if (rest.length) {
    frag.appendChild(document.createTextNode(' '));
    rest.forEach((c, i) => { if (i) frag.appendChild(document.createTextNode(', ')); frag.appendChild(codeLink(c)); });
  }
  return frag;
}

export function percent(x: number): string {
  return `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;
}
