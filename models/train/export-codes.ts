// Dumps the knowledge base's code texts for training (models/train/.work/codes.json), so the encoder is trained
// on exactly the pieces buildCodeText() ships: title, ancestors, inclusion terms, index synonyms. Synonyms from
// the held-out main terms (heldout-main-terms.txt) are left out, as in the evaluation.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir } from '../../src/common/paths';
import { codeTextParts, mainTermKey } from '../../src/encoder/code-text';
import { loadKnowledgeBase } from '../../src/icd';

const trainDir = path.join(resolveModelsDir(), 'train');
const heldout = new Set(fs.readFileSync(path.join(trainDir, 'heldout-main-terms.txt'), 'utf8').split('\n').filter(Boolean));
const kb = loadKnowledgeBase();
const out: Record<string, unknown> = {};
let n = 0, withSyn = 0;
for (const e of kb.allCodes()) {
  if (e.kind === 'chapter' || e.kind === 'block') continue;
  const p = codeTextParts(kb, e.code, { excludeMainTerms: heldout })!;
  out[e.code] = { title: p.title, short: e.shortTitle, billable: e.billable, parent: e.parent && kb.get(e.parent)?.kind !== 'block' ? e.parent : null, ancestors: p.ancestors, inclusion: p.inclusion, synonyms: p.synonyms.slice(0, 12) };
  n++;
  if (p.synonyms.length) withSyn++;
}
const mainTerms = new Set<string>();
for (const h of kb.indexEntries()) if (h.path.length) mainTerms.add(mainTermKey(h.path[0]));
const matched = [...heldout].filter((m) => mainTerms.has(mainTermKey(m))).length;
fs.mkdirSync(path.join(trainDir, '.work'), { recursive: true });
fs.writeFileSync(path.join(trainDir, '.work', 'codes.json'), JSON.stringify(out));
console.error(`codes ${n} (with index synonyms ${withSyn}); held-out main terms found in the KB index: ${matched}/${heldout.size}`);
