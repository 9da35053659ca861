// Trains the visit stage (src/coder/visit-features.ts) on ../shared/data/aci-dev: US outpatient visit notes with
// billing gold. Writes models/scorer/visit-scorer.json (encoder on) and visit-scorer-lexical.json, each with its
// 5-fold cross-validated figures (folds by note): the shipped models see all 80 notes, so only the
// cross-validated figures say how they do on notes they never saw.
// Usage: npm run train:visit-scorer [-- --out DIR]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModelsDir, resolveSharedDataDir } from '../src/common/paths';
import { CodingEngine, VISIT_SCORER } from '../src/coder/engine';
import { evaluate, parseGold, codeKey } from '../src/coder/eval/metrics';
import { collectVisitRows, crossValidateVisit, trainVisitModel } from '../src/coder/eval/visit-training';

async function main() {
  const shared = resolveSharedDataDir();
  const dir = shared && path.join(shared, 'aci-dev');
  if (!dir || !fs.existsSync(path.join(dir, 'gold.tsv'))) throw new Error('../shared/data/aci-dev not found: the visit stage is trained on it');
  const outArg = process.argv.indexOf('--out');
  const out = outArg > 0 ? process.argv[outArg + 1] : path.join(resolveModelsDir(), 'scorer');
  const gold = parseGold(fs.readFileSync(path.join(dir, 'gold.tsv'), 'utf8'));
  const notes = new Map([...gold.keys()].sort().map((id) => [id, fs.readFileSync(path.join(dir, 'notes', `${id}.txt`), 'utf8')]));
  // The first stage without any visit model: the rows are what the visit stage is given.
  const base = (await CodingEngine.create({})).withModels({ visit: {} });
  for (const [file, useEncoder] of [[VISIT_SCORER.lexical, false], [VISIT_SCORER.encoder, true]] as const) {
    if (useEncoder && !base.hasEncoder) { console.log(`${file}: skipped, encoder unavailable`); continue; }
    const data = await collectVisitRows(base, notes, gold, useEncoder);
    const rows = data.rows;
    const cv = crossValidateVisit(data, gold, 5);
    const r = evaluate(gold, cv, cv);
    const reached = new Set(rows.filter((x) => x.y).map((x) => `${x.note}\t${codeKey(x.code)}`));
    const unreachable = [...gold].filter(([n]) => !data.firstStage.has(n)).reduce((a, [n, g]) => a + [...g].filter((c) => !reached.has(`${n}\t${c}`)).length, 0);
    const model = trainVisitModel(rows, unreachable, `aci-dev (${notes.size - data.firstStage.size} of ${notes.size} notes read as visits, ${rows.length} active ruled codes, ${rows.filter((x) => x.y).length} in the gold)`);
    const f = (x: number) => +x.toFixed(4);
    model.metrics = { crossValidated5Fold: { precision: f(r.micro.precision), recall: f(r.micro.recall), f1: f(r.micro.f1), categoryF1: f(r.category.f1) } };
    fs.writeFileSync(path.join(out, file), JSON.stringify(model) + '\n');
    console.log(`${file}: ${rows.length} rows; 5-fold cross-validated P ${f(r.micro.precision)} R ${f(r.micro.recall)} F1 ${f(r.micro.f1)}; threshold ${model.threshold.billing.toFixed(3)}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
