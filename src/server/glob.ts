// Glob matching for the include/exclude settings (`**`, `*`, `?`, `{a,b}`) in time linear in the path for a given
// pattern: the pattern becomes a small automaton whose set of live positions is advanced one character at a time,
// so a hostile workspace setting (`**a**a**a**...b`) cannot freeze the server the way a backtracking regular
// expression does. Patterns are matched against the path relative to each workspace folder and against the absolute
// path, with `/` separators.

// star: `*` (within a segment); globstar: a bare `**` (anything); dirs: `**/` (zero or more whole folders).
type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'globstar' } | { kind: 'dirs' };

/** `{a,b}` alternatives expand into separate patterns; more than this many is refused as a setting error. */
const MAX_ALTERNATIVES = 64;
const MAX_PATTERN = 1000;

function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  const close = glob.indexOf('}', open);
  if (close < 0) return [glob];
  const head = glob.slice(0, open), tail = glob.slice(close + 1);
  const out: string[] = [];
  for (const alt of glob.slice(open + 1, close).split(',')) {
    for (const rest of expandBraces(tail)) {
      out.push(head + alt + rest);
      if (out.length > MAX_ALTERNATIVES) throw new Error(`glob ${JSON.stringify(glob.slice(0, 80))} has more than ${MAX_ALTERNATIVES} alternatives`);
    }
  }
  return out;
}

function tokenize(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      let j = i;
      while (glob[j + 1] === '*') j++;
      const double = j > i;
      // `**/` also matches no folder at all: `**/a` matches `a`.
      if (double && glob[j + 1] === '/' && (i === 0 || glob[i - 1] === '/')) { out.push({ kind: 'dirs' }); i = j + 1; continue; }
      if (out.at(-1)?.kind !== 'star' && out.at(-1)?.kind !== 'globstar') out.push(double ? { kind: 'globstar' } : { kind: 'star' });
      i = j;
    } else if (c === '?') out.push({ kind: 'any' });
    else out.push({ kind: 'char', c });
  }
  return out;
}

/** One compiled pattern: match(s) is O(|s| × |pattern|). */
class GlobAutomaton {
  private readonly alternatives: Token[][];
  constructor(glob: string) {
    if (glob.length > MAX_PATTERN) throw new Error(`glob longer than ${MAX_PATTERN} characters`);
    this.alternatives = expandBraces(glob).map(tokenize);
  }

  match(s: string): boolean {
    return this.alternatives.some((t) => run(t, s));
  }
}

function run(tokens: Token[], s: string): boolean {
  const n = tokens.length;
  // live[p]: the pattern up to token p is matched; inside[p] (a `**/` token only): within a folder name it consumes,
  // which it may leave only through the next `/`.
  let live = new Uint8Array(n + 1);
  let inside = new Uint8Array(n + 1);
  const close = (set: Uint8Array) => {
    // Stars and `**/` may match nothing: their successors are live too.
    for (let p = 0; p < n; p++) if (set[p] && tokens[p].kind !== 'char' && tokens[p].kind !== 'any') set[p + 1] = 1;
  };
  live[0] = 1;
  close(live);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const next = new Uint8Array(n + 1);
    const nextInside = new Uint8Array(n + 1);
    let any = false;
    for (let p = 0; p < n; p++) {
      const t = tokens[p];
      if (inside[p]) { if (ch === '/') next[p] = 1; else nextInside[p] = 1; any = true; }
      if (!live[p]) continue;
      if (t.kind === 'char') { if (t.c === ch) { next[p + 1] = 1; any = true; } }
      else if (t.kind === 'any') { if (ch !== '/') { next[p + 1] = 1; any = true; } }
      else if (t.kind === 'star') { if (ch !== '/') { next[p] = 1; any = true; } }
      else if (t.kind === 'dirs') { if (ch === '/') next[p] = 1; else nextInside[p] = 1; any = true; }
      else { next[p] = 1; any = true; }
    }
    if (!any) return false;
    close(next);
    live = next;
    inside = nextInside;
  }
  return live[n] === 1;
}

const cache = new Map<string, GlobAutomaton | null>();

function compiled(glob: string): GlobAutomaton | null {
  let hit = cache.get(glob);
  if (hit === undefined) {
    try { hit = new GlobAutomaton(glob); } catch { hit = null; }
    if (cache.size > 500) cache.clear();
    cache.set(glob, hit);
  }
  return hit;
}

/** Whether `path` (with `/` separators) matches `glob` as a whole. A pattern that cannot be compiled matches nothing. */
export function globMatches(glob: string, path: string): boolean {
  return compiled(glob)?.match(path) ?? false;
}

/** A setting's glob that is refused (too long, too many alternatives): the message says why, or undefined. */
export function globProblem(glob: string): string | undefined {
  try { new GlobAutomaton(glob); return undefined; } catch (e) { return (e as Error).message; }
}

/** True when `filePath` (absolute, any separators) matches `glob` relative to one of `roots` or absolutely. */
export function matchesGlob(glob: string, filePath: string, roots: readonly string[]): boolean {
  const p = filePath.replace(/\\/g, '/');
  const g = glob.replace(/\\/g, '/');
  if (globMatches(g, p) || globMatches(g, p.replace(/^\//, ''))) return true;
  for (const root of roots) {
    const r = root.replace(/\\/g, '/').replace(/\/$/, '') + '/';
    if (p.startsWith(r) && globMatches(g, p.slice(r.length))) return true;
  }
  return false;
}

/** Included when it matches some include glob (or there are none) and no exclude glob. */
export function isIncluded(filePath: string, include: readonly string[], exclude: readonly string[], roots: readonly string[]): boolean {
  if (include.length && !include.some((g) => matchesGlob(g, filePath, roots))) return false;
  return !exclude.some((g) => matchesGlob(g, filePath, roots));
}
