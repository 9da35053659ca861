// `clinical-coder search "<text>"`: top ICD-10-CM codes for a phrase (lexical, offline).
import { loadKnowledgeBase } from '../../icd/index';
import { parseFlags, UsageError } from '../command';
import type { CliCommand } from '../command';

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search ICD-10-CM codes by words (titles, inclusion terms, Alphabetic Index) or look up an index term',
  usage: 'clinical-coder search "<text>" [--k 10] [--json] [--index]   (--index: Alphabetic Index entries instead)',
  async run(args: string[]): Promise<number> {
    const { flags, positionals } = parseFlags(args, ['json', 'index']);
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError('missing search text');
    const k = flags.has('k') ? Number(flags.get('k')) : 10;
    if (!Number.isInteger(k) || k < 1 || k > 200) throw new UsageError('--k must be a whole number from 1 to 200');
    const kb = loadKnowledgeBase();
    if (flags.has('index')) {
      const hits = kb.lookupIndex(text, k);
      if (flags.has('json')) console.log(JSON.stringify(hits, null, 2));
      else if (!hits.length) console.log(`no Alphabetic Index entry matches "${text}"`);
      else for (const h of hits) {
        const where = h.see ? ` (see ${h.see})` : h.seeAlso ? ` (see also ${h.seeAlso})` : '';
        const more = h.needsMoreSpecificity ? ' [needs more specificity]' : '';
        const manif = h.manifestation?.length ? ` + [${h.manifestation.join(', ')}]` : '';
        console.log(`${h.path.join(', ')}${where}: ${h.codes.join(' ') || '-'}${manif}${more}`);
      }
      return 0;
    }
    const hits = kb.search(text, k);
    if (flags.has('json')) { console.log(JSON.stringify(hits, null, 2)); return 0; }
    if (!hits.length) { console.log(`no ICD-10-CM code matches "${text}"`); return 0; }
    const w = Math.max(...hits.map((h) => h.code.length));
    for (const h of hits) {
      const billable = kb.isBillable(h.code) ? ' ' : '*';
      const via = h.source === 'title' ? '' : `   [${h.source}: ${h.matched}]`;
      console.log(`${h.code.padEnd(w)}${billable} ${h.score.toFixed(3)}  ${h.title}${via}`);
    }
    if (hits.some((h) => !kb.isBillable(h.code))) console.log('* = header, not billable: pick a more specific code (clinical-coder lookup <code>)');
    return 0;
  },
};
