// Writes docs/rules.md from the rule registry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODING_RULES } from '../src/coder/rules/registry';
import { renderRulesDoc } from '../src/coder/rules/rules-doc';

const file = path.resolve(__dirname, '..', 'docs', 'rules.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderRulesDoc(CODING_RULES));
console.log(`wrote ${path.relative(process.cwd(), file)} (${CODING_RULES.length} rules)`);
