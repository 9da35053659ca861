// `clinical-coder rules`: the registered coding rules as JSON lines; `--check` codes every rule's examples.
import type { CliCommand } from '../command';
import { UsageError, parseFlags } from '../command';
import { CodingEngine } from '../../coder/index';
import { CODING_RULES } from '../../coder/rules/registry';
import { checkRuleExamples } from '../../coder/rules/check-examples';
import { disabledRuleFlags } from './code';

export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'List the coding rules (JSON lines), or check every rule example against the shipped knowledge base',
  usage: 'clinical-coder rules [--check] [--disable-rule ID]...\n' +
    '  One line per rule: {"id","title","guideline","policies","phase","examples"} (examples: how many).\n' +
    '  --check codes every example (encoder off) and prints one line per example; exit code 1 if any fails.',
  async run(args) {
    const { flags, positionals } = parseFlags(args, ['check']);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const disabled = disabledRuleFlags(args);
    if (!flags.has('check')) {
      for (const r of CODING_RULES) {
        console.log(JSON.stringify({ id: r.id, title: r.title, guideline: r.guideline, policies: r.policies, phase: r.phase, examples: r.examples.length,
          ...(disabled.includes(r.id) ? { disabled: true } : {}) }));
      }
      return 0;
    }
    const engine = await CodingEngine.create({ encoder: null, onWarning: (m) => console.error(`clinical-coder rules: warning: ${m}`) });
    const results = await checkRuleExamples(engine, CODING_RULES, disabled);
    for (const r of results) console.log(JSON.stringify(r));
    const failed = results.filter((r) => !r.ok);
    const idle = results.filter((r) => r.holdsWithoutRule).length;
    console.error(`clinical-coder rules: ${results.length - failed.length}/${results.length} examples pass` +
      `${idle ? `; ${idle} also hold with their rule disabled` : ''}${failed.length ? `; failing: ${failed.map((f) => `${f.rule}#${f.example}`).join(', ')}` : ''}`);
    return failed.length ? 1 : 0;
  },
};
