import type { Benchmark } from './registry';
import { encoderBenchmark } from './encoder';
import { noteBenchmark } from './note';
import { icdBenchmark } from './icd';
import { qualityBenchmark } from './quality';
import { engineBenchmark } from './engine';
import { lspBenchmark } from './lsp';

/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
export const benchmarks: Benchmark[] = [
  encoderBenchmark,
  noteBenchmark,
  icdBenchmark,
  qualityBenchmark,
  engineBenchmark,
  lspBenchmark,
];
