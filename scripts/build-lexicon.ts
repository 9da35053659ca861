// Rebuilds models/scorer/lexicon.json.gz, the cached matching lexicon, from the knowledge base (the engine
// rebuilds it in memory when the cache is stale, at a cost of seconds per start). train:scorer writes it too.
// Usage: npm run build:lexicon
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { resolveModelsDir } from '../src/common/paths';
import { loadKnowledgeBase } from '../src/icd/loader';
import { LEXICON_CACHE } from '../src/coder/engine';
import { TermLexicon, knowledgeBaseFingerprint } from '../src/coder/term-lexicon';

const modelsDir = resolveModelsDir();
const kb = loadKnowledgeBase(modelsDir);
const lexicon = TermLexicon.fromKnowledgeBase(kb);
const file = path.join(modelsDir, 'scorer', LEXICON_CACHE);
fs.writeFileSync(file, zlib.gzipSync(Buffer.from(JSON.stringify(lexicon.serialize(knowledgeBaseFingerprint(kb)))), { level: 9 }));
console.log(`wrote ${file} (${fs.statSync(file).size} bytes)`);
