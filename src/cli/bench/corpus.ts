// Notes the speed benchmarks code: CodiEsp dev when ../shared/data is present, else the bundled samples.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveProjectRoot, resolveSharedDataDir } from '../../common/paths';

export function benchCorpus(): { files: string[]; from: string } {
  const shared = resolveSharedDataDir();
  const dir = shared && path.join(shared, 'codiesp', 'dev', 'notes');
  if (dir && fs.existsSync(dir)) return { files: fs.readdirSync(dir).sort().map((f) => path.join(dir, f)), from: 'CodiEsp dev notes' };
  const samples = path.join(resolveProjectRoot(), 'samples');
  return { files: fs.existsSync(samples) ? fs.readdirSync(samples).sort().map((f) => path.join(samples, f)) : [], from: 'samples/' };
}

/** A note of about `words` words made of whole lines from the corpus, starting at note `from`. */
export function noteOf(files: string[], words: number, from: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = from; n < words; i++) {
    for (const line of fs.readFileSync(files[i % files.length], 'utf8').split('\n')) {
      if (!line.trim()) continue;
      out.push(line); n += line.split(/\s+/).length;
      if (n >= words) break;
    }
  }
  return out.join('\n');
}

/** The p-quantile (0..1) of xs, nearest rank. */
export const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
