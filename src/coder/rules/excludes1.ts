// Excludes1: two codes that must not be reported together.
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { CodingPolicy } from '../types';
import { onlyInside } from './lexical-mentions';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** Excludes1: two codes that must not be reported together. Billing keeps the more confident one; mentions flags both. */
export function resolveExcludes1(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], policy: CodingPolicy): RuleEdit[] {
  const active = cs.filter((c) => c.status === 'active');
  if (active.length < 2) return [];
  const edits: RuleEdit[] = [];
  const by = new Map(active.map((c) => [c.code, c]));
  // Strongest pairs first, and a code once set aside sets nothing else aside (a weak E13.40 must not remove E11.40
  // after E11.22 has already removed it).
  const strength = (x: { a: string; b: string }) => Math.max(by.get(x.a)?.confidence ?? 0, by.get(x.b)?.confidence ?? 0);
  const conflicts = [...kb.excludes1Conflicts(active.map((c) => c.code))].sort((x, y) => strength(y) - strength(x));
  const setAside = new Set<RuledCandidate>();
  for (const { a, b, note } of conflicts) {
    const ca = by.get(a), cb = by.get(b);
    if (!ca || !cb) continue;
    // Words inside another match are the weaker reading ("suicidal" in "suicidal ideation", "major depressive
    // disorder" in "..., recurrent, severe"): a code resting only on them yields, whatever its confidence.
    // The same words read twice, once as an unspecified code ("contact dermatitis, unspecified cause") and once as
    // one that says more ("... due to poison ivy", L23.7): the one that says more is the reading.
    const unspecified = (c: RuledCandidate) => /\bunspecified\b/i.test(kb.get(c.code)?.longTitle ?? '');
    const saysMore = (x: RuledCandidate, y: RuledCandidate) => !unspecified(x) && unspecified(y)
      && x.mentions.some((m) => y.mentions.some((n) => n.start < m.end && m.start < n.end && m.nKeys > n.nKeys));
    const [keep, lose] = onlyInside(ca) !== onlyInside(cb) ? (onlyInside(ca) ? [cb, ca] : [ca, cb])
      : saysMore(ca, cb) ? [ca, cb] : saysMore(cb, ca) ? [cb, ca]
      : ca.confidence >= cb.confidence ? [ca, cb] : [cb, ca];
    if (policy === 'billing') {
      if (setAside.has(keep) || setAside.has(lose)) continue;
      setAside.add(lose);
      edits.push({ op: 'status', target: lose, status: 'uncertain', note: `Excludes1 with ${keep.code}: not reported together (${note})` },
        { op: 'note', target: keep, note: `Excludes1: ${lose.code} set aside (${note})` });
    } else {
      for (const [x, y] of [[ca, cb], [cb, ca]] as const) edits.push({ op: 'note', target: x, note: `Excludes1 conflict with ${y.code} (${note})` });
    }
  }
  return edits;
}
