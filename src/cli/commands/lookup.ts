// `clinical-coder lookup <code>`: everything the knowledge base knows about one code, as JSON.
import { loadKnowledgeBase } from '../../icd/index';
import { parseFlags, UsageError } from '../command';
import type { CliCommand } from '../command';

export const lookupCommand: CliCommand = {
  name: 'lookup',
  summary: 'Show an ICD-10-CM code (FY2026) as JSON: titles, hierarchy, notes, 7th characters, index paths',
  usage: 'clinical-coder lookup <code> [--brief]   (accepts E11.22, e1122, E11, E08-E13, CH04)',
  async run(args: string[]): Promise<number> {
    const { flags, positionals } = parseFlags(args, ['brief']);
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one code at a time' : 'missing code');
    const kb = loadKnowledgeBase();
    const code = kb.normalize(positionals[0]); // throws IcdCodeError with what to do
    const entry = kb.get(code)!;
    if (flags.has('brief')) { console.log(JSON.stringify(entry, null, 2)); return 0; }
    const full = {
      ...entry,
      ancestors: kb.ancestors(code).map((a) => ({ code: a.code, kind: a.kind, title: a.longTitle })),
      notes: kb.notes(code),
      sevenCharacters: kb.sevenCharacters(code),
      indexPaths: kb.indexPaths(code),
      fiscalYear: kb.meta.fiscalYear,
    };
    console.log(JSON.stringify(full, null, 2));
    return 0;
  },
};
