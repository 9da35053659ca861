// Runs every rule's examples through the whole engine (the shipped knowledge base and models): the expected codes
// must be suggested as active and the forbidden ones not. Each example is also coded with its rule disabled, to say
// whether it shows the rule at work (an example that holds without its rule pins nothing about it).
import type { CodingEngine } from '../engine';
import type { CodingRule, RuleExample } from './rule';

export interface ExampleResult {
  rule: string;
  example: number;
  note: string;
  ok: boolean;
  /** Expected codes not suggested, forbidden codes suggested. */
  missing: string[];
  present: string[];
  /** Whether the expectations also hold with the rule disabled. */
  holdsWithoutRule: boolean;
}

async function activeCodes(engine: CodingEngine, ex: RuleExample, rule: CodingRule, disabled: string[]): Promise<Set<string>> {
  const r = await engine.code(ex.note, { policy: ex.policy ?? rule.policies[0], useEncoder: false, disabledRules: disabled });
  return new Set(r.suggestions.filter((s) => s.status === 'active').map((s) => s.code));
}

const verdict = (ex: RuleExample, got: Set<string>) => ({
  missing: (ex.expect ?? []).filter((c) => !got.has(c)),
  present: (ex.forbid ?? []).filter((c) => got.has(c)),
});

export async function checkRuleExamples(engine: CodingEngine, rules: readonly CodingRule[], disabled: readonly string[] = []): Promise<ExampleResult[]> {
  const out: ExampleResult[] = [];
  for (const rule of rules) {
    if (disabled.includes(rule.id)) continue;
    for (const [i, ex] of rule.examples.entries()) {
      const off = [...disabled, ...(ex.without ?? [])];
      const { missing, present } = verdict(ex, await activeCodes(engine, ex, rule, off));
      const without = verdict(ex, await activeCodes(engine, ex, rule, [...off, rule.id]));
      out.push({ rule: rule.id, example: i + 1, note: ex.note, ok: !missing.length && !present.length, missing, present,
        holdsWithoutRule: !without.missing.length && !without.present.length });
    }
  }
  return out;
}
