// Minimal glob matching for the include/exclude settings (`**`, `*`, `?`, `{a,b}`), so the server needs no
// dependency for it. Patterns are matched against the path relative to each workspace folder and against the
// absolute path, with `/` separators.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += '(?:' + glob.slice(i + 1, close).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
      i = close;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const out = new RegExp('^' + re + '$');
  cache.set(glob, out);
  return out;
}

/** True when `filePath` (absolute, any separators) matches `glob` relative to one of `roots` or absolutely. */
export function matchesGlob(glob: string, filePath: string, roots: readonly string[]): boolean {
  const p = filePath.replace(/\\/g, '/');
  const re = globToRegExp(glob.replace(/\\/g, '/'));
  if (re.test(p) || re.test(p.replace(/^\//, ''))) return true;
  for (const root of roots) {
    const r = root.replace(/\\/g, '/').replace(/\/$/, '') + '/';
    if (p.startsWith(r) && re.test(p.slice(r.length))) return true;
  }
  return false;
}

/** Included when it matches some include glob (or there are none) and no exclude glob. */
export function isIncluded(filePath: string, include: readonly string[], exclude: readonly string[], roots: readonly string[]): boolean {
  if (include.length && !include.some((g) => matchesGlob(g, filePath, roots))) return false;
  return !exclude.some((g) => matchesGlob(g, filePath, roots));
}
