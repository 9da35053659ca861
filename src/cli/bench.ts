// Benchmark runner: `node dist/bench.js all` or `node dist/bench.js <name> [args]`.
// First: the native runtime's telemetry off before anything can load it.
import '../encoder/runtime-telemetry';
import { benchmarks } from './bench/index';

async function main(argv: string[]): Promise<number> {
  const [name = 'all', ...rest] = argv;
  const selected = name === 'all' ? benchmarks.filter((b) => !/quality|encoder/.test(b.name)) : benchmarks.filter((b) => b.name === name);
  if (!selected.length) {
    console.error(`unknown benchmark "${name}"; available: all, ${benchmarks.map((b) => b.name).join(', ')}`);
    return 2;
  }
  for (const b of selected) {
    console.log(`\n=== bench ${b.name}: ${b.summary} ===`);
    await b.run(rest);
  }
  return 0;
}

main(process.argv.slice(2)).then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 1; });
