// docs/rules.md, written from the registry (scripts/gen-rules-doc.ts), so the list a reader sees is the list that runs.
import { RULE_PHASES, type CodingRule } from './rule';

const PHASES: Record<(typeof RULE_PHASES)[number], string> = {
  read: 'how each reading is taken (confidence, dual codes, encounter, side)',
  filter: 'readings a coder would not report',
  add: 'codes the documentation implies (history, combinations, status, drugs, BMI...)',
  specificity: 'the most specific code the note supports',
  assess: 'what the assessment does not support',
  conflicts: 'codes not reported together',
  annotate: 'what the coder needs next to each code',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' / ');

export function renderRulesDoc(rules: readonly CodingRule[]): string {
  const out = [
    '# Coding rules',
    '',
    '<!-- Generated from src/coder/rules/registry.ts by `npm run docs:rules`; a unit test fails when it is out of date. -->',
    '',
    `The engine applies ${rules.length} rules after scoring, phase by phase. Each code a rule adds or changes carries the`,
    "rule's id, guideline and action (`rules` on a suggestion). `clinical-coder rules` lists them as JSON lines,",
    '`clinical-coder rules --check` codes every example below against the shipped knowledge base, and',
    '`clinicalCoder.rules.disabled` (or `--disable-rule ID`) turns a rule off.',
    '',
  ];
  for (const phase of RULE_PHASES) {
    const here = rules.filter((r) => r.phase === phase);
    if (!here.length) continue;
    out.push(`## ${phase}: ${PHASES[phase]}`, '', '| id | rule | guideline | policies | examples |', '|---|---|---|---|---|');
    for (const r of here) {
      const ex = r.examples.map((e) => `"${cell(e.note)}"${e.expect?.length ? ` → ${e.expect.join(', ')}` : ''}${e.forbid?.length ? `; not ${e.forbid.join(', ')}` : ''}`).join('<br>');
      out.push(`| \`${r.id}\` | ${cell(r.title)} | ${cell(r.guideline)} | ${r.policies.join(', ')} | ${ex} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
