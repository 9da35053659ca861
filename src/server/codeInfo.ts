// Knowledge-base facts the hover and the quick fixes show for a suggested code: the breadcrumb
// (chapter › block › category), the coding notes that matter when assigning it (Excludes1, code first,
// use additional code) and its more specific children. Computed in the engine worker, beside the KB.
import type { IcdKnowledgeBase } from '../icd/knowledge-base';
import type { CodeInfo, CodeInfoNote } from '../common/protocol';

const NOTE_KINDS = new Set<CodeInfoNote['kind']>(['excludes1', 'codeFirst', 'useAdditionalCode']);
const MAX_NOTES = 8;
const MAX_CHILDREN = 12;

export function codeInfo(kb: IcdKnowledgeBase, code: string): CodeInfo {
  const e = kb.get(code);
  if (!e) return { breadcrumb: [], notes: [], children: [], unknown: true };
  // ancestors(): nearest first, ending at the chapter. Keep chapter, block and category (3 characters).
  const chain = [...kb.ancestors(code)].reverse();
  const breadcrumb = chain
    .filter((a) => a.kind === 'chapter' || a.kind === 'block' || a.kind === 'category')
    .map((a) => ({ code: a.kind === 'chapter' ? `Chapter ${a.chapter.number}` : a.code, title: a.kind === 'block' ? a.block.title || a.longTitle : a.longTitle || a.shortTitle }));
  const notes: CodeInfoNote[] = [];
  const seen = new Set<string>();
  for (const n of safe(() => kb.notes(code), [])) {
    const kind = n.kind as CodeInfoNote['kind'];
    if (!NOTE_KINDS.has(kind) || seen.has(`${kind}\u0000${n.text}`)) continue;
    seen.add(`${kind}\u0000${n.text}`);
    notes.push({ kind, text: n.text, from: n.from });
    if (notes.length >= MAX_NOTES) break;
  }
  // More specific: the billable codes below this one (a header's leaves), nearest level first.
  const children: CodeInfo['children'] = [];
  const queue = [...safe(() => kb.children(code), [])];
  while (queue.length && children.length < MAX_CHILDREN) {
    const c = queue.shift()!;
    if (c.billable) children.push({ code: c.code, title: c.longTitle || c.shortTitle });
    else queue.push(...safe(() => kb.children(c.code), []));
  }
  return { breadcrumb, notes, children, title: e.longTitle || e.shortTitle, billable: e.billable };
}

function safe<T>(fn: () => T, fallback: T): T {
  try { return fn(); } catch { return fallback; }
}
