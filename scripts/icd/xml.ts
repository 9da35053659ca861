// A tiny, strict XML reader for the CMS ICD-10-CM release files. They are plain element trees
// (no DTD, CDATA or namespaces), so a regex tokenizer is faster than a general parser and lets us
// fail loudly on anything unexpected (unclosed or mismatched tags) instead of guessing.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown XML entity ${m}`);
    return v;
  });
}

/** Parses a whole document; throws with a line number on malformed markup. */
export function parseXml(xml: string, file = 'xml'): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.\-:]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  const lineAt = (pos: number) => xml.slice(0, pos).split('\n').length;
  while ((m = re.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) { top.children.push(decodeEntities(m[5])); continue; }
    if (m[6] !== undefined) throw new Error(`${file}: malformed markup at line ${lineAt(m.index)}`);
    if (m[2] === undefined) continue; // declaration or comment
    if (m[1]) {
      if (top.name !== m[2]) throw new Error(`${file}: </${m[2]}> closes <${top.name}> at line ${lineAt(m.index)}`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    if (m[3]) for (const a of m[3].matchAll(/([\w.\-:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
    const el: XmlElement = { name: m[2], attrs, children: [] };
    top.children.push(el);
    if (!m[4]) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`${file}: document ends inside <${stack[stack.length - 1].name}>`);
  const els = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (els.length !== 1) throw new Error(`${file}: expected one root element, found ${els.length}`);
  return els[0];
}

export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** All text inside an element, whitespace collapsed. */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const walk = (e: XmlElement) => { for (const c of e.children) typeof c === 'string' ? parts.push(c) : walk(c); };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Text of an element excluding the named child elements (e.g. a title without its <nemod>). */
export function textWithout(el: XmlElement | undefined, skip: string): string {
  if (!el) return '';
  const parts: string[] = [];
  for (const c of el.children) if (typeof c === 'string') parts.push(c); else if (c.name !== skip) parts.push(textOf(c));
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
