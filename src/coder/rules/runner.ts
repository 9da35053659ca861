// Runs the registered rules over the scored candidates: phases in order, a disabled rule skipped, edits applied
// copy-on-write (a code added twice is merged once), and each change recorded on the code as provenance.
import type { PlacedMention } from '../features';
import { RULE_PHASES, isEditRule, type CodingRule, type RuleContext, type RuleEdit, type RuleProvenance, type TransformRule } from './rule';
import { mergeSameCodes } from './rule-mention';
import type { RuledCandidate } from './types';

export function runRules(rules: readonly CodingRule[], ctx: RuleContext, input: RuledCandidate[], disabled: ReadonlySet<string> = new Set()): RuledCandidate[] {
  const order = [...rules].sort((a, b) => RULE_PHASES.indexOf(a.phase) - RULE_PHASES.indexOf(b.phase));
  let cs = input;
  for (const rule of order) {
    if (disabled.has(rule.id) || !rule.policies.includes(ctx.policy)) continue;
    cs = isEditRule(rule) ? applyEdits(rule, cs, rule.edits(ctx, freeze(cs))) : transformed(rule, ctx, cs);
  }
  return cs;
}

function freeze(cs: RuledCandidate[]): readonly RuledCandidate[] {
  for (const c of cs) { Object.freeze(c); Object.freeze(c.mentions); if (c.notes) Object.freeze(c.notes); }
  return Object.freeze([...cs]);
}

const stamp = (rule: CodingRule, action: string): RuleProvenance => ({ id: rule.id, guideline: rule.guideline, action });
const withProvenance = (c: RuledCandidate, p: RuleProvenance): RuledCandidate['rules'] =>
  (c.rules?.some((x) => x.id === p.id && x.action === p.action) ? c.rules : [...(c.rules ?? []), p]);

/** Applies one rule's edits in order; a target is the candidate as the rule saw it. */
export function applyEdits(rule: CodingRule, cs: RuledCandidate[], edits: RuleEdit[]): RuledCandidate[] {
  if (!edits.length) return cs;
  const out = [...cs];
  const slot = new Map<RuledCandidate, number>(cs.map((c, i) => [c, i]));
  const dropped = new Set<number>();
  let recoded = false;
  const update = (target: RuledCandidate, f: (c: RuledCandidate) => RuledCandidate) => {
    const i = slot.get(target);
    if (i === undefined) throw new Error(`rule ${rule.id}: an edit names a candidate it was not given`);
    out[i] = f(out[i]);
  };
  for (const e of edits) {
    if (e.op === 'drop') { const i = slot.get(e.target); if (i !== undefined) dropped.add(i); continue; }
    if (e.op === 'status') { update(e.target, (c) => ({ ...c, status: e.status, notes: [...(c.notes ?? []), e.note], rules: withProvenance(c, stamp(rule, `status ${e.status}`)) })); continue; }
    if (e.op === 'note') { update(e.target, (c) => ({ ...c, notes: [...(c.notes ?? []), e.note], rules: withProvenance(c, stamp(rule, 'note')) })); continue; }
    if (e.op === 'replace') {
      recoded = true;
      update(e.target, (c) => ({ ...c, code: e.code, notes: [...(c.notes ?? []), e.note], rules: withProvenance(c, stamp(rule, `replaces ${c.code}`)) }));
      continue;
    }
    if (e.op === 'evidence') {
      update(e.target, (c) => ({ ...c, mentions: [...c.mentions, ...e.mentions], notes: e.note ? [...(c.notes ?? []), e.note] : c.notes, rules: withProvenance(c, stamp(rule, e.from ? `replaces ${e.from}` : 'evidence')) }));
      continue;
    }
    if (e.op === 'confidence') { update(e.target, (c) => ({ ...c, confidence: e.confidence, rules: withProvenance(c, stamp(rule, 'confidence')) })); continue; }
    const i = out.findIndex((c, k) => !dropped.has(k) && c.code === e.code);
    if (i < 0) {
      out.push({ code: e.code, mentions: e.mentions, status: 'active', confidence: e.confidence, notes: [e.note], rules: [stamp(rule, 'add')] });
      continue;
    }
    const c = out[i];
    out[i] = { ...c, mentions: [...e.mentions, ...c.mentions.filter((m) => !e.mentions.some((n) => n.start === m.start))],
      confidence: Math.max(c.confidence, e.confidence), status: 'active', notes: [...(c.notes ?? []), e.note], rules: withProvenance(c, stamp(rule, 'confirm')) };
  }
  const kept = out.filter((_, i) => !dropped.has(i));
  // A replacement that lands on a code already suggested becomes one candidate.
  return recoded ? mergeSameCodes(kept) : kept;
}

const copy = (c: RuledCandidate): RuledCandidate => ({ ...c, mentions: [...c.mentions], ...(c.notes ? { notes: [...c.notes] } : {}) });

/** Runs a transform on copies and records, per code, what it changed. */
function transformed(rule: TransformRule, ctx: RuleContext, cs: RuledCandidate[]): RuledCandidate[] {
  const before = new Map<string, RuledCandidate>();
  for (const c of cs) if (!before.has(c.code)) before.set(c.code, c);
  // A rewrite can turn two codes into one (W19.XXXA into the W19.XXXD already read): merged once, here.
  const after = mergeSameCodes(rule.transform(ctx, cs.map(copy)));
  // Annotations (alternatives, tabular notes) inform the coder and change no code: not recorded.
  if (rule.phase === 'annotate') return after;
  const kept = new Set(after.map((c) => c.code));
  const goneMentions = new Map<PlacedMention, string>();
  for (const c of before.values()) if (!kept.has(c.code)) for (const m of c.mentions) goneMentions.set(m, c.code);
  return after.map((c) => {
    const was = before.get(c.code);
    const actions: string[] = [];
    if (!was) actions.push('add');
    else {
      if (was.status !== c.status) actions.push(`status ${c.status}`);
      if (c.confidence > was.confidence) actions.push('confidence');
      if (c.mentions.length > was.mentions.length) actions.push('evidence');
      else if ((c.notes?.length ?? 0) > (was.notes?.length ?? 0)) actions.push('note');
    }
    const replaced = new Set<string>();
    for (const m of c.mentions) { const code = goneMentions.get(m); if (code && code !== c.code && !was?.mentions.includes(m)) replaced.add(code); }
    if (replaced.size) actions.push(`replaces ${[...replaced].sort().join(' ')}`);
    if (!actions.length) return c;
    return { ...c, rules: actions.reduce((r, a) => withProvenance({ ...c, rules: r }, stamp(rule, a)), c.rules) };
  });
}
